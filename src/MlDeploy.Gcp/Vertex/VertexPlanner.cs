using MlDeploy.Gcp.Blocks;
using MlDeploy.Graph;
using MlDeploy.Model;
using MlDeploy.Targets;
using MlDeploy.Validation;

namespace MlDeploy.Gcp.Vertex;

/// <summary>
/// Plans a deployment onto a Vertex AI endpoint: the project APIs, the deployment's service account with exactly its
/// grants, the Artifact Registry repository and image, the model bucket, the endpoint (Private Service Connect or a
/// dedicated public endpoint, request/response logging to a BigQuery dataset), three <c>gcloud</c> steps (model upload,
/// deploy-model with the traffic split, cleanup on destroy) and Cloud Monitoring alert policies.
/// </summary>
public sealed class VertexPlanner : TargetPlanner<VertexTarget>
{
    /// <summary>The monitored resource type of Vertex AI endpoints (TARGETS.md 8.4).</summary>
    public const string EndpointResource = "aiplatform.googleapis.com/Endpoint";

    /// <summary>The prediction latency distribution, in milliseconds.</summary>
    public const string LatencyMetric = "aiplatform.googleapis.com/prediction/online/prediction_latencies";

    /// <summary>The responses, labelled with <c>response_code</c>.</summary>
    public const string ResponseCountMetric = "aiplatform.googleapis.com/prediction/online/response_count";

    /// <summary>CPU utilization of the replicas (a fraction; also an autoscaling metric).</summary>
    public const string CpuMetric = "aiplatform.googleapis.com/prediction/online/cpu/utilization";

    /// <summary>The accelerators' duty cycle (a fraction; also an autoscaling metric).</summary>
    public const string DutyCycleMetric = "aiplatform.googleapis.com/prediction/online/accelerator/duty_cycle";

    /// <summary>
    /// The active replicas of each deployed model (a gauge, label <c>deployed_model_id</c>; Cloud Monitoring metrics list,
    /// "aiplatform": "prediction/online/replicas, BETA, Replica count, GAUGE, INT64, aiplatform.googleapis.com/Endpoint,
    /// Number of active replicas used by the deployed model. Sampled every 60 seconds", read 2026-11-28 in a public copy of
    /// that list and in several public dashboards that chart it).
    /// </summary>
    internal const string ReplicasMetric = "aiplatform.googleapis.com/prediction/online/replicas";

    /// <summary>The label the model upload puts on every model of the deployment, for the cleanup step.</summary>
    internal const string ModelLabel = "mldeploy-deployment";

    /// <inheritdoc/>
    public override IReadOnlyList<TargetCapabilities> DocumentedCapabilities => VertexCapabilities.Documented;

    /// <inheritdoc/>
    public override TargetCapabilities Capabilities(VertexTarget target) => VertexCapabilities.Record;

    /// <inheritdoc/>
    protected override VertexTarget Portable(ModelDeployment deployment) => new() { Project = GcpPortability.Project, Region = GcpPortability.Region };

    /// <inheritdoc/>
    protected override IEnumerable<Diagnostic> Validate(ModelDeployment deployment, VertexTarget target, DeploymentPath path, Platform platform) =>
        VertexValidator.Validate(deployment, target, path);

