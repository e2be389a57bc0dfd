using MlDeploy.Aws.Eks;
using MlDeploy.Graph;
using MlDeploy.Kubernetes;
using MlDeploy.Model;
using MlDeploy.Pipeline;
using MlDeploy.Tests.Support;

namespace MlDeploy.Tests.Eks;

/// <summary>What makes an EKS program survive a real <c>pulumi up</c> (docs/AWS-RUNTIME.md), one test per item.</summary>
public class EksRuntimeTests
{
    private static readonly Synthesis s_created = EksSamples.Synthesize(EnvironmentProfile.Production, EksSamples.CreatedClusterGpu(EnvironmentProfile.Production));
    private static readonly Synthesis s_existing = EksSamples.Synthesize(EnvironmentProfile.Production, EksSamples.ExistingClusterCpu(EnvironmentProfile.Production));

    private static Resource Named(Synthesis s, string name) => s.Graph.Resources.Single(r => r.Name == name);

    private static IEnumerable<Resource> OfType(Synthesis s, string token) => s.Graph.Resources.Where(r => r.Type.Token == token);

    private static string Problems(EnvironmentProfile profile, params ModelDeployment[] deployments) =>
        string.Join("\n", EksSamples.Synthesizer().Validate(SampleDeployments.Platform(profile, deployments), Repo.Root));

    private static ModelDeployment Gpu(Func<NewEksCluster, NewEksCluster> cluster, Func<KubernetesWorkloadOptions, KubernetesWorkloadOptions>? options = null)
    {
        var d = EksSamples.CreatedClusterGpu(EnvironmentProfile.Development);
        var t = (EksTarget)d.Target;
        return d with { Target = t with { Cluster = cluster((NewEksCluster)t.Cluster), Workload = (options ?? (o => o))(t.Workload) } };
    }

    [Fact]
    public void Item1_NodeGroups_SizeTheRootVolumeInTheirLaunchTemplate()
    {
        foreach (var group in new[] { "eks-ml-cpu-nodes", "eks-ml-gpu-nodes" })
        {
            var nodes = Named(s_created, group).Properties;
            Assert.Null(nodes.Get("diskSize"));
            Assert.Equal($"{group}-template", ((OutputReference)ValuePath.Get(nodes, "launchTemplate.id")!).Target.Name);
            Assert.Equal(100m, ValuePath.GetNumber(Named(s_created, $"{group}-template").Properties, "blockDeviceMappings[0].ebs.volumeSize"));
        }
    }

    [Fact]
    public void Item1_ModelVolume_IsDeclaredOrMeasuredAndMustFitTheNodeDisk()
    {
        var declared = EksSamples.Synthesize(EnvironmentProfile.Development, Gpu(c => c, o => o with { ModelStorageGiB = 60 }));
        Assert.Equal("62Gi", ValuePath.GetString(OfType(declared, "kubernetes:apps/v1:Deployment").Single().Properties, "spec.template.spec.containers[0].resources.requests.ephemeral-storage"));

        // The local example model is a few bytes: 1 GiB, not the 20 GiB default.
        Assert.Equal("3Gi", ValuePath.GetString(OfType(s_existing, "kubernetes:apps/v1:Deployment").Single().Properties, "spec.template.spec.containers[0].resources.requests.ephemeral-storage"));

        Assert.Contains(
            "deployments[llm].target.workload.modelStorageGiB: the pod reserves 102 GiB of ephemeral storage (model volume 100 GiB plus scratch), more than a g5.2xlarge node's 100 GiB root volume allocates (about 90 %) (raise DiskSizeGiB of the node group, or declare a smaller ModelStorageGiB)",
            Problems(EnvironmentProfile.Development, Gpu(c => c, o => o with { ModelStorageGiB = 100 })));
    }

    [Fact]
    public void Item2_TarballLoader_UnpacksWithPythonNotTar()
    {
        var args = (ListValue)ValuePath.Get(OfType(s_created, "kubernetes:apps/v1:Deployment").Single().Properties, "spec.template.spec.initContainers[0].args")!;
        var script = Assert.IsType<StringValue>(args.Items[0]).Value;

        Assert.DoesNotContain("| tar", script, StringComparison.Ordinal);
        Assert.Contains("tarfile.open(", script, StringComparison.Ordinal);
        Assert.Equal("$(MODEL_DIR)", Assert.IsType<StringValue>(args.Items[2]).Value);
    }

