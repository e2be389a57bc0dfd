using MlDeploy.Graph;
using MlDeploy.Targets;

namespace MlDeploy.Aws.Blocks;

/// <summary>A private ECR repository: immutable tags, scan on push, KMS encryption, and a lifecycle policy.</summary>
internal static class EcrRepositoryBlock
{
    /// <param name="scope">The deployment or shared image that owns the repository.</param>
    /// <param name="name">Its physical name.</param>
    /// <param name="key">The key that encrypts the images.</param>
    /// <param name="keepImages">How many images to keep for rollback.</param>
    public static Resource Create(GraphScope scope, string name, Resource key, int keepImages)
    {
        var repository = scope.Add("repo", AwsTypes.EcrRepository, Value.Map(
            ("name", name),
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
