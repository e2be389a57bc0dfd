using MlDeploy.Graph;
using MlDeploy.Guardrails;
using MlDeploy.Guardrails.Facts;

namespace MlDeploy.Aws.Guardrails;

/// <summary>An S3 bucket, read together with the public access block, ownership controls, policy and encryption that point at it.</summary>
internal sealed record BucketExtractor() : AwsExtractor(AwsTypes.Bucket.Token, "S3 bucket")
{
    private static readonly string[] s_blocks = ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"];
    private static readonly IReadOnlyList<Type> s_reports = [typeof(PublicAccess), typeof(Transport), typeof(EncryptionAtRest)];

    public override IReadOnlyList<Type> Reports => s_reports;

    public override IEnumerable<Fact> Extract(Resource resource, GuardrailContext context)
    {
        var block = ReferenceIndex.ByTarget(context, AwsTypes.BucketPublicAccessBlock.Token, "bucket")[resource.Name].FirstOrDefault();
        yield return new PublicAccess(
            "the bucket",
            [.. s_blocks.Where(f => block is null || ValuePath.GetBool(block.Properties, f) != true)],
            ReferenceIndex.ByTarget(context, AwsTypes.BucketOwnershipControls.Token, "bucket")[resource.Name]
                .Any(o => ValuePath.GetString(o.Properties, "rule.objectOwnership") == "BucketOwnerEnforced"));

        // S3 is reached over the public API endpoint, so only a Deny on aws:SecureTransport = false keeps plaintext out.
        var deniesPlainHttp = ReferenceIndex.ByTarget(context, AwsTypes.BucketPolicy.Token, "bucket")[resource.Name]
            .SelectMany(p => PolicyStatements.In(p.Properties.Get("policy")))
            .Any(s => ValuePath.GetString(s, "Effect") == "Deny" && ValuePath.GetString(s, "Condition.Bool.aws:SecureTransport") == "false");
        yield return new Transport("the bucket", !deniesPlainHttp, AllowsTlsBelow12: false);

        yield return new EncryptionAtRest("objects in the bucket", ReferenceIndex.ByTarget(context, AwsTypes.BucketEncryption.Token, "bucket")[resource.Name]
            .Any(e => ValuePath.GetString(e.Properties, "rules[0].applyServerSideEncryptionByDefault.sseAlgorithm") == "aws:kms"
                && ValuePath.Get(e.Properties, "rules[0].applyServerSideEncryptionByDefault.kmsMasterKeyId") is not null));
    }
}

/// <summary>A KMS key.</summary>
internal sealed record KmsKeyExtractor() : AwsExtractor(AwsTypes.KmsKey.Token, "KMS key")
{
    private static readonly IReadOnlyList<Type> s_reports = [typeof(KeyManagement)];

    public override IReadOnlyList<Type> Reports => s_reports;

    public override IEnumerable<Fact> Extract(Resource resource, GuardrailContext context)
    {
        var statements = PolicyStatements.In(resource.Properties.Get("policy")).ToList();
        yield return new KeyManagement(
            "the key",
            ValuePath.GetBool(resource.Properties, "enableKeyRotation") == true,
            resource.Properties.Get("deletionWindowInDays") is not null,
            statements.Count > 0,
            statements.Any(s => PolicyStatements.IsAllow(s) && (ValuePath.GetString(s, "Principal") == "*" || ValuePath.GetString(s, "Principal.AWS") == "*")),
            ValuePath.GetBool(resource.Properties, "bypassPolicyLockoutSafetyCheck") == true)
        {
            UnsplitStatements = [.. Unsplit(statements)],
        };
    }

    // A loop, not Where(...).Select(...): Select on Where's iterator is a generic virtual method, which the NativeAOT
    // type loader resolves at run time on every start (docs/BENCHMARKS.md, stop 16).
    private static List<string> Unsplit(List<MapValue> statements)
    {
        var unsplit = new List<string>();
        foreach (var s in statements)
        {
            if (PolicyStatements.IsAllow(s) && PolicyStatements.Strings(s.Get("Action")).Any(a => a is "kms:*" or "*"))
            {
                unsplit.Add($"statement {ValuePath.GetString(s, "Sid")}");
            }
        }

        return unsplit;
    }
}

/// <summary>A CloudWatch metric alarm: what it watches (a metric, or the metrics of its queries) and whether it notifies.</summary>
internal sealed record MetricAlarmExtractor() : AwsExtractor(AwsTypes.MetricAlarm.Token, "CloudWatch metric alarm")
{
    private static readonly IReadOnlyList<Type> s_reports = [typeof(AlarmedSignals)];

    public override IReadOnlyList<Type> Reports => s_reports;

    public override IEnumerable<Fact> Extract(Resource resource, GuardrailContext context)
    {
        var alarm = resource.Properties;
        var metrics = (ValuePath.GetString(alarm, "metricName") is { } name ? [name] : Array.Empty<string>())
            .Concat(PolicyStatements.Items(alarm.Get("metricQueries")).Select(q => ValuePath.GetString(q, "metric.metricName")).OfType<string>());
        yield return new AlarmedSignals(
            "the alarm",
            [.. metrics],
            ValuePath.GetBool(alarm, "actionsEnabled") != false && alarm.Get("alarmActions") is ListValue { Items.Length: > 0 });
    }
}
