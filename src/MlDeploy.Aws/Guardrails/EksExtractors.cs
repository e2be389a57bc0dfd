using MlDeploy.Graph;
using MlDeploy.Guardrails;
using MlDeploy.Guardrails.Facts;

namespace MlDeploy.Aws.Guardrails;

/// <summary>
/// An EKS cluster the program creates: who reaches its API endpoint (MLS-NET-01), whether Kubernetes secrets are
/// envelope-encrypted with a KMS key (MLS-DATA-02) and whether every control-plane log type is shipped (MLS-OBS-02).
/// SECURITY.md section 2.24.9 lists these cluster items (CKV_AWS_37, CKV_AWS_38/39 with CIS-EKS 5.4.1/5.4.2, CKV_AWS_58
/// with CIS-EKS 5.3.1) without ids of their own; they are the same rules as for any other endpoint, store and platform.
/// </summary>
internal sealed record EksClusterExtractor() : AwsExtractor(AwsTypes.EksCluster.Token, "EKS cluster")
{
    /// <summary>Every control-plane log type EKS offers (EKS User Guide, "Send control plane logs to CloudWatch Logs").</summary>
    public static readonly IReadOnlyList<string> ControlPlaneLogTypes = ["api", "audit", "authenticator", "controllerManager", "scheduler"];

    private static readonly string[] s_anywhere = ["0.0.0.0/0", "::/0"];
    private static readonly IReadOnlyList<Type> s_reports = [typeof(Exposure), typeof(EncryptionAtRest), typeof(PlatformInsights)];

    public override IReadOnlyList<Type> Reports => s_reports;

    public override IEnumerable<Fact> Extract(Resource resource, GuardrailContext context)
    {
        var p = resource.Properties;

        // EKS turns public access on, from 0.0.0.0/0, unless told otherwise (EKS API reference, VpcConfigRequest:
        // endpointPublicAccess defaults to true, publicAccessCidrs to 0.0.0.0/0). Callers still authenticate with IAM
        // (access entries), so only the network reach is at issue here.
        var publicAccess = ValuePath.GetBool(p, "vpcConfig.endpointPublicAccess") != false;
        var cidrs = PolicyStatements.Strings(ValuePath.Get(p, "vpcConfig.publicAccessCidrs")).ToList();
        var fromAnywhere = publicAccess && (cidrs.Count == 0 || cidrs.Any(c => s_anywhere.Contains(c, StringComparer.Ordinal)));
        yield return new Exposure("the API endpoint", fromAnywhere, fromAnywhere ? "public access from 0.0.0.0/0" : publicAccess ? $"public access only from {string.Join(", ", cidrs)}" : "private access only")
        {
            AuthenticatedBy = "EKS IAM authentication (access entries)",
        };

        var secretsEncrypted = PolicyStatements.Items(p.Get("encryptionConfig")).OfType<MapValue>()
            .Any(c => PolicyStatements.Strings(c.Get("resources")).Contains("secrets") && ValuePath.Get(c, "provider.keyArn") is not null);
        yield return new EncryptionAtRest("Kubernetes secrets", secretsEncrypted);

        var logged = PolicyStatements.Strings(p.Get("enabledClusterLogTypes")).ToHashSet(StringComparer.Ordinal);
        var missing = ControlPlaneLogTypes.Where(t => !logged.Contains(t)).ToList();
        yield return new PlatformInsights("the cluster", missing.Count == 0 ? "control-plane logging" : $"control-plane logging of {string.Join(", ", missing)}", missing.Count == 0);
    }
}
