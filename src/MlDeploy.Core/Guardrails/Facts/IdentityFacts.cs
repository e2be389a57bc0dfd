using System.Collections.Immutable;

namespace MlDeploy.Guardrails.Facts;

/// <summary>One allow statement of a permission policy.</summary>
/// <param name="Subject">The statement, e.g. <c>statement PullServingImage</c>.</param>
/// <param name="Actions">The actions it allows.</param>
/// <param name="OnEveryResource">Whether it allows them on every resource ('*').</param>
/// <param name="UnscopableActions">Those of <paramref name="Actions"/> that have no resource-level permissions, so '*' is their only form.</param>
public sealed record Grant(string Subject, ImmutableArray<string> Actions, bool OnEveryResource, ImmutableArray<string> UnscopableActions) : Fact(Subject);

/// <summary>A managed policy attached to an identity.</summary>
/// <param name="Subject">The attachment.</param>
/// <param name="Policy">The policy's name or ARN.</param>
/// <param name="AdministratorClass">Whether it grants administrator-class access (AdministratorAccess, IAMFullAccess, ...).</param>
public sealed record AttachedPolicy(string Subject, string Policy, bool AdministratorClass) : Fact(Subject);

/// <summary>A principal a role's trust policy admits.</summary>
/// <param name="Subject">The trust statement.</param>
/// <param name="Service">The service principal, or null when the principal is not a service.</param>
/// <param name="KnownService">Whether it is a service whose roles the SDK creates.</param>
/// <param name="ActsForManyAccounts">Whether the service acts for many accounts and says which (so a confused-deputy condition applies).</param>
/// <param name="LimitedToThisAccount">Whether the trust checks the source account.</param>
public sealed record TrustedPrincipal(string Subject, string? Service, bool KnownService, bool ActsForManyAccounts, bool LimitedToThisAccount) : Fact(Subject);

/// <summary>A long-lived credential the program creates (a user, an access key, a service-account key).</summary>
/// <param name="Subject">What is created, e.g. <c>User</c>.</param>
public sealed record LongLivedCredential(string Subject) : Fact(Subject);

/// <summary>One allow statement of a permission policy that reaches an image registry or an artifact store.</summary>
/// <param name="Subject">The statement, e.g. <c>statement PullServingImage</c>.</param>
/// <param name="Store">What it reaches, e.g. <c>the registry</c> or <c>the artifact store</c>.</param>
/// <param name="BeyondReading">The actions that are not read-only pulls or reads (writes, deletes, wildcards).</param>
/// <param name="OnEveryResource">Whether it names a wildcard resource rather than the deployment's repository, bucket or prefix.</param>
public sealed record StoreGrant(string Subject, string Store, ImmutableArray<string> BeyondReading, bool OnEveryResource) : Fact(Subject);
