using MlDeploy.Guardrails;

namespace MlDeploy.Aws.Guardrails;

/// <summary>The fact extractors for the AWS resources the SageMaker, Fargate and EKS planners emit.</summary>
public static class AwsFacts
{
    /// <summary>Gets every AWS extractor.</summary>
    public static IReadOnlyList<IFactExtractor> All { get; } =
    [
        new EcrRepositoryExtractor(), new EcrRepositoryPolicyExtractor(), new RolePolicyExtractor(), new RoleExtractor(), new RolePolicyAttachmentExtractor(),
        new CredentialExtractor("aws:iam/user:User", "IAM user"), new CredentialExtractor("aws:iam/accessKey:AccessKey", "IAM access key"),
        new BucketExtractor(), new KmsKeyExtractor(), new LogRetentionExtractor(AwsTypes.LogGroup.Token, "CloudWatch log group", "the log group"), new MetricAlarmExtractor(),
        new SageMakerModelExtractor(), new EndpointConfigurationExtractor(), new EndpointExtractor(),
        new EcsTaskDefinitionExtractor(), new EcsServiceExtractor(), new EcsClusterExtractor(),
        new EksClusterExtractor(),
        new LoadBalancerExtractor(), new ListenerExtractor(), new ListenerRuleExtractor(), new TargetGroupExtractor(), new SecurityGroupIngressExtractor(),
    ];
}
