using MlDeploy.Hosting;
using MlDeploy.Tests.Support;

namespace MlDeploy.Tests.Hosting.Config;

/// <summary>
/// The two ways config reaches a stack program: a stack file (YAML, values keep their line) and PULUMI_CONFIG (JSON
/// text, structured values as JSON strings). Every typed getter is tested through both.
/// </summary>
internal static class ConfigSource
{
    /// <summary>How messages name the stack file.</summary>
    public const string InFile = "stacks/Pulumi.qa.yaml";

    /// <summary>How messages name PULUMI_CONFIG.</summary>
    public const string InEnvironment = "PULUMI_CONFIG (stack qa)";

    /// <summary>Reads a stack file whose config section is <paramref name="lines"/> (indented by two spaces; the first key is on line 2).</summary>
    public static StackConfig FromFile(string lines)
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "Pulumi.qa.yaml");
        System.IO.File.WriteAllText(path, "config:\n" + lines);
        return StackConfigFile.Read("ml-platform", "qa", path, InFile);
    }

    /// <summary>Reads PULUMI_CONFIG with one key set to a text value.</summary>
    public static StackConfig FromEnvironment(string key, string value) =>
        ProjectFiles.FromEnvironment("ml-platform", "qa", System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, string> { [key] = value }), null);

    /// <summary>The problems, formatted as the host prints them.</summary>
    public static string[] Problems(StackConfig config) => [.. config.Problems.Select(p => p.ToString())];

    /// <summary>The one problem, formatted as the host prints it (a mismatch shows as a string difference).</summary>
    public static string Problem(StackConfig config) => Assert.Single(config.Problems).ToString();
}
