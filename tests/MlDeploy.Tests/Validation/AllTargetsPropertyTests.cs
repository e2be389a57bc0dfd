using MlDeploy.Graph;
using System.Collections.Immutable;
using FsCheck;
using FsCheck.Fluent;
using MlDeploy.Aws.Ecs;
using MlDeploy.Aws.Eks;
using MlDeploy.Aws.SageMaker;
using MlDeploy.Azure.Aks;
using MlDeploy.Azure.ContainerApps;
using MlDeploy.Gcp.CloudRun;
using MlDeploy.Gcp.Gke;
using MlDeploy.Gcp.Vertex;
using MlDeploy.Tests.Gcp;
using MlDeploy.Azure.MachineLearning;
using MlDeploy.Tests.Aks;
using MlDeploy.Tests.Gke;
using MlDeploy.Tests.Azure;
using MlDeploy.Kubernetes;
using MlDeploy.Model;
using MlDeploy.Tests.Ecs;
using MlDeploy.Tests.Eks;
using MlDeploy.Tests.Support;
using MlDeploy.Validation;

namespace MlDeploy.Tests.Validation;

/// <summary>
/// Every accepted input plans: for any deployment on any registered target, with ordinary, extreme and malformed
/// values, synthesis either reports diagnostics (each once, each with a path and a fix) or yields a checked program,
/// and never fails with any other exception.
/// </summary>
public class AllTargetsPropertyTests
{
    /// <summary>One generator per registered target type; a new target without one fails <see cref="EveryRegisteredTarget_HasAGenerator"/>.</summary>
    // A platform stack whose outputs deployments may read instead of literal identifiers; "bad name" is not <org>/<project>/<stack>.
    private static readonly StackReference s_network = new("acme/network/prod");
    private static readonly StackReference s_badReference = new("bad name");

