using System.Text.RegularExpressions;
using MlDeploy.Graph;
using MlDeploy.Guardrails;
using MlDeploy.Guardrails.Facts;

namespace MlDeploy.Aws.Guardrails;

/// <summary>An inline role policy: one grant per Allow statement.</summary>
internal sealed partial record RolePolicyExtractor() : AwsExtractor(AwsTypes.RolePolicy.Token, "IAM role policy")
{
    /// <summary>Actions that have no resource-level permissions and so must use '*' (Checkov CKV_AWS_355 uses the same exception).</summary>
    public static readonly IReadOnlySet<string> UnscopableActions = new HashSet<string>(StringComparer.Ordinal)
    {
        "ecr:GetAuthorizationToken", "cloudwatch:PutMetricData",
        "ec2:DescribeDhcpOptions", "ec2:DescribeNetworkInterfaces", "ec2:DescribeSecurityGroups", "ec2:DescribeSubnets", "ec2:DescribeVpcs",
        "elasticloadbalancing:DescribeListeners", "elasticloadbalancing:DescribeRules", "elasticloadbalancing:DescribeTargetGroups", "elasticloadbalancing:DescribeTargetHealth",
    };

    /// <summary>
    /// The read-only actions a serving identity needs on a registry and an artifact store: the three ECR pull actions
    /// (AWS ECR User Guide, "Private repository policy examples": pull) and S3 object reads and listing.
    /// </summary>
    private static readonly HashSet<string> s_readActions = new HashSet<string>(StringComparer.Ordinal)
    {
        "ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer", "ecr:DescribeImages",
        "s3:GetObject", "s3:GetObjectVersion", "s3:ListBucket", "s3:GetBucketLocation",
    };

    private static readonly IReadOnlyList<Type> s_reports = [typeof(Grant), typeof(StoreGrant)];

    public override IReadOnlyList<Type> Reports => s_reports;

    // Data capture writes (SageMaker DataCaptureConfig, the Fargate capture sidecar) go to capture/<deployment>/ only,
    // a prefix no artifact is read from, so a PutObject there is not a grant on the artifact store.
    [GeneratedRegex(@"^arn:[a-z-]+:s3:::[^/*?]+/capture/[^*?]+/\*$", RegexOptions.CultureInvariant)]
    private static partial Regex CaptureObjects();

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

            if (StoreGrantOf(statement, actions) is { } store)
            {
                yield return store;
            }
        }
    }

    private static StoreGrant? StoreGrantOf(MapValue statement, List<string> actions)
    {
        var registry = actions.Where(a => a.StartsWith("ecr:", StringComparison.Ordinal) && !UnscopableActions.Contains(a)).ToList();
        var store = actions.Where(a => a.StartsWith("s3:", StringComparison.Ordinal)).ToList();
        if (registry.Count == 0 && store.Count == 0)
        {
            return null;
        }

        var resources = PolicyStatements.Items(statement.Get("Resource")).ToList();
        if (registry.Count == 0 && resources.Count > 0 && resources.All(r => CaptureObjects().IsMatch(Flatten(r))))
        {
            return null;
        }

        return new StoreGrant(
            $"statement {ValuePath.GetString(statement, "Sid")}",
            registry.Count > 0 ? "the registry" : "the artifact store",
            [.. registry.Concat(store).Where(a => !s_readActions.Contains(a))],
            resources.Any(ResourcePatterns.IsWildcard));
    }

    // References resolve at deploy time to the deployment's own names; only the literal parts can widen a grant.
    private static string Flatten(Value resource) => resource switch
    {
        StringValue s => s.Value,
        Interpolation i => string.Concat(i.Parts.Select(p => p is StringValue s ? s.Value : "ref")),
        _ => string.Empty,
    };
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
