namespace MlDeploy.Kubernetes;

/// <summary>
/// Declares that the cluster runs KServe (https://kserve.github.io), so the workload is emitted as a
/// <c>serving.kserve.io/v1beta1</c> InferenceService instead of a Deployment, Service and HorizontalPodAutoscaler,
/// which KServe creates from it. The SDK installs neither KServe nor Knative: setting this declares them present,
/// as <see cref="KubernetesWorkloadOptions.Prometheus"/> declares the Prometheus Operator.
/// </summary>
public sealed record KServeMode
{
    /// <summary>
    /// Gets a value indicating whether KServe runs in Serverless mode, i.e. Knative Serving is installed: the workload
    /// may then scale to zero, scales with the Knative Pod Autoscaler on concurrency or requests/s, and a canary
    /// splits traffic by <c>canaryTrafficPercent</c>. False (the default) is RawDeployment mode: a Deployment and a
    /// HorizontalPodAutoscaler on CPU, no traffic split.
    /// </summary>
    public bool Serverless { get; init; }

    /// <summary>Gets the namespace Knative Serving runs in (its activator and autoscaler reach the pods); Serverless only.</summary>
    public string KnativeNamespace { get; init; } = "knative-serving";

    /// <summary>
    /// Gets the value of the <c>serving.kserve.io/deploymentMode</c> annotation. The pre-0.16 names are used: KServe
    /// 0.16 renamed the modes to Standard and Knative but still accepts these and rewrites them in its defaulting
    /// webhook (kserve/kserve pkg/constants/constants.go <c>ParseDeploymentMode</c>, pkg/apis/serving/v1beta1/
    /// inference_service_defaults.go), while releases before 0.16 know only these.
    /// </summary>
    public string DeploymentMode => Serverless ? "Serverless" : "RawDeployment";

    /// <summary>Gets the mode as the plan and messages name it.</summary>
    public string Describe => $"KServe {DeploymentMode}";
}
