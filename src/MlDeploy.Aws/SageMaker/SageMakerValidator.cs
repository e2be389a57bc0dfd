using System.Globalization;
using MlDeploy.Model;
using MlDeploy.Targets;
using MlDeploy.Validation;

namespace MlDeploy.Aws.SageMaker;

/// <summary>
/// The SageMaker knobs the capability table cannot express: instance type and serverless sizing, VPC placement,
/// network isolation. Serving contract, scaling, rollout, capture, registry and log retention are checked from
/// <see cref="SageMakerCapabilities"/>.
/// </summary>
internal static class SageMakerValidator
{
    /// <summary>
    /// How long the provider waits for an endpoint to be InService after a create or update: a fixed 60 minutes that
    /// <c>customTimeouts</c> cannot change (terraform-provider-aws <c>sagemaker/endpoint.go</c>,
    /// <c>waitEndpointInService</c>; hashicorp/terraform-provider-aws#39040, open). docs/AWS-RUNTIME.md 27.
    /// </summary>
    internal static readonly TimeSpan ProviderWait = TimeSpan.FromMinutes(60);

    /// <summary>Launching instances before the new fleet starts its containers, which the rollout's own waits do not include.</summary>
    internal static readonly TimeSpan InstanceLaunch = TimeSpan.FromMinutes(5);

    public static IEnumerable<Diagnostic> Validate(ModelDeployment d, SageMakerTarget t, DeploymentPath p) =>
        ValidateCompute(d, t, p).Concat(ValidateNetwork(d, t, p)).Concat(ValidateArtifact(d, p)).Concat(ValidateDvc(d, p)).Concat(ValidateUpdateDuration(d, t, p)).Concat(AwsValidation.Validate(d, t.KeepImages, t.ArtifactKmsKeyArn, p));

    /// <summary>
    /// The waits an instance-backed endpoint update is configured with, which every update sits through whatever the
    /// model does (SageMaker Developer Guide, deployment guardrails: a baking period after each traffic shift, then the
    /// termination wait; a rolling update bakes each batch in turn).
    /// </summary>
    internal static TimeSpan ConfiguredWaits(Rollout rollout)
    {
        // The planner gives SageMaker whole seconds: the same bake for each wait interval and for the termination wait.
        // Counted in seconds as a double: a bake far past the platform's range (refused by the capability table) must
        // not overflow here.
        var bake = Math.Floor(rollout.BakeTime.TotalSeconds);
        var steps = Steps(rollout);
        var seconds = rollout.Strategy switch
        {
            RolloutStrategy.Rolling => steps * bake,
            RolloutStrategy.Linear => (steps + 1) * bake,
            _ => 2 * bake,
        };
        return seconds >= TimeSpan.MaxValue.TotalSeconds ? TimeSpan.MaxValue : TimeSpan.FromSeconds(seconds);
    }

    /// <summary>How many traffic steps (linear) or batches (rolling) it takes to move all capacity, at the rollout's share each.</summary>
    internal static double Steps(Rollout rollout) => Math.Ceiling(100.0 / Math.Max(1, rollout.TrafficPercent));

    // An update past the provider's wait fails `pulumi up` while SageMaker goes on updating, and the next run finds the
    // endpoint still Updating. Refused only when the configured waits alone leave no time to launch instances; a model
    // that may need its whole start-up allowance on top is said in the plan (SageMakerPlanner's updates note).
    private static IEnumerable<Diagnostic> ValidateUpdateDuration(ModelDeployment d, SageMakerTarget t, DeploymentPath p)
    {
        // A bake past the platform's own limit is already refused by the capability table, with its own fix.
        if (t.Serverless is not null || d.Rollout.BakeTime > SageMakerCapabilities.Of(t).MaxBakeTime)
        {
            yield break;
        }

        var waits = ConfiguredWaits(d.Rollout);
        if (waits > ProviderWait - InstanceLaunch)
        {
            yield return p.Error(
                "rollout.bakeTime",
                string.Create(CultureInfo.InvariantCulture, $"a {d.Rollout.Strategy.ToString().ToLowerInvariant()} update of this endpoint waits {(int)Math.Ceiling(waits.TotalMinutes)} minutes in bake times alone, and the Pulumi AWS provider stops waiting for a SageMaker endpoint after {(int)ProviderWait.TotalMinutes} minutes, a limit no timeout option changes"),
                string.Create(CultureInfo.InvariantCulture, $"keep the waits under {(int)(ProviderWait - InstanceLaunch).TotalMinutes} minutes with the model's start-up on top: shorten Rollout.BakeTime or take fewer steps (a larger TrafficPercent)"));
        }
    }

