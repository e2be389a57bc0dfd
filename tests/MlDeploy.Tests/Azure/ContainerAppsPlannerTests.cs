using System.Diagnostics;
using MlDeploy.Azure;
using MlDeploy.Azure.Blocks;
using MlDeploy.Graph;
using MlDeploy.Model;
using MlDeploy.Tests.Support;

namespace MlDeploy.Tests.Azure;

public class ContainerAppsPlannerTests
{
    private static ResourceGraph Graph(ModelDeployment d, EnvironmentProfile profile = EnvironmentProfile.Development) => ContainerAppsSamples.Synthesize(d, profile).Graph;

    private static Resource Named(ResourceGraph g, string name) => g.Resources.Single(r => r.Name == name);

    [Fact]
    public void Plan_Identity_HasExactlyAcrPullOnItsRegistryAndBlobReaderOnItsContainer()
    {
        var g = Graph(ContainerAppsSamples.Internal());

        var grants = g.Resources.Where(r => r.Type.Token == "azure-native:authorization:RoleAssignment")
            .Select(r => (ValuePath.GetString(r.Properties, "description"), ((OutputReference)r.Properties.Get("scope")!).Target, ((OutputReference)r.Properties.Get("principalId")!).Target))
            .ToList();

        Assert.Equal(
            [
                ("AcrPull on the registry of classifier, for its identity only", Named(g, "classifier-registry"), Named(g, "classifier-identity")),
                ("Storage Blob Data Reader on the model container of classifier, for its identity only", Named(g, "classifier-models-container"), Named(g, "classifier-identity")),
            ],
            grants);
    }

    [Fact]
    public void Plan_RoleAssignmentNames_AreStableDistinctGuids()
    {
        static List<string?> Names() => [.. Graph(ContainerAppsSamples.Internal()).Resources
            .Where(r => r.Type.Token == "azure-native:authorization:RoleAssignment")
            .Select(r => ValuePath.GetString(r.Properties, "roleAssignmentName"))];

        var first = Names();

        Assert.Equal(first, Names());
        Assert.Equal(first.Count, first.Distinct().Count());
        Assert.All(first, n => Assert.True(Guid.TryParse(n, out var guid) && guid.Version == 8, $"{n} is not a version-8 GUID"));
    }

    [Fact]
    public void Guid_DependsOnEveryPart_AndOnTheirBoundaries()
    {
        Assert.Equal(AzureNames.Guid("a", "b"), AzureNames.Guid("a", "b"));
        Assert.NotEqual(AzureNames.Guid("a", "b"), AzureNames.Guid("a", "c"));
        Assert.NotEqual(AzureNames.Guid("ab", "c"), AzureNames.Guid("a", "bc"));
    }

    [Fact]
    public void Plan_Registry_AdminOffAnonymousOff_PushWithTheDeployersToken_DeployedByDigest()
    {
        var g = Graph(ContainerAppsSamples.Internal());
        var registry = Named(g, "classifier-registry");
        var image = Named(g, "classifier-image");
        var app = Named(g, "classifier-app");

        Assert.Equal(false, ValuePath.GetBool(registry.Properties, "adminUserEnabled"));
        Assert.Equal(false, ValuePath.GetBool(registry.Properties, "anonymousPullEnabled"));
        Assert.Equal("Standard", ValuePath.GetString(registry.Properties, "sku.name"));
        Assert.Null(registry.Properties.Get("policies"));
        Assert.Equal("00000000-0000-0000-0000-000000000000", ValuePath.GetString(image.Properties, "registries[0].username"));
        // ValuePath reads through fn::secret; the golden shows the password is marked secret.
        var password = Assert.IsType<OutputReference>(ValuePath.Get(image.Properties, "registries[0].password"));
        Assert.Equal(("classifier-registry-token", "stdout"), (((Invoke)password.Target).Name, password.Path));
        Assert.True(Value.StructurallyEqual(
            Value.Format($"{registry.Output("loginServer")}/classifier@{image.Output("digest")}"),
            ValuePath.Get(app.Properties, "template.containers[0].image")));
    }

    [Fact]
    public void Plan_RegistryToken_NamesTheRegistryByItsOutput_SoItRunsAfterTheRegistryExists()
    {
        var g = Graph(ContainerAppsSamples.Internal());
        var command = Assert.IsType<Interpolation>(g.Invokes.Single(i => i.Name == "classifier-registry-token").Arguments.Get("command"));

        var reference = Assert.Single(command.Parts.OfType<OutputReference>());
        Assert.Same(Named(g, "classifier-registry"), reference.Target);
        Assert.Equal("name", reference.Path);
    }

