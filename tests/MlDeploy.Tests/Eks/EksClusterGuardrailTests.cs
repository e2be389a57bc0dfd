using MlDeploy.Graph;
using MlDeploy.Model;
using MlDeploy.Tests.Support;

namespace MlDeploy.Tests.Eks;

/// <summary>The cluster items of SECURITY.md section 2.24.9 on a created EKS cluster: silent on the SDK's cluster, firing on one mutation.</summary>
public class EksClusterGuardrailTests
{
    private static readonly Platform s_platform = SampleDeployments.Platform(EnvironmentProfile.Production, EksSamples.CreatedClusterGpu(EnvironmentProfile.Production));
    private static readonly ResourceGraph s_reference = EksSamples.Synthesize(EnvironmentProfile.Production, s_platform.Deployments[0]).Graph;

    public static TheoryData<string, Func<ResourceGraph, ResourceGraph>, string> Violations => new()
    {
        { "MLS-NET-01", g => g.Set("eks-ml-cluster", "vpcConfig.endpointPublicAccess", true).Set("eks-ml-cluster", "vpcConfig.publicAccessCidrs", Value.List("10.0.0.0/8", "0.0.0.0/0")), "the API endpoint is reachable from outside the private network (public access from 0.0.0.0/0)" },
        { "MLS-NET-01", g => g.Set("eks-ml-cluster", "vpcConfig.endpointPublicAccess", null).Set("eks-ml-cluster", "vpcConfig.publicAccessCidrs", null), "the API endpoint is reachable from outside the private network (public access from 0.0.0.0/0)" },
        { "MLS-DATA-02", g => g.Set("eks-ml-cluster", "encryptionConfig", null), "Kubernetes secrets are not encrypted with a customer-managed KMS key" },
        { "MLS-OBS-02", g => g.Set("eks-ml-cluster", "enabledClusterLogTypes", Value.List("api", "audit", "authenticator")), "control-plane logging of controllerManager, scheduler is not enabled" },
    };

    [Theory]
    [MemberData(nameof(Violations))]
    public void ClusterRule_CreatedCluster_Passes(string ruleId, Func<ResourceGraph, ResourceGraph> mutate, string message)
    {
        _ = (mutate, message);
        Assert.DoesNotContain(PolicyChecks.Findings(ruleId, s_reference, s_platform), f => f.Resource == "eks-ml-cluster");
    }

    [Theory]
    [MemberData(nameof(Violations))]
    public void ClusterRule_OneMutation_FiresOnTheCluster(string ruleId, Func<ResourceGraph, ResourceGraph> mutate, string message)
    {
        var findings = PolicyChecks.Findings(ruleId, mutate(s_reference), s_platform).Where(f => f.Resource == "eks-ml-cluster").Select(f => f.Message);

        Assert.Equal([message], findings);
    }

    [Fact]
    public void PublicEndpoint_LimitedToGivenCidrs_IsNotExposed()
    {
        var graph = s_reference.Set("eks-ml-cluster", "vpcConfig.endpointPublicAccess", true).Set("eks-ml-cluster", "vpcConfig.publicAccessCidrs", Value.List("203.0.113.0/24"));

        Assert.DoesNotContain(PolicyChecks.Findings("MLS-NET-01", graph, s_platform), f => f.Resource == "eks-ml-cluster");
        Assert.DoesNotContain(PolicyChecks.Findings("MLS-NET-02", graph, s_platform), f => f.Resource == "eks-ml-cluster");
    }

    [Fact]
    public void CreatedCluster_ShipsEveryControlPlaneLogType() =>
        Assert.Equal(
            ["api", "audit", "authenticator", "controllerManager", "scheduler"],
            Strings(s_reference.Resources.Single(r => r.Name == "eks-ml-cluster").Properties.Get("enabledClusterLogTypes")));

    private static string[] Strings(Value? list) => [.. ((ListValue)list!).Items.Cast<StringValue>().Select(s => s.Value)];
}
