using MlDeploy.Guardrails.Facts;

namespace MlDeploy.Guardrails.Policies;

/// <summary>MLS-REL-01: one zone failure must not take serving down.</summary>
internal sealed class TwoInstancesPolicy : PolicyRule<ServingCapacity>
{
    public override Policy Policy { get; } = new("MLS-REL-01", "at least two serving instances", RuleLevel.Production,
        ["CFG SAGEMAKER_ENDPOINT_CONFIG_PROD_INSTANCE_COUNT", "SH SageMaker.4", "POL deploymentMissingReplicas", "POL hpaMinAvailability"]);

    protected override IEnumerable<string> Problems(ServingCapacity fact, GuardrailContext context) =>
        fact.MinimumInstances is >= 2 ? [] : [$"{fact.Subject} starts with fewer than 2 instances (one zone failure takes it down)"];
}

/// <summary>MLS-REL-02.</summary>
internal sealed class ZoneSpreadPolicy : PolicyRule<ZoneSpread>
{
    public override Policy Policy { get; } = new("MLS-REL-02", "replicas are spread across zones", RuleLevel.Production, ["POL topologySpreadConstraint", "KS deployment-has-host-podantiaffinity"]);

    protected override IEnumerable<string> Problems(ZoneSpread fact, GuardrailContext context) =>
        fact.AcrossZones ? [] : ["no topology spread constraint across topology.kubernetes.io/zone"];
}

/// <summary>MLS-REL-03: the autoscaler alone owns the replica count; two or more replicas have a budget that still lets nodes drain.</summary>
internal sealed class DisruptionBudgetPolicy : PolicyRule
{
    public override Policy Policy { get; } = new("MLS-REL-03", "HPA owns replicas; PodDisruptionBudget for 2+ replicas", RuleLevel.Default,
        ["KS deployment-has-poddisruptionbudget", "POL pdbDisruptionsIsZero", "POL hpaMaxAvailability", "KICS 5744cbb8"]);

    public override IReadOnlyList<Type> Reads { get; } = [typeof(ReplicaManagement), typeof(AutoscalerRange)];

    public override IEnumerable<Violation> Check(FactBase facts)
    {
        foreach (var at in facts.Of<AutoscalerRange>())
        {
            if (!at.Fact.CanScale)
            {
                yield return Fail(at, "maxReplicas is not above minReplicas");
            }
        }

        foreach (var at in facts.Of<ReplicaManagement>())
        {
            foreach (var violation in Problems(at))
            {
                yield return violation;
            }
        }
    }

    private IEnumerable<Violation> Problems(Observation<ReplicaManagement> at)
    {
        var f = at.Fact;
        if (f.ScaledBy is { } autoscaler && f.ReplicasInSpec)
        {
            yield return Fail(at, $"spec.replicas is set although {autoscaler} owns the replica count (every update would reset the scale)");
        }

        if (f.MinReplicas < 2)
        {
            yield break;
        }

        if (f.Budget is not { } budget)
        {
            yield return Fail(at, $"no PodDisruptionBudget selects its pods ({f.MinReplicas} replicas)");
        }
        else if (!f.BudgetHasPolicy)
        {
            yield return Fail(at, "neither maxUnavailable nor minAvailable is set", budget);
        }
        else if (!f.BudgetAllowsEviction)
        {
            yield return Fail(at, "the budget allows no voluntary eviction, so nodes cannot be drained", budget);
        }
        else if (f.BudgetMinAvailable is { } available && available >= f.MinReplicas)
        {
            yield return Fail(at, $"minAvailable {available} is not below the minimum of {f.MinReplicas} replicas", budget);
        }
    }
}

/// <summary>MLS-REL-04: nothing kills an instance that is still loading its model, and readiness is what routes traffic.</summary>
internal sealed class HealthChecksPolicy : PolicyRule
{
    public override Policy Policy { get; } = new("MLS-REL-04", "readiness, liveness and a start-up allowance sized for model loading", RuleLevel.Default,
        ["CKV_K8S_8", "CKV_K8S_9", "KS pod-probes", "KS pod-probes-identical", "CKV_AWS_261"]);

    public override IReadOnlyList<Type> Reads { get; } = [typeof(HealthChecks)];

