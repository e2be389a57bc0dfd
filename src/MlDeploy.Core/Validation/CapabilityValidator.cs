using System.Globalization;
using MlDeploy.Model;
using MlDeploy.Targets;

namespace MlDeploy.Validation;

/// <summary>
/// Turns a deployment plus its target's <see cref="TargetCapabilities"/> into diagnostics. Every capability check is
/// written here once; target validators keep only their own knobs. Where another registered target can do what this
/// one cannot, the hint names it.
/// </summary>
public static class CapabilityValidator
{
    /// <summary>The waiver that allows a public endpoint.</summary>
    public const string PublicWaiver = "MLS-NET-01";

    /// <summary>Checks a deployment against its target's capabilities.</summary>
    /// <param name="d">The deployment.</param>
    /// <param name="c">What its target can honour.</param>
    /// <param name="p">Its diagnostic path.</param>
    /// <param name="others">The capabilities of every registered target, for hints.</param>
    /// <returns>Every problem.</returns>
    public static IEnumerable<Diagnostic> Validate(ModelDeployment d, TargetCapabilities c, DeploymentPath p, IReadOnlyList<TargetCapabilities> others)
    {
        ArgumentNullException.ThrowIfNull(d);
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(p);
        ArgumentNullException.ThrowIfNull(others);
        var problems = new List<Diagnostic>();
        Serving(d.Serving, c, p, others, problems);
        Compute(d.Compute, c, p, others, problems);
        Scaling(d, c, p, others, problems);
        Sources(d, c, p, problems);
        Monitoring(d.Monitoring, c, p, others, problems);
        Network(d, c, p, problems);
        Rollout(d.Rollout, c, p, problems);
        if (c.Labels is { } labels)
        {
            problems.AddRange(labels.Validate(d.Tags, p));
        }

        return problems;
    }