    // SageMaker downloads the model itself from a URL that names no version (CreateModel's ModelDataUrl and
    // S3DataSource.S3Uri), so a version pin could not hold; the digest pin still does (the server checks MODEL_SHA256).
    private static IEnumerable<Diagnostic> ValidateArtifact(ModelDeployment d, DeploymentPath p)
    {
        if (d.Artifact is UriArtifact { Version: not null })
        {
            yield return p.Error("artifact.version", "SageMaker reads the model from a URL that names no object version, so it would deploy whichever version is current", "remove Version and pin the content with Sha256 (the server checks it), or deploy local files with ModelArtifact.FromFile");
        }
    }

    // A DVC object's key is its hash, without the file's name. As uncompressed S3Object data SageMaker names the file
    // after the key's last part (S3ModelDataSource, CompressionType None), so the server would find the model under
    // thirty hex digits; a gzip tarball (CompressionType Gzip) is unpacked whatever its key.
    private static IEnumerable<Diagnostic> ValidateDvc(ModelDeployment d, DeploymentPath p)
    {
        if (d.Artifact is DvcArtifact { Tracked: { IsDirectory: true } dir } dvcDir)
        {
            // SageMaker reads one archive or one S3 prefix; a DVC directory is one object per file, each under its own
            // hash, which only a loader that reads the manifest can assemble (Fargate and EKS do).
            var name = dir.Path.Length > 0 ? dir.Path.TrimEnd('/') : "model";
            yield return p.Error(
                "artifact.dvcFile",
                $"'{dvcDir.DvcFile}' tracks a directory ({dir.Path}); its files are separate content-addressed objects in the remote, listed by a .dir manifest, and SageMaker does not assemble them",
                $"track the model as one archive (`tar czf {name}.tar.gz -C <dir> .`, `dvc add` it, `dvc push`), or deploy the folder with ModelArtifact.FromFile");
        }
        else if (d.Artifact is DvcArtifact { Tracked: { } t } dvc && !ModelDigest.IsArchive(t.Path))
        {
            yield return p.Error("artifact.dvcFile", $"'{dvc.DvcFile}' tracks {t.Path}, and SageMaker takes a DVC object (stored under its hash, not its name) only as a .tar.gz archive it unpacks", $"track the model as one archive (`tar czf model.tar.gz {t.Path}`, `dvc add model.tar.gz`, `dvc push`) and deploy ModelArtifact.FromDvc(\"model.tar.gz.dvc\")");
        }
    }

