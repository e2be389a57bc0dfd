using System.Collections.Immutable;
using MlDeploy.Aws.Ecs;
using MlDeploy.Aws.Eks;
using MlDeploy.Aws.SageMaker;
using MlDeploy.Model;
using MlDeploy.Tests.Eks;
using static MlDeploy.Tests.Hosting.ModelCase;

namespace MlDeploy.Tests.Hosting;

/// <summary>
/// Unusual but valid stack programs: each runs through the host on the targets it names, must synthesize with every
/// guardrail met, and the program must contain <see cref="ModelCase.Expected"/> (proof the value was used, not dropped).
/// </summary>
internal static class UnusualModelCorpus
{
    private static readonly string s_max = "m" + new string('x', 30) + "1";

    public static IReadOnlyDictionary<string, ModelCase> Cases { get; } = new Dictionary<string, ModelCase>(StringComparer.Ordinal)
    {
        ["tag-value-unicode"] = One(All, d => d with { Tags = Tag("team", "équipe risque 日本語") }, "team: équipe risque 日本語"),
        ["tag-value-supplementary-plane-letters"] = One(All, d => d with { Tags = Tag("team", "𠀋𡈽") }, "team: \"𠀋𡈽\""),
        ["tag-key-unicode"] = One(All, d => d with { Tags = Tag("équipe", "risk") }, "équipe: risk"),
        ["tag-value-empty"] = One(All, d => d with { Tags = Tag("team", string.Empty) }, "team: \"\""),
        ["tag-every-allowed-punctuation"] = One(All, d => d with { Tags = Tag("a b_.:/=+-@", "a b_.:/=+-@") }, "a b_.:/=+-@: a b_.:/=+-@"),
        ["tag-key-and-value-at-max-length"] = One(All, d => d with { Tags = Tag(new string('k', 128), new string('v', 256)) }, $"{new string('k', 128)}: {new string('v', 256)}"),
        ["name-max-length"] = One(All, d => d with { Name = s_max }, $"mldeploy:deployment: {s_max}"),
        ["name-one-letter"] = One(All, d => d with { Name = "f" }, "mldeploy:deployment: f"),
        ["names-max-length-differing-in-last-character"] = Many(All, d => [d with { Name = s_max }, d with { Name = s_max[..^1] + "2" }], $"mldeploy:deployment: {s_max[..^1]}2"),
        ["name-repeated-dashes"] = One(All, d => d with { Name = "fraud--v2" }, "mldeploy:deployment: fraud--v2"),
        ["names-differing-only-by-repeated-dashes"] = Many(All, d => [d with { Name = "fraud-v2" }, d with { Name = "fraud--v2" }], "mldeploy:deployment: fraud--v2"),
        ["names-differing-only-by-a-dash"] = Many(All, d => [d with { Name = "fraud-v2" }, d with { Name = "fraudv2" }], "mldeploy:deployment: fraudv2"),
        ["name-of-another-plus-a-part"] = Many(OnFargate, d => [d, d with { Name = "fraud-task" }], "family: ml-platform-staging-fraud-task"),
        ["capture-zero"] = One(OnSageMaker, d => d with { Monitoring = d.Monitoring with { DataCapturePercent = 0 } }, "mldeploy:deployment: fraud"),
        ["capture-all"] = One("sagemaker,fargate", d => d with { Monitoring = d.Monitoring with { DataCapturePercent = 100 } }, "mldeploy:deployment: fraud"),
        ["replicas-at-the-platform-limit"] = One(All, d => d with { Scaling = d.Scaling with { Min = 1, Max = 1000 } }, "1000"),
        ["replicas-fixed-at-one"] = One(All, d => d with { Scaling = d.Scaling with { Min = 1, Max = 1 } }, "mldeploy:deployment: fraud"),
        ["requests-target-at-the-sdk-ceiling"] = One(OnSageMaker, d => d with { Scaling = d.Scaling with { Target = 100_000 } }, "targetValue: 6000000"),
        ["cooldowns-at-one-hour"] = One(All, d => d with { Scaling = d.Scaling with { ScaleInCooldown = TimeSpan.FromHours(1), ScaleOutCooldown = TimeSpan.FromHours(1) } }, "3600"),
        ["latency-threshold-at-one-hour"] = One(OnEks, d => d with { Monitoring = d.Monitoring with { LatencyP99Ms = 3_600_000 } }, "mldeploy:deployment: fraud"),
        ["log-retention-ten-years"] = One("sagemaker,fargate", d => d with { Monitoring = d.Monitoring with { LogRetentionDays = 3653 } }, "retentionInDays: 3653"),
        ["log-retention-one-day"] = One("sagemaker,fargate", d => d with { Monitoring = d.Monitoring with { LogRetentionDays = 1 } }, "retentionInDays: 1"),
        ["startup-timeout-at-the-longest"] = One(All, d => d with { Serving = d.Serving with { StartupTimeout = TimeSpan.FromHours(1) } }, "3600"),
        ["bake-time-at-the-longest-sagemaker-update"] = One(OnSageMaker, d => d with { Rollout = d.Rollout with { BakeTime = TimeSpan.FromMinutes(27.5) } }, "waitIntervalInSeconds: 1650"),
        ["port-at-the-top-of-the-range"] = One("fargate,eks", d => d with { Serving = d.Serving with { Port = 65535 } }, "65535"),
        ["s3-uri-with-dots-in-the-key"] = One(All, d => d with { Artifact = ModelArtifact.FromUri("s3://models-prod/fraud/v1.2.3/model.v1.2.3.tar.gz") }, "fraud/v1.2.3/model.v1.2.3.tar.gz"),
        ["s3-bucket-with-dots"] = One(All, d => d with { Artifact = ModelArtifact.FromUri("s3://models.prod.eu-west-1/fraud/") }, "models.prod.eu-west-1"),
        ["s3-bucket-of-three-characters"] = One(All, d => d with { Artifact = ModelArtifact.FromUri("s3://m01/fraud/model.tar.gz") }, "s3://m01/fraud/model.tar.gz"),
        ["s3-bucket-of-sixty-three-characters"] = One(All, d => d with { Artifact = ModelArtifact.FromUri($"s3://{new string('b', 63)}/fraud/") }, new string('b', 63)),
        ["env-value-with-a-literal-interpolation"] = One(All, d => d with { Serving = d.Serving with { Env = Tag("GREETING", "${not.a.reference}") } }, "$${not.a.reference}"),
        ["eks-current-generation-node-types"] = One(OnEks, d => d with
        {
            Target = new EksTarget(EksSamples.GpuCluster with { CpuNodes = new EksNodeGroup("m7i.2xlarge", 2, 6), GpuNodes = new EksNodeGroup("g6e.2xlarge", 1, 5) }),
            Compute = new Compute { Cpu = 6, MemoryGiB = 48, Gpu = new Gpu(1, GpuKind.L40S) },
            Scaling = d.Scaling with { Min = 1, Max = 4 },
        }, "g6e.2xlarge"),
        ["sagemaker-current-generation-gpu"] = One(OnSageMaker, d => d with { Target = new SageMakerTarget { InstanceType = "ml.g6e.2xlarge" }, Compute = new Compute { Cpu = 8, MemoryGiB = 64, Gpu = new Gpu(1, GpuKind.L40S) } }, "ml.g6e.2xlarge"),
        ["comments-only-stack-file"] = One(All, d => d, "mldeploy:deployment: fraud") with { StackFile = "# nothing to set: the program's defaults apply\n# pulumi config set adds keys below\n" },
        ["fargate-storage-and-idle-timeout-at-their-limits"] = One(OnFargate, d => d with { Target = ((FargateTarget)d.Target) with { EphemeralStorageGiB = 200, IdleTimeoutSeconds = 4000 } }, "sizeInGib: 200"),
    };

    private static ImmutableSortedDictionary<string, string> Tag(string key, string value) =>
        ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [new KeyValuePair<string, string>(key, value)]);
}
