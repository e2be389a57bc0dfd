using MlDeploy.Tests.Support;

namespace MlDeploy.Tests.Pipelines;

/// <summary>
/// The repository carries the pipelines `ci github` and `ci circleci` generate for its own example stacks; they must
/// equal what the command generates now, and the CI services' own parsers must accept them.
/// </summary>
public sealed class GeneratedPipelineTests
{
    public static TheoryData<string, string> Pipelines => new()
    {
        { "github", ".github/workflows/mldeploy.yml" },
        { "circleci", ".circleci/config.yml" },
    };

    [Theory]
    [MemberData(nameof(Pipelines))]
    public void The_committed_pipeline_is_what_ci_generates_now(string verb, string path)
    {
        using var dir = new TempDirectory();
        var target = Path.Combine(dir.Path, "pipeline.yml");
        var run = TestHost.Run(["ci", verb, "--out", target]);
        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Equal(string.Empty, run.Stdout);
        var generated = File.ReadAllText(target);
        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(Repo.PathOf(path.Split('/')), generated);
            return;
        }

        var committed = Repo.PathOf(path.Split('/'));
        Assert.True(File.Exists(committed), $"{path} is missing: run `sh stacks/compile.sh ci {verb}` (or the tests with UPDATE_GOLDEN=1) and commit it");
        Assert.True(File.ReadAllText(committed).ReplaceLineEndings("\n") == generated, $"{path} differs from what `ci {verb}` generates now: run `sh stacks/compile.sh ci {verb}`, review the diff and commit it");
    }

    [Fact]
    public void The_generated_pipelines_parse_with_github_and_circleci_parsers()
    {
        var (exit, results, output) = PipelineParsers.Check(Repo.PathOf(".github", "workflows", "mldeploy.yml"), Repo.PathOf(".circleci", "config.yml"));
        Assert.All(results, r => Assert.True(r.Errors.Count == 0, $"{r.File}: {string.Join("\n", r.Errors)}"));
        Assert.Equal(2, results.Count);
        Assert.True(exit == 0, output);
    }

    [Fact]
    public void The_parsers_reject_planted_defects()
    {
        // A check that cannot fail proves nothing: each defect below must be reported by the parser for its file.
        var github = File.ReadAllText(Repo.PathOf(".github", "workflows", "mldeploy.yml"));
        var circle = File.ReadAllText(Repo.PathOf(".circleci", "config.yml"));
        using var dir = new TempDirectory();
        var cases = new Dictionary<string, string>
        {
            ["unknown-job-key.yml"] = Replace(github, "    timeout-minutes: 60\n", "    timeout-minutes: 60\n    retries: 3\n"),
            ["needs-missing-job.yml"] = Replace(github, "    needs: test\n", "    needs: tests\n"),
            ["bad-expression.yml"] = Replace(github, "${{ vars.PULUMI_BACKEND_URL }}", "${{ vars.PULUMI_BACKEND_URL }"),
            ["bad-permission.yml"] = Replace(github, "      id-token: write\n", "      id-token: admin\n"),
            ["circleci-unknown-job.yml"] = Replace(circle, "      - test:\n", "      - tests:\n"),
            ["circleci-bad-approval.yml"] = Replace(circle, "          type: approval\n", "          type: approve\n"),
            ["circleci-requires-missing.yml"] = Replace(circle, "          requires: [promote]\n", "          requires: [promotion]\n"),
            ["circleci-bad-run-key.yml"] = Replace(circle, "          command: dotnet test Deploy.sln\n", "          commandline: dotnet test Deploy.sln\n"),
        };

        var files = cases.Select(c =>
        {
            var folder = Path.Combine(dir.Path, c.Key.StartsWith("circleci", StringComparison.Ordinal) ? ".circleci" : "workflows");
            Directory.CreateDirectory(folder);
            var file = Path.Combine(folder, c.Key);
            File.WriteAllText(file, c.Value);
            return file;
        }).ToArray();
        var (exit, results, output) = PipelineParsers.Check(files);
        Assert.NotEqual(0, exit);
        Assert.All(results, r => Assert.True(r.Errors.Count > 0, $"{Path.GetFileName(r.File)} was accepted:\n{output}"));
        Assert.Equal(cases.Count, results.Count);
    }

    private static string Replace(string text, string from, string to)
    {
        Assert.Contains(from, text, StringComparison.Ordinal);
        return text.Replace(from, to, StringComparison.Ordinal);
    }
}
