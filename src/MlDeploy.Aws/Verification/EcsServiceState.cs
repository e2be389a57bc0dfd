using System.Collections.Immutable;

namespace MlDeploy.Aws.Verification;

/// <summary>What DescribeServices says about a service.</summary>
/// <param name="Status">The service's status, e.g. <c>ACTIVE</c>.</param>
/// <param name="TaskDefinition">The task definition the service runs (after a circuit-breaker rollback: the old one).</param>
/// <param name="DesiredCount">Tasks wanted.</param>
/// <param name="RunningCount">Tasks running.</param>
/// <param name="Deployments">The service's deployments (<c>PRIMARY</c> is the newest).</param>
public sealed record EcsServiceState(string Status, string TaskDefinition, int DesiredCount, int RunningCount, ImmutableArray<EcsDeploymentState> Deployments);

/// <summary>One deployment of an ECS service.</summary>
/// <param name="Status"><c>PRIMARY</c>, <c>ACTIVE</c> or <c>INACTIVE</c>.</param>
/// <param name="TaskDefinition">The task definition it rolls out.</param>
/// <param name="DesiredCount">Tasks wanted.</param>
/// <param name="RunningCount">Tasks running.</param>
/// <param name="RolloutState"><c>COMPLETED</c>, <c>IN_PROGRESS</c> or <c>FAILED</c>; null where the API gives none (a deployment controller other than ECS).</param>
/// <param name="RolloutStateReason">Why, when given.</param>
public sealed record EcsDeploymentState(string Status, string TaskDefinition, int DesiredCount, int RunningCount, string? RolloutState, string? RolloutStateReason);
