using System.Text.RegularExpressions;
using MlDeploy.Gcp.Blocks;
using MlDeploy.Graph;
using MlDeploy.Guardrails;
using MlDeploy.Guardrails.Facts;

namespace MlDeploy.Gcp.Guardrails;

/// <summary>
/// An Artifact Registry repository (SECURITY.md 2.19): immutable tags, scanning (the Container Scanning API enabled in
/// the program and the repository not opting out), cleanup policies that are not a dry run. Customer-managed keys are
/// opt-in on Google Cloud (SECURITY.md section 6), so MLS-REG-06, written for ECR, does not apply (<c>KmsEncrypted</c> null).
/// </summary>
internal sealed record RepositoryExtractor() : GcpExtractor(GcpTypes.Repository.Token, "Artifact Registry repository")
{
    private static readonly IReadOnlyList<Type> s_reports = [typeof(RegistrySettings)];

    public override IReadOnlyList<Type> Reports => s_reports;

    public override IEnumerable<Fact> Extract(Resource resource, GuardrailContext context)
    {
        var p = resource.Properties;
        var scanningApi = context.OfType(GcpTypes.ProjectService.Token).Any(s => ValuePath.GetString(s.Properties, "service") == ProjectServicesBlock.ContainerScanning);
        yield return new RegistrySettings(
            "the repository",
            TagsImmutable: ValuePath.GetBool(p, "dockerConfig.immutableTags") == true,
            ScansOnPush: scanningApi && ValuePath.GetString(p, "vulnerabilityScanningConfig.enablementConfig") != "DISABLED",
            HasLifecyclePolicy: Items(p.Get("cleanupPolicies")).Any() && ValuePath.GetBool(p, "cleanupPolicyDryRun") != true,
            KmsEncrypted: null);
    }
}

/// <summary>A read grant on a repository: reader is read-only on one repository; anything else goes beyond reading; everyone is anonymous access.</summary>
internal sealed record RepositoryIamExtractor() : GcpExtractor(GcpTypes.RepositoryIamMember.Token, "Artifact Registry IAM member")
{
    private static readonly IReadOnlyList<Type> s_reports = [typeof(StoreGrant), typeof(AnonymousAccess)];

    public override IReadOnlyList<Type> Reports => s_reports;

    public override IEnumerable<Fact> Extract(Resource resource, GuardrailContext context)
    {
        var p = resource.Properties;
        var role = ValuePath.GetString(p, "role") ?? string.Empty;
        yield return new StoreGrant($"grant of {role}", "the registry", role == "roles/artifactregistry.reader" ? [] : [role], OnEveryResource: false);
        yield return new AnonymousAccess("the repository", IsEveryone(p.Get("member")) ? [$"{role} for {ValueText(p.Get("member"))}"] : []);
    }
}

/// <summary>A Cloud Storage bucket (SECURITY.md 2.21): public access prevention and uniform bucket-level access (no object ACLs).</summary>
internal sealed record BucketExtractor() : GcpExtractor(GcpTypes.Bucket.Token, "Cloud Storage bucket")
{
    private static readonly IReadOnlyList<Type> s_reports = [typeof(PublicAccess)];

    public override IReadOnlyList<Type> Reports => s_reports;

    public override IEnumerable<Fact> Extract(Resource resource, GuardrailContext context)
    {
        var p = resource.Properties;
        yield return new PublicAccess(
            "the bucket",
            ValuePath.GetString(p, "publicAccessPrevention") == "enforced" ? [] : ["publicAccessPrevention"],
            AclsDisabled: ValuePath.GetBool(p, "uniformBucketLevelAccess") == true);
    }
}

/// <summary>A bucket grant: object viewer is read-only on one bucket; anything else goes beyond reading; everyone makes the bucket public.</summary>
internal sealed record BucketIamExtractor() : GcpExtractor(GcpTypes.BucketIamMember.Token, "Cloud Storage bucket IAM member")
{
    private static readonly IReadOnlyList<Type> s_reports = [typeof(StoreGrant), typeof(PublicAccess)];

    public override IReadOnlyList<Type> Reports => s_reports;

    public override IEnumerable<Fact> Extract(Resource resource, GuardrailContext context)
    {
        var p = resource.Properties;
        var role = ValuePath.GetString(p, "role") ?? string.Empty;
        yield return new StoreGrant($"grant of {role}", "the artifact store", role == "roles/storage.objectViewer" ? [] : [role], OnEveryResource: false);
        if (IsEveryone(p.Get("member")))
        {
            yield return new PublicAccess("the bucket grant", [$"{role} for {ValueText(p.Get("member"))}"], AclsDisabled: true);
        }
    }
}

/// <summary>A Cloud Monitoring alert policy: the metric types its threshold conditions read, and whether it notifies a channel.</summary>
internal sealed partial record AlertPolicyExtractor() : GcpExtractor(GcpTypes.AlertPolicy.Token, "Cloud Monitoring alert policy")
{
    private static readonly IReadOnlyList<Type> s_reports = [typeof(AlarmedSignals)];

    public override IReadOnlyList<Type> Reports => s_reports;

    public override IEnumerable<Fact> Extract(Resource resource, GuardrailContext context)
    {
        var p = resource.Properties;
        var metrics = Items(p.Get("conditions"))
            .Select(c => Literal(ValuePath.Get(c, "conditionThreshold.filter")))
            .OfType<string>()
            .Select(f => MetricType().Match(f))
            .Where(m => m.Success)
            .Select(m => m.Groups["metric"].Value);
        yield return new AlarmedSignals("the alert policy", [.. metrics], ValuePath.GetBool(p, "enabled") != false && Items(p.Get("notificationChannels")).Any());
    }

    /// <summary>The literal text of a filter (an interpolation's literal parts: the metric type is always literal).</summary>
    private static string? Literal(Value? filter) => filter switch
    {
        StringValue s => s.Value,
        Interpolation i => string.Concat(i.Parts.OfType<StringValue>().Select(s => s.Value)),
        _ => null,
    };

    [GeneratedRegex("metric\\.type\\s*=\\s*\"(?<metric>[^\"]+)\"")]
    private static partial Regex MetricType();
}

/// <summary>The fact extractors for the Google Cloud resources the Cloud Run and Vertex AI planners emit.</summary>
public static class GcpFacts
{
    /// <summary>Gets every Google Cloud extractor.</summary>
    public static IReadOnlyList<IFactExtractor> All { get; } =
    [
        new CloudRunServiceExtractor(), new CloudRunInvokerExtractor(), new RepositoryExtractor(), new RepositoryIamExtractor(),
        new BucketExtractor(), new BucketIamExtractor(), new AlertPolicyExtractor(), new AiEndpointExtractor(), new VertexStepExtractor(),
    ];
}
