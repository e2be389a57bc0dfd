using MlDeploy.Aws.Eks;
using MlDeploy.Graph;
using MlDeploy.Model;

namespace MlDeploy.Tests.Eks;

public class EksPlannerTests
{
    private static IEnumerable<Resource> OfType(MlDeploy.Pipeline.Synthesis s, string token) => s.Graph.Resources.Where(r => r.Type.Token == token);

    [Fact]
    public void Plan_TwoDeploymentsOnOneNewCluster_ShareOneClusterAndOneNamespace()
    {
        // Ten GPU nodes: each deployment needs its 4 replicas plus a surge pod.
        var target = EksSamples.Target(EksSamples.GpuCluster with { GpuNodes = new EksNodeGroup("g5.2xlarge", 1, 10) }, EnvironmentProfile.Production);
        var first = EksSamples.CreatedClusterGpu(EnvironmentProfile.Production) with { Target = target };
        var second = first with { Name = "llm-small", Compute = new Compute { Cpu = 2, MemoryGiB = 8, Gpu = new Gpu(1, GpuKind.A10G) } };

        var s = EksSamples.Synthesize(EnvironmentProfile.Production, first, second);

        Assert.Single(OfType(s, "aws:eks/cluster:Cluster"));
        Assert.Equal(2, OfType(s, "aws:eks/nodeGroup:NodeGroup").Count());
        Assert.Single(OfType(s, "kubernetes:core/v1:Namespace"));
        Assert.Single(OfType(s, "pulumi:providers:kubernetes"));
        Assert.Equal(2, OfType(s, "kubernetes:apps/v1:Deployment").Count());
        Assert.Contains("eks-ml-namespace-ml-serving", OfType(s, "kubernetes:apps/v1:Deployment").Single(r => r.Owner == "llm-small").Options.DependsOn.Select(r => r.Name));
    }

    [Fact]
    public void Plan_CreatedCluster_IsPrivateEncryptedAndLogged()
    {
        var s = EksSamples.Synthesize(EnvironmentProfile.Production, EksSamples.CreatedClusterGpu(EnvironmentProfile.Production));

        var cluster = OfType(s, "aws:eks/cluster:Cluster").Single().Properties;
        Assert.Equal(true, ValuePath.GetBool(cluster, "vpcConfig.endpointPrivateAccess"));
        Assert.Equal("203.0.113.0/24", ValuePath.GetString(cluster, "vpcConfig.publicAccessCidrs[0]"));
        Assert.Equal("secrets", ValuePath.GetString(cluster, "encryptionConfig.resources[0]"));
        Assert.Equal("API", ValuePath.GetString(cluster, "accessConfig.authenticationMode"));
        // The control plane writes to /aws/eks/<cluster name>/cluster; the group exists first so it has retention.
        Assert.Matches("^ml-platform-prod-eks-ml-[a-z2-7]{8}$", ValuePath.GetString(cluster, "name"));
        Assert.Equal($"/aws/eks/{ValuePath.GetString(cluster, "name")}/cluster", ValuePath.GetString(s.Graph.Resources.Single(r => r.Name == "eks-ml-logs").Properties, "name"));
    }

    [Fact]
    public void Plan_GpuGroup_UsesNvidiaAmiTaintsAndTheDevicePlugin()
    {
        var s = EksSamples.Synthesize(EnvironmentProfile.Production, EksSamples.CreatedClusterGpu(EnvironmentProfile.Production));

        var gpuNodes = s.Graph.Resources.Single(r => r.Name == "eks-ml-gpu-nodes").Properties;
        Assert.Equal("AL2023_x86_64_NVIDIA", ValuePath.GetString(gpuNodes, "amiType"));
        Assert.Equal(("nvidia.com/gpu", "NO_SCHEDULE"), (ValuePath.GetString(gpuNodes, "taints[0].key"), ValuePath.GetString(gpuNodes, "taints[0].effect")));
        var plugin = OfType(s, "kubernetes:apps/v1:DaemonSet").Single();
        Assert.Equal("nvidia.com/gpu", ValuePath.GetString(plugin.Properties, "spec.template.spec.tolerations[0].key"));

        var pod = ValuePath.Get(OfType(s, "kubernetes:apps/v1:Deployment").Single().Properties, "spec.template.spec");
        Assert.Equal(new StringValue("true"), ((MapValue)ValuePath.Get(pod, "nodeSelector")!).Get("nvidia.com/gpu.present"));
    }

    [Fact]
    public void Plan_PodIdentity_BindsARoleThatReadsOnlyTheArtifactToOneServiceAccount()
    {
        var s = EksSamples.Synthesize(EnvironmentProfile.Production, EksSamples.CreatedClusterGpu(EnvironmentProfile.Production));

        var trust = s.Graph.Resources.Single(r => r.Name == "llm-role").Properties.Get("assumeRolePolicy");
        Assert.Equal("pods.eks.amazonaws.com", ValuePath.GetString(trust, "Statement[0].Principal.Service"));
        // Pod Identity's aws:SourceArn is the association's ARN; a condition on the cluster's ARN would deny every pod.
        var sourceArn = Assert.IsType<Interpolation>(ValuePath.Get(trust, "Statement[0].Condition.ArnLike.aws:SourceArn"));
        Assert.Equal(
            "arn:${aws-partition.partition}:eks:${aws-region.region}:${aws-caller-identity.accountId}:podidentityassociation/${eks-ml-cluster.name}/*",
            string.Concat(sourceArn.Parts.Select(p => p is StringValue text ? text.Value : $"${{{((OutputReference)p).Target.Name}.{((OutputReference)p).Path}}}")));
        Assert.IsType<OutputReference>(ValuePath.Get(trust, "Statement[0].Condition.StringEquals.aws:SourceAccount"));
        Assert.Null(ValuePath.Get(trust, "Statement[0].Condition.ArnEquals"));
        var statements = (ListValue)ValuePath.Get(s.Graph.Resources.Single(r => r.Name == "llm-role-policy").Properties, "policy.Statement")!;
        Assert.Equal("ReadModelArtifact", ValuePath.GetString(Assert.Single(statements.Items), "Sid"));
        var association = s.Graph.Resources.Single(r => r.Name == "llm-pod-identity").Properties;
        Assert.Equal("ml-serving", ValuePath.GetString(association, "namespace"));
        Assert.NotNull(ValuePath.GetString(association, "serviceAccount"));
    }

    [Fact]
    public void Plan_ExistingCluster_LooksItUpAndInstallsNothingClusterWide()
    {
        var s = EksSamples.Synthesize(EnvironmentProfile.Development, EksSamples.ExistingClusterCpu(EnvironmentProfile.Development));

        Assert.Contains(s.Graph.Invokes, i => i.Function.Token == "aws:eks/getCluster:getCluster");
        Assert.Empty(OfType(s, "aws:eks/cluster:Cluster"));
        Assert.Empty(OfType(s, "kubernetes:apps/v1:DaemonSet"));
        Assert.All(s.Graph.Resources.Where(r => r.Type.Package.Name == "kubernetes" && r.Type.Token != "pulumi:providers:kubernetes"), r => Assert.Equal("eks-platform-k8s", r.Options.Provider?.Name));
    }
}
