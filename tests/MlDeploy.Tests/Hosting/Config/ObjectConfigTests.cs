using static MlDeploy.Tests.Hosting.Config.ConfigSource;

namespace MlDeploy.Tests.Hosting.Config;

public class ObjectConfigTests
{
    private const string Deployments =
        "  ml-platform:deployments:\n" +
        "    fraud-scorer:\n" +
        "      image: repo/fraud@sha256:abc\n" +
        "      minReplicas: 2\n" +
        "      cpu: 0.5\n" +
        "      public: true\n" +
        "      zones: [a, b]\n" +
        "    churn:\n" +
        "      image: repo/churn@sha256:def\n";

    private const string DeploymentsJson =
        "{\"fraud-scorer\":{\"image\":\"repo/fraud@sha256:abc\",\"minReplicas\":2,\"cpu\":0.5,\"public\":true,\"zones\":[\"a\",\"b\"]},\"churn\":{\"image\":\"repo/churn@sha256:def\"}}";

    private static void AssertSettings(Dictionary<string, DeploymentSettings>? settings)
    {
        Assert.NotNull(settings);
        Assert.Equal(["churn", "fraud-scorer"], settings.Keys.Order(StringComparer.Ordinal));
        var fraud = settings["fraud-scorer"];
        Assert.Equal(("repo/fraud@sha256:abc", 2, 0.5m, true), (fraud.Image, fraud.MinReplicas, fraud.Cpu, fraud.Public));
        Assert.Equal(["a", "b"], fraud.Zones!);
        Assert.Equal(("repo/churn@sha256:def", 1, 2m, false), (settings["churn"].Image, settings["churn"].MinReplicas, settings["churn"].Cpu, settings["churn"].Public));
    }

    [Fact]
    public void GetObject_PerDeploymentMapping_IsReadWithoutKeyConventions()
    {
        var file = FromFile(Deployments);
        var environment = FromEnvironment("ml-platform:deployments", DeploymentsJson);

        AssertSettings(file.GetObject("deployments", SettingsJson.Default.DictionaryStringDeploymentSettings));
        AssertSettings(environment.GetObject("deployments", SettingsJson.Default.DictionaryStringDeploymentSettings));
        Assert.Empty(file.Problems);
        Assert.Empty(environment.Problems);
    }

    [Fact]
    public void GetObject_ListOfObjects_IsRead()
    {
        var file = FromFile("  ml-platform:models:\n    - image: a\n    - image: b\n      minReplicas: 3\n");
        var environment = FromEnvironment("ml-platform:models", "[{\"image\":\"a\"},{\"image\":\"b\",\"minReplicas\":3}]");

        Assert.Equal([("a", 1), ("b", 3)], file.GetObject("models", SettingsJson.Default.ListDeploymentSettings)!.Select(s => (s.Image, s.MinReplicas)));
        Assert.Equal([("a", 1), ("b", 3)], environment.GetObject("models", SettingsJson.Default.ListDeploymentSettings)!.Select(s => (s.Image, s.MinReplicas)));
    }

    [Fact]
    public void GetObject_Unset_IsNull_RequireObjectReportsIt()
    {
        var config = FromFile("  aws:region: eu-west-1\n");

        Assert.Null(config.GetObject("deployments", SettingsJson.Default.DictionaryStringDeploymentSettings));
        Assert.Empty(config.Problems);
        Assert.Null(config.RequireObject("deployments", SettingsJson.Default.DictionaryStringDeploymentSettings));
        Assert.Equal($"{InFile}: ml-platform:deployments: is not set (run `pulumi config set deployments <value> --stack qa` or add it to {InFile})", Problem(config));
    }

    [Fact]
    public void GetObject_WrongTypeInside_NamesTheKeyAndTheJsonPath()
    {
        var file = FromFile(Deployments.Replace("minReplicas: 2", "minReplicas: two", StringComparison.Ordinal));
        var environment = FromEnvironment("ml-platform:deployments", DeploymentsJson.Replace("\"minReplicas\":2", "\"minReplicas\":\"two\"", StringComparison.Ordinal));

        Assert.Null(file.GetObject("deployments", SettingsJson.Default.DictionaryStringDeploymentSettings));
        Assert.Null(environment.GetObject("deployments", SettingsJson.Default.DictionaryStringDeploymentSettings));
        const string Expected = "ml-platform:deployments: $.fraud-scorer.minReplicas: is not of the type the stack program's Dictionary<String, DeploymentSettings> expects there (correct $.fraud-scorer.minReplicas; a number or boolean in quotes is text, and text is not a number)";
        Assert.Equal($"{InFile}:2: {Expected}", Problem(file));
        Assert.Equal($"{InEnvironment}: {Expected}", Problem(environment));
    }

