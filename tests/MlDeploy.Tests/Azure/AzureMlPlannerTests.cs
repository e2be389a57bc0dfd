using MlDeploy.Azure.MachineLearning;
using MlDeploy.Graph;
using MlDeploy.Model;

namespace MlDeploy.Tests.Azure;

public class AzureMlPlannerTests
{
    private static ResourceGraph Graph(ModelDeployment d, EnvironmentProfile profile = EnvironmentProfile.Development) => ContainerAppsSamples.Synthesize(d, profile).Graph;

    private static Resource Named(ResourceGraph g, string name) => g.Resources.Single(r => r.Name == name);

    private static string Revision(ResourceGraph g) => ValuePath.GetString(Named(g, "scorer-deployment").Properties, "deploymentName")!;

    private static string? Env(ResourceGraph g, string name) => ValuePath.GetString(Named(g, "scorer-traffic").Properties, $"environment.{name}");

    private static ModelDeployment WithTarget(ModelDeployment d, Func<AzureMlTarget, AzureMlTarget> change) => d with { Target = change((AzureMlTarget)d.Target) };

    [Fact]
    public void Plan_FirstDeployment_EndpointNamesNoTraffic_TheStepAfterTheDeploymentSendsAllToTheRevision()
    {
        var g = Graph(AzureMlSamples.Staging());
        var traffic = Named(g, "scorer-traffic");
        var endpoint = Named(g, "scorer-endpoint");

        Assert.Null(ValuePath.Get(endpoint.Properties, "properties.traffic"));
        Assert.Equal("properties.traffic", Assert.Single(endpoint.Options.IgnoreChanges));
        Assert.Equal("command:local:Command", traffic.Type.Token);
        Assert.Same(Named(g, "scorer-deployment"), Assert.Single(traffic.Options.DependsOn));
        Assert.Equal($"{Revision(g)}=100", Env(g, "TRAFFIC"));
        Assert.Equal(Revision(g), Env(g, "KEEP"));
        Assert.Contains("az ml online-endpoint update", ValuePath.GetString(traffic.Properties, "create"), StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_Autoscale_IsNamedForTheRevisionItScales_SoANewRevisionGetsANewSetting()
    {
        static (string Revision, string? Name, Value? Target) Autoscale(ModelDeployment d)
        {
            var g = Graph(d);
            var autoscale = Named(g, "scorer-autoscale");
            return (Revision(g), ValuePath.GetString(autoscale.Properties, "autoscaleSettingName"), autoscale.Properties.Get("targetResourceUri"));
        }

        var first = Autoscale(AzureMlSamples.Staging());
        var again = Autoscale(AzureMlSamples.Staging());
        var bigger = Autoscale(AzureMlSamples.Staging() with { Compute = new Compute { Cpu = 8, MemoryGiB = 32 } });

        Assert.NotEqual(first.Revision, bigger.Revision);
        Assert.Equal(first.Name, again.Name);
        Assert.NotEqual(first.Name, bigger.Name);
        Assert.Contains(first.Revision, first.Name, StringComparison.Ordinal);
        Assert.Contains(bigger.Revision, bigger.Name, StringComparison.Ordinal);
        Assert.Equal(("scorer-deployment", "id"), (((OutputReference)first.Target!).Target.Name, ((OutputReference)first.Target!).Path));
    }

    [Fact]
    public void Plan_CanaryNextToStable_EndpointKeepsStable_StepSplitsTheShare()
    {
        var g = Graph(WithTarget(AzureMlSamples.Staging(), t => t with { StableDeployment = "rev-stable01" }));

        Assert.Equal(100m, ValuePath.GetNumber(Named(g, "scorer-endpoint").Properties, "properties.traffic.rev-stable01"));
        Assert.Equal(string.Join(' ', new[] { ("rev-stable01", 90), (Revision(g), 10) }.OrderBy(w => w.Item1, StringComparer.Ordinal).Select(w => $"{w.Item1}={w.Item2}")), Env(g, "TRAFFIC"));
    }

    [Fact]
    public void Plan_BlueGreenNextToStable_RevisionTakesNothingUntilPromoted()
    {
        var d = WithTarget(AzureMlSamples.Staging(), t => t with { StableDeployment = "rev-stable01" }) with { Rollout = new Rollout { Strategy = RolloutStrategy.BlueGreen } };
        var g = Graph(d);

        Assert.Contains($"{Revision(g)}=0", Env(g, "TRAFFIC"), StringComparison.Ordinal);
        Assert.Contains("rev-stable01=100", Env(g, "TRAFFIC"), StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_StableNamingTheRevisionItself_SendsAllToIt()
    {
        var revision = Revision(Graph(AzureMlSamples.Staging()));
        var g = Graph(WithTarget(AzureMlSamples.Staging(), t => t with { StableDeployment = revision }));

        Assert.Equal($"{revision}=100", Env(g, "TRAFFIC"));
        Assert.Null(ValuePath.Get(Named(g, "scorer-endpoint").Properties, "properties.traffic"));
    }

    [Fact]
    public void Plan_Revision_IsStable_AndChangesWithTheImageOrTheInstanceType()
    {
        var first = Revision(Graph(AzureMlSamples.Staging()));

        Assert.Equal(first, Revision(Graph(AzureMlSamples.Staging())));
        Assert.NotEqual(first, Revision(Graph(AzureMlSamples.Staging() with { Image = ImageSource.Build("examples/model-server", "3.2.0") })));
        Assert.NotEqual(first, Revision(Graph(WithTarget(AzureMlSamples.Staging(), t => t with { InstanceType = "Standard_DS4_v2" }))));
        Assert.Matches("^rev-[a-z2-7]{8}$", first);
    }

    [Fact]
    public void Plan_Deployment_IsRetainedOnDelete_AndAutoscaleOwnsItsCapacity()
    {
        var g = Graph(AzureMlSamples.Staging());
        var deployment = Named(g, "scorer-deployment");
        var autoscale = Named(g, "scorer-autoscale");

        Assert.True(deployment.Options.RetainOnDelete);
        Assert.Equal("sku.capacity", Assert.Single(deployment.Options.IgnoreChanges));
        Assert.Equal("Standard_F2s_v2", ValuePath.GetString(deployment.Properties, "properties.instanceType"));
        Assert.Equal("CpuUtilizationPercentage", ValuePath.GetString(autoscale.Properties, "profiles[0].rules[0].metricTrigger.metricName"));
        Assert.Equal("3", ValuePath.GetString(autoscale.Properties, "profiles[0].capacity.maximum"));
    }

    [Fact]
    public void Plan_FixedInstanceCount_HasNoAutoscale()
    {
        var g = Graph(AzureMlSamples.Staging() with { Scaling = new Scaling { Min = 2, Max = 2 } });

        Assert.DoesNotContain(g.Resources, r => r.Name == "scorer-autoscale");
        Assert.Empty(Named(g, "scorer-deployment").Options.IgnoreChanges);
    }

    [Fact]
    public void Plan_Identity_HasExactlyAcrPullModelAndDatastoreReadersAndMetricsWriter()
    {
        var g = Graph(AzureMlSamples.Staging());

        var grants = g.Resources.Where(r => r.Type.Token == "azure-native:authorization:RoleAssignment").Select(r => ValuePath.GetString(r.Properties, "description")).ToList();

        Assert.Equal(
            [
                "AcrPull on the registry of scorer, for its identity only",
                "Storage Blob Data Reader on the model container of scorer, for its identity only",
                "Storage Blob Data Reader on the workspace storage account of scorer, for its identity only",
                "AzureML Metrics Writer on the workspace of scorer, for its identity only",
            ],
            grants);
        Assert.Equal("UserAssigned", ValuePath.GetString(Named(g, "scorer-endpoint").Properties, "identity.type"));
    }

    [Fact]
    public void Plan_CreatedWorkspace_UsesTheModelAccountVaultInsightsAndRegistry()
    {
        var g = Graph(AzureMlSamples.Staging());
        var workspace = Named(g, "scorer-workspace");

        Assert.Equal(Named(g, "scorer-models"), ((OutputReference)workspace.Properties.Get("storageAccount")!).Target);
        Assert.Equal(Named(g, "scorer-vault"), ((OutputReference)workspace.Properties.Get("keyVault")!).Target);
        Assert.Equal(Named(g, "scorer-insights"), ((OutputReference)workspace.Properties.Get("applicationInsights")!).Target);
        Assert.Equal(Named(g, "scorer-registry"), ((OutputReference)workspace.Properties.Get("containerRegistry")!).Target);
        Assert.Equal(true, ValuePath.GetBool(Named(g, "scorer-vault").Properties, "properties.enablePurgeProtection"));
    }

    [Fact]
    public void Plan_CreatedWorkspace_DatastoreReaderIsOnTheWorkspaceAccountNarrowedToTheDefaultDatastoreContainers()
    {
        // Online endpoints need Storage Blob Data Reader on the workspace's default datastore, which a user-assigned
        // identity is never given automatically; a created workspace keeps it in the deployment's model account.
        var g = Graph(AzureMlSamples.Staging());
        var grant = Named(g, "scorer-datastore-reader").Properties;

        Assert.Equal(Named(g, "scorer-models"), ((OutputReference)grant.Get("scope")!).Target);
        Assert.Equal(
            "(!(ActionMatches{'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read'})) OR (@Resource[Microsoft.Storage/storageAccounts/blobServices/containers:name] StringStartsWith 'azureml-blobstore-')",
            ValuePath.GetString(grant, "condition"));
        Assert.Equal("2.0", ValuePath.GetString(grant, "conditionVersion"));
    }

    [Fact]
    public void Plan_ExistingWorkspace_DatastoreReaderIsOnTheStorageAccountTheWorkspaceReports()
    {
        var g = Graph(WithTarget(AzureMlSamples.Staging(), t => t with { WorkspaceId = AzureMlSamples.Workspace }));
        var lookup = Assert.Single(g.Invokes, i => i.Function.Token == "azure-native:machinelearningservices:getWorkspace");
        var scope = (OutputReference)Named(g, "scorer-datastore-reader").Properties.Get("scope")!;

        Assert.Equal("ml-workspaces", ValuePath.GetString(lookup.Arguments, "resourceGroupName"));
        Assert.Equal("ml-prod", ValuePath.GetString(lookup.Arguments, "workspaceName"));
        Assert.Same(lookup, scope.Target);
        Assert.Equal("storageAccount", scope.Path);
    }

    [Fact]
    public void Plan_ExistingWorkspace_CreatesNoWorkspaceAndUsesItsResourceGroup()
    {
        var g = Graph(WithTarget(AzureMlSamples.Staging(), t => t with { WorkspaceId = AzureMlSamples.Workspace }));

        Assert.DoesNotContain(g.Resources, r => r.Type.Token == "azure-native:machinelearningservices:Workspace");
        Assert.Equal("ml-prod", ValuePath.GetString(Named(g, "scorer-endpoint").Properties, "workspaceName"));
        Assert.Equal("ml-workspaces", ValuePath.GetString(Named(g, "scorer-endpoint").Properties, "resourceGroupName"));
    }

    [Theory]
    [InlineData(Exposure.Private, AzureMlAuthMode.AadToken, "Disabled", "AADToken")]
    [InlineData(Exposure.Public, AzureMlAuthMode.Key, "Enabled", "Key")]
    public void Plan_Endpoint_NetworkAccessFollowsExposure_AuthFollowsTheTarget(Exposure exposure, AzureMlAuthMode auth, string access, string mode)
    {
        var d = WithTarget(AzureMlSamples.Staging(), t => t with { AuthMode = auth }) with
        {
            Network = new Network { Exposure = exposure },
            Waivers = [new Waiver("MLS-NET-01", "partners call it"), new Waiver("MLS-IAM-07", "the partner's client only sends keys")],
        };
        var endpoint = Named(Graph(d), "scorer-endpoint");

        Assert.Equal(access, ValuePath.GetString(endpoint.Properties, "properties.publicNetworkAccess"));
        Assert.Equal(mode, ValuePath.GetString(endpoint.Properties, "properties.authMode"));
    }

    [Theory]
    [InlineData(1000, null, "PT5S")]
    [InlineData(20_000, null, "PT40S")]
    [InlineData(150_000, null, "PT180S")]
    [InlineData(1000, 30, "PT30S")]
    public void Plan_RequestTimeout_TwiceP99WithinAzureMlLimits_OrTheTargets(int p99, int? seconds, string expected)
    {
        var d = WithTarget(AzureMlSamples.Staging(), t => t with { RequestTimeout = seconds is { } s ? TimeSpan.FromSeconds(s) : null }) with { Monitoring = new Monitoring { LatencyP99Ms = p99 } };

        Assert.Equal(expected, ValuePath.GetString(Named(Graph(d), "scorer-deployment").Properties, "properties.requestSettings.requestTimeout"));
    }

    [Fact]
    public void Plan_Capture_AddsTheDataCollector_WithTheSamplingRate()
    {
        var g = Graph(AzureMlSamples.Staging() with { Monitoring = new Monitoring { DataCapturePercent = 25 } });

        Assert.Equal(0.25m, ValuePath.GetNumber(Named(g, "scorer-deployment").Properties, "properties.dataCollector.collections.request.samplingRate"));
    }
}