    private static void Serving(Serving s, TargetCapabilities c, DeploymentPath p, IReadOnlyList<TargetCapabilities> others, List<Diagnostic> problems)
    {
        if (c.FixedServing is { } contract && s.Preset is { } preset)
        {
            // One message naming the server, not one per path: the fix is another mode of the server or another target.
            if (!Answers(s, contract))
            {
                var f = contract;
                var mode = preset.ContractMode is { } m && Answers(Model.Serving.For(m), f) ? m : null;
                problems.Add(p.Error(
                    "serving",
                    $"{preset.Name} (ServingPreset.{preset.Id}) answers on port {s.Port} at {s.HealthPath} and {s.PredictPath}{(s.Args.IsEmpty ? string.Empty : " with container arguments")}, but {c.Target} require port {f.Port}, {f.HealthPath} and {f.PredictPath} with the model at {f.ModelDir}{(f.ArgsAllowed ? string.Empty : " and no container arguments")}",
                    mode is not null
                        ? $"use Serving.For(ServingPreset.{mode.Id}), the server's documented mode for this contract"
                        : Alternatives("build an image that answers the contract", c, others, o => o.FixedServing is null, "that runs the server as it is")));
            }
        }
        else if (c.FixedServing is { } f)
        {
            if (s.Port != f.Port)
            {
                problems.Add(p.Error("serving.port", $"{c.Target} send requests to port {f.Port}, not {s.Port}", $"listen on {f.Port}"));
            }

            if (s.HealthPath != f.HealthPath)
            {
                problems.Add(p.Error("serving.healthPath", $"{c.Target} check health at {f.HealthPath}, not {s.HealthPath}", $"serve GET {f.HealthPath}"));
            }

            if (s.PredictPath != f.PredictPath)
            {
                problems.Add(p.Error("serving.predictPath", $"{c.Target} send predictions to {f.PredictPath}, not {s.PredictPath}", $"serve POST {f.PredictPath}"));
            }

            if (s.ModelDir != f.ModelDir)
            {
                problems.Add(p.Error("serving.modelDir", $"{c.Target} place the model at {f.ModelDir}, not {s.ModelDir}", $"read the model from {f.ModelDir}"));
            }

            if (!f.ArgsAllowed && !s.Args.IsEmpty)
            {
                problems.Add(p.Error("serving.args", $"{c.Target} start the container with arguments of their own", "put the command in the image ENTRYPOINT"));
            }
        }
        else if (!c.PrivilegedPorts && s.Port is > 0 and < 1024)
        {
            problems.Add(s.Preset is { } server
                ? p.Error("serving.port", $"{server.Name} (ServingPreset.{server.Id}) would listen on {s.Port}, a privileged port, which a non-root container on {c.Target} cannot bind", (server.PortArgument ?? server.PortVariable) is { } setting ? $"leave Port to Serving.For, which moves it to {ServingPreset.MovedPort} with {setting}" : "rebuild the image to listen on 1024 or above")
                : p.Error("serving.port", $"{s.Port} is a privileged port, which a non-root container without capabilities cannot bind", "listen on 1024 or above, e.g. 8080"));
        }

        if (c.FixedServing is null && !c.ContainerArguments && !s.Args.IsEmpty)
        {
            problems.Add(p.Error(
                "serving.args",
                $"{c.Target} start the image's own command and pass no container arguments{(s.Preset is { } needs ? $", which {needs.Name} (ServingPreset.{needs.Id}) is given ({string.Join(' ', s.Args)})" : string.Empty)}",
                Alternatives("bake them into the image's ENTRYPOINT or CMD", c, others, o => o.FixedServing is null && o.ContainerArguments, "that passes them")));
        }

        if (s.StartupTimeout > TimeSpan.Zero && (s.StartupTimeout < c.StartupTimeout.Min || s.StartupTimeout > c.StartupTimeout.Max))
        {
            problems.Add(s.Preset is { } server && s.StartupTimeout == server.StartupTimeout
                ? p.Error("serving.startupTimeout", $"{server.Name} (ServingPreset.{server.Id}) is given {Seconds(s.StartupTimeout)} s to start, outside the start-up allowance of {c.Target} ({Seconds(c.StartupTimeout.Min)}-{Seconds(c.StartupTimeout.Max)} s)", Alternatives($"set Serving.StartupTimeout within that window if the model loads faster", c, others, o => o.StartupTimeout.Max >= s.StartupTimeout && o.StartupTimeout.Min <= s.StartupTimeout, "that waits that long"))
                : p.Error("serving.startupTimeout", $"{Seconds(s.StartupTimeout)} s is outside the start-up allowance of {c.Target} ({Seconds(c.StartupTimeout.Min)}-{Seconds(c.StartupTimeout.Max)} s)", "allow the download and load time of the model, within that window"));
        }
    }

    private static void Compute(Compute compute, TargetCapabilities c, DeploymentPath p, IReadOnlyList<TargetCapabilities> others, List<Diagnostic> problems)
    {
        if (compute.Gpu is not { Count: > 0 } gpu)
        {
            return;
        }

        if (c.Gpus.IsEmpty)
        {
            problems.Add(p.Error("compute.gpu", $"{c.Target} have no GPUs", Alternatives(c.GpuHint ?? "leave Gpu null", c, others, o => o.Gpus.Any(g => g.Kind == gpu.Kind), $"with {gpu.Kind} GPUs")));
            return;
        }

        var offer = c.Gpus.FirstOrDefault(g => g.Kind == gpu.Kind);
        if (offer is null)
        {
            problems.Add(p.Error("compute.gpu.kind", $"{c.Target} offer no {gpu.Kind} GPUs", $"use one of: {string.Join(", ", c.Gpus.Select(g => g.Kind.Name))}{(c.GpuHint is { } more ? $"; or {more}" : string.Empty)}"));
        }
        else if (gpu.Count > offer.MaxPerReplica)
        {
            problems.Add(p.Error("compute.gpu.count", $"{c.Target} give at most {offer.MaxPerReplica} {gpu.Kind} GPUs per replica, not {gpu.Count}", "use fewer GPUs per replica, or another GPU kind"));
        }
    }