    private static readonly Dictionary<Type, Gen<DeploymentTarget>> s_targets = new()
    {
        [typeof(SageMakerTarget)] =
            from instance in Gen.Elements<string?>(null, "ml.m5.large", "ml.g5.2xlarge", "ml.bogus.size", "")
            from serverless in Gen.Elements<SageMakerServerless?>(null, null, new SageMakerServerless(2048, 10), new SageMakerServerless(0, int.MaxValue), new SageMakerServerless(2048, 5) { ProvisionedConcurrency = int.MinValue })
            from isolation in Gen.Elements(true, false)
            from keep in Gen.Elements(30, 0, -1, int.MaxValue)
            from kms in Gen.Elements<string?>(null, "arn:aws:kms:us-east-1:123456789012:key/abc", "not-an-arn")
            select (DeploymentTarget)new SageMakerTarget { InstanceType = instance, Serverless = serverless, NetworkIsolation = isolation, KeepImages = keep, ArtifactKmsKeyArn = kms },
        [typeof(FargateTarget)] =
            from vpc in Gen.Elements(FargateSamples.VpcId, "vpc-x", string.Empty)
            from cert in Gen.Elements<string?>(null, FargateSamples.CertificateArn, "cert")
            from lbSubnets in Gen.Elements(ImmutableArray<Identifier>.Empty, FargateSamples.PublicSubnets, ["subnet-1"], s_network.Items("publicSubnetIds", 2))
            from cidrs in Gen.Elements(ImmutableArray<string>.Empty, ["10.0.0.0/8"], ["0.0.0.0/0"], ["not a cidr"])
            from storage in Gen.Elements(21, 0, 200, int.MaxValue)
            from idle in Gen.Elements(60, 0, int.MaxValue)
            from loader in Gen.Elements(FargateTarget.DefaultModelLoaderImage, FargateSamples.PinnedLoader, "x:latest", " ")
            from user in Gen.Elements("10001:10001", "0", "root", "")
            select (DeploymentTarget)new FargateTarget
            {
                VpcId = vpc, CertificateArn = cert, LoadBalancerSubnetIds = lbSubnets, IngressCidrs = cidrs, EphemeralStorageGiB = storage,
                IdleTimeoutSeconds = idle, ModelLoaderImage = loader, User = user, HealthCheckCommand = FargateSamples.ExampleHealthCheck,
            },
        [typeof(EksTarget)] =
            from created in Gen.Elements(true, false)
            from cpuNodes in Gen.Elements(new EksNodeGroup("m5.xlarge", 2, 6), new EksNodeGroup("m7i.2xlarge", 1, 3), new EksNodeGroup("x9.huge", 1, 2), new EksNodeGroup("m5.large", int.MaxValue, int.MinValue), new EksNodeGroup("z1.big", 1, 2) { Capacity = new NodeCapacity(int.MaxValue, decimal.MaxValue) })
            from gpuNodes in Gen.Elements<EksNodeGroup?>(null, new EksNodeGroup("g5.2xlarge", 1, 4), new EksNodeGroup("g6.xlarge", 0, 2), new EksNodeGroup("m5.large", 1, 2))
            from ns in Gen.Elements("ml-serving", "default", "Bad_NS", new string('a', 70))
            from customMetrics in Gen.Elements(false, true)
            from prometheus in Gen.Elements<PrometheusMonitoring?>(null, new PrometheusMonitoring())
            from agent in Gen.Elements(true, false)
            from subnets in Gen.Elements(SampleDeployments.Subnets, ["subnet-1"], s_network.Items("privateSubnetIds", 3))
            select (DeploymentTarget)new EksTarget(created ? EksSamples.GpuCluster with { SubnetIds = subnets, CpuNodes = cpuNodes, GpuNodes = gpuNodes } : EksCluster.Existing("platform") with { PodIdentityAgentPresent = agent })
            {
                Workload = new KubernetesWorkloadOptions { Namespace = ns, CustomMetrics = customMetrics, Prometheus = prometheus },
            },
        [typeof(ContainerAppsTarget)] =
            from location in Gen.Elements("westeurope", "West Europe", string.Empty)
            from rg in Gen.Elements<string?>(null, "ml-serving", "bad/group", new string('r', 95))
            from environment in Gen.Elements<string?>(null, $"/subscriptions/{ContainerAppsSamples.Subscription}/resourceGroups/ml/providers/Microsoft.App/managedEnvironments/ml-apps", "env-1")
            from subnet in Gen.Elements<Identifier?>(null, ContainerAppsSamples.Subnet, s_network.Output("appsSubnetId"))
            from profile in Gen.Elements<ContainerAppsWorkloadProfile?>(null, new ContainerAppsWorkloadProfile("gpu", "NC24-A100"), new ContainerAppsWorkloadProfile("Consumption", "D4"), new ContainerAppsWorkloadProfile("x y", string.Empty), new ContainerAppsWorkloadProfile("d4", "D4") { MinimumCount = 5, MaximumCount = 1 })
            from registry in Gen.Elements<string?>(null, ContainerAppsSamples.Registry, "acr")
            from account in Gen.Elements<string?>(null, ContainerAppsSamples.ModelAccount, "storage")
            from vault in Gen.Elements<string?>(null, ContainerAppsSamples.KeyVault, "vault")
            from loader in Gen.Elements(ContainerAppsTarget.DefaultModelLoaderImage, ContainerAppsSamples.PinnedLoader, " ")
            from stable in Gen.Elements<string?>(null, "ml-platform-staging-fraud-abcdefgh--0000001", "not a revision")
            from retention in Gen.Elements(7, -1, 366)
            select (DeploymentTarget)new ContainerAppsTarget
            {
                Location = location, ResourceGroupName = rg, EnvironmentId = environment, InfrastructureSubnetId = subnet, WorkloadProfile = profile, RegistryId = registry,
                ArtifactStorageAccountId = account, KeyVaultId = vault, ModelLoaderImage = loader, StableRevision = stable, UntaggedRetentionDays = retention,
            },
        [typeof(CloudRunTarget)] =
            from project in Gen.Elements("acme-ml-staging", "Bad_Project", string.Empty)
            from region in Gen.Elements("europe-west4", "us-east1", "Europe West")
            from invokers in Gen.Elements<ImmutableArray<string>>([], ["group:callers@acme.example"], ["allUsers"], ["nobody"])
            from stable in Gen.Elements<string?>(null, "classifier-00007-abc", "Not A Revision")
            from timeout in Gen.Elements(TimeSpan.FromMinutes(5), TimeSpan.Zero, TimeSpan.FromHours(2), TimeSpan.FromMilliseconds(1500))
            from concurrency in Gen.Elements<int?>(null, 4, 0, 5000)
            from key in Gen.Elements<string?>(null, "projects/acme-ml-staging/locations/europe-west4/keyRings/ml/cryptoKeys/serving", "key")
            from always in Gen.Elements(false, true)
            select (DeploymentTarget)new CloudRunTarget
            {
                Project = project, Region = region, Invokers = invokers, StableRevision = stable, RequestTimeout = timeout, MaxConcurrency = concurrency, KmsKeyName = key, CpuAlwaysAllocated = always,
            },
        [typeof(VertexTarget)] =
            from project in Gen.Elements("acme-ml-staging", "Bad_Project", string.Empty)
            from region in Gen.Elements("europe-west4", "Europe West")
            from machine in Gen.Elements<string?>(null, "n1-standard-8", "g2-standard-8", "m9-giant")
            from stable in Gen.Elements<string?>(null, "1234567890", "$(touch /tmp/pwned)")
            from key in Gen.Elements<string?>(null, "projects/acme-ml-staging/locations/europe-west4/keyRings/ml/cryptoKeys/serving", "key")
            select (DeploymentTarget)new VertexTarget { Project = project, Region = region, MachineType = machine, StableDeployedModel = stable, KmsKeyName = key },
        [typeof(AksTarget)] =
            from created in Gen.Elements(true, false)
            from location in Gen.Elements("westeurope", "West Europe")
            from ranges in Gen.Elements<ImmutableArray<string>>(["203.0.113.0/24"], [], ["0.0.0.0/0"], ["not-a-cidr"])
            from isPrivate in Gen.Elements(false, true)
            from systemNodes in Gen.Elements(new AksNodePool("Standard_D4ds_v5", 2, 5), new AksNodePool("Standard_X9", 1, 2), new AksNodePool("Standard_D2s_v5", int.MaxValue, int.MinValue) { OsDiskSizeGiB = 10 }, new AksNodePool("Custom_Big", 1, 2) { Capacity = new NodeCapacity(int.MaxValue, decimal.MaxValue) })
            from gpuNodes in Gen.Elements<AksNodePool?>(null, new AksNodePool("Standard_NC24ads_A100_v4", 0, 4), new AksNodePool("Standard_NC8as_T4_v3", 1, 2), new AksNodePool("Standard_D4s_v5", 1, 2))
            from ns in Gen.Elements("ml-serving", "default", "Bad_NS")
            from prometheus in Gen.Elements<PrometheusMonitoring?>(null, new PrometheusMonitoring())
            from identity in Gen.Elements(true, false)
            from registry in Gen.Elements<string?>(null, ContainerAppsSamples.Registry, "acr")
            from account in Gen.Elements<string?>(null, ContainerAppsSamples.ModelAccount, "storage")
            from subnet in Gen.Elements<Identifier?>(null, ContainerAppsSamples.Subnet, s_network.Output("aksSubnetId"))
            select (DeploymentTarget)new AksTarget(created
                ? AksSamples.GpuCluster with { Location = location, AuthorizedIpRanges = ranges, PrivateCluster = isPrivate, SystemNodes = systemNodes, GpuNodes = gpuNodes, SubnetId = subnet }
                : AksCluster.Existing("platform", "platform-rg") with { WorkloadIdentityEnabled = identity })
            {
                Location = location, RegistryId = registry, ArtifactStorageAccountId = account,
                Workload = new KubernetesWorkloadOptions { Namespace = ns, Prometheus = prometheus },
            },
        [typeof(GkeTarget)] =
            from created in Gen.Elements(true, false)
            from location in Gen.Elements("europe-west4", "europe-west4-a", "Europe West")
            from networks in Gen.Elements<ImmutableArray<string>>(["203.0.113.0/24"], [], ["0.0.0.0/0"], ["not-a-cidr"])
            from isPrivate in Gen.Elements(false, true)
            from systemNodes in Gen.Elements(new GkeNodePool("e2-standard-4", 1, 3), new GkeNodePool("x9-huge", 1, 2), new GkeNodePool("e2-standard-2", int.MaxValue, int.MinValue) { DiskSizeGiB = 5 }, new GkeNodePool("custom-big", 1, 2) { Capacity = new NodeCapacity(int.MaxValue, decimal.MaxValue) }, new GkeNodePool("g2-standard-8", 1, 2))
            from gpuNodes in Gen.Elements<GkeNodePool?>(null, GkeSamples.GpuCluster.GpuNodes, new GkeNodePool("a2-highgpu-1g", 0, 4) { Accelerator = new GkeAccelerator("nvidia-tesla-a100", 1) }, new GkeNodePool("n1-standard-8", 1, 2), new GkeNodePool("n1-standard-8", 0, 2) { Accelerator = new GkeAccelerator("nvidia-tesla-t4", 9) { DriverVersion = "OLD" } })
            from ns in Gen.Elements("ml-serving", "default", "Bad_NS")
            from prometheus in Gen.Elements<PrometheusMonitoring?>(null, new PrometheusMonitoring())
            from identity in Gen.Elements(true, false)
            from nodes in Gen.Elements<string?>(null, "gke-nodes@acme-platform.iam.gserviceaccount.com", "nodes")
            from project in Gen.Elements("acme-ml-staging", "Bad_Project")
            select (DeploymentTarget)new GkeTarget(created
                ? GkeSamples.GpuCluster with { Location = location, MasterAuthorizedNetworks = networks, PrivateCluster = isPrivate, SystemNodes = systemNodes, GpuNodes = gpuNodes }
                : GkeSamples.ExistingCluster with { Location = location, WorkloadIdentityEnabled = identity, NodeServiceAccount = nodes })
            {
                Project = project, Region = "europe-west4",
                Workload = new KubernetesWorkloadOptions { Namespace = ns, Prometheus = prometheus },
            },
        [typeof(AzureMlTarget)] =
            from location in Gen.Elements("westeurope", "West Europe")
            from rg in Gen.Elements<string?>(null, "ml-serving", "bad/group")
            from workspace in Gen.Elements<string?>(null, AzureMlSamples.Workspace, "ws-1")
            from instance in Gen.Elements<string?>(null, "Standard_NC4as_T4_v3", "Standard_F4s_v2", "Standard_Bogus")
            from auth in Gen.Elements(AzureMlAuthMode.AadToken, AzureMlAuthMode.Key)
            from timeout in Gen.Elements<TimeSpan?>(null, TimeSpan.FromSeconds(30), TimeSpan.Zero, TimeSpan.FromMinutes(10), TimeSpan.MaxValue)
            from concurrency in Gen.Elements(1, 0, int.MaxValue)
            from stable in Gen.Elements<string?>(null, "rev-abcdefgh", "not a deployment")
            from registry in Gen.Elements<string?>(null, ContainerAppsSamples.Registry, "acr")
            from account in Gen.Elements<string?>(null, ContainerAppsSamples.ModelAccount, "storage")
            from vault in Gen.Elements<string?>(null, ContainerAppsSamples.KeyVault, "vault")
            select (DeploymentTarget)new AzureMlTarget
            {
                Location = location, ResourceGroupName = rg, WorkspaceId = workspace, InstanceType = instance, AuthMode = auth, RequestTimeout = timeout,
                MaxConcurrentRequestsPerInstance = concurrency, StableDeployment = stable, RegistryId = registry, ArtifactStorageAccountId = account, KeyVaultId = vault,
            },
    };

