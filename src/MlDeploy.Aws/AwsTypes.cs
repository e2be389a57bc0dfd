using MlDeploy.Graph;

namespace MlDeploy.Aws;

/// <summary>The AWS type and function tokens the SDK emits (canonical form, checked by the conformance tests).</summary>
internal static class AwsTypes
{
    public static readonly ResourceType KmsKey = Aws("aws:kms/key:Key");
    public static readonly ResourceType KmsAlias = Aws("aws:kms/alias:Alias");
    public static readonly ResourceType EcrRepository = Aws("aws:ecr/repository:Repository");
    public static readonly ResourceType EcrLifecyclePolicy = Aws("aws:ecr/lifecyclePolicy:LifecyclePolicy");
    public static readonly ResourceType EcrRepositoryPolicy = Aws("aws:ecr/repositoryPolicy:RepositoryPolicy");
    public static readonly ResourceType Bucket = Aws("aws:s3/bucket:Bucket");
    public static readonly ResourceType BucketVersioning = Aws("aws:s3/bucketVersioning:BucketVersioning");
    public static readonly ResourceType BucketEncryption = Aws("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration");
    public static readonly ResourceType BucketPublicAccessBlock = Aws("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock");
    public static readonly ResourceType BucketOwnershipControls = Aws("aws:s3/bucketOwnershipControls:BucketOwnershipControls");
    public static readonly ResourceType BucketPolicy = Aws("aws:s3/bucketPolicy:BucketPolicy");
    public static readonly ResourceType BucketLifecycle = Aws("aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration");
    public static readonly ResourceType BucketObject = Aws("aws:s3/bucketObjectv2:BucketObjectv2");
    public static readonly ResourceType Role = Aws("aws:iam/role:Role");
    public static readonly ResourceType RolePolicy = Aws("aws:iam/rolePolicy:RolePolicy");
    public static readonly ResourceType LogGroup = Aws("aws:cloudwatch/logGroup:LogGroup");
    public static readonly ResourceType MetricAlarm = Aws("aws:cloudwatch/metricAlarm:MetricAlarm");
    public static readonly ResourceType Dashboard = Aws("aws:cloudwatch/dashboard:Dashboard");
    public static readonly ResourceType Topic = Aws("aws:sns/topic:Topic");
    public static readonly ResourceType TopicSubscription = Aws("aws:sns/topicSubscription:TopicSubscription");
    public static readonly ResourceType Secret = Aws("aws:secretsmanager/secret:Secret");
    public static readonly ResourceType SecretVersion = Aws("aws:secretsmanager/secretVersion:SecretVersion");
    public static readonly ResourceType ScalingTarget = Aws("aws:appautoscaling/target:Target");
    public static readonly ResourceType ScalingPolicy = Aws("aws:appautoscaling/policy:Policy");
    public static readonly ResourceType SageMakerModel = Aws("aws:sagemaker/model:Model");
    public static readonly ResourceType SageMakerEndpointConfiguration = Aws("aws:sagemaker/endpointConfiguration:EndpointConfiguration");
    public static readonly ResourceType SageMakerEndpoint = Aws("aws:sagemaker/endpoint:Endpoint");
    public static readonly ResourceType RolePolicyAttachment = Aws("aws:iam/rolePolicyAttachment:RolePolicyAttachment");
    public static readonly ResourceType OpenIdConnectProvider = Aws("aws:iam/openIdConnectProvider:OpenIdConnectProvider");
    public static readonly ResourceType EksCluster = Aws("aws:eks/cluster:Cluster");
    public static readonly ResourceType EksNodeGroup = Aws("aws:eks/nodeGroup:NodeGroup");
    public static readonly ResourceType EksAddon = Aws("aws:eks/addon:Addon");
    public static readonly ResourceType EksPodIdentityAssociation = Aws("aws:eks/podIdentityAssociation:PodIdentityAssociation");
    public static readonly ResourceType GetEksCluster = Aws("aws:eks/getCluster:getCluster");
    public static readonly ResourceType EksAccessEntry = Aws("aws:eks/accessEntry:AccessEntry");
    public static readonly ResourceType EksAccessPolicyAssociation = Aws("aws:eks/accessPolicyAssociation:AccessPolicyAssociation");
    public static readonly ResourceType LaunchTemplate = Aws("aws:ec2/launchTemplate:LaunchTemplate");
    public static readonly ResourceType EcsCluster = Aws("aws:ecs/cluster:Cluster");
    public static readonly ResourceType EcsTaskDefinition = Aws("aws:ecs/taskDefinition:TaskDefinition");
    public static readonly ResourceType EcsService = Aws("aws:ecs/service:Service");
    public static readonly ResourceType LoadBalancer = Aws("aws:lb/loadBalancer:LoadBalancer");
    public static readonly ResourceType TargetGroup = Aws("aws:lb/targetGroup:TargetGroup");
    public static readonly ResourceType Listener = Aws("aws:lb/listener:Listener");
    public static readonly ResourceType ListenerRule = Aws("aws:lb/listenerRule:ListenerRule");
    public static readonly ResourceType SecurityGroup = Aws("aws:ec2/securityGroup:SecurityGroup");
    public static readonly ResourceType SecurityGroupIngressRule = Aws("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule");
    public static readonly ResourceType SecurityGroupEgressRule = Aws("aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule");

    public static readonly ResourceType GetCallerIdentity = Aws("aws:index/getCallerIdentity:getCallerIdentity");
    public static readonly ResourceType GetPartition = Aws("aws:index/getPartition:getPartition");
    public static readonly ResourceType GetRegion = Aws("aws:index/getRegion:getRegion");
    public static readonly ResourceType GetEcrAuthorizationToken = Aws("aws:ecr/getAuthorizationToken:getAuthorizationToken");
    public static readonly ResourceType GetVpc = Aws("aws:ec2/getVpc:getVpc");

    private static ResourceType Aws(string token) => new(token, PulumiPackages.Aws);
}
