using System.Collections.Immutable;

namespace MlDeploy.Guardrails.Facts;

/// <summary>How an image registry is set up.</summary>
/// <param name="Subject">The registry.</param>
/// <param name="TagsImmutable">Whether tags cannot be overwritten.</param>
/// <param name="ScansOnPush">Whether pushed images are scanned for vulnerabilities.</param>
/// <param name="HasLifecyclePolicy">Whether old images expire.</param>
/// <param name="KmsEncrypted">Whether images are encrypted with a KMS key; null where MLS-REG-06 does not apply (it is ECR's; customer-managed keys are opt-in elsewhere: SECURITY.md section 6).</param>
public sealed record RegistrySettings(string Subject, bool TagsImmutable, bool ScansOnPush, bool HasLifecyclePolicy, bool? KmsEncrypted) : Fact(Subject);

/// <summary>How public a store is allowed to become.</summary>
/// <param name="Subject">The store.</param>
/// <param name="UnblockedSettings">The public-access blocks that are not on.</param>
/// <param name="AclsDisabled">Whether per-object ACLs are disabled.</param>
public sealed record PublicAccess(string Subject, ImmutableArray<string> UnblockedSettings, bool AclsDisabled) : Fact(Subject);

/// <summary>Whether stored data is encrypted with a customer-managed key.</summary>
/// <param name="Subject">The data, e.g. <c>objects</c> or <c>instance volumes</c>.</param>
/// <param name="Encrypted">Whether it is.</param>
public sealed record EncryptionAtRest(string Subject, bool Encrypted) : Fact(Subject);

/// <summary>How a customer-managed key is set up.</summary>
/// <param name="Subject">The key.</param>
/// <param name="Rotates">Whether key rotation is on.</param>
/// <param name="HasDeletionWindow">Whether a deletion window is set.</param>
/// <param name="ExplicitPolicy">Whether the key has an explicit policy.</param>
/// <param name="AllowsAnyPrincipal">Whether the policy allows '*'.</param>
/// <param name="LockoutCheckBypassed">Whether the policy lock-out safety check is bypassed.</param>
public sealed record KeyManagement(string Subject, bool Rotates, bool HasDeletionWindow, bool ExplicitPolicy, bool AllowsAnyPrincipal, bool LockoutCheckBypassed) : Fact(Subject)
{
    /// <summary>Gets the allow statements granting every key action (<c>kms:*</c> or <c>*</c>), which do not separate administering the key from using it.</summary>
    public ImmutableArray<string> UnsplitStatements { get; init; } = [];
}

/// <summary>How long a log sink keeps logs.</summary>
/// <param name="Subject">The sink.</param>
/// <param name="RetentionSet">Whether a retention is set (the default keeps logs forever).</param>
public sealed record LogRetention(string Subject, bool RetentionSet) : Fact(Subject);

/// <summary>A resource policy on an image registry or store: who it lets in.</summary>
/// <param name="Subject">The policy.</param>
/// <param name="OpenStatements">The allow statements whose principal is anyone (<c>*</c> or <c>{"AWS": "*"}</c>), by Sid or position.</param>
public sealed record AnonymousAccess(string Subject, ImmutableArray<string> OpenStatements) : Fact(Subject);