    private static IEnumerable<Diagnostic> ValidateCompute(ModelDeployment d, SageMakerTarget t, DeploymentPath p)
    {
        var c = d.Compute;
        if (t.Serverless is { } sl)
        {
            if (sl.MemoryMb is < 1024 or > 6144 || sl.MemoryMb % 1024 != 0)
            {
                yield return p.Error("target.serverless.memoryMb", $"{sl.MemoryMb} MB is not a serverless memory size", "use 1024, 2048, 3072, 4096, 5120 or 6144");
            }

            if (sl.MaxConcurrency is < 1 or > 200)
            {
                yield return p.Error("target.serverless.maxConcurrency", $"{sl.MaxConcurrency} is outside 1-200", "use 1-200 concurrent invocations");
            }

            if (sl.ProvisionedConcurrency is { } pc && (pc < 1 || pc > sl.MaxConcurrency))
            {
                yield return p.Error("target.serverless.provisionedConcurrency", $"{pc} is outside 1-{sl.MaxConcurrency}", "provision at most MaxConcurrency");
            }

            if (t.InstanceType is not null)
            {
                yield return p.Error("target.instanceType", "an instance type cannot be combined with serverless inference", "set either InstanceType or Serverless");
            }

            // AWS "Serverless Inference": serverless endpoints support no network isolation and no VPC configuration.
            if (t.NetworkIsolation)
            {
                yield return p.Error("target.networkIsolation", "serverless endpoints do not support network isolation (nor a VPC)", "set NetworkIsolation = false and add Waiver(\"MLS-NET-06\", \"<why the container may reach the internet>\"), or use an instance-backed endpoint");
            }
            else if (!d.Waivers.Any(w => w.RuleId == "MLS-NET-06"))
            {
                yield return p.Error("target.networkIsolation", "a serverless container can reach the internet (serverless endpoints support no network isolation)", "add Waiver(\"MLS-NET-06\", \"<why the container may reach the internet>\"), or use an instance-backed endpoint");
            }

            yield break;
        }

        if (c.Gpu is { Count: > 0 } gpu && gpu.Count > SageMakerInstanceTypes.MaxGpus(gpu.Kind))
        {
            // The capability check has reported it; no instance type can be chosen.
            yield break;
        }

        if (t.InstanceType is { } name)
        {
            var type = SageMakerInstanceTypes.Find(name);
            if (type is null)
            {
                yield return p.Error("target.instanceType", $"'{name}' is not a SageMaker hosting instance type the SDK knows", $"use one of the ml.m5, ml.c5, ml.r5, ml.g4dn, ml.g5, ml.g6, ml.g6e, ml.p3, ml.p4d or ml.p5 types, or leave it null to pick from compute");
            }
            else if (!SageMakerInstanceTypes.Fits(type, c))
            {
                yield return p.Error("target.instanceType", $"'{name}' ({Describe(type)}) does not give what compute asks for ({Describe(c)})", "pick a type with at least that much, or lower the compute request");
            }
        }
        else if (c.Cpu > 0 && c.MemoryGiB > 0 && SageMakerInstanceTypes.Smallest(c) is null)
        {
            yield return p.Error("compute", $"no SageMaker instance type offers {Describe(c)}", "lower the request, or choose the instance type explicitly");
        }
    }

    private static IEnumerable<Diagnostic> ValidateNetwork(ModelDeployment d, SageMakerTarget t, DeploymentPath p)
    {
        var n = d.Network;
        if (n.Exposure == Exposure.Private && t.Serverless is null)
        {
            if (n.SubnetIds.Length < 2)
            {
                yield return p.Error("network.subnetIds", $"a private SageMaker endpoint needs at least 2 subnets in different availability zones, got {n.SubnetIds.Length}", "set Network.SubnetIds (private subnets), or choose Exposure.Public (still IAM-authenticated)");
            }

            if (n.SecurityGroupIds.IsEmpty)
            {
                yield return p.Error("network.securityGroupIds", "a private SageMaker endpoint needs a security group", "set Network.SecurityGroupIds");
            }
        }
        else if (n.Exposure == Exposure.Public && !t.NetworkIsolation && t.Serverless is null)
        {
            yield return p.Error("target.networkIsolation", "turning network isolation off gives the container open internet access", "keep NetworkIsolation = true, or use a private network (its VPC then controls egress)");
        }

        foreach (var secret in d.Secrets.Where(s => s.Source is StoredSecret stored && !AwsArns.IsSecret(stored.Id)))
        {
            yield return p.Error($"secrets[{secret.Name}].source", "the container reads stored secrets from Secrets Manager by exact ARN", "use arn:aws:secretsmanager:<region>:<account>:secret:<name> (no wildcards)");
        }

        if (!d.Secrets.IsEmpty && t.NetworkIsolation)
        {
            yield return p.Error("secrets", "the model container runs with network isolation, so it cannot read secrets from Secrets Manager at run time", "set NetworkIsolation = false with a private network that has a Secrets Manager VPC endpoint");
        }
    }

    private static string Describe(SageMakerInstanceType t) =>
        string.Create(CultureInfo.InvariantCulture, $"{t.Vcpu} vCPU, {t.MemoryGiB} GiB, {(t.GpuCount == 0 ? "no GPU" : $"{t.GpuCount}x {t.GpuKind}")}");

    private static string Describe(Compute c) =>
        string.Create(CultureInfo.InvariantCulture, $"{c.Cpu} vCPU, {c.MemoryGiB} GiB, {(c.Gpu is null ? "no GPU" : $"{c.Gpu.Count}x {c.Gpu.Kind}")}");
}