    private static void Scaling(ModelDeployment d, TargetCapabilities c, DeploymentPath p, IReadOnlyList<TargetCapabilities> others, List<Diagnostic> problems)
    {
        var s = d.Scaling;
        if (s.Min == 0 && !c.ScaleToZero)
        {
            problems.Add(p.Error("scaling.min", $"0 replicas is not supported on {c.Target}", Alternatives(c.ScaleToZeroHint is { } how ? $"use min >= 1, or {how}" : "use min >= 1", c, others, o => o.ScaleToZero, "that scales to zero")));
        }

        if (s.Max > c.MaxReplicas)
        {
            problems.Add(p.Error("scaling.max", $"{s.Max} replicas is more than {c.Target} allow ({c.MaxReplicas})", $"use at most {c.MaxReplicas}"));
        }

        if (s.Max > s.Min && !c.ScalingMetrics.Contains(s.Metric))
        {
            problems.Add(p.Error("scaling.metric", $"{c.Target} cannot scale on {Describe(s.Metric)}", (c.ScalingMetrics.IsEmpty ? "set min = max" : $"use {string.Join(" or ", c.ScalingMetrics.Select(m => $"ScalingMetric.{m}"))}") + (c.ScalingHint is { } more ? $"; {more}" : string.Empty)));
        }
    }

