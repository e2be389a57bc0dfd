using MlDeploy.Graph;
using MlDeploy.Guardrails;

namespace MlDeploy.Aws.Guardrails;

/// <summary>MLS-REG-01: image tags cannot be overwritten, so a deployed tag always means the same image.</summary>
public sealed class EcrTagsImmutable : Guardrail
{
    /// <inheritdoc/>
    public override string Id => "MLS-REG-01";

    /// <inheritdoc/>
    public override string Title => "registry tags are immutable";

    /// <inheritdoc/>
    public override IEnumerable<Finding> Check(GuardrailContext context) =>
        context.OfType(AwsTypes.EcrRepository.Token)
            .Where(r => ValuePath.GetString(r.Properties, "imageTagMutability") != "IMMUTABLE")
            .Select(r => Fail(r, "imageTagMutability is not IMMUTABLE"));
}

/// <summary>MLS-REG-02: images are scanned for vulnerabilities when pushed.</summary>
public sealed class EcrScanOnPush : Guardrail
{
    /// <inheritdoc/>
    public override string Id => "MLS-REG-02";

    /// <inheritdoc/>
    public override string Title => "images are scanned on push";

    /// <inheritdoc/>
    public override IEnumerable<Finding> Check(GuardrailContext context) =>
        context.OfType(AwsTypes.EcrRepository.Token)
            .Where(r => ValuePath.GetBool(r.Properties, "imageScanningConfiguration.scanOnPush") != true)
            .Select(r => Fail(r, "imageScanningConfiguration.scanOnPush is not true"));
}

/// <summary>MLS-REG-05: every repository has a lifecycle policy, so old images expire but recent ones stay for rollback.</summary>
public sealed class EcrLifecyclePolicy : Guardrail
{
    /// <inheritdoc/>
    public override string Id => "MLS-REG-05";

    /// <inheritdoc/>
    public override string Title => "registries have a lifecycle policy";

    /// <inheritdoc/>
    public override IEnumerable<Finding> Check(GuardrailContext context)
    {
        var covered = context.OfType(AwsTypes.EcrLifecyclePolicy.Token)
            .Select(p => ValuePath.Get(p.Properties, "repository"))
            .OfType<OutputReference>()
            .Select(o => o.Target.Name)
            .ToHashSet(StringComparer.Ordinal);
        return context.OfType(AwsTypes.EcrRepository.Token)
            .Where(r => !covered.Contains(r.Name))
            .Select(r => Fail(r, "no lifecycle policy expires old images"));
    }
}

/// <summary>MLS-REG-06: repositories are encrypted with KMS.</summary>
public sealed class EcrKmsEncryption : Guardrail
{
    /// <inheritdoc/>
    public override string Id => "MLS-REG-06";

    /// <inheritdoc/>
    public override string Title => "registries are KMS-encrypted";

    /// <inheritdoc/>
    public override IEnumerable<Finding> Check(GuardrailContext context) =>
        context.OfType(AwsTypes.EcrRepository.Token)
            .Where(r => ValuePath.GetString(r.Properties, "encryptionConfigurations[0].encryptionType") != "KMS")
            .Select(r => Fail(r, "encryptionConfigurations[0].encryptionType is not KMS"));
}
