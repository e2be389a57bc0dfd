using System.Globalization;
using System.Text.RegularExpressions;
using MlDeploy.Model;
using MlDeploy.Targets;

namespace MlDeploy.Validation;

/// <summary>The cloud-neutral rules every deployment must meet, whatever its target.</summary>
public static partial class DeploymentValidator
{
    /// <summary>
    /// Upper bounds of numeric settings, so no setting can overflow a conversion downstream. Where a platform's limit is
    /// lower, its capabilities record says so.
    /// </summary>
    public static class Limits
    {
        /// <summary>The most vCPUs any machine type offers (EC2 u7in-32tb.224xlarge: 896).</summary>
        public const int MaxCpu = 896;

        /// <summary>The most memory any machine type offers, in GiB (EC2 u7in-32tb.224xlarge: 32 TiB).</summary>
        public const int MaxMemoryGiB = 32768;

        /// <summary>The most GPUs one machine offers (GCP a2-megagpu-16g: 16).</summary>
        public const int MaxGpus = 16;

        /// <summary>The SDK's ceiling for a requests/s or concurrency target per replica.</summary>
        public const int MaxScalingTarget = 100_000;

        /// <summary>The longest latency threshold: one hour, longer than any serving platform holds a request.</summary>
        public const int MaxLatencyMs = 3_600_000;

        /// <summary>The longest log retention any cloud's log store offers in days (CloudWatch Logs: 3653).</summary>
        public const int MaxLogRetentionDays = 3653;

        /// <summary>
        /// The most images a registry repository keeps for rollback (Amazon ECR service quotas: 100,000 images per
        /// repository by default; a lifecycle rule keeping more would never expire anything).
        /// </summary>
        public const int MaxKeptImages = 100_000;

        /// <summary>Gets the longest scaling cooldown (the Kubernetes HPA stabilization window allows at most 3600 s).</summary>
        public static TimeSpan MaxCooldown { get; } = TimeSpan.FromHours(1);
    }

    /// <summary>The longest deployment name: physical names add project, stack and a hash, and must fit every provider's limit.</summary>
    public const int MaxNameLength = 32;

    /// <summary>Checks the whole platform and returns every problem.</summary>
    /// <param name="platform">The platform.</param>
    /// <param name="context">The synthesis context (for file checks and known guardrail ids).</param>
    /// <returns>The problems, empty when valid.</returns>
    public static IReadOnlyList<Diagnostic> Validate(Platform platform, ValidationContext context)
    {
        ArgumentNullException.ThrowIfNull(platform);
        ArgumentNullException.ThrowIfNull(context);
        var problems = new List<Diagnostic>();
        if (platform.Deployments.IsEmpty && platform.Components.IsEmpty)
        {
            problems.Add(new Diagnostic("deployments", "nothing is declared: no deployment and no shared component", "add a ModelDeployment to Platform.Deployments, or a shared component (e.g. ImageSource.Shared(...)) to Platform.Components"));
            return problems;
        }

        problems.AddRange(ValidateComponents(platform, context));

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var clashes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var d in platform.Deployments)
        {
            var path = DeploymentPath.Of(d.Name);
            if (!seen.Add(d.Name))
            {
                // Its other problems would read exactly like the first one's: report the clash alone, once per name.
                if (clashes.Add(d.Name))
                {
                    problems.Add(new Diagnostic(path.Root, $"the name '{d.Name}' is used by more than one deployment", "deployment names must be unique in a stack"));
                }

                continue;
            }

            problems.AddRange(ValidateDeployment(d, path, platform, context));
        }