    [Theory]
    [InlineData("printf 'token-123\\n'", 0, "token-123")]
    [InlineData("echo 'ERROR: The resource with name was not found' >&2; exit 1", 1, "")]
    public void RegistryToken_PrintsTheTokenWithoutNewline_AndFailsWhenAzFails(string az, int expectedCode, string expectedStdout)
    {
        using var dir = new TempDirectory();
        LoaderFiles.WriteExecutable(Path.Combine(dir.Path, "az"), $"#!/bin/sh\n{az}\n");
        var command = string.Concat(((Interpolation)RegistryBlock.TokenCommand(Value.Format($"{new Resource("r", AzureTypes.Registry, Value.Map()).Output("name")}"))).Parts
            .Select(p => p is StringValue s ? s.Value : "acmeregistry"));
        var start = new ProcessStartInfo("/bin/sh", ["-c", command]) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["PATH"] = dir.Path + Path.PathSeparator + start.Environment["PATH"];

        using var sh = Process.Start(start)!;
        var stdout = sh.StandardOutput.ReadToEnd();
        sh.StandardError.ReadToEnd();
        sh.WaitForExit();

        Assert.Equal((expectedCode, expectedStdout), (sh.ExitCode, stdout));
    }

    [Fact]
    public void Plan_VnetEnvironment_PremiumRegistryWithRetention_InternalZoneRedundantEnvironment()
    {
        var g = Graph(ContainerAppsSamples.Production(), EnvironmentProfile.Production);

        Assert.Equal("Premium", ValuePath.GetString(Named(g, "classifier-registry").Properties, "sku.name"));
        Assert.Equal(7m, ValuePath.GetNumber(Named(g, "classifier-registry").Properties, "policies.retentionPolicy.days"));
        Assert.Equal(true, ValuePath.GetBool(Named(g, "classifier-environment").Properties, "vnetConfiguration.internal"));
        Assert.Equal(true, ValuePath.GetBool(Named(g, "classifier-environment").Properties, "zoneRedundant"));
        Assert.DoesNotContain(g.Resources, r => r.Name == "classifier-rg");
    }

    [Fact]
    public void Plan_Canary_SplitsTrafficBetweenStableAndLatest()
    {
        var app = Named(Graph(ContainerAppsSamples.Production(), EnvironmentProfile.Production), "classifier-app");

        Assert.True(Value.StructurallyEqual(
            Value.List(Value.Map(("revisionName", "ml-platform-prod-classi-a2jmhqbz--0000041"), ("weight", 90)), Value.Map(("latestRevision", true), ("weight", 10))),
            ValuePath.Get(app.Properties, "configuration.ingress.traffic")));
        Assert.Equal("Multiple", ValuePath.GetString(app.Properties, "configuration.activeRevisionsMode"));
    }

    [Fact]
    public void Plan_BlueGreen_KeepsAllTrafficOnStable()
    {
        var d = ContainerAppsSamples.Internal() with
        {
            Rollout = new Rollout { Strategy = RolloutStrategy.BlueGreen },
            Target = ContainerAppsSamples.Target(EnvironmentProfile.Development) with { StableRevision = "ml-platform-staging-cla-5gkdiwyl--0000001" },
        };

        Assert.True(Value.StructurallyEqual(
            Value.List(Value.Map(("revisionName", "ml-platform-staging-cla-5gkdiwyl--0000001"), ("weight", 100)), Value.Map(("latestRevision", true), ("weight", 0))),
            ValuePath.Get(Named(Graph(d), "classifier-app").Properties, "configuration.ingress.traffic")));
    }

    [Fact]
    public void Plan_Ingress_InternalByDefault_ExternalOnlyWhenPublic()
    {
        var internalApp = Named(Graph(ContainerAppsSamples.Internal()), "classifier-app");
        var publicApp = Named(Graph(ContainerAppsSamples.Internal() with
        {
            Network = new Network { Exposure = Exposure.Public },
            Waivers = [new Waiver("MLS-NET-01", "partners call it"), new Waiver("MLS-NET-02", "the server checks partner keys")],
        }), "classifier-app");

        Assert.Equal(false, ValuePath.GetBool(internalApp.Properties, "configuration.ingress.external"));
        Assert.Equal(true, ValuePath.GetBool(publicApp.Properties, "configuration.ingress.external"));
        Assert.Equal(false, ValuePath.GetBool(publicApp.Properties, "configuration.ingress.allowInsecure"));
    }

