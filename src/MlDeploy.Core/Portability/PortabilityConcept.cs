namespace MlDeploy.Portability;

/// <summary>The rows of the portability matrix: the concepts issue 12 compares across targets, and the rest.</summary>
public enum PortabilityConcept
{
    /// <summary>CPU, memory, GPUs and the machine or task size they map to.</summary>
    Compute,

    /// <summary>What the deployment scales on.</summary>
    ScalingMetric,

    /// <summary>Scaling to no replicas when idle.</summary>
    ScaleToZero,

    /// <summary>How a new version takes traffic (rolling, blue/green, canary, linear).</summary>
    Rollout,

    /// <summary>Capturing requests and responses.</summary>
    DataCapture,

    /// <summary>Serving inside a private network only.</summary>
    PrivateNetworking,

    /// <summary>Authenticating callers.</summary>
    Auth,

    /// <summary>Secrets given to the server.</summary>
    Secrets,

    /// <summary>The monitoring contract's signals, alerts and logs.</summary>
    Monitoring,

    /// <summary>Everything that fits no other row (images, artifacts, identity, guardrails, target placement).</summary>
    Other,
}
