using MlDeploy.Aws;
using MlDeploy.Azure;
using MlDeploy.Gcp;
using MlDeploy.Guardrails;
using MlDeploy.Pipeline;
using MlDeploy.Tests.Support;

namespace MlDeploy.Tests.Guardrails;

/// <summary>docs/GUARDRAILS.md is what the catalogue and the AWS and Azure packs' extractors say; UPDATE_GOLDEN=1 rewrites it.</summary>
public class GuardrailTableTests
{
    [Fact]
    public void GuardrailsDoc_MatchesTheCatalogue()
    {
        var actual = GuardrailTable.Markdown(new Synthesizer(AwsTargets.All, AzureTargets.All, GcpTargets.All).Guardrails, $"{AwsTargets.All.Name}, {AzureTargets.All.Name} and {GcpTargets.All.Name}");
        GeneratedDoc.AssertCurrent("GUARDRAILS.md", actual, "GuardrailTableTests");
    }
}