    private static void Sources(ModelDeployment d, TargetCapabilities c, DeploymentPath p, List<Diagnostic> problems)
    {
        var imageKind = d.Image switch
        {
            BuildImage or SharedImage => ImageSourceKind.Build,
            ExistingImage or RepositoryImage => ImageSourceKind.Existing,
            MirroredImage => ImageSourceKind.Mirrored,
            _ => ImageSourceKind.ModelPackage,
        };
        if (imageKind == ImageSourceKind.ModelPackage && !c.ArtifactSources.Contains(ArtifactSourceKind.Registry))
        {
            // The artifact diagnostic below says it: a registry entry brings its image along.
        }
        else if (!c.ImageSources.Contains(imageKind))
        {
            problems.Add(p.Error("image", $"{c.Target} cannot use {Describe(imageKind)}", $"use {string.Join(" or ", c.ImageSources.Select(Factory))}"));
        }
        else if (d.Image is ExistingImage { Reference: { } reference } && c.Registry is { } registry && !registry.Accepts(reference))
        {
            problems.Add(p.Error("image.reference", $"{c.Target} pull images from {registry.Name} only, and '{reference}' is not in it", c.ImageSources.Contains(ImageSourceKind.Mirrored) && DeploymentValidator.IsMirrorable(reference)
                ? $"push the image to {registry.Name}, use ImageSource.Build so the SDK does, or, for a public image, ImageSource.Mirror(\"{(reference.Contains("@sha256:", StringComparison.Ordinal) ? reference : $"{reference}@sha256:<digest>")}\") to copy it into the deployment's registry at deploy time"
                : $"push the image to {registry.Name}, or use ImageSource.Build so the SDK does"));
        }
        else if (d.Image is MirroredImage { Reference: { } mirrored } && c.Registry is { } own && own.Accepts(mirrored))
        {
            problems.Add(p.Error("image.reference", $"'{mirrored}' is already in {own.Name}, where {c.Target} pull from", $"use ImageSource.Existing(\"{mirrored}\"), which runs it in place with pull rights on its repository"));
        }
        else if (d.Image is MirroredImage { Reference: { } other } && PrivateRegistries.Names(other, out var privateRegistry))
        {
            problems.Add(p.Error("image.reference", $"'{other}' is in {privateRegistry}, a private registry the copy cannot sign in to", $"mirror only images anyone may pull (Docker Hub, GHCR, public.ecr.aws, Quay, ...); copy a private image into {(c.Registry?.Name ?? "the target's registry")} yourself and use ImageSource.Existing"));
        }

        var artifactKind = d.Artifact switch
        {
            FileArtifact => ArtifactSourceKind.File,
            UriArtifact => ArtifactSourceKind.Uri,
            DvcArtifact => ArtifactSourceKind.Dvc,
            _ => ArtifactSourceKind.Registry,
        };
        if (!c.ArtifactSources.Contains(artifactKind))
        {
            var reason = artifactKind == ArtifactSourceKind.Dvc && c.DvcHint is { } why ? $": {why}" : string.Empty;
            problems.Add(p.Error("artifact", $"{c.Target} cannot serve {Describe(artifactKind)}{reason}", $"use {string.Join(" or ", c.ArtifactSources.Select(Factory))}"));
        }

        foreach (var secret in d.Secrets)
        {
            var kind = secret.Source is StoredSecret ? SecretSourceKind.Store : SecretSourceKind.Config;
            if (!c.SecretSources.Contains(kind))
            {
                problems.Add(p.Error($"secrets[{secret.Name}].source", kind == SecretSourceKind.Store
                    ? $"{c.Target} cannot read secrets from the cloud's secret store"
                    : $"{c.Target} cannot read secrets from stack config",
                    kind == SecretSourceKind.Store ? "use SecretSource.Config(\"<key>\") so the SDK delivers it from stack config" : "use SecretSource.Store(\"<id>\")"));
            }
        }
    }

    private static void Monitoring(Monitoring m, TargetCapabilities c, DeploymentPath p, IReadOnlyList<TargetCapabilities> others, List<Diagnostic> problems)
    {
        if (m.DataCapturePercent > 0 && !c.DataCapture)
        {
            problems.Add(p.Error("monitoring.dataCapturePercent", $"{c.Target} cannot capture requests and responses", Alternatives("set it to 0 and capture in the serving image or a gateway", c, others, o => o.DataCapture, "with managed capture")));
        }

        if (c.MaxRequestTimeout is { } longest && m.LatencyP99Ms > longest.TotalMilliseconds)
        {
            problems.Add(p.Error("monitoring.latencyP99Ms", string.Create(CultureInfo.InvariantCulture, $"{c.Target} cut requests off after at most {Seconds(longest)} s, below the p99 latency threshold of {m.LatencyP99Ms} ms"), string.Create(CultureInfo.InvariantCulture, $"make the model answer within {Seconds(longest)} s and lower the threshold, or use a target that holds requests longer")));
        }

        if (!c.LogRetentionDays.IsEmpty && m.LogRetentionDays is > 0 and <= DeploymentValidator.Limits.MaxLogRetentionDays && !c.LogRetentionDays.Contains(m.LogRetentionDays))
        {
            problems.Add(p.Error("monitoring.logRetentionDays", $"{c.Target} cannot keep logs {m.LogRetentionDays} days", $"use one of {string.Join(", ", c.LogRetentionDays.Order())}"));
        }

        if (c.LogRetentionRange is { } range && m.LogRetentionDays is > 0 and <= DeploymentValidator.Limits.MaxLogRetentionDays && (m.LogRetentionDays < range.Min || m.LogRetentionDays > range.Max))
        {
            problems.Add(p.Error("monitoring.logRetentionDays", $"{c.Target} cannot keep logs {m.LogRetentionDays} days", string.Create(CultureInfo.InvariantCulture, $"use {range.Min}-{range.Max}")));
        }
    }

    private static void Network(ModelDeployment d, TargetCapabilities c, DeploymentPath p, List<Diagnostic> problems)
    {
        var n = d.Network;
        if (!c.Exposures.Contains(n.Exposure))
        {
            problems.Add(p.Error("network.exposure", $"{c.Target} cannot be {(n.Exposure == Exposure.Public ? "public" : "private")}", $"use Exposure.{c.Exposures.FirstOrDefault()}"));
        }
        else if (n.Exposure == Exposure.Public && c.PublicNeedsWaiver && !d.Waivers.Any(w => w.RuleId == PublicWaiver))
        {
            problems.Add(p.Error("network.exposure", "a public endpoint needs an explicit waiver", $"add Waiver(\"{PublicWaiver}\", \"<why it must be reachable from the internet>\"), or keep Exposure.Private"));
        }

        if (!n.RequireAuth && !c.Unauthenticated)
        {
            problems.Add(p.Error("network.requireAuth", $"{c.Target} always require authentication", "keep RequireAuth = true; put a gateway in front for other callers"));
        }
    }

    private static void Rollout(Rollout r, TargetCapabilities c, DeploymentPath p, List<Diagnostic> problems)
    {
        var offer = c.Rollouts.FirstOrDefault(o => o.Strategy == r.Strategy);
        if (offer is null)
        {
            problems.Add(p.Error("rollout.strategy", $"{c.Target} cannot roll out {Describe(r.Strategy)}", $"use {string.Join(" or ", c.Rollouts.Select(o => $"RolloutStrategy.{o.Strategy}"))}" + (c.RolloutHint is { } more ? $"; {more}" : string.Empty)));
        }
        else if (r.Strategy is RolloutStrategy.Canary or RolloutStrategy.Linear && r.TrafficPercent is >= 1 and <= 99
            && (r.TrafficPercent < offer.MinPercent || r.TrafficPercent > offer.MaxPercent))
        {
            problems.Add(p.Error("rollout.trafficPercent", $"{c.Target} shift {offer.MinPercent}-{offer.MaxPercent} % of traffic per {(r.Strategy == RolloutStrategy.Canary ? "canary" : "linear step")}, not {r.TrafficPercent} %", $"use a share between {offer.MinPercent} and {offer.MaxPercent}"));
        }

        if (r.BakeTime > c.MaxBakeTime)
        {
            problems.Add(p.Error("rollout.bakeTime", $"{DurationText.Of(r.BakeTime)} is longer than the longest bake time of {c.Target} ({DurationText.Of(c.MaxBakeTime)})", $"bake for at most {DurationText.Of(c.MaxBakeTime)} per step"));
        }
    }

    private static bool Answers(Serving s, ServingContract f) =>
        s.Port == f.Port && s.HealthPath == f.HealthPath && s.PredictPath == f.PredictPath && s.ModelDir == f.ModelDir && (f.ArgsAllowed || s.Args.IsEmpty);

    private static string Alternatives(string fix, TargetCapabilities self, IReadOnlyList<TargetCapabilities> others, Func<TargetCapabilities, bool> can, string what)
    {
        var names = others.Where(o => o.Target != self.Target && can(o)).Select(o => o.Target).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        return names.Count == 0 ? fix : $"{fix}, or use a target {what}: {string.Join(", ", names)}";
    }

    private static string Seconds(TimeSpan t) => ((long)t.TotalSeconds).ToString(CultureInfo.InvariantCulture);

    private static string Describe(ScalingMetric m) => m switch
    {
        ScalingMetric.RequestsPerSecond => "requests per second",
        ScalingMetric.Concurrency => "concurrency",
        ScalingMetric.CpuUtilization => "CPU utilization",
        _ => "GPU utilization",
    };

    private static string Describe(RolloutStrategy s) => s switch
    {
        RolloutStrategy.BlueGreen => "blue/green",
        _ => s.ToString().ToLowerInvariant(),
    };

    private static string Describe(ImageSourceKind k) => k switch
    {
        ImageSourceKind.Build => "images built by the SDK",
        ImageSourceKind.Existing => "existing images",
        ImageSourceKind.Mirrored => "public images mirrored into its registry",
        _ => "images of model registry entries",
    };

    private static string Describe(ArtifactSourceKind k) => k switch
    {
        ArtifactSourceKind.File => "local model files",
        ArtifactSourceKind.Uri => "artifacts at a storage URI",
        ArtifactSourceKind.Dvc => "DVC-tracked models",
        _ => "model registry entries",
    };

    private static string Factory(ImageSourceKind k) => k switch
    {
        ImageSourceKind.Build => "ImageSource.Build",
        ImageSourceKind.Existing => "ImageSource.Existing",
        ImageSourceKind.Mirrored => "ImageSource.Mirror",
        _ => "ImageSource.FromModelPackage",
    };

    private static string Factory(ArtifactSourceKind k) => k switch
    {
        ArtifactSourceKind.File => "ModelArtifact.FromFile",
        ArtifactSourceKind.Uri => "ModelArtifact.FromUri",
        ArtifactSourceKind.Dvc => "ModelArtifact.FromDvc",
        _ => "ModelArtifact.FromRegistry",
    };
}