    [Fact]
    public void Item3_Prometheus_OffOnCreatedClusters_OnlyWhenDeclaredOnExistingOnes()
    {
        Assert.Empty(OfType(s_created, "kubernetes:yaml/v2:ConfigGroup"));
        Assert.Contains(s_created.Notes, n => n.Concept == "monitoring.operator");
        Assert.Single(OfType(s_existing, "kubernetes:yaml/v2:ConfigGroup"));

        var undeclared = EksSamples.ExistingClusterCpu(EnvironmentProfile.Development) with { Target = new EksTarget(EksSamples.ExistingCluster) };
        Assert.Empty(OfType(EksSamples.Synthesize(EnvironmentProfile.Development, undeclared), "kubernetes:yaml/v2:ConfigGroup"));
        Assert.Contains(
            "deployments[llm].target.workload.prometheus: a cluster the SDK creates has no Prometheus Operator CRDs",
            Problems(EnvironmentProfile.Development, Gpu(c => c, o => o with { Prometheus = new PrometheusMonitoring() })));
    }

    [Fact]
    public void Item4_GpuNodes_RunAtTheirMaximum_WhichMustHoldMaxReplicasPlusSurge()
    {
        Assert.Equal(5m, ValuePath.GetNumber(Named(s_created, "eks-ml-gpu-nodes").Properties, "scalingConfig.desiredSize"));
        Assert.Contains(
            "deployments[llm].target.cluster.gpuNodes.max: the GPU deployments on cluster ml need 5 GPUs at their maximum replicas plus one rollout's surge pods, but 4 g5.2xlarge nodes have 4 (raise GpuNodes max to 5, or lower the deployments' maximum replicas or rollout traffic percent)",
            Problems(EnvironmentProfile.Development, Gpu(c => c with { GpuNodes = new EksNodeGroup("g5.2xlarge", 1, 4) })));
    }

    [Fact]
    public void Item6_GetToken_PassesRegionProfileAndRole()
    {
        var deployer = new EksDeployer { RoleArn = "arn:aws:iam::123456789012:role/ci", AssumeRole = true, Profile = "ci", SecurityGroupId = "sg-0123" };
        var s = EksSamples.Synthesize(EnvironmentProfile.Development, Gpu(c => c with { Deployer = deployer }));

        var exec = ValuePath.Get(((FunctionCall)Named(s, "eks-ml-k8s").Properties.Get("kubeconfig")!).Argument, "users[0].user.exec");
        var args = ((ListValue)ValuePath.Get(exec, "args")!).Items;
        var region = args.IndexOf(new StringValue("--region"));
        Assert.Equal("region", Assert.IsType<OutputReference>(args[region + 1]).Path);
        Assert.Equal(new StringValue("arn:aws:iam::123456789012:role/ci"), args[args.IndexOf(new StringValue("--role-arn")) + 1]);
        Assert.Equal(("AWS_PROFILE", "ci"), (ValuePath.GetString(exec, "env[0].name"), ValuePath.GetString(exec, "env[0].value")));
    }

    [Fact]
    public void Item7_Deployer_GetsAnAccessEntryAndANetworkPath()
    {
        Assert.Equal(false, ValuePath.GetBool(Named(s_created, "eks-ml-cluster").Properties, "accessConfig.bootstrapClusterCreatorAdminPermissions"));
        Assert.Equal("arn:aws:iam::123456789012:role/ci-deployer", ValuePath.GetString(Named(s_created, "eks-ml-deployer-access").Properties, "principalArn"));
        var policy = (Interpolation)Named(s_created, "eks-ml-deployer-admin").Properties.Get("policyArn")!;
        Assert.EndsWith(":eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy", Assert.IsType<StringValue>(policy.Parts[^1]).Value, StringComparison.Ordinal);
        Assert.Contains("eks-ml-deployer-admin", Named(s_created, "eks-ml-k8s").Options.DependsOn.Select(r => r.Name));

        var inVpc = EksSamples.Synthesize(EnvironmentProfile.Development, Gpu(c => c with { PublicAccessCidrs = [], Deployer = c.Deployer with { SecurityGroupId = "sg-0123" } }));
        Assert.Equal(443m, ValuePath.GetNumber(Named(inVpc, "eks-ml-deployer-https").Properties, "fromPort"));
        Assert.Contains(
            "deployments[llm].target.cluster.deployer.securityGroupId: the API endpoint is private and nothing admits the machine running pulumi up",
            Problems(EnvironmentProfile.Development, Gpu(c => c with { PublicAccessCidrs = [] })));
    }