    private static readonly Gen<ImageSource> s_images = Gen.Elements<ImageSource>(
        ImageSource.Build("examples/model-server", "1.0.0"),
        ImageSource.Build("examples/model-server", "latest"),
        ImageSource.Build("", "v1"),
        ImageSource.Existing(SampleDeployments.PinnedImage),
        ImageSource.Existing("ghcr.io/acme/server@sha256:" + new string('a', 64)),
        ImageSource.Existing("123456789012.dkr.ecr.us-east-1.amazonaws.com/x:1.0"),
        ImageSource.Existing("not an image"),
        ImageSource.FromModelPackage,

        // Mirrored public images (decision 50): pinned, tag-only, malformed, already private.
        ImageSource.Mirror(SampleDeployments.PublicTgiImage),
        ImageSource.Mirror("docker.io/library/nginx:1.27"),
        ImageSource.Mirror("not an image"),
        ImageSource.Mirror(SampleDeployments.PinnedImage));

    private static readonly Gen<ModelArtifact> s_artifacts = Gen.Elements<ModelArtifact>(
        ModelArtifact.FromFile("examples/model-server/model"),
        ModelArtifact.FromFile("missing/model.tar.gz"),
        ModelArtifact.FromUri("s3://models-prod/fraud/model.tar.gz"),
        ModelArtifact.FromUri("s3://models-prod/fraud/"),
        ModelArtifact.FromUri("gs://bucket/model"),
        ModelArtifact.FromUri("s3://"),
        ModelArtifact.FromRegistry("arn:aws:sagemaker:us-east-1:123456789012:model-package/x/1"),
        ModelArtifact.FromUri("https://acmemodels.blob.core.windows.net/models/fraud/model.tar.gz"),
        ModelArtifact.FromUri("https://acmemodels.blob.core.windows.net/models/fraud/"),
        ModelArtifact.FromDvc("tests/MlDeploy.Tests/Fixtures/Dvc/v3/models/fraud.pkl.dvc"),
        ModelArtifact.FromDvc("tests/MlDeploy.Tests/Fixtures/Dvc/v3/models/features.dvc"),
        ModelArtifact.FromDvc("tests/MlDeploy.Tests/Fixtures/Dvc/v2/features.dvc"),
        ModelArtifact.FromDvc("tests/MlDeploy.Tests/Fixtures/Dvc/v3/models/fraud-gcs.tar.gz.dvc"),
        ModelArtifact.FromDvc("tests/MlDeploy.Tests/Fixtures/Dvc/v3/models/fraud-blob.tar.gz.dvc"),
        ModelArtifact.FromDvc("tests/MlDeploy.Tests/Fixtures/Dvc/v2/features-blob.dvc"),
        ModelArtifact.FromDvc("tests/MlDeploy.Tests/Fixtures/Dvc/v3/models/fraud-blob-noaccount.tar.gz.dvc"));

