using MlDeploy.Azure.ContainerApps;
using MlDeploy.Gcp.CloudRun;
using MlDeploy.Model;
using MlDeploy.Tests.Azure;
using MlDeploy.Tests.Gcp;
using MlDeploy.Validation;

namespace MlDeploy.Tests.Targets;

/// <summary>
/// Traffic may stay only on a revision of the deployment's own service or app: the platforms name revisions after it,
/// and a split naming another's revision fails the update. The name is the SDK's, known only while planning.
/// </summary>
public class StableRevisionOwnershipTests
{
    [Fact]
    public void CloudRun_RevisionOfAnotherService_IsRefusedWithThePathAndTheOutputThatNamesTheRightOne()
    {
        var d = CloudRunSamples.Production() with { Target = (CloudRunTarget)CloudRunSamples.Production().Target with { StableRevision = "acme-classifier-00041-xyz" } };

        var e = Assert.Throws<InvalidInputException>(() => CloudRunSamples.Synthesize(d, EnvironmentProfile.Production));

        Assert.Equal(
            "deployments[classifier].target.stableRevision: 'acme-classifier-00041-xyz' is not a revision of this deployment's Cloud Run service ml-platform-prod-classifier-a2jmhqbz (its revisions are named ml-platform-prod-classifier-a2jmhqbz-...) (use the revision the stack output classifier-latest-revision printed, or leave StableRevision unset for a first rollout)",
            Assert.Single(e.Diagnostics).ToString());
    }

    [Fact]
    public void ContainerApps_RevisionOfAnotherApp_IsRefused_EvenWhenItOnlyLacksTheDoubleDash()
    {
        ModelDeployment With(string stable) => ContainerAppsSamples.Production() with { Target = (ContainerAppsTarget)ContainerAppsSamples.Production().Target with { StableRevision = stable } };

        var other = Assert.Throws<InvalidInputException>(() => ContainerAppsSamples.Synthesize(With("ml-platform-prod-fraud-abcdefgh--0000001"), EnvironmentProfile.Production));
        var single = Assert.Throws<InvalidInputException>(() => ContainerAppsSamples.Synthesize(With("ml-platform-prod-classi-a2jmhqbz-0000041"), EnvironmentProfile.Production));

        Assert.Equal(
            "deployments[classifier].target.stableRevision: 'ml-platform-prod-fraud-abcdefgh--0000001' is not a revision of this deployment's container app ml-platform-prod-classi-a2jmhqbz (its revisions are named ml-platform-prod-classi-a2jmhqbz--...) (use the revision the stack output classifier-latest-revision printed, or leave StableRevision unset for a first rollout)",
            Assert.Single(other.Diagnostics).ToString());
        Assert.Equal("deployments[classifier].target.stableRevision", Assert.Single(single.Diagnostics).Path);
    }

    [Fact]
    public void OwnRevisions_Plan()
    {
        Assert.NotEmpty(CloudRunSamples.Synthesize(CloudRunSamples.Production(), EnvironmentProfile.Production).Graph.Resources);
        Assert.NotEmpty(ContainerAppsSamples.Synthesize(ContainerAppsSamples.Production(), EnvironmentProfile.Production).Graph.Resources);
    }
}