    [Fact]
    public void Item12_And19_VpcCni_EnforcesNetworkPolicyOnItsOwnRole_NodesKeepTheirCredentialsFromPods()
    {
        var cni = Named(s_created, "eks-ml-vpc-cni").Properties;
        Assert.Equal("true", ValuePath.GetString(((FunctionCall)cni.Get("configurationValues")!).Argument, "enableNetworkPolicy"));
        Assert.Equal("aws-node", ValuePath.GetString(cni, "podIdentityAssociations[0].serviceAccount"));
        Assert.DoesNotContain(s_created.Graph.Resources, r => r.Name.StartsWith("eks-ml-node-role-", StringComparison.Ordinal) && r.Name.EndsWith("cni-policy", StringComparison.Ordinal));

        var metadata = Named(s_created, "eks-ml-gpu-nodes-template").Properties;
        Assert.Equal(("required", 1m), (ValuePath.GetString(metadata, "metadataOptions.httpTokens"), ValuePath.GetNumber(metadata, "metadataOptions.httpPutResponseHopLimit")));
        Assert.Contains("eks-ml-vpc-cni", Named(s_created, "eks-ml-gpu-nodes").Options.DependsOn.Select(r => r.Name));
    }

    [Fact]
    public void Item13_ExistingCluster_MustSayHowThePodIdentityAgentRuns()
    {
        var cpu = EksSamples.ExistingClusterCpu(EnvironmentProfile.Development);
        Assert.Contains(
            "deployments[ranker].target.cluster: the workload gets its AWS credentials through EKS Pod Identity, but nothing says the cluster runs the eks-pod-identity-agent",
            Problems(EnvironmentProfile.Development, cpu with { Target = new EksTarget(EksCluster.Existing("platform")) }));
        Assert.Contains(
            "deployments[ranker].target.cluster: the eks-pod-identity-agent is declared present and to be installed",
            Problems(EnvironmentProfile.Development, cpu with { Target = new EksTarget(EksSamples.ExistingCluster with { InstallPodIdentityAgent = true }) }));
    }

    [Fact]
    public void Item21_Production_RequiresADigestPinnedDevicePlugin() =>
        Assert.Contains(
            "deployments[llm].target.cluster.devicePluginImage: production runs the NVIDIA device plugin from a digest-pinned image",
            Problems(EnvironmentProfile.Production, EksSamples.CreatedClusterGpu(EnvironmentProfile.Production) is var d && d.Target is EksTarget t
                ? d with { Target = t with { Cluster = ((NewEksCluster)t.Cluster) with { DevicePluginImage = null } } }
                : d));

    [Fact]
    public void Production_RequiresADigestPinnedModelLoader_NamingTheSetting()
    {
        var d = EksSamples.ExistingClusterCpu(EnvironmentProfile.Production);
        var t = (EksTarget)d.Target;

        Assert.Contains(
            "deployments[ranker].target.workload.modelLoaderImage: production runs the model loader from a digest-pinned image, and the SDK's default",
            Problems(EnvironmentProfile.Production, d with { Target = t with { Workload = t.Workload with { ModelLoaderImage = null } } }));
        Assert.Contains(
            "deployments[ranker].target.workload.modelLoaderImage: production runs the model loader from a digest-pinned image, not 'public.ecr.aws/aws-cli/aws-cli:2.27.0'",
            Problems(EnvironmentProfile.Production, d with { Target = t with { Workload = t.Workload with { ModelLoaderImage = "public.ecr.aws/aws-cli/aws-cli:2.27.0" } } }));
        Assert.DoesNotContain("modelLoaderImage", Problems(EnvironmentProfile.Development, d with { Target = t with { Workload = t.Workload with { ModelLoaderImage = null } } }), StringComparison.Ordinal);
    }
}