    private static readonly Gen<ModelDeployment> s_deployments =
        from name in Gen.Elements("fraud", "ranker", "Bad", "a", "x-", new string('m', 40))
        from targetType in Gen.Elements([.. s_targets.Keys])
        from target in s_targets[targetType]
        from image in s_images
        from artifact in s_artifacts
        from cpu in Gen.Elements(2m, 0.25m, 0m, -1m, 96m, 100000m, decimal.MaxValue)
        from memory in Gen.Elements(8m, 0.5m, 0m, 4096m, decimal.MaxValue)
        from gpu in Gen.Elements<Gpu?>(null, null, new Gpu(1, GpuKind.A10G), new Gpu(1, GpuKind.L4), new Gpu(8, GpuKind.H100), new Gpu(0, GpuKind.T4), new Gpu(int.MaxValue, new GpuKind("B200")))
        from min in Gen.Elements(2, 1, 0, -1, int.MaxValue)
        from max in Gen.Elements(4, 1, 0, 3, int.MaxValue)
        from metric in Gen.Elements(Enum.GetValues<ScalingMetric>())
        from scaleTarget in Gen.Elements(10m, 70m, 0m, 150m, decimal.MaxValue)
        from cooldown in Gen.Elements(TimeSpan.FromMinutes(5), TimeSpan.Zero, TimeSpan.FromDays(-1), TimeSpan.MaxValue)
        from port in Gen.Elements(8080, 80, 0, 70000)
        from startup in Gen.Elements(TimeSpan.FromMinutes(10), TimeSpan.FromSeconds(5), TimeSpan.Zero, TimeSpan.MaxValue)
        from latency in Gen.Elements(1000, 0, int.MaxValue)
        from retention in Gen.Elements(30, 0, 10, int.MaxValue)
        from capture in Gen.Elements(0, 20, -1, 1000)
        from exposure in Gen.Elements(Exposure.Private, Exposure.Public)
        from auth in Gen.Elements(true, true, false)
        from subnetIds in Gen.Elements(SampleDeployments.Subnets, s_network.Items("privateSubnetIds", 2), [s_network.Output("subnetA"), "subnet-0aaa0000000000002"], s_badReference.Items("x", 2), [s_network.Output("bad\"name")])
        from strategy in Gen.Elements(Enum.GetValues<RolloutStrategy>())
        from traffic in Gen.Elements(10, 0, 60, 100, int.MaxValue)
        from bake in Gen.Elements(TimeSpan.FromMinutes(10), TimeSpan.FromHours(2), TimeSpan.MaxValue, TimeSpan.FromSeconds(-1))
        from secrets in Gen.Elements<ImmutableArray<SecretReference>>(
            [],
            [new SecretReference("API_KEY", SecretSource.Config("apiKey"))],
            [new SecretReference("DB", SecretSource.Store("arn:aws:secretsmanager:us-east-1:123456789012:secret:db"))],
            [new SecretReference("1BAD", SecretSource.Config("a b"))])
        from tags in Gen.Elements<IReadOnlyDictionary<string, string>>(
            new Dictionary<string, string>(),
            new Dictionary<string, string> { ["team"] = "ml" },
            new Dictionary<string, string> { ["aws:x"] = "y", ["k-${x.y}"] = "v" },
            new Dictionary<string, string> { [new string('k', 200)] = new string('v', 300) })
        from waivers in Gen.Elements<ImmutableArray<Waiver>>(
            [],
            [new Waiver("MLS-NET-01", "the demo endpoint must be reachable by the partner")],
            [new Waiver("MLS-NOPE-99", "short")])
        select new ModelDeployment(name, image, artifact, target)
        {
            Compute = new Compute { Cpu = cpu, MemoryGiB = memory, Gpu = gpu },
            Scaling = new Scaling { Min = min, Max = max, Metric = metric, Target = scaleTarget, ScaleInCooldown = cooldown, ScaleOutCooldown = cooldown },
            Serving = new Serving { Port = port, StartupTimeout = startup },
            Monitoring = new Monitoring { LatencyP99Ms = latency, LogRetentionDays = retention, DataCapturePercent = capture },
            Network = new Network { Exposure = exposure, RequireAuth = auth, SubnetIds = subnetIds, SecurityGroupIds = SampleDeployments.SecurityGroups },
            Rollout = new Rollout { Strategy = strategy, TrafficPercent = traffic, BakeTime = bake },
            Secrets = secrets,
            Tags = tags,
            Waivers = waivers,
        };

