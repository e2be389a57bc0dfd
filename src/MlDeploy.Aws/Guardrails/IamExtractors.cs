using MlDeploy.Graph;
using MlDeploy.Guardrails;
using MlDeploy.Guardrails.Facts;

namespace MlDeploy.Aws.Guardrails;

/// <summary>An inline role policy: one grant per Allow statement.</summary>
internal sealed record RolePolicyExtractor() : AwsExtractor(AwsTypes.RolePolicy.Token, "IAM role policy")
{
    /// <summary>Actions that have no resource-level permissions and so must use '*' (Checkov CKV_AWS_355 uses the same exception).</summary>
    public static readonly IReadOnlySet<string> UnscopableActions = new HashSet<string>(StringComparer.Ordinal)
    {
        "ecr:GetAuthorizationToken", "cloudwatch:PutMetricData",
        "ec2:DescribeDhcpOptions", "ec2:DescribeNetworkInterfaces", "ec2:DescribeSecurityGroups", "ec2:DescribeSubnets", "ec2:DescribeVpcs",
        "elasticloadbalancing:DescribeListeners", "elasticloadbalancing:DescribeRules", "elasticloadbalancing:DescribeTargetGroups", "elasticloadbalancing:DescribeTargetHealth",
    };

    private static readonly IReadOnlyList<Type> s_reports = [typeof(Grant)];

    public override IReadOnlyList<Type> Reports => s_reports;

    // A loop, not a query: chained LINQ operators cost the NativeAOT compiler a type-loader lookup each (PolicyStatements).
    public override IEnumerable<Fact> Extract(Resource resource, GuardrailContext context)
    {
        foreach (var statement in PolicyStatements.In(resource.Properties.Get("policy")))
        {
            if (!PolicyStatements.IsAllow(statement))
            {
                continue;
            }

            var actions = PolicyStatements.Strings(statement.Get("Action")).ToList();
            yield return new Grant(
                $"statement {ValuePath.GetString(statement, "Sid")}",
                [.. actions],
                PolicyStatements.Items(statement.Get("Resource")).Any(ResourcePatterns.IsWildcard),
                [.. actions.Where(UnscopableActions.Contains)]);
        }
    }
}

/// <summary>An IAM role: its trust policy and the managed policies it lists.</summary>
internal sealed record RoleExtractor() : AwsExtractor(AwsTypes.Role.Token, "IAM role")
{
    /// <summary>Service principals that pass <c>aws:SourceAccount</c>, so the trust must check it.</summary>
    public static readonly IReadOnlySet<string> SourceAwareServices = new HashSet<string>(StringComparer.Ordinal)
    {
        "sagemaker.amazonaws.com", "ecs-tasks.amazonaws.com", "pods.eks.amazonaws.com",
    };

    /// <summary>Service principals whose roles the SDK may create.</summary>
    public static readonly IReadOnlySet<string> KnownServices = new HashSet<string>(SourceAwareServices, StringComparer.Ordinal)
    {
        "eks.amazonaws.com", "ec2.amazonaws.com", "ecs.amazonaws.com",
    };

    private static readonly IReadOnlyList<Type> s_reports = [typeof(TrustedPrincipal), typeof(AttachedPolicy)];

    public override IReadOnlyList<Type> Reports => s_reports;

    public override IEnumerable<Fact> Extract(Resource resource, GuardrailContext context)
    {
        foreach (var statement in PolicyStatements.In(resource.Properties.Get("assumeRolePolicy")))
        {
            if (!PolicyStatements.IsAllow(statement))
            {
                continue;
            }

            var service = ValuePath.GetString(statement, "Principal.Service");
            yield return new TrustedPrincipal(
                "the trust policy",
                service,
                service is not null && KnownServices.Contains(service),
                service is not null && SourceAwareServices.Contains(service),
                ValuePath.Get(statement, "Condition.StringEquals.aws:SourceAccount") is not null);
        }

        foreach (var attached in ManagedPolicies.Attached("the role", resource.Properties.Get("managedPolicyArns")))
        {
            yield return attached;
        }
    }
}

/// <summary>A managed policy attached to a role by its own resource.</summary>
internal sealed record RolePolicyAttachmentExtractor() : AwsExtractor(AwsTypes.RolePolicyAttachment.Token, "IAM role policy attachment")
{
    private static readonly IReadOnlyList<Type> s_reports = [typeof(AttachedPolicy)];

    public override IReadOnlyList<Type> Reports => s_reports;

    public override IEnumerable<Fact> Extract(Resource resource, GuardrailContext context) =>
        ManagedPolicies.Attached("the attachment", resource.Properties.Get("policyArn"));
}

/// <summary>Which AWS managed policies are administrator-class.</summary>
internal static class ManagedPolicies
{
    private static readonly string[] s_administratorClass =
        ["/AdministratorAccess", "/IAMFullAccess", "/PowerUserAccess", "/AmazonSageMakerFullAccess", "/AmazonS3FullAccess"];

    public static IEnumerable<Fact> Attached(string subject, Value? arns) =>
        PolicyStatements.Strings(arns).Select(arn => new AttachedPolicy(subject, arn, s_administratorClass.Any(f => arn.EndsWith(f, StringComparison.Ordinal))));
}

/// <summary>IAM users and access keys: long-lived credentials whatever their settings.</summary>
/// <param name="ResourceType">The type token.</param>
/// <param name="Kind">The kind's name.</param>
internal sealed record CredentialExtractor(string ResourceType, string Kind) : AwsExtractor(ResourceType, Kind)
{
    private static readonly IReadOnlyList<Type> s_reports = [typeof(LongLivedCredential)];

    public override IReadOnlyList<Type> Reports => s_reports;

    public override IEnumerable<Fact> Extract(Resource resource, GuardrailContext context) => [new LongLivedCredential(resource.Type.ClassName)];
}
