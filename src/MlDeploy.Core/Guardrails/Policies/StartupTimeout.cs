using MlDeploy.Graph;

namespace MlDeploy.Guardrails.Policies;

/// <summary>The start-up timeout the owning deployment declares: what probes and rollout deadlines must allow for.</summary>
internal static class StartupTimeout
{
    public static decimal? Of(GuardrailContext context, Resource resource) =>
        context.Deployment(resource.Owner)?.Serving.StartupTimeout is { } t ? (decimal)t.TotalSeconds : null;
}