        problems.AddRange(ValidateSharedImages(platform));
        problems.AddRange(ValidateSharedDeclarations(platform));
        return problems;
    }

    private static IEnumerable<Diagnostic> ValidateDeployment(ModelDeployment d, DeploymentPath p, Platform platform, ValidationContext context)
    {
        if (string.IsNullOrEmpty(d.Name) || d.Name.Length > MaxNameLength || !DnsLabel().IsMatch(d.Name))
        {
            yield return p.Error("name", $"'{d.Name}' is not a valid deployment name", $"use 1-{MaxNameLength} lowercase letters, digits and '-', starting with a letter and ending with a letter or digit");
        }

        foreach (var problem in ValidateImage(d, p, platform, context).Concat(ValidateArtifact(d, p, context)).Concat(ValidateMlflow(d, p, platform, context)).Concat(ValidateServing(d.Serving, p))
                     .Concat(ValidateCompute(d.Compute, p)).Concat(ValidateScaling(d, p)).Concat(ValidateMonitoring(d.Monitoring, p))
                     .Concat(ValidateRollout(d.Rollout, p)).Concat(ValidateSecrets(d, p)).Concat(ValidateSmoke(d.Smoke, p))
                     .Concat(ValidateWaivers(d, p, context)).Concat(ValidateTagKeys(d, p))
                     .Concat(ValidateSharedSettings(d, p, platform)).Concat(IdentifierRules.Validate(d, p)))
        {
            yield return problem;
        }
    }

    private static IEnumerable<Diagnostic> ValidateBuild(BuildImage b, string at, DeploymentPath p, ValidationContext context)
    {
        if (string.IsNullOrWhiteSpace(b.Context))
        {
            yield return p.Error($"{at}.context", "the build context is empty", "give the directory that holds the Dockerfile, relative to the project root");
        }
        else if (context.RootDirectory is { } root && !Directory.Exists(Path.Combine(root, b.Context)))
        {
            // Otherwise the build fails only at `pulumi up` (or at preview: docker-build builds during previews).
            yield return p.Error($"{at}.context", $"'{b.Context}' is not a directory under {root}", "paths are relative to the project root (the folder with Pulumi.yaml)");
        }
        else if (context.RootDirectory is { } projectRoot && !File.Exists(Path.Combine(projectRoot, b.DockerfilePath)))
        {
            yield return p.Error($"{at}.dockerfile", $"'{b.DockerfilePath}' does not exist", "add the Dockerfile, or set BuildImage.Dockerfile to its path relative to the project root");
        }

        if (string.Equals(b.Tag, "latest", StringComparison.OrdinalIgnoreCase))
        {
            yield return p.Error($"{at}.tag", "'latest' is not an immutable version", "tag each build uniquely, e.g. with the git commit");
        }
        else if (!DockerTag().IsMatch(b.Tag ?? string.Empty))
        {
            yield return p.Error($"{at}.tag", $"'{b.Tag}' is not a valid image tag", "use 1-128 letters, digits, '_', '.' or '-', not starting with '.' or '-'");
        }

        if (b.Platform is not ("linux/amd64" or "linux/arm64"))
        {
            yield return p.Error($"{at}.platform", $"'{b.Platform}' is not a supported platform", "use linux/amd64 or linux/arm64");
        }

        foreach (var key in b.BuildArgs.Keys.Where(k => !EnvName().IsMatch(k)))
        {
            yield return p.Error($"{at}.buildArgs[{key}]", "is not a valid build argument name", "use letters, digits and '_', not starting with a digit");
        }
    }

    private static IEnumerable<Diagnostic> ValidateImage(ModelDeployment d, DeploymentPath p, Platform platform, ValidationContext context)
    {
        switch (d.Image)
        {
            case BuildImage b:
                foreach (var problem in ValidateBuild(b, "image", p, context))
                {
                    yield return problem;
                }

                break;
            // Declared in Platform.Components, it is validated once there.
            case SharedImage shared when !platform.Components.Contains(shared):
                foreach (var problem in ValidateSharedImage(shared, p.Under("image"), context))
                {
                    yield return problem;
                }

                break;
            case RepositoryImage r:
                if (!Digest().IsMatch(r.Digest ?? string.Empty))
                {
                    yield return p.Error("image.digest", $"'{r.Digest}' is not an image digest", "give sha256: and the 64 hex digits the registry reports, e.g. from `pulumi stack output` of the stack that built it");
                }

                break;
            case ExistingImage e:
                var reference = e.Reference ?? string.Empty;
                if (!ImageReference().IsMatch(reference))
                {
                    yield return p.Error("image.reference", $"'{reference}' is not an image reference", "use registry/repository@sha256:<64 hex digits> (or registry/repository:tag in development stacks)");
                }
                else if (reference.EndsWith(":latest", StringComparison.Ordinal))
                {
                    yield return p.Error("image.reference", "'latest' is a moving tag", "pin the image by digest: registry/repository@sha256:...");
                }

                break;
            case MirroredImage m:
                foreach (var problem in ValidateMirror(m, p))
                {
                    yield return problem;
                }

                break;
            case PackagedImage when d.Artifact is not RegistryArtifact:
                yield return p.Error("image", "ImageSource.FromModelPackage needs a model registry artifact", "use ModelArtifact.FromRegistry(...) or give the image explicitly");
                break;
        }

        if (d.Artifact is RegistryArtifact && d.Image is not PackagedImage)
        {
            yield return p.Error("image", "a model registry entry already names its image", "use ImageSource.FromModelPackage with ModelArtifact.FromRegistry(...)");
        }
    }

    private static IEnumerable<Diagnostic> ValidateArtifact(ModelDeployment d, DeploymentPath p, ValidationContext context)
    {
        switch (d.Artifact)
        {
            case UriArtifact u when IsMlflowTrackingUri(u.Uri):
                yield return MlflowTrackingUri(u, p);
                break;
            case UriArtifact u when u.Cloud is null:
                yield return p.Error("artifact.uri", $"'{u.Uri}' is not a supported storage URI", "use s3://bucket/key, gs://bucket/key or https://<account>.blob.core.windows.net/<container>/<path>");
                break;
            case UriArtifact u when u.Cloud != d.Target.Cloud:
                yield return p.Error("artifact.uri", $"the artifact is in {u.Cloud} storage but the target {d.Target.DisplayName} runs in {d.Target.Cloud}", "copy the artifact into the target cloud's storage, or use ModelArtifact.FromFile so the SDK uploads it");
                break;
            case UriArtifact u when u.Uri.Split('/', 4) is [_, _, { Length: 0 }, ..]:
                yield return p.Error("artifact.uri", $"'{u.Uri}' names no bucket", "use <scheme>://<bucket>/<key>, with the bucket between the second and third '/'");
                break;
            case UriArtifact u when u.Uri.Split('/', 4) is not [_, _, { Length: > 0 }, _]:
                yield return p.Error("artifact.uri", $"'{u.Uri}' names no object or prefix", "use <scheme>://<bucket>/<key> (a trailing '/' means a prefix)");
                break;
            case DvcArtifact { Tracked: { } t } dvc when t.Cloud != d.Target.Cloud:
                yield return p.Error("artifact.dvcFile", $"'{dvc.DvcFile}' is stored in the DVC remote '{t.Remote}' in {t.Cloud} storage but the target {d.Target.DisplayName} runs in {d.Target.Cloud}", $"push it to a DVC remote on {d.Target.Cloud} storage (`dvc remote add`, then `dvc push -r <name>`, and name it in the output's remote: field or as the default), or use ModelArtifact.FromFile so the SDK uploads it");
                break;
            case FileArtifact f when string.IsNullOrWhiteSpace(f.Path):
                yield return p.Error("artifact.path", "the path is empty", "give a model file (e.g. model.tar.gz) or directory relative to the project root");
                break;
            case FileArtifact f when context.RootDirectory is { } root && !LocalArtifactSnapshot.Of(root, f).Exists:
                yield return p.Error("artifact.path", $"'{f.Path}' does not exist under {root}", "paths are relative to the project root (the folder with Pulumi.yaml)");
                break;
            case RegistryArtifact r when string.IsNullOrWhiteSpace(r.Entry):
                yield return p.Error("artifact.entry", "the registry entry is empty", "give the model package ARN / model id");
                break;
            default:
                foreach (var problem in ValidateDigest(d.Artifact, p, context))
                {
                    yield return problem;
                }

                break;
        }
    }

    // A local model's digest is computed here (and cached for planning), so an unreadable archive or files that differ
    // from the pinned release stop synthesis with the path, not a loader failing in the cloud.
    private static IEnumerable<Diagnostic> ValidateDigest(ModelArtifact artifact, DeploymentPath p, ValidationContext context)
    {
        if (artifact.Sha256 is { } pin && !ModelDigest.IsWellFormed(pin))
        {
            yield return p.Error("artifact.sha256", $"'{pin}' is not a SHA-256 digest", "give the 64 lowercase hex digits `promote` writes (the source stack's <deployment>-model-sha256 output)");
            yield break;
        }

        if (artifact is UriArtifact { Version: { } version } versioned && (versioned.Cloud != Cloud.Aws || versioned.IsPrefix || string.IsNullOrWhiteSpace(version) || version.Any(char.IsWhiteSpace)))
        {
            yield return p.Error("artifact.version", string.IsNullOrWhiteSpace(version) || version.Any(char.IsWhiteSpace) ? $"'{version}' is not an object version id" : "a version pins one object in S3; this is " + (versioned.IsPrefix ? "a prefix" : "not an s3:// object"), "give the object's S3 version id, or pin the content with Sha256 instead");
            yield break;
        }

        if (artifact is RegistryArtifact && artifact.Sha256 is not null)
        {
            yield return p.Error("artifact.sha256", "a registry entry is pinned by its version, not by a digest", "remove Sha256, or deploy the entry's files with ModelArtifact.FromFile or a storage URI");
            yield break;
        }

        if (artifact is not FileArtifact file || context.RootDirectory is not { } root)
        {
            yield break;
        }

        var (actual, unreadable) = TryDigest(root, file);
        if (unreadable is not null)
        {
            yield return p.Error("artifact.path", $"'{file.Path}' cannot be unpacked: {unreadable}", "give a gzip-compressed tar archive of regular files and folders, or the model's folder");
        }
        else if (file.Sha256 is { } expected && !string.Equals(actual, expected, StringComparison.Ordinal))
        {
            yield return p.Error("artifact.sha256", $"the files at '{file.Path}' have digest {actual}, not the pinned {expected}", "the model changed since the release was verified: deploy the files of the promoted release (check out its commit), or promote the stack that verified these files");
        }
    }

    private static (string Digest, string? Problem) TryDigest(string root, FileArtifact file)
    {
        try
        {
            return (ModelDigest.Compute(root, file), null);
        }
        catch (InvalidDataException e)
        {
            return (string.Empty, e.Message);
        }
    }

    private static IEnumerable<Diagnostic> ValidateServing(Serving s, DeploymentPath p)
    {
        if (s.Port is < 1 or > 65535)
        {
            yield return p.Error("serving.port", $"{s.Port} is not a TCP port", "use 1-65535");
        }

        // The liveness path is checked only when it is set: otherwise it is the health path, reported once.
        foreach (var (name, value) in new[] { ("healthPath", s.HealthPath), ("livenessPath", s.LivenessPath), ("predictPath", s.PredictPath) }.Where(x => x.Item2 is not null))
        {
            if (string.IsNullOrEmpty(value) || value[0] != '/' || value.Any(char.IsWhiteSpace))
            {
                yield return p.Error($"serving.{name}", $"'{value}' is not an absolute URL path", "start with '/' and use no spaces");
            }
            else if (value.Contains('{', StringComparison.Ordinal))
            {
                yield return p.Error($"serving.{name}", $"'{value}' still has a placeholder{(s.Preset is { } preset ? $" from ServingPreset.{preset.Id}" : string.Empty)}", "name the model: Serving.For(preset, \"<model name>\"), or set the path");
            }
        }

        if (string.Equals(s.HealthPath, s.PredictPath, StringComparison.Ordinal))
        {
            yield return p.Error("serving.predictPath", "the predict path equals the health path", "serve predictions and health checks on different paths");
        }

        if (string.IsNullOrEmpty(s.ModelDir) || s.ModelDir[0] != '/')
        {
            yield return p.Error("serving.modelDir", $"'{s.ModelDir}' is not an absolute path", "use an absolute directory such as /opt/ml/model");
        }

        if (s.StartupTimeout <= TimeSpan.Zero)
        {
            yield return p.Error("serving.startupTimeout", "must be positive", "allow at least the time to download and load the model");
        }

        foreach (var name in s.NotSecret.Where(n => !s.Env.ContainsKey(n ?? string.Empty)))
        {
            yield return p.Error($"serving.notSecret[{name}]", "is not set in Serving.Env", "list only variables of Serving.Env that look like secrets but are not");
        }

        foreach (var key in s.Env.Keys)
        {
            if (!EnvName().IsMatch(key))
            {
                yield return p.Error($"serving.env[{key}]", "is not a valid environment variable name", "use letters, digits and '_', not starting with a digit");
            }
            else if (string.Equals(key, "MODEL_DIR", StringComparison.Ordinal))
            {
                yield return p.Error($"serving.env[{key}]", "MODEL_DIR is set by the SDK", "set Serving.ModelDir instead");
            }
            else if (string.Equals(key, ModelDigest.EnvironmentVariable, StringComparison.Ordinal))
            {
                yield return p.Error($"serving.env[{key}]", $"{key} is set by the SDK from the model's digest", "pin the model with ModelArtifact's Sha256 instead");
            }
        }
    }

    private static IEnumerable<Diagnostic> ValidateCompute(Compute c, DeploymentPath p)
    {
        if (c.Cpu <= 0)
        {
            yield return p.Error("compute.cpu", $"{c.Cpu} vCPU is not positive", "request at least 0.25 vCPU");
        }

        if (c.MemoryGiB <= 0)
        {
            yield return p.Error("compute.memoryGiB", $"{c.MemoryGiB} GiB is not positive", "request at least 0.5 GiB");
        }

        if (c.Gpu is { Count: < 1 } gpu)
        {
            yield return p.Error("compute.gpu.count", $"{gpu.Count} GPUs is not positive", "use at least 1, or leave Gpu null for CPU only");
        }
        else if (c.Gpu is { Count: > Limits.MaxGpus } many)
        {
            yield return p.Error("compute.gpu.count", $"{many.Count} GPUs per replica is more than any machine offers ({Limits.MaxGpus})", "use at most 16 (8 on most machine types)");
        }

        if (string.IsNullOrWhiteSpace(c.Gpu?.Kind.Name) && c.Gpu is not null)
        {
            yield return p.Error("compute.gpu.kind", "the GPU kind is empty", "name the GPU model, e.g. GpuKind.L4");
        }

        if (c.Cpu > Limits.MaxCpu)
        {
            yield return p.Error("compute.cpu", string.Create(CultureInfo.InvariantCulture, $"{c.Cpu} vCPU is more than any machine offers ({Limits.MaxCpu})"), "request what one replica needs");
        }

        if (c.MemoryGiB > Limits.MaxMemoryGiB)
        {
            yield return p.Error("compute.memoryGiB", string.Create(CultureInfo.InvariantCulture, $"{c.MemoryGiB} GiB is more than any machine offers ({Limits.MaxMemoryGiB} GiB)"), "request what one replica needs");
        }
    }

    private static IEnumerable<Diagnostic> ValidateScaling(ModelDeployment d, DeploymentPath p)
    {
        var s = d.Scaling;
        if (s.Min < 0)
        {
            yield return p.Error("scaling.min", $"{s.Min} is negative", "use 0 or more");
        }

        if (s.Max < 1)
        {
            yield return p.Error("scaling.max", $"{s.Max} allows no replica", "use at least 1");
        }
        else if (s.Min > s.Max)
        {
            yield return p.Error("scaling.max", $"max {s.Max} is below min {s.Min}", "max must be at least min");
        }

        if (s.Target <= 0)
        {
            yield return p.Error("scaling.target", $"{s.Target} is not positive", "give the per-replica value to hold, e.g. 10 requests/s or 70 percent");
        }
        else if (s.Metric is ScalingMetric.CpuUtilization or ScalingMetric.GpuUtilization && s.Target > 100)
        {
            yield return p.Error("scaling.target", $"{s.Target} percent is above 100", "utilization targets are percentages, e.g. 70");
        }

        if (s.Metric == ScalingMetric.GpuUtilization && d.Compute.Gpu is null)
        {
            yield return p.Error("scaling.metric", "GPU utilization scaling needs a GPU", "set Compute.Gpu or scale on requests or CPU");
        }

        if (s.Target > Limits.MaxScalingTarget && s.Metric is ScalingMetric.RequestsPerSecond or ScalingMetric.Concurrency)
        {
            yield return p.Error("scaling.target", string.Create(CultureInfo.InvariantCulture, $"{s.Target} per replica is beyond the SDK's ceiling of {Limits.MaxScalingTarget}"), "give what one replica can serve, e.g. 10 requests/s");
        }

        foreach (var (member, cooldown) in new[] { ("scaleInCooldown", s.ScaleInCooldown), ("scaleOutCooldown", s.ScaleOutCooldown) })
        {
            if (cooldown < TimeSpan.Zero)
            {
                yield return p.Error($"scaling.{member}", "cooldowns cannot be negative", "use zero or more");
            }
            else if (cooldown > Limits.MaxCooldown)
            {
                yield return p.Error($"scaling.{member}", "a cooldown longer than one hour stops autoscaling from reacting (the Kubernetes HPA allows at most 3600 s)", "use at most one hour");
            }
        }
    }

    private static IEnumerable<Diagnostic> ValidateMonitoring(Monitoring m, DeploymentPath p)
    {
        if (m.LatencyP99Ms <= 0)
        {
            yield return p.Error("monitoring.latencyP99Ms", $"{m.LatencyP99Ms} ms is not positive", "give the p99 latency that should page someone");
        }
        else if (m.LatencyP99Ms > Limits.MaxLatencyMs)
        {
            yield return p.Error("monitoring.latencyP99Ms", $"{m.LatencyP99Ms} ms is longer than any serving platform holds a request (one hour)", "give the p99 latency that should page someone, in milliseconds");
        }

        if (m.ErrorRatePercent is <= 0 or > 100)
        {
            yield return p.Error("monitoring.errorRatePercent", $"{m.ErrorRatePercent} is not a percentage in (0, 100]", "e.g. 1 for one failed request in a hundred");
        }

        if (m.SaturationPercent is < 1 or > 100)
        {
            yield return p.Error("monitoring.saturationPercent", $"{m.SaturationPercent} is not a percentage in [1, 100]", "e.g. 85");
        }

        if (m.LogRetentionDays < 1)
        {
            yield return p.Error("monitoring.logRetentionDays", $"{m.LogRetentionDays} days keeps no logs", "keep logs at least 1 day; 30 or more is usual");
        }
        else if (m.LogRetentionDays > Limits.MaxLogRetentionDays)
        {
            yield return p.Error("monitoring.logRetentionDays", $"{m.LogRetentionDays} days is longer than any cloud's log store keeps logs ({Limits.MaxLogRetentionDays} days, CloudWatch Logs' longest)", "keep them at most 3653 days, or export them to archive storage");
        }

        if (m.DataCapturePercent is < 0 or > 100)
        {
            yield return p.Error("monitoring.dataCapturePercent", $"{m.DataCapturePercent} is not a percentage in [0, 100]", "0 turns capture off");
        }

        if (m.NotificationEmail is { } email && !Email().IsMatch(email))
        {
            yield return p.Error("monitoring.notificationEmail", $"'{email}' is not an e-mail address", "use name@example.com");
        }

        if (m.NotificationEmail is not null && m.NotificationTopic is not null)
        {
            yield return p.Error("monitoring.notificationTopic", "both an e-mail and an existing topic are set", "subscribe the e-mail to the existing topic, or let the SDK create the topic");
        }
    }

    private static IEnumerable<Diagnostic> ValidateRollout(Rollout r, DeploymentPath p)
    {
        if (r.Strategy is RolloutStrategy.Canary or RolloutStrategy.Linear or RolloutStrategy.Rolling && r.TrafficPercent is < 1 or > 99)
        {
            yield return p.Error("rollout.trafficPercent", $"{r.TrafficPercent} is not a percentage in [1, 99]", "e.g. 10 for a 10 % canary");
        }

        if (r.BakeTime < TimeSpan.Zero)
        {
            yield return p.Error("rollout.bakeTime", "cannot be negative", "use zero or more");
        }
    }

    private static IEnumerable<Diagnostic> ValidateSecrets(ModelDeployment d, DeploymentPath p)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var s in d.Secrets)
        {
            var at = $"secrets[{s.Name}]";
            if (!EnvName().IsMatch(s.Name ?? string.Empty))
            {
                yield return p.Error(at, "is not a valid environment variable name", "use letters, digits and '_', not starting with a digit");
            }
            else if (!names.Add(s.Name!))
            {
                yield return p.Error(at, "is declared twice", "declare each secret once");
            }
            else if (d.Serving.Env.ContainsKey(s.Name!))
            {
                yield return p.Error(at, "is also set as a plain environment variable", "remove it from Serving.Env");
            }

            switch (s.Source)
            {
                case ConfigSecret c when c.Key?.Contains('.', StringComparison.Ordinal) == true:
                    // The program reads the value as ${key}, and Pulumi YAML reads ${a.b} as property b of a.
                    yield return p.Error($"{at}.source", $"'{c.Key}' contains '.', which Pulumi YAML reads as property access in ${{{c.Key}}}", $"rename the config key without dots, e.g. `pulumi config set --secret {c.Key.Replace('.', '-')} ...`");
                    break;
                case ConfigSecret c when !ConfigKey().IsMatch(c.Key ?? string.Empty):
                    yield return p.Error($"{at}.source", $"'{c.Key}' is not a config key", "use the key you set with `pulumi config set --secret <key>` (letters, digits, '_', '-')");
                    break;
                case StoredSecret st when string.IsNullOrWhiteSpace(st.Id):
                    yield return p.Error($"{at}.source", "the secret identifier is empty", "give the secret's ARN or id in the cloud's secret store");
                    break;
            }
        }
    }

    /// <summary>
    /// Pulumi YAML reads mapping keys as expressions: <c>${...}</c> in a key is interpolated and a <c>fn::</c> key is a
    /// function call. The writer escapes <c>$</c>, but a key that only works escaped is a mistake, so it is refused here
    /// for every cloud (environment, build argument and secret names already allow only letters, digits and '_').
    /// </summary>
    private static IEnumerable<Diagnostic> ValidateTagKeys(ModelDeployment d, DeploymentPath p)
    {
        foreach (var key in d.Tags.Keys.Where(k => k.Contains('$', StringComparison.Ordinal) || k.Contains('{', StringComparison.Ordinal) || k.Contains('}', StringComparison.Ordinal) || k.StartsWith("fn::", StringComparison.OrdinalIgnoreCase)))
        {
            yield return p.Error($"tags[{key}]", "tag keys may not contain '$', '{' or '}' or start with 'fn::' (Pulumi YAML would evaluate them)", "use letters, digits and _ . : / = + - @");
        }
    }

    private static IEnumerable<Diagnostic> ValidateWaivers(ModelDeployment d, DeploymentPath p, ValidationContext context)
    {
        // Scopes per rule id: null stands for the whole deployment. Which resources exist is checked after planning.
        var scopes = new Dictionary<string, List<string?>>(StringComparer.Ordinal);
        foreach (var w in d.Waivers)
        {
            var at = $"waivers[{w.RuleId}]";
            if (w.Resource is { } resource && string.IsNullOrWhiteSpace(resource))
            {
                yield return p.Error($"{at}.resource", "is empty", "name one resource of the deployment as the plan lists it (e.g. load-balancer), or leave Resource unset to waive the rule for the whole deployment");
            }

            if (!context.KnownRuleIds.Contains(w.RuleId))
            {
                yield return p.Error(at, "is not a guardrail id", $"use one of: {string.Join(", ", context.KnownRuleIds.Order(StringComparer.Ordinal))}");
            }
            else if (!scopes.TryGetValue(w.RuleId, out var waived))
            {
                scopes[w.RuleId] = [w.Resource];
            }
            else if (waived.Contains(w.Resource))
            {
                yield return p.Error(at, w.Resource is null ? "is waived twice" : $"is waived twice for resource '{w.Resource}'", "waive each rule once per resource");
            }
            else if (w.Resource is null || waived.Contains(null))
            {
                yield return p.Error(at, "is waived for the whole deployment and for one resource", "keep the deployment-wide waiver, or only the resource-scoped ones");
            }
            else
            {
                waived.Add(w.Resource);
            }

            if (string.IsNullOrWhiteSpace(w.Reason) || w.Reason.Trim().Length < 10)
            {
                yield return p.Error($"{at}.reason", "a waiver needs a written reason", "say in a sentence why the rule does not apply; it is shown in the plan");
            }
        }
    }

    [GeneratedRegex("^[a-z]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex DnsLabel();

    [GeneratedRegex(@"\Asha256:[a-f0-9]{64}\z")]
    private static partial Regex Digest();

    [GeneratedRegex("^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$")]
    private static partial Regex DockerTag();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex EnvName();

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_-]*$")]
    private static partial Regex ConfigKey();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex Email();

    [GeneratedRegex(@"^[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:[0-9]+)?/[a-z0-9._/-]+((:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})(@sha256:[a-f0-9]{64})?|@sha256:[a-f0-9]{64})$")]
    private static partial Regex ImageReference();
}
