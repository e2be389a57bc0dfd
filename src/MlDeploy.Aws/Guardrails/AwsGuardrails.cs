using MlDeploy.Guardrails;

namespace MlDeploy.Aws.Guardrails;

/// <summary>The guardrails over AWS resources (ids from SECURITY.md section 5).</summary>
public static class AwsGuardrails
{
    /// <summary>Gets every AWS rule.</summary>
    public static IReadOnlyList<Guardrail> All { get; } =
    [
        new EcrTagsImmutable(), new EcrScanOnPush(), new EcrLifecyclePolicy(), new EcrKmsEncryption(),
        new IamNoWildcardActions(), new IamNoWildcardResources(), new IamNoAdminPolicies(), new IamTrustLimited(), new IamNoLongLivedCredentials(),
        new BucketPrivate(), new BucketTlsOnly(), new DataEncryptedAtRest(), new KmsKeyHardened(),
        new SageMakerNetworkIsolation(), new SageMakerTwoInstances(), new SageMakerStartupTimeouts(), new SageMakerGuardedDeployments(),
        new SageMakerNoShellAccess(), new ImagePinnedByDigest(), new NoPlaintextSecrets(),
        new LogRetentionSet(), new AlarmsWithActions(),
    ];
}
