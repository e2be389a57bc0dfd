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
