using MlDeploy.Aws.SageMaker;
using MlDeploy.Graph;
using MlDeploy.Guardrails;

namespace MlDeploy.Aws.Guardrails;

/// <summary>MLS-DATA-01: artifact buckets block every kind of public access and disable ACLs.</summary>
public sealed class BucketPrivate : Guardrail
{
    private static readonly string[] s_flags = ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"];

    /// <inheritdoc/>
    public override string Id => "MLS-DATA-01";

    /// <inheritdoc/>
    public override string Title => "buckets are private";

    /// <inheritdoc/>
    public override IEnumerable<Finding> Check(GuardrailContext context)
    {
        var blocks = ReferenceIndex.ByTarget(context, AwsTypes.BucketPublicAccessBlock.Token, "bucket");
        var ownership = ReferenceIndex.ByTarget(context, AwsTypes.BucketOwnershipControls.Token, "bucket");
        foreach (var bucket in context.OfType(AwsTypes.Bucket.Token))
        {
            var block = blocks[bucket.Name].FirstOrDefault();
            var missing = block is null ? s_flags : s_flags.Where(f => ValuePath.GetBool(block.Properties, f) != true).ToArray();
            if (missing.Length > 0)
            {
                yield return Fail(bucket, $"public access is not blocked ({string.Join(", ", missing)})");
            }

            if (!ownership[bucket.Name].Any(o => ValuePath.GetString(o.Properties, "rule.objectOwnership") == "BucketOwnerEnforced"))
            {
                yield return Fail(bucket, "ACLs are not disabled (objectOwnership is not BucketOwnerEnforced)");
            }
        }
    }
}

/// <summary>MLS-NET-03 (storage part): buckets refuse requests that are not over TLS.</summary>
public sealed class BucketTlsOnly : Guardrail
{
    /// <inheritdoc/>
    public override string Id => "MLS-NET-03";

    /// <inheritdoc/>
    public override string Title => "storage is reachable over TLS only";

    /// <inheritdoc/>
    public override IEnumerable<Finding> Check(GuardrailContext context)
    {
        var policies = ReferenceIndex.ByTarget(context, AwsTypes.BucketPolicy.Token, "bucket");
        foreach (var bucket in context.OfType(AwsTypes.Bucket.Token))
        {
            var deniesPlainHttp = policies[bucket.Name]
                .SelectMany(p => PolicyStatements.In(p.Properties.Get("policy")))
                .Any(s => ValuePath.GetString(s, "Effect") == "Deny" && ValuePath.GetString(s, "Condition.Bool.aws:SecureTransport") == "false");
            if (!deniesPlainHttp)
            {
                yield return Fail(bucket, "no bucket policy denies requests without TLS (aws:SecureTransport = false)");
            }
        }

        // Load balancers: internet-facing ones listen on HTTPS only; every HTTPS listener refuses TLS below 1.2.
        foreach (var listener in context.OfType(AwsTypes.Listener.Token))
        {
            var protocol = ValuePath.GetString(listener.Properties, "protocol");
            var lb = (listener.Properties.Get("loadBalancerArn") as OutputReference)?.Target as Resource;
            if (protocol != "HTTPS" && lb is not null && ValuePath.GetBool(lb.Properties, "internal") != true)
            {
                yield return Fail(listener, $"an internet-facing load balancer listens on {protocol ?? "HTTP"} (use HTTPS)");
            }

            if (protocol == "HTTPS" && ValuePath.GetString(listener.Properties, "sslPolicy") is not ({ } policy and ("ELBSecurityPolicy-TLS13-1-2-2021-06" or "ELBSecurityPolicy-TLS13-1-3-2021-06")))
            {
                yield return Fail(listener, $"sslPolicy {ValuePath.GetString(listener.Properties, "sslPolicy") ?? "(default)"} allows TLS below 1.2 (use ELBSecurityPolicy-TLS13-1-2-2021-06)");
            }
        }
    }
}

/// <summary>MLS-DATA-02: artifacts, captured data and endpoint volumes are encrypted with the deployment's KMS key.</summary>
public sealed class DataEncryptedAtRest : Guardrail
{
    /// <inheritdoc/>
    public override string Id => "MLS-DATA-02";

    /// <inheritdoc/>
    public override string Title => "data at rest is KMS-encrypted";

    /// <inheritdoc/>
    public override IEnumerable<Finding> Check(GuardrailContext context)
    {
        var encryption = ReferenceIndex.ByTarget(context, AwsTypes.BucketEncryption.Token, "bucket");
        foreach (var bucket in context.OfType(AwsTypes.Bucket.Token))
        {
            if (!encryption[bucket.Name].Any(e => ValuePath.GetString(e.Properties, "rules[0].applyServerSideEncryptionByDefault.sseAlgorithm") == "aws:kms"
                    && ValuePath.Get(e.Properties, "rules[0].applyServerSideEncryptionByDefault.kmsMasterKeyId") is not null))
            {
                yield return Fail(bucket, "no SSE-KMS default encryption with a customer-managed key");
            }
        }

        foreach (var config in context.OfType(AwsTypes.SageMakerEndpointConfiguration.Token))
        {
            var variants = ValuePath.Get(config.Properties, "productionVariants") is ListValue l ? l.Items : [];
            var needsVolumeKey = variants.Any(v => ValuePath.Get(v, "serverlessConfig") is null
                && SageMakerInstanceTypes.Find(ValuePath.GetString(v, "instanceType") ?? string.Empty) is not { InstanceStorage: true });
            if (needsVolumeKey && config.Properties.Get("kmsKeyArn") is null)
            {
                yield return Fail(config, "kmsKeyArn is not set for EBS-backed instances");
            }

            if (ValuePath.GetBool(config.Properties, "dataCaptureConfig.enableCapture") == true
                && ValuePath.Get(config.Properties, "dataCaptureConfig.kmsKeyId") is null)
            {
                yield return Fail(config, "captured requests are not encrypted with a KMS key (dataCaptureConfig.kmsKeyId)");
            }
        }
    }
}

/// <summary>MLS-KMS-01: the SDK's keys rotate, have an explicit policy without a '*' principal, and a deletion window.</summary>
public sealed class KmsKeyHardened : Guardrail
{
    /// <inheritdoc/>
    public override string Id => "MLS-KMS-01";

    /// <inheritdoc/>
    public override string Title => "KMS keys rotate and have explicit policies";

    /// <inheritdoc/>
    public override IEnumerable<Finding> Check(GuardrailContext context)
    {
        foreach (var key in context.OfType(AwsTypes.KmsKey.Token))
        {
            if (ValuePath.GetBool(key.Properties, "enableKeyRotation") != true)
            {
                yield return Fail(key, "key rotation is off");
            }

            if (key.Properties.Get("deletionWindowInDays") is null)
            {
                yield return Fail(key, "no deletion window is set");
            }

            var statements = PolicyStatements.In(key.Properties.Get("policy")).ToList();
            if (statements.Count == 0)
            {
                yield return Fail(key, "the key policy is not explicit");
            }

            if (statements.Any(s => PolicyStatements.IsAllow(s) && (ValuePath.GetString(s, "Principal") == "*" || ValuePath.GetString(s, "Principal.AWS") == "*")))
            {
                yield return Fail(key, "the key policy allows any principal");
            }

            if (ValuePath.GetBool(key.Properties, "bypassPolicyLockoutSafetyCheck") == true)
            {
                yield return Fail(key, "the policy lock-out safety check is bypassed");
            }
        }
    }
}
