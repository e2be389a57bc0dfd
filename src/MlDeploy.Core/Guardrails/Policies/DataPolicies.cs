using MlDeploy.Guardrails.Facts;

namespace MlDeploy.Guardrails.Policies;

/// <summary>MLS-DATA-01.</summary>
internal sealed class StorePrivatePolicy : PolicyRule<PublicAccess>
{
    public override Policy Policy { get; } = new("MLS-DATA-01", "buckets are private", RuleLevel.Default,
        ["CKV_AWS_53", "CKV_AWS_54", "CKV_AWS_55", "CKV_AWS_56", "CKV2_AWS_6", "CKV_GCP_114", "CKV_GCP_29", "CKV_AZURE_190"]);

    protected override IEnumerable<string> Problems(PublicAccess fact, GuardrailContext context) =>
        (fact.UnblockedSettings.IsEmpty ? [] : new[] { $"public access is not blocked ({string.Join(", ", fact.UnblockedSettings)})" })
            .Concat(fact.AclsDisabled ? [] : ["ACLs are not disabled"]);
}

/// <summary>MLS-DATA-02.</summary>
internal sealed class EncryptedAtRestPolicy : PolicyRule<EncryptionAtRest>
{
    public override Policy Policy { get; } = new("MLS-DATA-02", "data at rest is KMS-encrypted", RuleLevel.Default,
        ["CKV_AWS_98", "CFG SAGEMAKER_ENDPOINT_CONFIGURATION_KMS_KEY_CONFIGURED", "CKV_AWS_145", "CKV_AWS_7"]);

    protected override IEnumerable<string> Problems(EncryptionAtRest fact, GuardrailContext context) =>
        fact.Encrypted ? [] : [$"{fact.Subject} are not encrypted with a customer-managed KMS key"];
}

/// <summary>MLS-KMS-01 (SECURITY.md section 2.4).</summary>
internal sealed class KeyHardenedPolicy : PolicyRule<KeyManagement>
{
    public override Policy Policy { get; } = new("MLS-KMS-01", "KMS keys rotate and have explicit policies", RuleLevel.Default,
        ["CKV_AWS_7", "AVD-AWS-0065", "CKV2_AWS_64", "CKV_AWS_33"]);

    protected override IEnumerable<string> Problems(KeyManagement fact, GuardrailContext context)
    {
        if (!fact.Rotates)
        {
            yield return "key rotation is off";
        }

        if (!fact.HasDeletionWindow)
        {
            yield return "no deletion window is set";
        }

        if (!fact.ExplicitPolicy)
        {
            yield return "the key policy is not explicit";
        }

        if (fact.AllowsAnyPrincipal)
        {
            yield return "the key policy allows any principal";
        }

        if (fact.LockoutCheckBypassed)
        {
            yield return "the policy lock-out safety check is bypassed";
        }

        // AWS KMS Developer Guide, "Default key policy": administrators and users are separate statements, so a
        // principal that uses the key cannot also change its policy or schedule its deletion.
        if (!fact.UnsplitStatements.IsEmpty)
        {
            yield return $"{string.Join(", ", fact.UnsplitStatements)} of the key policy allows every key action (separate administering the key from using it)";
        }
    }
}
