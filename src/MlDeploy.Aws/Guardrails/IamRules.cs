using MlDeploy.Graph;
using MlDeploy.Guardrails;

namespace MlDeploy.Aws.Guardrails;

/// <summary>MLS-IAM-01: no policy allows every action, or every action of a service.</summary>
public sealed class IamNoWildcardActions : Guardrail
{
    /// <inheritdoc/>
    public override string Id => "MLS-IAM-01";

    /// <inheritdoc/>
    public override string Title => "IAM policies name their actions";

    /// <inheritdoc/>
    public override IEnumerable<Finding> Check(GuardrailContext context) =>
        from policy in context.OfType(AwsTypes.RolePolicy.Token)
        from statement in PolicyStatements.In(policy.Properties.Get("policy"))
        where PolicyStatements.IsAllow(statement)
        from action in PolicyStatements.Strings(statement.Get("Action"))
        where action == "*" || action.EndsWith(":*", StringComparison.Ordinal)
        select Fail(policy, $"statement {ValuePath.GetString(statement, "Sid")} allows '{action}'");
}

/// <summary>MLS-IAM-02: actions that support resource ARNs are granted on named ARNs, not '*'.</summary>
public sealed class IamNoWildcardResources : Guardrail
{
    /// <summary>Actions that have no resource-level permissions and so must use '*'.</summary>
    public static readonly IReadOnlySet<string> UnscopableActions = new HashSet<string>(StringComparer.Ordinal)
    {
        "ecr:GetAuthorizationToken", "cloudwatch:PutMetricData",
        "ec2:DescribeDhcpOptions", "ec2:DescribeNetworkInterfaces", "ec2:DescribeSecurityGroups", "ec2:DescribeSubnets", "ec2:DescribeVpcs",
        "elasticloadbalancing:DescribeListeners", "elasticloadbalancing:DescribeRules", "elasticloadbalancing:DescribeTargetGroups", "elasticloadbalancing:DescribeTargetHealth",
    };

    /// <inheritdoc/>
    public override string Id => "MLS-IAM-02";

    /// <inheritdoc/>
    public override string Title => "IAM policies name their resources";

    /// <inheritdoc/>
    public override IEnumerable<Finding> Check(GuardrailContext context) =>
        from policy in context.OfType(AwsTypes.RolePolicy.Token)
        from statement in PolicyStatements.In(policy.Properties.Get("policy"))
        where PolicyStatements.IsAllow(statement)
            && PolicyStatements.Strings(statement.Get("Resource")).Contains("*")
        from action in PolicyStatements.Strings(statement.Get("Action"))
        where !UnscopableActions.Contains(action)
        select Fail(policy, $"statement {ValuePath.GetString(statement, "Sid")} allows '{action}' on every resource");
}

/// <summary>MLS-IAM-03: no administrator-class managed policy is attached.</summary>
public sealed class IamNoAdminPolicies : Guardrail
{
    private static readonly string[] s_forbidden =
        ["/AdministratorAccess", "/IAMFullAccess", "/PowerUserAccess", "/AmazonSageMakerFullAccess", "/AmazonS3FullAccess"];

    /// <inheritdoc/>
    public override string Id => "MLS-IAM-03";

    /// <inheritdoc/>
    public override string Title => "no administrator-class managed policies";

    /// <inheritdoc/>
    public override IEnumerable<Finding> Check(GuardrailContext context) =>
        from role in context.Graph.Resources
        where role.Type.Token is "aws:iam/role:Role" or "aws:iam/rolePolicyAttachment:RolePolicyAttachment"
        from arn in PolicyStatements.Strings(role.Properties.Get("managedPolicyArns")).Concat(PolicyStatements.Strings(role.Properties.Get("policyArn")))
        where s_forbidden.Any(f => arn.EndsWith(f, StringComparison.Ordinal))
        select Fail(role, $"attaches {arn}");
}

/// <summary>
/// MLS-IAM-04: roles are assumable only by one known AWS service; services that pass the caller's account
/// (SageMaker, ECS tasks, EKS Pod Identity) must be limited to this account (confused-deputy guard).
/// </summary>
public sealed class IamTrustLimited : Guardrail
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

    /// <inheritdoc/>
    public override string Id => "MLS-IAM-04";

    /// <inheritdoc/>
    public override string Title => "role trust is limited to a service acting for this account";

    /// <inheritdoc/>
    public override IEnumerable<Finding> Check(GuardrailContext context)
    {
        foreach (var role in context.OfType(AwsTypes.Role.Token))
        {
            foreach (var statement in PolicyStatements.In(role.Properties.Get("assumeRolePolicy")).Where(PolicyStatements.IsAllow))
            {
                var service = ValuePath.GetString(statement, "Principal.Service");
                if (service is null || !KnownServices.Contains(service))
                {
                    yield return Fail(role, "the trust policy allows a principal other than one known AWS service");
                }
                else if (SourceAwareServices.Contains(service) && ValuePath.Get(statement, "Condition.StringEquals.aws:SourceAccount") is null)
                {
                    yield return Fail(role, $"{service} may assume the role on behalf of any account (no aws:SourceAccount condition)");
                }
            }
        }
    }
}

/// <summary>MLS-IAM-07: the program creates no long-lived credentials.</summary>
public sealed class IamNoLongLivedCredentials : Guardrail
{
    /// <inheritdoc/>
    public override string Id => "MLS-IAM-07";

    /// <inheritdoc/>
    public override string Title => "no long-lived credentials";

    /// <inheritdoc/>
    public override IEnumerable<Finding> Check(GuardrailContext context) =>
        context.Graph.Resources
            .Where(r => r.Type.Token is "aws:iam/user:User" or "aws:iam/accessKey:AccessKey")
            .Select(r => Fail(r, $"creates {r.Type.ClassName}"));
}
