namespace MlDeploy.Targets;

/// <summary>
/// How a deployment's scaling maps onto the platform, computed once by the planner and used both for the autoscaling
/// resource and for the plan note, so the two cannot disagree.
/// </summary>
/// <param name="Metric">The platform's metric, e.g. <c>SageMakerVariantInvocationsPerInstance</c>.</param>
/// <param name="Target">The target value in the platform's unit.</param>
/// <param name="Fidelity">Whether the platform scales on what was asked or on an approximation.</param>
/// <param name="Note">The plan note: replicas, metric, target and how it was converted.</param>
public sealed record ScalingDecision(string Metric, decimal Target, Fidelity Fidelity, string Note);
