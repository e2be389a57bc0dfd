using MlDeploy.Guardrails.Facts;

namespace MlDeploy.Guardrails.Policies;

/// <summary>MLS-OBS-01: the default keeps logs forever.</summary>
internal sealed class LogRetentionPolicy : PolicyRule<LogRetention>
{
    public override Policy Policy { get; } = new("MLS-OBS-01", "log retention is set", RuleLevel.Default, ["CKV_AWS_66", "KICS ef0b316a"]);

    protected override IEnumerable<string> Problems(LogRetention fact, GuardrailContext context) =>
        fact.RetentionSet ? [] : [$"{fact.Subject} has no retention set"];
}

/// <summary>MLS-OBS-02.</summary>
internal sealed class LogsShippedPolicy : PolicyRule
{
    public override Policy Policy { get; } = new("MLS-OBS-02", "container logs shipped and insights on", RuleLevel.Default, ["CFG ECS_TASK_DEFINITION_LOG_CONFIGURATION", "SH ECS.9", "CKV_AWS_65"]);

    public override IReadOnlyList<Type> Reads { get; } = [typeof(ContainerLogs), typeof(PlatformInsights)];

    public override IEnumerable<Violation> Check(FactBase facts)
    {
        foreach (var at in facts.Of<ContainerLogs>())
        {
            if (!at.Fact.Shipped)
            {
                yield return Fail(at, $"{at.Fact.Subject} ships no logs");
            }
        }

        foreach (var at in facts.Of<PlatformInsights>())
        {
            if (!at.Fact.Enabled)
            {
                yield return Fail(at, $"{at.Fact.Feature} is not enabled");
            }
        }
    }
}

/// <summary>MLS-OBS-03: alarms count when they belong to the same deployment, watch the signal and notify someone.</summary>
internal sealed class AlarmsPolicy : PolicyRule
{
    public override Policy Policy { get; } = new("MLS-OBS-03", "latency and error alarms notify someone", RuleLevel.Default, ["CKV_AWS_319"]);

    public override IReadOnlyList<Type> Reads { get; } = [typeof(RequiredSignals), typeof(AlarmedSignals)];

    public override IEnumerable<Violation> Check(FactBase facts)
    {
        var watched = facts.Of<AlarmedSignals>()
            .Where(a => a.Fact.Notifies)
            .ToLookup(a => a.Resource.Owner ?? string.Empty, StringComparer.Ordinal);
        foreach (var at in facts.Of<RequiredSignals>())
        {
            var metrics = watched[at.Resource.Owner ?? string.Empty].SelectMany(a => a.Fact.Metrics).ToHashSet(StringComparer.Ordinal);
            foreach (var metric in at.Fact.Metrics.Where(m => !metrics.Contains(m)))
            {
                yield return Fail(at, $"no alarm with actions watches {metric}");
            }
        }
    }
}
