using System.Text.RegularExpressions;
using MlDeploy.Hosting.Pipelines;
using MlDeploy.Tests.Support;

namespace MlDeploy.Tests.Pipelines;

public sealed partial class CiCommandTests
{
    [Theory]
    [InlineData("staging", "is not <from>:<to>")]
    [InlineData("staging:prod:eu", "is not <from>:<to>")]
    [InlineData("staging:", "is not <from>:<to>")]
    [InlineData("../x:prod", "is not <from>:<to>")]
    [InlineData("prod:prod", "promotes a stack to itself")]
    [InlineData("staging:production", "names 'production', which has no stacks/Pulumi.<stack>.yaml")]
    [InlineData("qa:production", "names 'qa' and 'production', which has no stacks/Pulumi.<stack>.yaml")]
    public void A_wrong_promotion_path_exits_2_and_writes_nothing(string promote, string message)
    {
        using var dir = new TempDirectory();
        var target = Path.Combine(dir.Path, "out", "ci.yml");
        var run = TestHost.Run(["ci", "github", "--out", target, "--promote", promote]);
        Assert.Equal(2, run.ExitCode);
        Assert.Equal(string.Empty, run.Stdout);
        Assert.StartsWith($"error: --promote {promote}: {message} (", run.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(dir.Path, "out")));
    }

    [Fact]
    public void Without_staging_and_prod_the_promotion_path_is_required()
    {
        using var project = new Hosting.HostProject(new Dictionary<string, byte[]?>());
        var run = TestHost.Run(["ci", "circleci"], workingDirectory: project.Root);
        Assert.Equal(2, run.ExitCode);
        Assert.Equal(string.Empty, run.Stdout);
        Assert.Equal("error: --promote: is required: the project has no staging and prod stacks to promote between (name the path, e.g. --promote <from>:<to>; known stacks: staging)\n", run.Stderr);
        Assert.False(Directory.Exists(Path.Combine(project.Root, ".circleci")));
    }

    [Fact]
    public void A_promotion_to_an_unknown_stack_is_refused_before_synthesis()
    {
        using var project = new Hosting.HostProject(new Dictionary<string, byte[]?>());
        var run = TestHost.Run(["ci", "github", "--promote", "staging:prod"], workingDirectory: project.Root);
        Assert.Equal(2, run.ExitCode);
        Assert.Equal("error: --promote staging:prod: names 'prod', which has no stacks/Pulumi.<stack>.yaml (known stacks: staging)\n", run.Stderr);
        Assert.Empty(Directory.EnumerateFileSystemEntries(project.Root, "*.yml", SearchOption.AllDirectories));
    }

    [Fact]
    public void A_named_promotion_path_is_used()
    {
        using var project = new Hosting.HostProject(new Dictionary<string, byte[]?> { ["stacks/Pulumi.live.yaml"] = Hosting.HostCase.Utf8(Hosting.HostProject.ValidStaging) });
        var run = TestHost.Run(["ci", "github", "--promote", "staging:live"], workingDirectory: project.Root);
        Assert.True(run.ExitCode == 0, run.Stderr);
        var workflow = File.ReadAllText(Path.Combine(project.Root, ".github", "workflows", "mldeploy.yml"));
        Assert.Contains("sh stacks/compile.sh promote --from staging --to live --outputs staging-outputs.json --verified staging-verify.json", workflow, StringComparison.Ordinal);
        Assert.Contains("  deploy-live:\n    name: deploy live\n    needs: promote\n", workflow, StringComparison.Ordinal);
        Assert.Contains("    environment: live\n", workflow, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "is not a usable file path")]
    [InlineData("   ", "is not a usable file path")]
    [InlineData("folder/", "is a folder")]
    [InlineData("stacks", "is a folder")]
    [InlineData("Pulumi.yaml/ci.yml", "is under")]
    public void A_bad_out_path_exits_2_and_leaves_nothing_behind(string @out, string message)
    {
        using var project = new Hosting.HostProject(new Dictionary<string, byte[]?> { ["stacks/Pulumi.prod.yaml"] = Hosting.HostCase.Utf8(Hosting.HostProject.ValidStaging) });
        var before = project.Snapshot();
        var run = TestHost.Run(["ci", "github", "--out", @out], workingDirectory: project.Root);
        Assert.Equal(2, run.ExitCode);
        Assert.Equal(string.Empty, run.Stdout);
        Assert.StartsWith($"error: --out {@out}: {message}", run.Stderr, StringComparison.Ordinal);
        Assert.Equal(before, project.Snapshot());
    }

    [Fact]
    public void A_stack_that_does_not_synthesize_fails_the_command_and_nothing_is_written()
    {
        using var project = new Hosting.HostProject(new Dictionary<string, byte[]?> { ["stacks/Pulumi.prod.yaml"] = Hosting.HostCase.Utf8("config:\n  ml-platform:minReplicas: two\n") });
        var before = project.Snapshot();
        var run = TestHost.Run(["ci", "github"], workingDirectory: project.Root);
        Assert.Equal(2, run.ExitCode);
        Assert.Equal(string.Empty, run.Stdout);
        Assert.Contains("stacks/Pulumi.prod.yaml", run.Stderr, StringComparison.Ordinal);
        Assert.Equal(before, project.Snapshot());
    }

    [Theory]
    [InlineData("github")]
    [InlineData("circleci")]
    public void Two_runs_write_byte_identical_files(string verb)
    {
        using var dir = new TempDirectory();
        var (first, second) = (Path.Combine(dir.Path, "1.yml"), Path.Combine(dir.Path, "2.yml"));
        Assert.Equal(0, TestHost.Run(["ci", verb, "--out", first]).ExitCode);
        Assert.Equal(0, TestHost.Run(["ci", verb, "--out", second]).ExitCode);
        Assert.Equal(File.ReadAllBytes(first), File.ReadAllBytes(second));
        Assert.DoesNotContain((byte)'\r', File.ReadAllBytes(first));
    }

    /// <summary>The example stacks' clouds (one stack per target; staging and prod are SageMaker).</summary>
    public static TheoryData<string, string> StackClouds => new()
    {
        { "aks", "Azure" }, { "azure-ml", "Azure" }, { "container-apps", "Azure" },
        { "cloud-run", "Google" }, { "gke", "Google" }, { "vertex", "Google" },
        { "eks", "Aws" }, { "fargate", "Aws" }, { "prod", "Aws" }, { "staging", "Aws" },
    };

    [Theory]
    [MemberData(nameof(StackClouds))]
    public void Each_stack_signs_in_to_exactly_its_cloud_by_oidc(string stack, string cloud)
    {
        var workflow = Generated("github");
        var config = Generated("circleci");
        var id = stack.Replace('.', '_');
        var jobs = Jobs(workflow).Where(j => j.Key.EndsWith($"-{id}", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(jobs);
        foreach (var (name, body) in jobs)
        {
            Assert.Equal(cloud == "Aws" ? 1 : 0, Count(body, PinnedActions.AwsCredentials.Uses));
            Assert.Equal(cloud == "Azure" ? 1 : 0, Count(body, PinnedActions.AzureLogin.Uses));
            Assert.Equal(cloud == "Google" ? 1 : 0, Count(body, PinnedActions.GoogleAuth.Uses));
            Assert.Contains("      id-token: write\n", body, StringComparison.Ordinal);
            Assert.DoesNotContain("secrets.", body, StringComparison.Ordinal);
            var prefix = "MLDEPLOY_" + stack.ToUpperInvariant().Replace('-', '_');
            Assert.All(VarReference().Matches(body).Select(m => m.Groups[1].Value).Where(v => v != "PULUMI_BACKEND_URL"), v => Assert.StartsWith(prefix + "_", v, StringComparison.Ordinal));
            Assert.True(body.Contains("AWS_ROLE_ARN", StringComparison.Ordinal) == (cloud == "Aws"), name);
        }

        foreach (var (name, body) in Jobs(config).Where(j => j.Key.EndsWith($"-{id}", StringComparison.Ordinal)))
        {
            Assert.Equal(cloud == "Aws" ? 1 : 0, Count(body, "aws sts assume-role-with-web-identity"));
            Assert.Equal(cloud == "Azure" ? 1 : 0, Count(body, "--federated-token \"$CIRCLE_OIDC_TOKEN_V2\""));
            Assert.Equal(cloud == "Google" ? 1 : 0, Count(body, "gcloud iam workload-identity-pools create-cred-config"));
            Assert.True(body.Contains("CIRCLE_OIDC_TOKEN_V2", StringComparison.Ordinal), name);
        }
    }

    [Theory]
    [InlineData("github")]
    [InlineData("circleci")]
    public void No_long_lived_key_appears(string verb)
    {
        var text = Generated(verb);
        foreach (var forbidden in (string[])["secrets.", "aws-access-key-id", "aws-secret-access-key", "client-secret", "creds:", "credentials_json", "PULUMI_ACCESS_TOKEN", "PULUMI_CONFIG_PASSPHRASE"])
        {
            Assert.DoesNotContain(forbidden, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Every_action_is_pinned_by_a_full_commit_with_its_version()
    {
        var workflow = Generated("github");
        var uses = Regex.Matches(workflow, @"^\s*(?:- )?uses: (.*)$", RegexOptions.Multiline).Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(uses);
        Assert.All(uses, u => Assert.Matches(@"\A[A-Za-z0-9-]+/[A-Za-z0-9._-]+@[0-9a-f]{40} # v[0-9]+\.[0-9]+\.[0-9]+\z", u));
        Assert.All(uses, u => Assert.Contains(PinnedActions.All, a => a.Uses == u));
        Assert.All(PinnedActions.All, a => Assert.Matches("\\A[0-9a-f]{40}\\z", a.Sha));
    }

    [Fact]
    public void Only_the_promote_job_may_write_to_the_repository_and_deployments_are_never_cancelled()
    {
        var jobs = Jobs(Generated("github"));
        Assert.Equal(["promote"], jobs.Where(j => j.Value.Contains("contents: write", StringComparison.Ordinal)).Select(j => j.Key));
        Assert.DoesNotContain("id-token", jobs["promote"], StringComparison.Ordinal);
        Assert.Equal(["promote"], jobs.Where(j => j.Value.Contains("persist-credentials: true", StringComparison.Ordinal)).Select(j => j.Key));
        foreach (var stack in (string[])["staging", "prod"])
        {
            Assert.Contains($"      group: mldeploy-stack-{stack}\n      cancel-in-progress: false\n", jobs[$"deploy-{stack}"], StringComparison.Ordinal);
        }

        Assert.Contains("    environment: prod\n", jobs["deploy-prod"], StringComparison.Ordinal);
        Assert.Contains("          ref: '${{ needs.promote.outputs.commit }}'\n", jobs["deploy-prod"], StringComparison.Ordinal);
        Assert.Contains("          type: approval\n", Generated("circleci"), StringComparison.Ordinal);
    }

    private static string Generated(string verb)
    {
        using var dir = new TempDirectory();
        var target = Path.Combine(dir.Path, "ci.yml");
        var run = TestHost.Run(["ci", verb, "--out", target]);
        Assert.True(run.ExitCode == 0, run.Stderr);
        return File.ReadAllText(target);
    }

    /// <summary>The jobs of a pipeline by id, each with its lines (a job is indented two spaces under <c>jobs:</c>).</summary>
    private static Dictionary<string, string> Jobs(string pipeline)
    {
        var jobs = pipeline[(pipeline.IndexOf("\njobs:\n", StringComparison.Ordinal) + 7)..];
        var end = jobs.IndexOf("\nworkflows:", StringComparison.Ordinal);
        jobs = end < 0 ? jobs : jobs[..end];
        return JobHead().Split(jobs).Skip(1).Chunk(2).ToDictionary(c => c[0], c => c[1], StringComparer.Ordinal);
    }

    private static int Count(string text, string value) => Regex.Count(text, Regex.Escape(value));

    [GeneratedRegex(@"^  ([A-Za-z0-9_-]+):\n", RegexOptions.Multiline)]
    private static partial Regex JobHead();

    [GeneratedRegex(@"vars\.([A-Z0-9_]+)")]
    private static partial Regex VarReference();
}