    /// <summary>Valid settings per target, so that planning (not only validation) runs for most cases.</summary>
    private static readonly Dictionary<Type, Gen<DeploymentTarget>> s_plausibleTargets = new()
    {
        [typeof(SageMakerTarget)] = Gen.Elements<DeploymentTarget>(new SageMakerTarget(), new SageMakerTarget { InstanceType = "ml.m5.xlarge" }),
        [typeof(FargateTarget)] = Gen.Elements<DeploymentTarget>(
            new FargateTarget { VpcId = FargateSamples.VpcId, HealthCheckCommand = FargateSamples.ExampleHealthCheck, ModelLoaderImage = FargateSamples.PinnedLoader },
            new FargateTarget { VpcId = FargateSamples.VpcId, HealthCheckCommand = FargateSamples.ExampleHealthCheck, ModelLoaderImage = FargateSamples.PinnedLoader, Group = FargateSamples.InternalGroup }),
        [typeof(EksTarget)] = Gen.Elements<DeploymentTarget>(
            new EksTarget(EksSamples.ExistingCluster) { Workload = new KubernetesWorkloadOptions { ModelLoaderImage = FargateSamples.PinnedLoader } },
            new EksTarget(EksSamples.GpuCluster with { CpuNodes = new EksNodeGroup("m5.2xlarge", 2, 6), DevicePluginImage = EksSamples.PinnedDevicePlugin }) { Workload = new KubernetesWorkloadOptions { ModelLoaderImage = FargateSamples.PinnedLoader } }),
        [typeof(ContainerAppsTarget)] = Gen.Elements<DeploymentTarget>(
            ContainerAppsSamples.Target(EnvironmentProfile.Production),
            // No stable revision: it must be one of the app's own, whose name depends on the generated deployment's
            // (the planner refuses another's; ContainerAppsPlannerTests and the goldens cover the split).
            ContainerAppsSamples.Target(EnvironmentProfile.Production) with { ResourceGroupName = "ml-serving", InfrastructureSubnetId = ContainerAppsSamples.Subnet }),
        [typeof(AksTarget)] = Gen.Elements<DeploymentTarget>(
            AksSamples.Target(AksSamples.ExistingCluster, EnvironmentProfile.Production),
            AksSamples.Target(AksSamples.GpuCluster, EnvironmentProfile.Production)),
        [typeof(GkeTarget)] = Gen.Elements<DeploymentTarget>(
            GkeSamples.Target(GkeSamples.ExistingCluster, EnvironmentProfile.Production),
            GkeSamples.Target(GkeSamples.GpuCluster, EnvironmentProfile.Production)),
        [typeof(CloudRunTarget)] = Gen.Elements<DeploymentTarget>(
            CloudRunSamples.Target(EnvironmentProfile.Production),
            CloudRunSamples.Target(EnvironmentProfile.Production) with { Invokers = ["group:callers@acme.example"] }),
        [typeof(VertexTarget)] = Gen.Elements<DeploymentTarget>(
            VertexSamples.Target(EnvironmentProfile.Production),
            VertexSamples.Target(EnvironmentProfile.Production) with { StableDeployedModel = "1234567890" }),
        [typeof(AzureMlTarget)] = Gen.Elements<DeploymentTarget>(
            AzureMlSamples.Target(),
            AzureMlSamples.Target() with { WorkspaceId = AzureMlSamples.Workspace, StableDeployment = "rev-abcdefgh" }),
    };

    /// <summary>One extreme or boundary value applied to an otherwise valid deployment: planners must cope or validation must refuse.</summary>
    private static readonly Gen<Func<ModelDeployment, ModelDeployment>> s_extremes = Gen.Elements<Func<ModelDeployment, ModelDeployment>>(
        d => d, d => d, d => d, d => d, d => d, d => d, d => d, d => d, d => d, d => d, d => d, d => d, d => d, d => d, d => d, d => d, d => d, d => d, d => d, d => d,
        d => d with { Scaling = d.Scaling with { ScaleInCooldown = TimeSpan.MaxValue } },
        d => d with { Scaling = d.Scaling with { ScaleOutCooldown = TimeSpan.FromDays(3650) } },
        d => d with { Scaling = d.Scaling with { Target = decimal.MaxValue } },
        d => d with { Scaling = d.Scaling with { Target = 0.0001m } },
        d => d with { Scaling = d.Scaling with { Max = int.MaxValue } },
        d => d with { Scaling = d.Scaling with { Min = 1000, Max = 1000 } },
        d => d with { Monitoring = d.Monitoring with { LatencyP99Ms = int.MaxValue } },
        d => d with { Monitoring = d.Monitoring with { LogRetentionDays = int.MaxValue } },
        d => d with { Monitoring = d.Monitoring with { SaturationPercent = 100 } },
        d => d with { Monitoring = d.Monitoring with { ErrorRatePercent = 0.0001m } },
        d => d with { Serving = d.Serving with { StartupTimeout = TimeSpan.MaxValue } },
        d => d with { Serving = d.Serving with { StartupTimeout = TimeSpan.FromMilliseconds(1) } },
        d => d with { Rollout = d.Rollout with { BakeTime = TimeSpan.MaxValue } },
        d => d with { Rollout = d.Rollout with { BakeTime = TimeSpan.Zero, TrafficPercent = 1 } },
        d => d with { Compute = d.Compute with { Cpu = decimal.MaxValue } },
        d => d with { Compute = d.Compute with { MemoryGiB = 0.001m } },
        d => d with { Compute = d.Compute with { Cpu = 0.001m } },
        d => d with { Tags = new Dictionary<string, string> { ["team"] = new string('x', 256) } },
        d => d with { Serving = d.Serving with { Env = new Dictionary<string, string> { ["NOTE"] = "${x}$${y}" } } });

