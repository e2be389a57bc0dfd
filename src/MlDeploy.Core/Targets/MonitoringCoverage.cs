using System.Collections.Immutable;
using MlDeploy.Graph;

namespace MlDeploy.Targets;

/// <summary>
/// How one deployment's target covers one signal of the monitoring contract: alarms in the platform's own alerting,
/// notifying <paramref name="Channel"/>, or none (<paramref name="Alarms"/> empty) and <paramref name="Text"/> says why.
/// </summary>
/// <param name="Deployment">The deployment.</param>
/// <param name="Signal">The signal.</param>
/// <param name="Alarms">The logical names of the alarm resources, empty when the platform cannot measure the signal.</param>
/// <param name="Channel">
/// What the alarms notify (a topic ARN, an action group or notification channel id), as it appears in their properties;
/// null when they notify nothing the program holds (no channel configured, or a cluster's Alertmanager routes them).
/// </param>
/// <param name="Text">What measures the signal, or why nothing can.</param>
public sealed record MonitoringCoverage(string Deployment, MonitoringSignal Signal, ImmutableArray<string> Alarms, Value? Channel, string Text)
{
    /// <summary>Gets a value indicating whether an alarm covers the signal.</summary>
    public bool IsAlarmed => !Alarms.IsDefaultOrEmpty;
}
