using MlDeploy.Guardrails.Facts;

namespace MlDeploy.Guardrails.Policies;

/// <summary>MLS-IAM-01: no grant of every action, or every action of a service.</summary>
internal sealed class NamedActionsPolicy : PolicyRule<Grant>
{
    public override Policy Policy { get; } = new("MLS-IAM-01", "IAM policies name their actions", RuleLevel.Default, ["CKV_AWS_63", "CKV_AWS_49", "CKV_AWS_62", "CKV_AZURE_39"]);

    // A loop, not Where(...).Select(...): Select over a Where iterator is a generic virtual method, which the NativeAOT
    // compiler's type loader builds at run time, on every compile (docs/BENCHMARKS.md, stop 19).
    protected override IEnumerable<string> Problems(Grant fact, GuardrailContext context)
    {
        foreach (var action in fact.Actions)
        {
            if (action == "*" || action.EndsWith(":*", StringComparison.Ordinal))
            {
                yield return $"{fact.Subject} allows '{action}'";
            }
        }
    }
}

/// <summary>MLS-IAM-02: actions that support resource-level permissions are granted on named resources.</summary>
internal sealed class NamedResourcesPolicy : PolicyRule<Grant>
{
    public override Policy Policy { get; } = new("MLS-IAM-02", "IAM policies name their resources", RuleLevel.Default, ["CKV_AWS_355", "CKV_AWS_356"]);

    // A loop for the reason NamedActionsPolicy gives.
    protected override IEnumerable<string> Problems(Grant fact, GuardrailContext context)
    {
        if (!fact.OnEveryResource)
        {
            yield break;
        }

        foreach (var action in fact.Actions)
        {
            if (!fact.UnscopableActions.Contains(action))
            {
                yield return $"{fact.Subject} allows '{action}' on every resource";
            }
        }
    }
}

/// <summary>MLS-IAM-03.</summary>
internal sealed class NoAdminPoliciesPolicy : PolicyRule<AttachedPolicy>
{
    public override Policy Policy { get; } = new("MLS-IAM-03", "no administrator-class managed policies", RuleLevel.Default, ["CKV_AWS_274", "CKV2_AWS_56", "CKV_GCP_117", "CKV_GCP_42"]);

    protected override IEnumerable<string> Problems(AttachedPolicy fact, GuardrailContext context) =>
        fact.AdministratorClass ? [$"attaches {fact.Policy}"] : [];
}

/// <summary>MLS-IAM-04: only one known service may assume a role, and only for this account (confused-deputy guard).</summary>
internal sealed class TrustLimitedPolicy : PolicyRule<TrustedPrincipal>
{
    public override Policy Policy { get; } = new("MLS-IAM-04", "role trust is limited to a service acting for this account", RuleLevel.Default, ["CKV_AWS_60", "CKV_AWS_61"]);

    protected override IEnumerable<string> Problems(TrustedPrincipal fact, GuardrailContext context) =>
        fact.Service is null || !fact.KnownService ? ["the trust policy allows a principal other than one known service"]
        : fact.ActsForManyAccounts && !fact.LimitedToThisAccount ? [$"{fact.Service} may assume the role on behalf of any account (no source-account condition)"]
        : [];
}

/// <summary>MLS-IAM-05.</summary>
internal sealed class DedicatedIdentityPolicy : PolicyRule<RuntimeIdentity>
{
    public override Policy Policy { get; } = new("MLS-IAM-05", "dedicated runtime identity", RuleLevel.Default, ["CKV_GCP_46", "CKV_K8S_41", "CKV_K8S_42", "AZP b874ab2d", "CKV_AWS_249"]);

    protected override IEnumerable<string> Problems(RuntimeIdentity fact, GuardrailContext context) =>
        !fact.HasOwnIdentity ? [$"{fact.Subject} has no identity of its own"]
        : fact.SharesPlatformIdentity ? [$"{fact.Subject} shares its identity with the platform agent (task role = execution role)"]
        : [];
}

/// <summary>MLS-IAM-07.</summary>
internal sealed class NoLongLivedCredentialsPolicy : PolicyRule<LongLivedCredential>
{
    public override Policy Policy { get; } = new("MLS-IAM-07", "no long-lived credentials", RuleLevel.Default, ["CKV2_GCP_3", "CKV_AWS_273", "AVD-AWS-0143"]);

    protected override IEnumerable<string> Problems(LongLivedCredential fact, GuardrailContext context) => [$"creates {fact.Subject}"];
}

/// <summary>
/// MLS-IAM-06: a runtime identity only pulls from its registry and reads its artifacts (SECURITY.md section 5, row 13:
/// "ECR pull actions on the repo ARN"); a write or a wildcard would let a compromised server replace the images or
/// models of every deployment.
/// </summary>
internal sealed class StoreReadOnlyPolicy : PolicyRule<StoreGrant>
{
    public override Policy Policy { get; } = new("MLS-IAM-06", "registry and artifact grants are read-only and scoped", RuleLevel.Default, ["KICS 77deea6a", "CIS 5.1.3"]);

    protected override IEnumerable<string> Problems(StoreGrant fact, GuardrailContext context)
    {
        if (!fact.BeyondReading.IsEmpty)
        {
            yield return $"{fact.Subject} grants {string.Join(", ", fact.BeyondReading.Select(a => $"'{a}'"))} on {fact.Store} (read-only actions only)";
        }

        if (fact.OnEveryResource)
        {
            yield return $"{fact.Subject} reaches {fact.Store} through a wildcard resource (name the deployment's own)";
        }
    }
}
