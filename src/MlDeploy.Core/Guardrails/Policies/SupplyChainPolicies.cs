using System.Text.RegularExpressions;
using MlDeploy.Graph;
using MlDeploy.Guardrails.Facts;

namespace MlDeploy.Guardrails.Policies;

/// <summary>MLS-IMG-01: production runs exactly the bytes that were verified (a tag alone is allowed outside production).</summary>
internal sealed class ImagePinnedPolicy : PolicyRule<ImageReference>
{
    private static readonly string s_pushedImage = $"{PulumiPackages.DockerBuild.Name}:index:Image";

    public override Policy Policy { get; } = new("MLS-IMG-01", "images are pinned by digest", RuleLevel.Production, ["CKV_K8S_14", "CKV_K8S_43", "KSV-0013", "POL tagNotSpecified", "CIS 5.1.4"]);

    protected override IEnumerable<string> Problems(ImageReference fact, GuardrailContext context) =>
        IsPinned(fact.Image) ? [] : [$"the image of {fact.Subject} is not pinned by digest"];

    private static bool IsPinned(Value? image) => image switch
    {
        // <repository>@<digest of an image the program built and pushed>
        Interpolation { Parts: [.., StringValue { Value: var at }, OutputReference { Path: "digest", Target: Resource r }] } =>
            at.EndsWith('@') && r.Type.Token == s_pushedImage,
        StringValue s => s.Value.Contains("@sha256:", StringComparison.Ordinal),
        _ => false,
    };
}

/// <summary>MLS-SEC-01: a variable named like a secret must hold a reference (an ARN, or the path of a mounted secret file), never the value.</summary>
internal sealed partial class NoPlaintextSecretsPolicy : PolicyRule<PlainEnvironment>
{
    public override Policy Policy { get; } = new("MLS-SEC-01", "no plaintext secrets in the environment", RuleLevel.Default, ["AVD-AWS-0036", "CFG ECS_NO_ENVIRONMENT_SECRETS", "CKV_K8S_35"]);

    protected override IEnumerable<string> Problems(PlainEnvironment fact, GuardrailContext context) =>
        from variable in fact.Variables
        where SecretName().IsMatch(variable.Key) && variable.Value is StringValue { Value: var v } && !IsReference(v)
        select $"environment variable {variable.Key} of {fact.Subject} looks like a secret with a literal value";

    private static bool IsReference(string value) =>
        value.StartsWith("arn:", StringComparison.Ordinal) || value.StartsWith('/');

    [GeneratedRegex("(?i)(secret|passw(or)?d|token|api[_-]?key|credential|private[_-]?key)")]
    private static partial Regex SecretName();
}

/// <summary>MLS-OPS-01.</summary>
internal sealed class NoShellPolicy : PolicyRule<OperatorAccess>
{
    public override Policy Policy { get; } = new("MLS-OPS-01", "no interactive shell on serving instances", RuleLevel.Default, ["CKV_AWS_332", "SH ECS.10"]);

    protected override IEnumerable<string> Problems(OperatorAccess fact, GuardrailContext context) =>
        (fact.InteractiveShell is { } shell ? new[] { $"{fact.Subject} enables {shell}" } : [])
            .Concat(fact.PinnedPlatformVersion is { } version ? [$"{fact.Subject} pins platform version {version}, not LATEST"] : []);
}
