using System.Text.RegularExpressions;
using MlDeploy.Gcp.Blocks;
using MlDeploy.Model;
using MlDeploy.Validation;

namespace MlDeploy.Gcp;

/// <summary>The checks every Google Cloud target runs on what the GCP blocks consume: placement, sources and the alert channel.</summary>
internal static partial class GcpChecks
{
    /// <summary>The project id, the region and an optional Cloud KMS key name.</summary>
    public static IEnumerable<Diagnostic> Placement(string? project, string? region, string? kmsKeyName, DeploymentPath p)
    {
        if (!ProjectId().IsMatch(project ?? string.Empty))
        {
            yield return p.Error("target.project", $"'{project}' is not a Google Cloud project id", "use the project id (6-30 lowercase letters, digits and '-', starting with a letter), e.g. acme-ml-prod");
        }

        if (!IsRegion(region))
        {
            yield return p.Error("target.region", $"'{region}' is not a Google Cloud region", "use a region name such as europe-west4 or us-central1");
        }

        if (kmsKeyName is { } key && !KmsKey().IsMatch(key))
        {
            yield return p.Error("target.kmsKeyName", $"'{key}' is not a Cloud KMS key name", "use projects/<project>/locations/<location>/keyRings/<ring>/cryptoKeys/<key>");
        }
    }

    /// <summary>Images the GCP pack cannot use yet, a <c>gs://</c> artifact's form, and Secret Manager ids.</summary>
    public static IEnumerable<Diagnostic> Sources(ModelDeployment d, string target, DeploymentPath p)
    {
        switch (d.Image)
        {
            case SharedImage:
                yield return p.Error("image", $"{target} cannot use shared images yet (they are built into ECR by the AWS pack)", "use ImageSource.Build so the deployment's own repository gets the image");
                break;
            case RepositoryImage:
                yield return p.Error("image", $"{target} cannot use images from another stack's repository yet", "use ImageSource.Existing with the Artifact Registry reference, or ImageSource.Build");
                break;
        }

        if (d.Artifact is UriArtifact uri && ModelBucketBlock.Parse(uri.Uri) is null)
        {
            yield return p.Error("artifact", $"'{uri.Uri}' is not a Cloud Storage URI", "use gs://<bucket>/<object>, or a prefix ending with '/'");
        }

        foreach (var secret in d.Secrets.Where(s => s.Source is StoredSecret))
        {
            var id = ((StoredSecret)secret.Source).Id;
            if (!SecretId().IsMatch(id ?? string.Empty))
            {
                yield return p.Error($"secrets[{secret.Name}].source", $"'{id}' is not a Secret Manager secret", "use projects/<project>/secrets/<name> (optionally /versions/<version>)");
            }
        }
    }

    /// <summary>
    /// The alert channel: an existing one must be a notification channel name, and there must be one (a Cloud Monitoring
    /// channel needs an address, TARGETS.md 12.3; alert policies without one notify nobody, MLS-OBS-03); stack-level
    /// channels and keys are not planned on Google Cloud yet.
    /// </summary>
    public static IEnumerable<Diagnostic> Channel(ModelDeployment d, string target, DeploymentPath p)
    {
        if (d.Monitoring.NotificationTopic is { } topic && !ChannelName().IsMatch(topic))
        {
            yield return p.Error("monitoring.notificationTopic", $"'{topic}' is not a Cloud Monitoring notification channel", "use projects/<project>/notificationChannels/<id>");
        }

        if (d.Monitoring.NotificationTopic is null && d.Monitoring.NotificationEmail is null && d.Monitoring.Channel is null)
        {
            yield return p.Error("monitoring.notificationEmail", $"{target} alerts need a notification channel, and the deployment names none", "set NotificationEmail, or NotificationTopic to projects/<project>/notificationChannels/<id>");
        }

        foreach (var problem in StackComponentChecks.NotPlanned(d, target, "set NotificationEmail, or NotificationTopic to a notification channel name", "Google-managed keys, or the target's KmsKeyName", p))
        {
            yield return problem;
        }
    }

    /// <summary>Whether the text is a region name such as <c>europe-west4</c>.</summary>
    public static bool IsRegion(string? region) => Region().IsMatch(region ?? string.Empty);

    [GeneratedRegex("^[a-z][a-z0-9-]{4,28}[a-z0-9]$")]
    private static partial Regex ProjectId();

    [GeneratedRegex("^[a-z]+-[a-z]+[0-9]{1,2}$")]
    private static partial Regex Region();

    [GeneratedRegex("^projects/[a-z][a-z0-9-]{4,28}[a-z0-9]/locations/[a-z0-9-]+/keyRings/[A-Za-z0-9_-]{1,63}/cryptoKeys/[A-Za-z0-9_-]{1,63}$")]
    private static partial Regex KmsKey();

    [GeneratedRegex("^projects/[a-z0-9-]+/secrets/[A-Za-z0-9_-]{1,255}(/versions/([0-9]+|latest))?$")]
    private static partial Regex SecretId();

    [GeneratedRegex("^projects/[a-z0-9-]+/notificationChannels/[0-9]+$")]
    private static partial Regex ChannelName();
}
