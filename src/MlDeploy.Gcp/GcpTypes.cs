using MlDeploy.Graph;

namespace MlDeploy.Gcp;

/// <summary>
/// The pulumi-gcp (v9) type and function tokens the SDK emits, each read from <c>__pulumiType</c> / <c>invoke("...")</c>
/// of @pulumi/gcp 9.37.0 (tests/conformance/node_modules/@pulumi/gcp) and checked by the conformance tests.
/// </summary>
internal static class GcpTypes
{
    public static readonly ResourceType ProjectService = Gcp("gcp:projects/service:Service");
    public static readonly ResourceType Repository = Gcp("gcp:artifactregistry/repository:Repository");
    public static readonly ResourceType RepositoryIamMember = Gcp("gcp:artifactregistry/repositoryIamMember:RepositoryIamMember");
    public static readonly ResourceType Bucket = Gcp("gcp:storage/bucket:Bucket");
    public static readonly ResourceType BucketObject = Gcp("gcp:storage/bucketObject:BucketObject");
    public static readonly ResourceType BucketIamMember = Gcp("gcp:storage/bucketIAMMember:BucketIAMMember");
    public static readonly ResourceType ServiceAccount = Gcp("gcp:serviceaccount/account:Account");
    public static readonly ResourceType CloudRunService = Gcp("gcp:cloudrunv2/service:Service");
    public static readonly ResourceType CloudRunIamMember = Gcp("gcp:cloudrunv2/serviceIamMember:ServiceIamMember");
    public static readonly ResourceType SecretIamMember = Gcp("gcp:secretmanager/secretIamMember:SecretIamMember");
    public static readonly ResourceType NotificationChannel = Gcp("gcp:monitoring/notificationChannel:NotificationChannel");
    public static readonly ResourceType AlertPolicy = Gcp("gcp:monitoring/alertPolicy:AlertPolicy");
    public static readonly ResourceType Dashboard = Gcp("gcp:monitoring/dashboard:Dashboard");
    public static readonly ResourceType AiEndpoint = Gcp("gcp:vertex/aiEndpoint:AiEndpoint");
    public static readonly ResourceType BigQueryDataset = Gcp("gcp:bigquery/dataset:Dataset");

    /// <summary>A command run on the deployer's machine during <c>pulumi up</c> (@pulumi/command 4.5.0, <c>command:local:Command</c>).</summary>
    public static readonly ResourceType LocalCommand = new("command:local:Command", PulumiPackages.Command);

    public static readonly ResourceType Cluster = Gcp("gcp:container/cluster:Cluster");
    public static readonly ResourceType NodePool = Gcp("gcp:container/nodePool:NodePool");

    /// <summary>A grant on a service account (the odd casing is the provider's: <c>serviceaccount/iAMMember</c>).</summary>
    public static readonly ResourceType ServiceAccountIamMember = Gcp("gcp:serviceaccount/iAMMember:IAMMember");

    /// <summary>A project-level grant (<c>projects/iAMMember</c>, as the provider spells it).</summary>
    public static readonly ResourceType ProjectIamMember = Gcp("gcp:projects/iAMMember:IAMMember");

    /// <summary>An existing GKE cluster: <c>endpoint</c>, <c>masterAuths[0].clusterCaCertificate</c>, <c>privateClusterConfigs[0].privateEndpoint</c>.</summary>
    public static readonly ResourceType GetCluster = Gcp("gcp:container/getCluster:getCluster");

    /// <summary>The deployer's project, region and OAuth access token (the registry password for a push).</summary>
    public static readonly ResourceType GetClientConfig = Gcp("gcp:organizations/getClientConfig:getClientConfig");

    /// <summary>A project by id: its <c>number</c>, which names the project's Google-managed service agents.</summary>
    public static readonly ResourceType GetProject = Gcp("gcp:organizations/getProject:getProject");

    private static ResourceType Gcp(string token) => new(token, PulumiPackages.Gcp);
}