    [Fact]
    public void GetObject_QuotedNumberInTheStackFile_IsAString()
    {
        var file = FromFile(Deployments.Replace("minReplicas: 2", "minReplicas: \"2\"", StringComparison.Ordinal));

        Assert.Null(file.GetObject("deployments", SettingsJson.Default.DictionaryStringDeploymentSettings));
        Assert.StartsWith($"{InFile}:2: ml-platform:deployments: $.fraud-scorer.minReplicas: is not of the type", Problem(file), StringComparison.Ordinal);
    }

    [Fact]
    public void GetObject_MisspeltField_IsReported()
    {
        var file = FromFile(Deployments.Replace("minReplicas: 2", "minReplica: 2", StringComparison.Ordinal));
        var environment = FromEnvironment("ml-platform:deployments", DeploymentsJson.Replace("\"minReplicas\"", "\"minReplica\"", StringComparison.Ordinal));

        Assert.Null(file.GetObject("deployments", SettingsJson.Default.DictionaryStringDeploymentSettings));
        Assert.Null(environment.GetObject("deployments", SettingsJson.Default.DictionaryStringDeploymentSettings));
        const string Expected = "ml-platform:deployments: $.fraud-scorer.minReplica: the JSON property 'minReplica' could not be mapped to any .NET member contained in type 'MlDeploy.Tests.Hosting.Config.DeploymentSettings' (correct $.fraud-scorer.minReplica to match the stack program's Dictionary<String, DeploymentSettings>)";
        Assert.Equal($"{InFile}:2: {Expected}", Problem(file));
        Assert.Equal($"{InEnvironment}: {Expected}", Problem(environment));
    }

    [Fact]
    public void GetObject_MissingRequiredField_IsReported()
    {
        var file = FromFile(Deployments.Replace("      image: repo/churn@sha256:def\n", "      minReplicas: 1\n", StringComparison.Ordinal));
        var environment = FromEnvironment("ml-platform:deployments", DeploymentsJson.Replace("\"image\":\"repo/churn@sha256:def\"", "\"minReplicas\":1", StringComparison.Ordinal));

        file.GetObject("deployments", SettingsJson.Default.DictionaryStringDeploymentSettings);
        environment.GetObject("deployments", SettingsJson.Default.DictionaryStringDeploymentSettings);

        const string Expected = "ml-platform:deployments: $.churn: JSON deserialization for type 'MlDeploy.Tests.Hosting.Config.DeploymentSettings' was missing required properties including: 'image' (correct $.churn to match the stack program's Dictionary<String, DeploymentSettings>)";
        Assert.Equal($"{InFile}:2: {Expected}", Problem(file));
        Assert.Equal($"{InEnvironment}: {Expected}", Problem(environment));
    }

    [Theory]
    [InlineData("  ml-platform:deployments: [a]\n", "ml-platform:deployments", "[\"a\"]", "is a list, but a mapping is expected")]
    [InlineData("  ml-platform:deployments: fraud-scorer\n", "ml-platform:deployments", "fraud-scorer", "is a single value, but a mapping is expected")]
    public void GetObject_NotAMapping_SaysWhatItIs(string yaml, string key, string json, string message)
    {
        var file = FromFile(yaml);
        var environment = FromEnvironment(key, json);

        Assert.Null(file.GetObject("deployments", SettingsJson.Default.DictionaryStringDeploymentSettings));
        Assert.Null(environment.GetObject("deployments", SettingsJson.Default.DictionaryStringDeploymentSettings));
        Assert.Equal($"{InFile}:2: {key}: {message} (write it as a YAML mapping, one `name: value` line per entry)", Problem(file));
        Assert.Equal($"{InEnvironment}: {key}: {message} (write it as a YAML mapping, one `name: value` line per entry)", Problem(environment));
    }

    [Fact]
    public void GetObject_ListExpected_MappingGiven()
    {
        var file = FromFile("  ml-platform:models: {image: a}\n");

        Assert.Null(file.GetObject("models", SettingsJson.Default.ListDeploymentSettings));
        Assert.Equal($"{InFile}:2: ml-platform:models: is a mapping, but a list is expected (write it as a YAML list, one `- item` line per entry)", Problem(file));
    }

    [Fact]
    public void GetObject_SecretKey_IsRefusedLikeEveryGetter()
    {
        var config = FromFile("  ml-platform:deployments:\n    secure: AAABAHk=\n");

        Assert.Null(config.GetObject("deployments", SettingsJson.Default.DictionaryStringDeploymentSettings));
        Assert.Equal($"{InFile}:2: ml-platform:deployments: is a secret and cannot be read into the program (reference it with SecretSource.Config(\"deployments\") so Pulumi reads it at deploy time)", Problem(config));
    }

    [Fact]
    public void GetObject_SingleValueType_IsAProgrammingError()
    {
        var config = FromFile("  ml-platform:minReplicas: \"2\"\n");

        Assert.Throws<ArgumentException>("typeInfo", () => config.GetObject("minReplicas", SettingsJson.Default.Int32));
    }
}
