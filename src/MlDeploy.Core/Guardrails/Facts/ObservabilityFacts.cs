using System.Collections.Immutable;

namespace MlDeploy.Guardrails.Facts;

/// <summary>The metrics a serving workload must have alarms on (latency and errors).</summary>
/// <param name="Subject">The workload.</param>
/// <param name="Metrics">The metric names.</param>
public sealed record RequiredSignals(string Subject, ImmutableArray<string> Metrics) : Fact(Subject);

/// <summary>The metrics an alarm watches and whether it notifies someone.</summary>
/// <param name="Subject">The alarm.</param>
/// <param name="Metrics">The metric names.</param>
/// <param name="Notifies">Whether it has enabled actions.</param>
public sealed record AlarmedSignals(string Subject, ImmutableArray<string> Metrics, bool Notifies) : Fact(Subject);

/// <summary>Whether a platform-level telemetry feature is on (ECS Container Insights).</summary>
/// <param name="Subject">The cluster.</param>
/// <param name="Feature">The feature's name.</param>
/// <param name="Enabled">Whether it is on.</param>
public sealed record PlatformInsights(string Subject, string Feature, bool Enabled) : Fact(Subject);
