using MlDeploy.Graph;

namespace MlDeploy.Aws.Blocks;

/// <summary>A private ECR repository: immutable tags, scan on push, KMS encryption, and a lifecycle policy.</summary>
internal static class EcrRepositoryBlock
{
    public static Resource Create(AwsScope scope, Resource key, int keepImages)
    {
        var repository = scope.Add("repo", AwsTypes.EcrRepository, Value.Map(
            ("name", scope.PhysicalName(200)),
            ("imageTagMutability", "IMMUTABLE"),
            ("imageScanningConfiguration", Value.Map(("scanOnPush", true))),
            ("encryptionConfigurations", Value.List(Value.Map(("encryptionType", "KMS"), ("kmsKey", key.Output("arn"))))),
            ("forceDelete", false),
            ("tags", scope.Tags)));

        var rules = Value.Map(("rules", Value.List(
            Value.Map(
                ("rulePriority", 1),
                ("description", "Expire untagged layers after a day"),
                ("selection", Value.Map(("tagStatus", "untagged"), ("countType", "sinceImagePushed"), ("countUnit", "days"), ("countNumber", 1))),
                ("action", Value.Map(("type", "expire")))),
            Value.Map(
                ("rulePriority", 2),
                ("description", $"Keep the last {keepImages} images for rollback"),
                ("selection", Value.Map(("tagStatus", "any"), ("countType", "imageCountMoreThan"), ("countNumber", keepImages))),
                ("action", Value.Map(("type", "expire")))))));

        scope.Add("repo-lifecycle", AwsTypes.EcrLifecyclePolicy, Value.Map(
            ("repository", repository.Output("name")),
            ("policy", Fn.ToJson(rules))));
        return repository;
    }
}
