using System.Collections.Immutable;
using MlDeploy.Guardrails;
using MlDeploy.Model;
using MlDeploy.Tests.Support;
using MlDeploy.Validation;
using MlDeploy.Writers;

namespace MlDeploy.Tests.Guardrails;

/// <summary>MLS-SEC-01 refuses secrets by name shape and value shape, not by substring, and honours Serving.NotSecret.</summary>
public class PlaintextSecretTests
{
    public static TheoryData<string, string> OrdinarySettings => new()
    {
        { "MAX_INPUT_TOKENS", "4096" },
        { "MAX_TOTAL_TOKENS", "8192" },
        { "MAX_BATCH_PREFILL_TOKENS", "16384" },
        { "TOKENIZER", "meta-llama/Llama-3.1-8B-Instruct" },
        { "TOKENIZERS_PARALLELISM", "false" },
        { "TOKEN_LIMIT", "2048" },
        { "PASSWORD_FILE", "/run/secrets/db" },
        { "API_TOKEN", "arn:aws:secretsmanager:us-east-1:123456789012:secret:api-token" },
        { "MODEL_SHA", "9b2a4c6e8f0a1b3c5d7e9f1a2b4c6d8e0f1a3b5c7d9e1f2a4b6c8d0e2f4a6b8c" },
        { "MODEL_NAME", "FraudScorerGradientBoostedTrees2024Release" },
    };

    public static TheoryData<string, string, string> Secrets => new()
    {
        { "HF_TOKEN", "abc", "looks like a secret with a literal value" },
        { "DB_PASSWORD", "hunter2", "looks like a secret with a literal value" },
        { "apiKey", "x", "looks like a secret with a literal value" },
        { "AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI", "looks like a secret with a literal value" },
        { "SECRET", "s", "looks like a secret with a literal value" },
        { "GOOGLE_CREDENTIALS", "{}", "looks like a secret with a literal value" },
        { "UPSTREAM_PASS", "p", "looks like a secret with a literal value" },
        { "DOWNLOAD_FROM", "AKIAIOSFODNN7EXAMPLE", "holds an AWS access key id" },
        { "SETTING", "ghp_0123456789abcdefghijABCDEFGHIJ012345", "holds a token with the ghp_ prefix" },
        { "SIGNER", "-----BEGIN RSA PRIVATE KEY-----\nMIIB", "holds a PEM private key" },
        { "EXTRA", "Zq8vN2xR4tLw9KpY7mB3cJ6hF1gD5sA0eUoTiQnV", "holds a long random-looking value" },
    };

    [Theory]
    [MemberData(nameof(OrdinarySettings))]
    public void OrdinarySetting_Passes(string name, string value)
    {
        var synthesis = SampleDeployments.Synthesizer().Synthesize(Platform(Env(name, value)), SampleDeployments.Staging);

        Assert.DoesNotContain(synthesis.Guardrails, o => o.Finding.RuleId == "MLS-SEC-01");
    }

    [Theory]
    [MemberData(nameof(Secrets))]
    public void Secret_Fails(string name, string value, string message)
    {
        var e = Assert.Throws<InvalidInputException>(() => SampleDeployments.Synthesizer().Synthesize(Platform(Env(name, value)), SampleDeployments.Staging));

        Assert.Contains($"MLS-SEC-01 no plaintext secrets in the environment: environment variable {name} of the container {message}", Assert.Single(e.Diagnostics).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NotSecret_AcceptsTheLiteral_AndThePlanSaysSo()
    {
        var d = Env("UPSTREAM_PASS", "2");
        var platform = Platform(d with { Serving = d.Serving with { NotSecret = ["UPSTREAM_PASS"] } });

        var synthesis = SampleDeployments.Synthesizer().Synthesize(platform, SampleDeployments.Staging);
        var plan = PlanWriter.Write(platform, synthesis, SampleDeployments.Staging, PolicyCatalogue.Default.Policies.Length);

        Assert.DoesNotContain(synthesis.Guardrails, o => o.Finding.RuleId == "MLS-SEC-01");
        Assert.Contains("  not secret (declared, literal values allowed by MLS-SEC-01): UPSTREAM_PASS\n", plan, StringComparison.Ordinal);
    }

    [Fact]
    public void NotSecret_DoesNotCoverAKnownCredentialFormat()
    {
        var d = Env("DOWNLOAD_FROM", "AKIAIOSFODNN7EXAMPLE");
        var platform = Platform(d with { Serving = d.Serving with { NotSecret = ["DOWNLOAD_FROM"] } });

        var e = Assert.Throws<InvalidInputException>(() => SampleDeployments.Synthesizer().Synthesize(platform, SampleDeployments.Staging));

        Assert.Contains("environment variable DOWNLOAD_FROM of the container holds an AWS access key id", Assert.Single(e.Diagnostics).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NotSecret_NamingNoVariable_IsAValidationError()
    {
        var d = SampleDeployments.CpuEndpoint();
        var problems = SampleDeployments.Synthesizer().Validate(Platform(d with { Serving = d.Serving with { NotSecret = ["MAX_TOKENS"] } }), Repo.Root);

        Assert.Equal("deployments[fraud].serving.notSecret[MAX_TOKENS]: is not set in Serving.Env (list only variables of Serving.Env that look like secrets but are not)", Assert.Single(problems).ToString());
    }

    private static ModelDeployment Env(string name, string value) =>
        SampleDeployments.CpuEndpoint() with { Serving = new Serving { Env = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [KeyValuePair.Create(name, value)]) } };

    private static Platform Platform(ModelDeployment d) => SampleDeployments.Platform(EnvironmentProfile.Development, d);
}
