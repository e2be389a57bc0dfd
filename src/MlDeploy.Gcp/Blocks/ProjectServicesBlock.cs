using MlDeploy.Graph;
using MlDeploy.Targets;

namespace MlDeploy.Gcp.Blocks;

/// <summary>
/// The Google APIs a deployment needs, enabled once per project and program (decision 12: a shared component named by
/// what it is, <c>gcp-&lt;project&gt;-api-&lt;api&gt;</c>, owned by no deployment). <c>disableOnDestroy: false</c>: other
/// workloads in the project may use the API, and disabling it on destroy would break them.
/// </summary>
internal static class ProjectServicesBlock
{
    public const string CloudRun = "run.googleapis.com";
    public const string ArtifactRegistry = "artifactregistry.googleapis.com";
    public const string ContainerScanning = "containerscanning.googleapis.com";
    public const string Storage = "storage.googleapis.com";
    public const string Monitoring = "monitoring.googleapis.com";
    public const string Iam = "iam.googleapis.com";
    public const string SecretManager = "secretmanager.googleapis.com";
    public const string AiPlatform = "aiplatform.googleapis.com";
    public const string BigQuery = "bigquery.googleapis.com";
    public const string Container = "container.googleapis.com";

    /// <summary>Enables the APIs (or reuses their resources) and returns them, for the deployment's resources to depend on.</summary>
    public static IReadOnlyList<Resource> Enable(GcpScope scope, params string[] apis) => Enable(scope.Context, scope.Project, apis);

    /// <summary>As <see cref="Enable(GcpScope, string[])"/>, for a shared component (a cluster) that has no deployment scope.</summary>
    public static IReadOnlyList<Resource> Enable(PlanContext context, string project, params string[] apis) =>
        [.. apis.Order(StringComparer.Ordinal).Select(api => context.Shared($"gcp/{project}/service/{api}", api, () =>
            new ComponentScope(context, $"gcp-{project}").Add($"api-{api.Split('.')[0]}", GcpTypes.ProjectService, Value.Map(
                ("project", project),
                ("service", api),
                ("disableOnDestroy", false),
                ("disableDependentServices", false)))))];
}
