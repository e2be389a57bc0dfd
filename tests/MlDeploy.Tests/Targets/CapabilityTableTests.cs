using MlDeploy.Aws;
using MlDeploy.Azure;
using MlDeploy.Gcp;
using MlDeploy.Pipeline;
using MlDeploy.Targets;
using MlDeploy.Tests.Support;

namespace MlDeploy.Tests.Targets;

/// <summary>docs/CAPABILITIES.md is what the registered capability records say; UPDATE_GOLDEN=1 rewrites it.</summary>
public class CapabilityTableTests
{
    [Fact]
    public void CapabilitiesDoc_MatchesTheRecords()
    {
        var actual = CapabilityTable.Markdown(new Synthesizer(AwsTargets.All, AzureTargets.All, GcpTargets.All).Planners);
        GeneratedDoc.AssertCurrent("CAPABILITIES.md", actual, "CapabilityTableTests");
    }

    [Fact]
    public void EveryRegisteredPlanner_DocumentsItsCapabilities() =>
        Assert.All(new Synthesizer(AwsTargets.All, AzureTargets.All, GcpTargets.All).Planners, p => Assert.NotEmpty(p.DocumentedCapabilities));
}
