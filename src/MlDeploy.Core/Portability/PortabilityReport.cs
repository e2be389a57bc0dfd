using System.Collections.Immutable;

namespace MlDeploy.Portability;

/// <summary>The portability matrix of a stack: each deployment planned against every registered target.</summary>
/// <param name="Project">The Pulumi project.</param>
/// <param name="Stack">The stack.</param>
/// <param name="Deployments">One block per deployment, in declaration order.</param>
public sealed record PortabilityReport(string Project, string Stack, ImmutableArray<DeploymentPortability> Deployments);
