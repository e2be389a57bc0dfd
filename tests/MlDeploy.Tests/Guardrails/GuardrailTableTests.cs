using MlDeploy.Aws;
using MlDeploy.Guardrails;
using MlDeploy.Pipeline;
using MlDeploy.Tests.Support;

namespace MlDeploy.Tests.Guardrails;

/// <summary>docs/GUARDRAILS.md is what the catalogue and the AWS pack's extractors say; UPDATE_GOLDEN=1 rewrites it.</summary>
public class GuardrailTableTests
{
    [Fact]
    public void GuardrailsDoc_MatchesTheCatalogue()
    {
        var actual = GuardrailTable.Markdown(new Synthesizer(AwsTargets.All).Guardrails, AwsTargets.All.Name);
        var path = Repo.PathOf("docs", "GUARDRAILS.md");
        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(path, actual);
            return;
        }

        Assert.True(File.Exists(path), "docs/GUARDRAILS.md is missing; run the tests with UPDATE_GOLDEN=1");
        Assert.True(
            File.ReadAllText(path).ReplaceLineEndings("\n") == actual,
            "docs/GUARDRAILS.md differs from the catalogue; run `UPDATE_GOLDEN=1 dotnet test Deploy.sln --filter GuardrailTableTests` and review the diff");
    }
}
