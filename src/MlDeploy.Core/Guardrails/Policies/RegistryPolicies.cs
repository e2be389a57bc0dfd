using MlDeploy.Guardrails.Facts;

namespace MlDeploy.Guardrails.Policies;

/// <summary>MLS-REG-01: a deployed tag always means the same image.</summary>
internal sealed class TagsImmutablePolicy : PolicyRule<RegistrySettings>
{
    public override Policy Policy { get; } = new("MLS-REG-01", "registry tags are immutable", RuleLevel.Default, ["CKV_AWS_51", "AVD-AWS-0031", "SH ECR.2"]);

    protected override IEnumerable<string> Problems(RegistrySettings fact, GuardrailContext context) =>
        fact.TagsImmutable ? [] : [$"{fact.Subject} lets tags be overwritten"];
}

/// <summary>MLS-REG-02.</summary>
internal sealed class ScanOnPushPolicy : PolicyRule<RegistrySettings>
{
    public override Policy Policy { get; } = new("MLS-REG-02", "images are scanned on push", RuleLevel.Default, ["CKV_AWS_163", "AVD-AWS-0030", "CIS 5.1.1"]);

    protected override IEnumerable<string> Problems(RegistrySettings fact, GuardrailContext context) =>
        fact.ScansOnPush ? [] : [$"{fact.Subject} does not scan images on push"];
}

/// <summary>MLS-REG-05: old images expire, recent ones stay for rollback.</summary>
internal sealed class LifecyclePolicy : PolicyRule<RegistrySettings>
{
    public override Policy Policy { get; } = new("MLS-REG-05", "registries have a lifecycle policy", RuleLevel.Default, ["SH ECR.3"]);

    protected override IEnumerable<string> Problems(RegistrySettings fact, GuardrailContext context) =>
        fact.HasLifecyclePolicy ? [] : ["no lifecycle policy expires old images"];
}

/// <summary>MLS-REG-06.</summary>
internal sealed class RegistryKmsPolicy : PolicyRule<RegistrySettings>
{
    public override Policy Policy { get; } = new("MLS-REG-06", "registries are KMS-encrypted", RuleLevel.Default, ["CKV_AWS_136"]);

    protected override IEnumerable<string> Problems(RegistrySettings fact, GuardrailContext context) =>
        fact.KmsEncrypted != false ? [] : [$"{fact.Subject} is not encrypted with a KMS key"];
}

/// <summary>MLS-REG-03: nobody outside the account's identities reaches the registry (SECURITY.md section 5, row 3).</summary>
internal sealed class RegistryNotPublicPolicy : PolicyRule<AnonymousAccess>
{
    public override Policy Policy { get; } = new("MLS-REG-03", "no public or anonymous registry access", RuleLevel.Default, ["CKV_AWS_32", "CKV_GCP_101", "CKV_AZURE_138"]);

    protected override IEnumerable<string> Problems(AnonymousAccess fact, GuardrailContext context) =>
        fact.OpenStatements.IsEmpty ? [] : [$"{fact.Subject} allows any principal ({string.Join(", ", fact.OpenStatements)})"];
}