    private static readonly Gen<ModelDeployment> s_plausible =
        from name in Gen.Elements("fraud", "ranker", "llm-chat")
        from targetType in Gen.Elements([.. s_plausibleTargets.Keys])
        from target in s_plausibleTargets[targetType]
        from image in Gen.Elements<ImageSource>(ImageSource.Build("examples/model-server", "1.0.0"), ImageSource.Existing(SampleDeployments.PinnedImage), ImageSource.Mirror(SampleDeployments.PublicTgiImage))
        from artifact in Gen.Elements<ModelArtifact>(ModelArtifact.FromFile("examples/model-server/model"), ModelArtifact.FromUri("s3://models-prod/fraud/model.tar.gz"), ModelArtifact.FromUri("s3://models-prod/fraud/"), ModelArtifact.FromDvc("tests/MlDeploy.Tests/Fixtures/Dvc/v3/models/fraud.tar.gz.dvc"))
        from cpu in Gen.Elements(1m, 2m, 0.5m)
        from memory in Gen.Elements(2m, 4m, 8m)
        from min in Gen.Choose(1, 3)
        from extra in Gen.Choose(0, 3)
        from metric in Gen.Elements(ScalingMetric.RequestsPerSecond, ScalingMetric.CpuUtilization)
        from strategy in Gen.Elements(Enum.GetValues<RolloutStrategy>())
        from extreme in s_extremes
        select extreme(Placed(Routed(new ModelDeployment(name, image, artifact, target)
        {
            Compute = new Compute { Cpu = cpu, MemoryGiB = memory },
            Scaling = new Scaling { Min = min, Max = min + extra, Metric = metric, Target = metric == ScalingMetric.CpuUtilization ? 70 : 20 },
            Network = new Network { SubnetIds = SampleDeployments.Subnets, SecurityGroupIds = SampleDeployments.SecurityGroups },
            Rollout = new Rollout { Strategy = strategy, TrafficPercent = 20, BakeTime = TimeSpan.FromMinutes(5) },
        })));

    /// <summary>
    /// A Container Apps deployment reads its image and model from Azure (the plausible sources are in AWS otherwise), fits
    /// a Consumption allocation next to the loader, and rolls out by revision weights, so Azure deployments plan too
    /// (the hostile generator covers the refusals).
    /// </summary>
    private static ModelDeployment Placed(ModelDeployment d) =>

        // The DVC fixture's remote is in S3; Container Apps and AKS read the fixtures' Azure remote instead, and targets
        // that serve no DVC models get the local files.
        PlacedOnItsCloud(d.Artifact is not DvcArtifact || d.Target.Cloud == Cloud.Aws ? d
            : d.Target is ContainerAppsTarget or AksTarget ? d with { Artifact = ModelArtifact.FromDvc("tests/MlDeploy.Tests/Fixtures/Dvc/v3/models/fraud-blob.tar.gz.dvc") }
            : d with { Artifact = ModelArtifact.FromFile("examples/model-server/model") });

    private static ModelDeployment PlacedOnItsCloud(ModelDeployment d) => d.Target switch
    {
        ContainerAppsTarget t => OnAzure(d, t with { RegistryId = AzureRegistry(d), ArtifactStorageAccountId = AzureModelAccount(d) }) with
        {
            Compute = d.Compute with { MemoryGiB = Math.Min(d.Compute.MemoryGiB, 4) },
            Rollout = RevisionRollout(d.Rollout),
        },
        AksTarget t => OnAzure(d, t with { RegistryId = AzureRegistry(d), ArtifactStorageAccountId = AzureModelAccount(d) }),
        AzureMlTarget t => OnAzure(d, t with { RegistryId = AzureRegistry(d), ArtifactStorageAccountId = AzureModelAccount(d) }) with { Rollout = RevisionRollout(d.Rollout) },

        // GKE reads Artifact Registry images and gs:// objects (tarballs are unpacked).
        GkeTarget => d with
        {
            Image = d.Image is ExistingImage ? ImageSource.Existing(CloudRunSamples.PinnedImage) : d.Image,
            Artifact = d.Artifact is UriArtifact u ? ModelArtifact.FromUri(u.IsPrefix ? "gs://acme-models/fraud/" : "gs://acme-models/fraud/model.tar.gz") : d.Artifact,
        },

        // Cloud Run reads Artifact Registry images and gs:// folders, scales on concurrency, gives more than 4 GiB only with 2 vCPU
        // and concurrent requests only with at least 1 vCPU, alerts through a channel, and allows a shorter start-up.
        CloudRunTarget => d with
        {
            Image = d.Image is ExistingImage ? ImageSource.Existing(CloudRunSamples.PinnedImage) : d.Image,
            Artifact = d.Artifact is UriArtifact ? ModelArtifact.FromUri("gs://acme-models/fraud/") : d.Artifact,
            Rollout = RevisionRollout(d.Rollout),
            Compute = d.Compute with { Cpu = Math.Max(d.Compute.Cpu, 1), MemoryGiB = Math.Min(d.Compute.MemoryGiB, 4) },
            Scaling = d.Scaling.Metric == ScalingMetric.CpuUtilization ? d.Scaling with { Metric = ScalingMetric.Concurrency, Target = 8 } : d.Scaling,
            Serving = d.Serving.StartupTimeout > TimeSpan.FromMinutes(8) ? d.Serving with { StartupTimeout = TimeSpan.FromMinutes(8) } : d.Serving,
            Monitoring = d.Monitoring with { NotificationEmail = d.Monitoring.NotificationEmail ?? "oncall@example.com" },
        },

        // Vertex AI reads Artifact Registry images and gs:// folders, scales on CPU or GPU utilization (requests/s
        // approximated), alerts through a channel, and needs at least one replica.
        VertexTarget => d with
        {
            Image = d.Image is ExistingImage ? ImageSource.Existing(CloudRunSamples.PinnedImage) : d.Image,
            Artifact = d.Artifact is UriArtifact ? ModelArtifact.FromUri("gs://acme-models/fraud/") : d.Artifact,
            Rollout = RevisionRollout(d.Rollout),
            Scaling = d.Scaling.Metric == ScalingMetric.Concurrency ? d.Scaling with { Metric = ScalingMetric.CpuUtilization, Target = 60 } : d.Scaling,
            Monitoring = d.Monitoring with { NotificationEmail = d.Monitoring.NotificationEmail ?? "oncall@example.com" },
        },
        _ => d,
    };