    public override IEnumerable<Violation> Check(FactBase facts)
    {
        foreach (var at in facts.Of<HealthChecks>())
        {
            foreach (var message in Problems(at.Fact, StartupTimeout.Of(facts.Context, at.Resource)))
            {
                yield return Fail(at, message);
            }
        }
    }

    private static IEnumerable<string> Problems(HealthChecks fact, decimal? startupTimeout)
    {
        if (fact.StartupAllowance == false)
        {
            yield return $"{fact.Subject} has no {fact.StartupName}";
        }

        if (fact.Readiness == false)
        {
            yield return $"{fact.Subject} has no readiness check";
        }

        if (fact.Liveness == false)
        {
            yield return $"{fact.Subject} has no liveness check";
        }

        if (fact.ReadinessDistinctFromLiveness == false)
        {
            yield return $"{fact.Subject} uses identical readiness and liveness checks";
        }

        if (fact.ChecksServer == false)
        {
            yield return $"{fact.Subject} has no health-check path (it would only see the port open)";
        }

        if (fact.StartupAllowanceSeconds is { } allowance && startupTimeout is { } timeout && allowance < timeout)
        {
            yield return $"{fact.Subject}'s {fact.StartupName} allows {allowance} s, less than the start-up timeout of {timeout} s";
        }
    }
}

/// <summary>MLS-REL-05.</summary>
internal sealed class GuardedRolloutPolicy : PolicyRule
{
    public override Policy Policy { get; } = new("MLS-REL-05", "guarded rollout with automatic rollback", RuleLevel.Default, ["KS deployment-strategy"])
    {
        LevelNote = "Production on SageMaker blue/green traffic shifts",
    };

    public override IReadOnlyList<Type> Reads { get; } = [typeof(RolloutGuard)];

    public override IEnumerable<Violation> Check(FactBase facts)
    {
        foreach (var at in facts.Of<RolloutGuard>())
        {
            foreach (var message in Problems(at.Fact, StartupTimeout.Of(facts.Context, at.Resource)))
            {
                yield return Fail(at, message, level: at.Fact.FleetTrafficShift ? RuleLevel.Production : null);
            }
        }
    }

    private static IEnumerable<string> Problems(RolloutGuard f, decimal? startupTimeout)
    {
        if (f.Gradual == false)
        {
            yield return "updates shift all traffic at once (use a canary, linear or rolling rollout)";
        }

        if (f.AlarmRollback == false)
        {
            yield return "no alarm rolls a bad update back";
        }

        if (f.FailedDeploymentRollsBack == false)
        {
            yield return "the deployment circuit breaker does not roll failed deployments back";
        }

        if (f.WaitsForSteadyState == false)
        {
            yield return "pulumi up does not wait for the service to reach a steady state";
        }

        if (f.KeepsCapacity == false)
        {
            yield return "updates may take serving replicas away (use a RollingUpdate with maxUnavailable 0)";
        }

        if (f.ProgressDeadlineSeconds is { } deadline && startupTimeout is { } t && deadline < t)
        {
            yield return $"progressDeadlineSeconds {deadline} is shorter than the start-up timeout of {t} s";
        }
    }
}

/// <summary>
/// MLS-REL-06 (SECURITY.md sections 3.4 and 5, row 41): a request the model answers at its p99 threshold must not be
/// cut off by the serving path, and the configured timeout must be one the platform accepts.
/// </summary>
internal sealed class RequestTimeoutPolicy : PolicyRule<RequestTimeout>
{
    public override Policy Policy { get; } = new("MLS-REL-06", "request timeout within the platform limit and not below the p99 latency", RuleLevel.Default, ["vendor limits"]);

    protected override IEnumerable<string> Problems(RequestTimeout fact, GuardrailContext context)
    {
        if (fact.TimeoutSeconds > fact.PlatformLimitSeconds)
        {
            yield return $"{fact.Subject} holds requests for {fact.TimeoutSeconds} s, above the platform's {fact.PlatformLimitSeconds} s";
        }

        if (fact.LatencyP99Ms is { } p99 && fact.TimeoutSeconds * 1000m < p99)
        {
            yield return $"{fact.Subject} cuts requests off after {fact.TimeoutSeconds} s, below the p99 latency threshold of {p99} ms";
        }
    }
}
