namespace MlDeploy.Guardrails.Policies;

/// <summary>Every rule of the catalogue, in id order (the order the guardrail table lists them).</summary>
internal static class PolicyRules
{
    public static IReadOnlyList<PolicyRule> All { get; } =
    [
        new NonRootPolicy(), new NotPrivilegedPolicy(), new CapabilitiesDroppedPolicy(), new ReadOnlyRootPolicy(), new SeccompPolicy(),
        new NoHostAccessPolicy(), new ApiTokenPolicy(), new ComputeBoundsPolicy(), new NamespacePolicy(),
        new StorePrivatePolicy(), new EncryptedAtRestPolicy(),
        new NamedActionsPolicy(), new NamedResourcesPolicy(), new NoAdminPoliciesPolicy(), new TrustLimitedPolicy(), new DedicatedIdentityPolicy(), new StoreReadOnlyPolicy(), new NoLongLivedCredentialsPolicy(),
        new ImagePinnedPolicy(), new KeyHardenedPolicy(), new IngressPolicyPolicy(),
        new PrivateExposurePolicy(), new PublicAuthenticationPolicy(), new TlsOnlyPolicy(), new RequestHardeningPolicy(), new PrivateTasksPolicy(), new ModelIsolationPolicy(),
        new LogRetentionPolicy(), new LogsShippedPolicy(), new AlarmsPolicy(), new NoShellPolicy(),
        new TagsImmutablePolicy(), new ScanOnPushPolicy(), new RegistryNotPublicPolicy(), new LifecyclePolicy(), new RegistryKmsPolicy(),
        new TwoInstancesPolicy(), new ZoneSpreadPolicy(), new DisruptionBudgetPolicy(), new HealthChecksPolicy(), new GuardedRolloutPolicy(), new RequestTimeoutPolicy(),
        new NoPlaintextSecretsPolicy(),
    ];
}