    /// <summary>Existing images and model URLs where an Azure target accepts them: ACR and blob storage.</summary>
    private static ModelDeployment OnAzure(ModelDeployment d, DeploymentTarget placed) => d with
    {
        Image = d.Image is ExistingImage ? ImageSource.Existing(ContainerAppsSamples.PinnedImage) : d.Image,
        Artifact = d.Artifact is UriArtifact u ? ModelArtifact.FromUri(u.IsPrefix ? "https://acmemodels.blob.core.windows.net/models/fraud/" : "https://acmemodels.blob.core.windows.net/models/fraud/model.tar.gz") : d.Artifact,
        Target = placed,
    };

    private static string? AzureRegistry(ModelDeployment d) => d.Image is ExistingImage ? ContainerAppsSamples.Registry : null;

    private static string? AzureModelAccount(ModelDeployment d) => d.Artifact is UriArtifact or DvcArtifact ? ContainerAppsSamples.ModelAccount : null;

    /// <summary>Revision-based targets shift traffic between revisions: no rolling or linear rollouts.</summary>
    private static Rollout RevisionRollout(Rollout r) => r.Strategy is RolloutStrategy.Rolling or RolloutStrategy.Linear ? r with { Strategy = RolloutStrategy.Canary } : r;

    /// <summary>A deployment in a Fargate service group gets a route of its own (priority and path prefix from its name), so groups plan.</summary>
    private static ModelDeployment Routed(ModelDeployment d) => d.Target is FargateTarget { Group: not null } t
        ? d with
        {
            Target = t with { Route = new FargateRoute { Priority = 1 + Array.IndexOf(["fraud", "ranker", "llm-chat"], d.Name), PathPatterns = [$"/{d.Name}/*"] } },
            Serving = d.Serving with { PredictPath = $"/{d.Name}/predict" },
        }
        : d;

    [Fact]
    public void EveryRegisteredTarget_HasAGenerator() =>
        Assert.Equal(
            SampleDeployments.Synthesizer().Planners.Select(p => p.TargetType.Name).Order(StringComparer.Ordinal),
            s_targets.Keys.Select(t => t.Name).Order(StringComparer.Ordinal));

    [Fact]
    public void Synthesize_AnyDeploymentOnAnyTarget_ReportsEachProblemOnceOrPlans_NeverThrowsOtherwise_Property() =>
        Check(s_deployments, maxTest: 600);

    [Fact]
    public void Synthesize_PlausibleDeploymentsWithOneExtremeValue_PlanOrReportEachProblemOnce_Property()
    {
        // 800 platforms (eight targets since AKS and Azure ML): the share that plans varies less than with 400.
        var planned = Check(s_plausible, maxTest: 800, distinctNames: true);

        // The property must exercise the planners, not only the validator. About half of single deployments plan (the
        // rest carry an extreme value or start one replica in production, which MLS-REL-01 refuses), so of platforms of
        // one to three deployments about a quarter do: 200 to 240 of 800 in six runs (stop 16), so the bound sits well
        // below that spread (a bound of 200 failed one CI run with exactly 200).
        Assert.True(planned >= 150, $"only {planned} of 800 generated platforms planned");
    }

