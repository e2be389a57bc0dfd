using System.Text.RegularExpressions;
using MlDeploy.Graph;
using MlDeploy.Guardrails.Facts;

namespace MlDeploy.Guardrails.Policies;

/// <summary>MLS-IMG-01: production runs exactly the bytes that were verified (a tag alone is allowed outside production).</summary>
internal sealed partial class ImagePinnedPolicy : PolicyRule<ImageReference>
{
    private static readonly string s_pushedImage = $"{PulumiPackages.DockerBuild.Name}:index:Image";

    public override Policy Policy { get; } = new("MLS-IMG-01", "images are pinned by digest", RuleLevel.Production, ["CKV_K8S_14", "CKV_K8S_43", "KSV-0013", "POL tagNotSpecified", "CIS 5.1.4"]);

    protected override IEnumerable<string> Problems(ImageReference fact, GuardrailContext context) =>
        IsPinned(fact.Image) ? [] : [$"the image of {fact.Subject} is not pinned by digest"];

    [GeneratedRegex(@"\A[^@]*@sha256:[a-f0-9]{64}\z")]
    private static partial Regex EndsWithDigest();

    private static bool IsPinned(Value? image) => image switch
    {
        // <repository>@<digest of an image the program built and pushed>
        Interpolation { Parts: [.., StringValue { Value: var at }, OutputReference { Path: "digest", Target: Resource r }] } =>
            at.EndsWith('@') && r.Type.Token == s_pushedImage,
        StringValue s => s.Value.Contains("@sha256:", StringComparison.Ordinal),

        // <repository read from another stack>@sha256:<digest written in the program>, or <registry output>/<image>@sha256:<digest>
        // (a mirrored public image, decision 50): whatever the output resolves to, the bytes are fixed.
        Interpolation { Parts: [.., StringValue { Value: var digest }] } => EndsWithDigest().IsMatch(digest),
        _ => false,
    };
}

/// <summary>
/// MLS-SEC-01: a variable named like a secret must hold a reference (an ARN, or the path of a mounted secret file), never
/// the value, and no variable may hold a value shaped like a credential. A deployment lists the variables that only look
/// like secrets in <see cref="Model.Serving.NotSecret"/> (shown in the plan); a known credential format is refused even there.
/// </summary>
internal sealed class NoPlaintextSecretsPolicy : PolicyRule
{
    public override Policy Policy { get; } = new("MLS-SEC-01", "no plaintext secrets in the environment", RuleLevel.Default, ["AVD-AWS-0036", "CFG ECS_NO_ENVIRONMENT_SECRETS", "CKV_K8S_35"]);

    public override IReadOnlyList<Type> Reads { get; } = [typeof(PlainEnvironment)];

    // Loops rather than a query expression: its `let` clauses are Select calls on LINQ's iterators, generic virtual
    // methods the NativeAOT type loader resolves at run time on every start (docs/BENCHMARKS.md, stop 16).
    public override IEnumerable<Violation> Check(FactBase facts)
    {
        foreach (var at in facts.Of<PlainEnvironment>())
        {
            var declared = NotSecret(facts.Context, at.Resource.Owner);
            foreach (var variable in at.Fact.Variables)
            {
                if (variable.Value is StringValue text
                    && Problem(variable.Key, text.Value, declared.Contains(variable.Key), at.Fact.Subject) is { } problem)
                {
                    yield return Fail(at, problem);
                }
            }
        }
    }

    private static string? Problem(string name, string value, bool declaredNotSecret, string subject) =>
        SecretShapes.KnownCredential(value) is { } format ? $"environment variable {name} of {subject} holds {format}"
        : declaredNotSecret ? null
        : SecretShapes.NameSaysSecret(name) && !SecretShapes.IsReference(value) ? $"environment variable {name} of {subject} looks like a secret with a literal value (declare it in Secrets, or list it in Serving.NotSecret if it is not one)"
        : SecretShapes.HighEntropy(value) ? $"environment variable {name} of {subject} holds a long random-looking value (declare it in Secrets, or list it in Serving.NotSecret if it is not one)"
        : null;

    private static HashSet<string> NotSecret(GuardrailContext context, string? deployment) =>
        context.Deployment(deployment)?.Serving.NotSecret.ToHashSet(StringComparer.Ordinal) ?? [];
}

/// <summary>MLS-OPS-01.</summary>
internal sealed class NoShellPolicy : PolicyRule<OperatorAccess>
{
    public override Policy Policy { get; } = new("MLS-OPS-01", "no interactive shell on serving instances", RuleLevel.Default, ["CKV_AWS_332", "SH ECS.10"]);

    protected override IEnumerable<string> Problems(OperatorAccess fact, GuardrailContext context) =>
        (fact.InteractiveShell is { } shell ? new[] { $"{fact.Subject} enables {shell}" } : [])
            .Concat(fact.PinnedPlatformVersion is { } version ? [$"{fact.Subject} pins platform version {version}, not LATEST"] : []);
}
