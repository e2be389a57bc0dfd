namespace MlPlatform.Stacks;

/// <summary>Where a stack serves the fraud scorer: stack config <c>ml-platform:target</c>, one value per target.</summary>
public enum ServingTarget
{
    /// <summary>A SageMaker real-time endpoint (the default).</summary>
    SageMaker,

    /// <summary>An ECS service on Fargate behind an internal load balancer.</summary>
    Fargate,

    /// <summary>A workload on an existing EKS cluster.</summary>
    Eks,

    /// <summary>An Azure Container App.</summary>
    ContainerApps,

    /// <summary>A workload on an existing AKS cluster.</summary>
    Aks,

    /// <summary>An Azure ML managed online endpoint.</summary>
    AzureMl,

    /// <summary>A Cloud Run service.</summary>
    CloudRun,

    /// <summary>A Vertex AI endpoint.</summary>
    Vertex,

    /// <summary>A workload on an existing GKE cluster.</summary>
    Gke,
}