    [Fact]
    public void Plan_Consumption_ServerGetsTheSmallestCombinationMinusTheLoader()
    {
        var app = Named(Graph(ContainerAppsSamples.Internal() with { Compute = new Compute { Cpu = 1, MemoryGiB = 3 } }), "classifier-app");

        // 1 vCPU / 3 GiB + 0.25 / 0.5 needs the 1.75 vCPU / 3.5 GiB combination.
        Assert.Equal(1.5m, ValuePath.GetNumber(app.Properties, "template.containers[0].resources.cpu"));
        Assert.Equal("3.0Gi", ValuePath.GetString(app.Properties, "template.containers[0].resources.memory"));
        Assert.Equal(0.25m, ValuePath.GetNumber(app.Properties, "template.initContainers[0].resources.cpu"));
        Assert.Equal("0.5Gi", ValuePath.GetString(app.Properties, "template.initContainers[0].resources.memory"));
    }

    [Theory]
    [InlineData(ScalingMetric.Concurrency, 7, "http", "concurrentRequests", "7")]
    [InlineData(ScalingMetric.RequestsPerSecond, 10, "http", "concurrentRequests", "10")]
    [InlineData(ScalingMetric.CpuUtilization, 70, "custom", "value", "70")]
    public void Plan_Scaling_BecomesTheMatchingRule(ScalingMetric metric, int target, string kind, string key, string value)
    {
        var app = Named(Graph(ContainerAppsSamples.Internal() with { Scaling = new Scaling { Min = 1, Max = 5, Metric = metric, Target = target } }), "classifier-app");

        Assert.Equal(value, ValuePath.GetString(app.Properties, $"template.scale.rules[0].{kind}.metadata.{key}"));
    }

    [Fact]
    public void Plan_StartupProbe_AllowsTheWholeStartupTimeout()
    {
        var app = Named(Graph(ContainerAppsSamples.Internal() with { Serving = new Serving { StartupTimeout = TimeSpan.FromMinutes(25) } }), "classifier-app");

        Assert.Equal("Startup", ValuePath.GetString(app.Properties, "template.containers[0].probes[0].type"));
        Assert.Equal(150m, ValuePath.GetNumber(app.Properties, "template.containers[0].probes[0].periodSeconds"));
        Assert.Equal(10m, ValuePath.GetNumber(app.Properties, "template.containers[0].probes[0].failureThreshold"));
    }

    [Fact]
    public void Plan_ExistingEnvironmentImageAndBlob_CreateNoWorkspaceRegistryOrStorage_AndGrantOnThoseScopes()
    {
        var d = ContainerAppsSamples.Internal() with
        {
            Image = ImageSource.Existing(ContainerAppsSamples.PinnedImage),
            Artifact = ModelArtifact.FromUri("https://acmemodels.blob.core.windows.net/models/classifier/"),
            Target = ContainerAppsSamples.Target(EnvironmentProfile.Development) with
            {
                ResourceGroupName = "ml-serving",
                RegistryId = ContainerAppsSamples.Registry,
                ArtifactStorageAccountId = ContainerAppsSamples.ModelAccount,
                EnvironmentId = $"/subscriptions/{ContainerAppsSamples.Subscription}/resourceGroups/ml/providers/Microsoft.App/managedEnvironments/ml-apps",
            },
        };

        var g = Graph(d);

        Assert.Equal(
            ["azure-native:app:ContainerApp", "azure-native:authorization:RoleAssignment", "azure-native:managedidentity:UserAssignedIdentity", "azure-native:monitor:ActionGroup", "azure-native:monitor:MetricAlert", "azure-native:portal:Dashboard"],
            g.Resources.Select(r => r.Type.Token).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(ContainerAppsSamples.Registry, ValuePath.GetString(Named(g, "classifier-acr-pull").Properties, "scope"));
        Assert.Equal($"{ContainerAppsSamples.ModelAccount}/blobServices/default/containers/models", ValuePath.GetString(Named(g, "classifier-model-reader").Properties, "scope"));
        Assert.Equal("classifier/", ValuePath.GetString(Named(g, "classifier-app").Properties, "template.initContainers[0].env[3].value"));
    }

    [Fact]
    public void Plan_Alerts_WatchLatencyErrorsAndSaturation_NotifyingTheActionGroup()
    {
        var g = Graph(ContainerAppsSamples.Internal());

        var alerts = g.Resources.Where(r => r.Type.Token == "azure-native:monitor:MetricAlert").OrderBy(r => r.Name, StringComparer.Ordinal).ToList();

        Assert.Equal(["CpuPercentage", "Requests", "ResponseTime", "MemoryPercentage", "Replicas", "RestartCount"], alerts.Select(a => ValuePath.GetString(a.Properties, "criteria.allOf[0].metricName")));
        Assert.All(alerts, a => Assert.True(Value.StructurallyEqual(Named(g, "classifier-alerts").Output("id"), ValuePath.Get(a.Properties, "actions[0].actionGroupId"))));
        Assert.Equal(1000m, ValuePath.GetNumber(alerts.Single(a => a.Name == "classifier-alert-latency").Properties, "criteria.allOf[0].threshold"));
    }
}
