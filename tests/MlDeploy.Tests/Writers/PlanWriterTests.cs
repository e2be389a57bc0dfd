using MlDeploy.Model;
using MlDeploy.Tests.Eks;
using MlDeploy.Tests.Support;
using MlDeploy.Writers;

namespace MlDeploy.Tests.Writers;

public class PlanWriterTests
{
    [Fact]
    public void Write_EksOnACreatedCluster_ShowsTheSharedClusterOnceAndEachDeployment()
    {
        var platform = SampleDeployments.Platform(EnvironmentProfile.Development, EksSamples.CreatedClusterGpu(EnvironmentProfile.Development));
        var synthesizer = EksSamples.Synthesizer();
        var synthesis = synthesizer.Synthesize(platform, SampleDeployments.Staging);

        var lines = PlanWriter.Write(platform, synthesis, SampleDeployments.Staging, synthesizer.Policies.Length).Split('\n');

        var shared = Array.IndexOf(lines, "shared platform");
        var llm = Array.IndexOf(lines, "llm -> EKS (Kubernetes)");
        Assert.True(shared > 0 && llm > shared, string.Join("\n", lines));
        Assert.Matches(@"^  cluster +native  EKS 1\.33 'ml-platform-staging-eks-ml-[a-z2-7]{8}': private API endpoint \+ public from 203\.0\.113\.0/24", lines[shared + 1]);
        Assert.Contains(lines[shared..llm], l => l.StartsWith("  eks-ml-gpu-nodes ", StringComparison.Ordinal) && l.Contains("aws:eks/nodeGroup:NodeGroup", StringComparison.Ordinal));
        Assert.Contains(lines[llm..], l => l.StartsWith("  llm-deployment ", StringComparison.Ordinal) && l.Contains("kubernetes:apps/v1:Deployment", StringComparison.Ordinal));
        Assert.Contains(lines[llm..], l => l.StartsWith("  identity ", StringComparison.Ordinal) && l.Contains("EKS Pod Identity: role bound to ml-serving/llm", StringComparison.Ordinal));
    }
}