    [Fact]
    public void Synthesize_ReorderingOrRemovingDeployments_RenamesNothingElse_Property() =>
        Prop.ForAll(
            s_plausible.ArrayOf().Select(ds => ds.DistinctBy(d => d.Name).Take(3).ToArray()).Where(ds => ds.Length > 1).ToArbitrary(),
            deployments =>
            {
                static Dictionary<string, string?>? Names(IEnumerable<ModelDeployment> ds)
                {
                    try
                    {
                        var graph = SampleDeployments.Synthesizer().Synthesize(SampleDeployments.Platform(EnvironmentProfile.Development, [.. ds]), SampleDeployments.Staging).Graph;
                        return graph.Resources.ToDictionary(r => r.Name, r => MlDeploy.Graph.ValuePath.GetString(r.Properties, "name") ?? MlDeploy.Graph.ValuePath.GetString(r.Properties, "metadata.name"));
                    }
                    catch (InvalidInputException)
                    {
                        return null;
                    }
                }

                var all = Names(deployments);
                var reordered = Names(deployments.Reverse());
                var withoutFirst = Names(deployments.Skip(1));
                if (all is null || withoutFirst is null)
                {
                    return;
                }

                // The same resources under the same logical and physical names whatever the order...
                Assert.Equal(all.OrderBy(e => e.Key, StringComparer.Ordinal), reordered!.OrderBy(e => e.Key, StringComparer.Ordinal));

                // ...and removing a deployment removes only resources: everything left keeps its names.
                Assert.All(withoutFirst, e =>
                {
                    Assert.True(all.ContainsKey(e.Key), $"{e.Key} appears only after removing {deployments[0].Name}");
                    Assert.Equal(all[e.Key], e.Value);
                });
            })
        .Check(Config.QuickThrowOnFailure.WithMaxTest(150));

    [Fact]
    public void TargetGenerators_CoverTheSameTargets() =>
        Assert.Equal(s_targets.Keys.Select(t => t.Name).Order(StringComparer.Ordinal), s_plausibleTargets.Keys.Select(t => t.Name).Order(StringComparer.Ordinal));

    private static int Check(Gen<ModelDeployment> deployments, int maxTest, bool distinctNames = false)
    {
        var planned = 0;
        Prop.ForAll(
            deployments.ArrayOf().Select(ds => (distinctNames ? ds.DistinctBy(d => d.Name) : ds).Take(3).ToArray()).Where(ds => ds.Length > 0).ToArbitrary(),
            Gen.Elements(EnvironmentProfile.Development, EnvironmentProfile.Production).ToArbitrary(),
            (deployments, profile) =>
            {
                var platform = SampleDeployments.Platform(profile, deployments);
                try
                {
                    var synthesis = SampleDeployments.Synthesizer().Synthesize(platform, profile == EnvironmentProfile.Production ? SampleDeployments.Prod : SampleDeployments.Staging);
                    Assert.NotEmpty(synthesis.Graph.Resources);
                    planned++;
                }
                catch (InvalidInputException e)
                {
                    Assert.NotEmpty(e.Diagnostics);
                    var repeated = e.Diagnostics.GroupBy(d => d.ToString()).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
                    Assert.True(repeated.Count == 0, $"reported more than once:\n{string.Join("\n", repeated)}");
                    Assert.All(e.Diagnostics, d =>
                    {
                        Assert.False(string.IsNullOrWhiteSpace(d.Path));
                        Assert.False(string.IsNullOrWhiteSpace(d.Message));
                        Assert.False(string.IsNullOrWhiteSpace(d.Hint), $"no fix given: {d}");
                    });
                }
            })
        .Check(Config.QuickThrowOnFailure.WithMaxTest(maxTest));
        return planned;
    }
}

public class LogicalNameCollisionTests
{
    [Fact]
    public void Synthesize_DeploymentNamedLikeAnotherPlusAPart_IsAnInputErrorNamingBoth()
    {
        // On the same or on different targets: e.g. Fargate's "fraud" + "task-role" and SageMaker's "fraud-task" + "role".
        Func<string, ModelDeployment>[] kinds = [SampleDeployments.CpuEndpoint, name => FargateSamples.Internal() with { Name = name }];
        var collisions = 0;
        foreach (var firstKind in kinds)
        {
            var first = firstKind("fraud");
            var names = SampleDeployments.Synthesizer().Synthesize(SampleDeployments.Platform(EnvironmentProfile.Development, first), SampleDeployments.Staging)
                .Graph.Resources.Select(r => r.Name).Where(n => n.StartsWith("fraud-", StringComparison.Ordinal));

            // Every "fraud-<word>" prefix of one of fraud's resource names is a deployment name that may collide with it.
            foreach (var candidate in names.Select(n => n.Split('-')).Where(p => p.Length > 2).Select(p => $"{p[0]}-{p[1]}").Distinct())
            {
                foreach (var secondKind in kinds)
                {
                    try
                    {
                        SampleDeployments.Synthesizer().Synthesize(SampleDeployments.Platform(EnvironmentProfile.Development, first, secondKind(candidate)), SampleDeployments.Staging);
                    }
                    catch (InvalidInputException e) when (e.Diagnostics.Any(d => d.Message.Contains("has the same logical name", StringComparison.Ordinal)))
                    {
                        var collision = Assert.Single(e.Diagnostics);
                        Assert.Equal($"deployments[{candidate}]", collision.Path);
                        Assert.Contains("deployment 'fraud'", collision.Message, StringComparison.Ordinal);
                        collisions++;
                    }
                }
            }
        }

        Assert.True(collisions > 0, "no candidate collided; the test no longer exercises a collision");
    }

    [Fact]
    public void Synthesize_NamesDifferingOnlyByDashes_GetDistinctPhysicalNames()
    {
        var program = SampleDeployments.Synthesizer().Synthesize(
            SampleDeployments.Platform(EnvironmentProfile.Development, SampleDeployments.CpuEndpoint("fraud--v2"), SampleDeployments.CpuEndpoint("fraud-v2")),
            SampleDeployments.Staging);

        var endpoints = program.Graph.Resources.Where(r => r.Type.Token == "aws:sagemaker/endpoint:Endpoint").Select(r => ValuePath.GetString(r.Properties, "name")).ToList();
        Assert.Equal(2, endpoints.Count);
        Assert.Equal(2, endpoints.Distinct(StringComparer.Ordinal).Count());
    }
}
