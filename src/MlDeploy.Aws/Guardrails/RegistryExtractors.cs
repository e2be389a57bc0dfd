using System.Collections.Immutable;
using MlDeploy.Graph;
using MlDeploy.Guardrails;
using MlDeploy.Guardrails.Facts;

namespace MlDeploy.Aws.Guardrails;

/// <summary>An ECR repository, with the lifecycle policies that point at it.</summary>
internal sealed record EcrRepositoryExtractor() : AwsExtractor(AwsTypes.EcrRepository.Token, "ECR repository")
{
    private static readonly IReadOnlyList<Type> s_reports = [typeof(RegistrySettings)];

    public override IReadOnlyList<Type> Reports => s_reports;

    public override IEnumerable<Fact> Extract(Resource resource, GuardrailContext context) =>
    [
        new RegistrySettings(
            "the repository",
            ValuePath.GetString(resource.Properties, "imageTagMutability") == "IMMUTABLE",
            ValuePath.GetBool(resource.Properties, "imageScanningConfiguration.scanOnPush") == true,
            ReferenceIndex.ByTarget(context, AwsTypes.EcrLifecyclePolicy.Token, "repository").Contains(resource.Name),
            ValuePath.GetString(resource.Properties, "encryptionConfigurations[0].encryptionType") == "KMS"),
    ];
}

/// <summary>
/// An ECR repository policy (the SDK writes none; a customization or another program may). A principal of <c>*</c> or
/// <c>{"AWS": "*"}</c> lets anyone pull, or push, whatever the actions (Checkov CKV_AWS_32 reads the same two forms).
/// </summary>
internal sealed record EcrRepositoryPolicyExtractor() : AwsExtractor(AwsTypes.EcrRepositoryPolicy.Token, "ECR repository policy")
{
    private static readonly IReadOnlyList<Type> s_reports = [typeof(AnonymousAccess)];

    public override IReadOnlyList<Type> Reports => s_reports;

    public override IEnumerable<Fact> Extract(Resource resource, GuardrailContext context) =>
        [new AnonymousAccess("the repository policy", OpenStatements(resource.Properties.Get("policy")))];

    /// <summary>The allow statements of a policy document that admit anyone, by Sid (or position when unnamed).</summary>
    public static ImmutableArray<string> OpenStatements(Value? document)
    {
        var open = ImmutableArray.CreateBuilder<string>();
        var index = 0;
        foreach (var statement in PolicyStatements.In(document))
        {
            if (PolicyStatements.IsAllow(statement) && (ValuePath.GetString(statement, "Principal") == "*" || PolicyStatements.Strings(ValuePath.Get(statement, "Principal.AWS")).Contains("*")))
            {
                open.Add(ValuePath.GetString(statement, "Sid") is { Length: > 0 } sid ? $"statement {sid}" : $"statement {index}");
            }

            index++;
        }

        return open.ToImmutable();
    }
}
