using MlDeploy.Graph;
using MlDeploy.Model;
using MlDeploy.Targets;
using MlDeploy.Validation;

namespace MlDeploy.Tests.Targets;

public class PhysicalNameClaimTests
{
    private static PlanContext Context() => new(new GraphBuilder(), "ml-platform", "prod", EnvironmentProfile.Production, ".");

    [Fact]
    public void Claim_SameNameByTwoOwners_IsAnInputErrorNamingBoth()
    {
        var context = Context();
        context.ClaimPhysicalName("ml-platform-prod-fraud-abcdefgh", "deployments[fraud]");

        var error = Assert.Throws<InvalidInputException>(() => context.ClaimPhysicalName("ml-platform-prod-fraud-abcdefgh", "deployments[churn]"));

        Assert.Equal(
            "deployments[churn]: its cloud resource name 'ml-platform-prod-fraud-abcdefgh' is also the name of a resource of deployments[fraud] (rename one of the two: the names' hashes collide)",
            Assert.Single(error.Diagnostics).ToString());
    }

    [Fact]
    public void Claim_SameNameBySameOwner_IsAccepted()
    {
        var context = Context();
        context.ClaimPhysicalName("ml-platform-prod-fraud-abcdefgh", "deployments[fraud]");

        context.ClaimPhysicalName("ml-platform-prod-fraud-abcdefgh", "deployments[fraud]");
    }
}