    /// <inheritdoc/>
    protected override void Plan(ModelDeployment deployment, VertexTarget target, PlanContext context)
    {
        var d = deployment;
        var t = target;
        var scope = new GcpScope(d, context, t.Project, t.Region);
        var capture = d.Monitoring.DataCapturePercent > 0;
        string[] needed = [ProjectServicesBlock.AiPlatform, ProjectServicesBlock.ArtifactRegistry, ProjectServicesBlock.ContainerScanning, ProjectServicesBlock.Storage, ProjectServicesBlock.Monitoring, ProjectServicesBlock.Iam];
        var apis = ProjectServicesBlock.Enable(scope, capture ? [.. needed, ProjectServicesBlock.BigQuery] : needed);
        var identity = ServiceAccountBlock.Create(scope, apis);
        var member = identity.Output("member");
        var image = ArtifactRegistryBlock.For(scope, d.Image, t.KmsKeyName, apis, t.DisplayName);
        var model = ModelBucketBlock.For(scope, d.Artifact, t.KmsKeyName, apis, t.DisplayName);

        // The service account's only rights: read the one repository and the model folder of the one bucket.
        Resource[] grants = [ArtifactRegistryBlock.GrantReader(scope, image, member), ModelBucketBlock.GrantReader(scope, model, member), .. ArtifactRegistryBlock.GrantServiceAgent(scope, image, "gcp-sa-aiplatform.iam.gserviceaccount.com", apis) is { } agent ? [agent] : Array.Empty<Resource>()];
        var dataset = capture ? LoggingDataset(scope, t, apis) : null;
        var isPublic = d.Network.Exposure == Exposure.Public;
        var endpoint = scope.Add(
            "endpoint",
            GcpTypes.AiEndpoint,
            scope.Placed(
                ("displayName", d.Name),
                ("description", $"{d.Name} ({context.Project}/{context.Stack})"),

                // Private: Private Service Connect, reachable only through a PSC endpoint in an allowed project's VPC (the
                // recommended private type; VPC peering holds one model, so no traffic split). Public: a dedicated endpoint,
                // isolated from other tenants' traffic (Vertex AI docs, "Choose an endpoint type"; docs/GCP-RUNTIME.md V1).
                ("dedicatedEndpointEnabled", isPublic ? true : null),
                ("privateServiceConnectConfig", isPublic ? null : Value.Map(("enablePrivateServiceConnect", true), ("projectAllowlists", Value.List(t.Project)))),
                ("encryptionSpec", t.KmsKeyName is null ? null : Value.Map(("kmsKeyName", t.KmsKeyName))),
                ("predictRequestResponseLoggingConfig", dataset is null ? null : Value.Map(
                    ("enabled", true),
                    ("samplingRate", d.Monitoring.DataCapturePercent / 100m),
                    ("bigqueryDestination", Value.Map(("outputUri", Value.Format($"bq://{t.Project}.{dataset.Output("datasetId")}"))))))),
            new ResourceOptions
            {
                DependsOn = [.. apis],

                // The deploy step owns the traffic split (it names deployed models Pulumi does not know): never written back.
                IgnoreChanges = ["trafficSplit"],
            });

        context.RequireTool("gcloud", "the Google Cloud CLI, authenticated (gcloud auth login): the Vertex AI steps run gcloud ai models upload and gcloud ai endpoints deploy-model");
        var steps = VertexSteps.Add(scope, t, endpoint, identity, image, model, [.. apis, .. grants, .. image.Copy is { } copy ? [copy] : Array.Empty<Resource>()]);

        var channel = CloudMonitoringBlock.Channel(scope);
        CloudMonitoringBlock.Alerts(scope, Value.Format($"resource.type = \"{EndpointResource}\" AND resource.labels.endpoint_id = \"{endpoint.Output("name")}\""), channel, apis, Conditions(d));
        scope.Unmeasured(MonitoringSignal.StartupFailures, "no metric: a model server that does not become healthy fails gcloud ai endpoints deploy-model, so pulumi up fails and the serving deployed model keeps its traffic");
        CloudMonitoringBlock.Dashboard(scope);

        scope.Output("endpoint-id", endpoint.Output("name"));
        scope.Output("model-id", steps.Model.Output("stdout"));
        scope.Output("deployed-model-id", steps.Deploy.Output("stdout"));
        scope.Output("image", image.Reference);
        VertexNotes.Write(scope, t, steps, channel is not null, dataset is not null);
    }

    /// <summary>
    /// The dataset Vertex writes sampled requests and responses to (it creates the table, TARGETS.md 12.5): its tables expire
    /// after the deployment's log retention, it has the deployment's labels and CMEK key, and `pulumi destroy` may delete
    /// the table Vertex created in it.
    /// </summary>
    private static Resource LoggingDataset(GcpScope scope, VertexTarget t, IReadOnlyList<Resource> apis) => scope.Add(
        "request-log",
        GcpTypes.BigQueryDataset,
        scope.Placed(
            ("datasetId", GcpNames.Id(scope, 63, "request-log").Replace('-', '_')),
            ("friendlyName", $"{scope.Name} requests and responses"),
            ("description", $"sampled prediction requests and responses of {scope.Name} (Vertex AI request-response logging)"),
            ("defaultTableExpirationMs", (long)scope.Deployment.Monitoring.LogRetentionDays * 86_400_000),
            ("defaultEncryptionConfiguration", t.KmsKeyName is null ? null : Value.Map(("kmsKeyName", t.KmsKeyName))),
            ("deleteContentsOnDestroy", true)),
        new ResourceOptions { DependsOn = [.. apis] });

    /// <summary>
    /// The alert set from the cloud-neutral signals (TARGETS.md 8.4, docs/GCP-RUNTIME.md V6): p99 of prediction_latencies
    /// (milliseconds), the 5xx share of response_count as a ratio condition, CPU utilization and, with GPUs, the duty cycle.
    /// </summary>
    private static MetricCondition[] Conditions(ModelDeployment d)
    {
        var m = d.Monitoring;
        var signals = new AlarmSignals(m);
        return
        [
            MetricCondition.LatencyP99(signals, LatencyMetric),
            MetricCondition.ServerErrorRate(signals, ResponseCountMetric, "metric.labels.response_code = starts_with(\"5\")"),
            new(MonitoringSignal.Saturation, "alert-cpu", $"CPU above {m.SaturationPercent} %", CpuMetric, "ALIGN_MEAN", "REDUCE_MAX", signals.Saturation() / 100m),
            .. d.Compute.Gpu is null ? Array.Empty<MetricCondition>() : [new MetricCondition(MonitoringSignal.Saturation, "alert-gpu", $"accelerator duty cycle above {m.SaturationPercent} %", DutyCycleMetric, "ALIGN_MEAN", "REDUCE_MAX", signals.Saturation() / 100m)],

            // Summed over the endpoint's deployed models: while a new model takes over, both count, and the old one's
            // replicas go only after the new one's are up, so the sum never dips below the floor during a rollout.
            new(MonitoringSignal.HealthyReplicas, "alert-replicas", $"fewer than {d.Scaling.Min} replicas", ReplicasMetric, "ALIGN_MEAN", "REDUCE_SUM", d.Scaling.Min, Below: true),
        ];
    }
}
