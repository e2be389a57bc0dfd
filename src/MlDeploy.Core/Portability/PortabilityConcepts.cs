using MlDeploy.Model;
using MlDeploy.Targets;
using MlDeploy.Validation;

namespace MlDeploy.Portability;

/// <summary>
/// The one table that says which plan notes (<see cref="PlanNote.Concept"/>) and which diagnostic paths belong to
/// which row of the portability matrix, and when a deployment does not use a row's concept at all. A note or a
/// diagnostic no row claims belongs to <see cref="PortabilityConcept.Other"/>, so nothing is dropped.
/// </summary>
public static class PortabilityConcepts
{
    // Notes and paths match a listed name exactly or followed by a separator ("monitoring: latency p99",
    // "network.subnetIds", "secrets[db]"); paths are relative to the deployment and the longest match wins.
    private static readonly Row[] Rows =
    [
        new(PortabilityConcept.Compute, "compute/GPU", ["compute", "gpu", "node capacity"], ["compute", "target.instanceType", "target.machineType", "target.workloadProfile", "target.serverless"], _ => null),
        new(PortabilityConcept.ScalingMetric, "scaling metric", ["scaling"], ["scaling"], d => d.Scaling.Min == d.Scaling.Max ? $"fixed at {d.Scaling.Min} replica(s) (min = max)" : null),
        new(PortabilityConcept.ScaleToZero, "scale to zero", ["scaling"], ["scaling.min"], d => d.Scaling.Min > 0 ? $"min {d.Scaling.Min} replica(s)" : null),
        new(PortabilityConcept.Rollout, "rollout strategy", ["rollout", "traffic"], ["rollout", "target.stableRevision", "target.stableDeployment", "target.stableDeployedModel"], _ => null),
        new(PortabilityConcept.DataCapture, "capture", ["data capture"], ["monitoring.dataCapturePercent"], d => d.Monitoring.DataCapturePercent == 0 ? "no data capture (DataCapturePercent 0)" : null),
        new(PortabilityConcept.PrivateNetworking, "private networking", ["network", "load balancer", "isolation"], ["network", "target.vpcId", "target.networkIsolation", "target.infrastructureSubnetId", "target.loadBalancerSubnetIds"], d => d.Network.Exposure == Exposure.Public ? "public exposure" : null),
        new(PortabilityConcept.Auth, "auth", ["auth"], ["network.requireAuth", "target.authentication", "target.invokers", "target.authMode"], d => d.Network.RequireAuth ? null : "RequireAuth is false"),
        new(PortabilityConcept.Secrets, "secrets", ["secrets"], ["secrets", "target.keyVaultId"], d => d.Secrets.IsEmpty ? "no secrets" : null),
        new(PortabilityConcept.Monitoring, "monitoring signals", ["monitoring", "alerts", "notifications", "logs"], ["monitoring"], _ => null),
        new(PortabilityConcept.Other, "other", [], [], _ => null),
    ];

    /// <summary>Gets every row, in the matrix's order.</summary>
    public static IReadOnlyList<PortabilityConcept> All { get; } = [.. Rows.Select(r => r.Concept)];

    /// <summary>The row's title, as the issue names it (e.g. <c>compute/GPU</c>).</summary>
    /// <param name="concept">The row.</param>
    /// <returns>The title.</returns>
    public static string Title(PortabilityConcept concept) => Of(concept).Title;

    /// <summary>Whether a plan note's concept belongs to the row (<see cref="PortabilityConcept.Other"/> claims the notes no other row does).</summary>
    /// <param name="concept">The row.</param>
    /// <param name="noteConcept">The note's concept, e.g. <c>monitoring: error rate</c>.</param>
    /// <returns>True when the note belongs to the row.</returns>
    public static bool Covers(PortabilityConcept concept, string noteConcept)
    {
        ArgumentNullException.ThrowIfNull(noteConcept);
        return concept == PortabilityConcept.Other
            ? !Rows.Any(r => r.Notes.Any(n => Matches(noteConcept, n)))
            : Of(concept).Notes.Any(n => Matches(noteConcept, n));
    }

    /// <summary>The row a diagnostic of a deployment belongs to, by its path.</summary>
    /// <param name="diagnostic">The diagnostic.</param>
    /// <param name="deployment">The deployment's path.</param>
    /// <returns>The row whose path is the longest match, else <see cref="PortabilityConcept.Other"/>.</returns>
    public static PortabilityConcept OfDiagnostic(Diagnostic diagnostic, DeploymentPath deployment)
    {
        ArgumentNullException.ThrowIfNull(diagnostic);
        ArgumentNullException.ThrowIfNull(deployment);
        var root = deployment.Root + ".";
        if (!diagnostic.Path.StartsWith(root, StringComparison.Ordinal))
        {
            return PortabilityConcept.Other;
        }

        var member = diagnostic.Path[root.Length..];
        return Rows.SelectMany(r => r.Paths.Where(p => Matches(member, p)).Select(p => (r.Concept, p.Length)))
            .OrderByDescending(m => m.Length)
            .Select(m => m.Concept)
            .DefaultIfEmpty(PortabilityConcept.Other)
            .First();
    }

    /// <summary>Why the deployment does not use the row's concept, or null when it does.</summary>
    /// <param name="concept">The row.</param>
    /// <param name="deployment">The deployment.</param>
    /// <returns>The reason, e.g. <c>no secrets</c>.</returns>
    public static string? Unused(PortabilityConcept concept, ModelDeployment deployment)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        return Of(concept).Unused(deployment);
    }

    private static Row Of(PortabilityConcept concept) => Rows.First(r => r.Concept == concept);

    private static bool Matches(string value, string name) =>
        value.StartsWith(name, StringComparison.Ordinal) && (value.Length == name.Length || value[name.Length] is '.' or ':' or '[');

    private sealed record Row(PortabilityConcept Concept, string Title, string[] Notes, string[] Paths, Func<ModelDeployment, string?> Unused);
}
