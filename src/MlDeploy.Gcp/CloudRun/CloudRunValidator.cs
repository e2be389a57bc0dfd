using System.Globalization;
using System.Text.RegularExpressions;
using MlDeploy.Model;
using MlDeploy.Targets;
using MlDeploy.Validation;

namespace MlDeploy.Gcp.CloudRun;

/// <summary>What Cloud Run cannot honour beyond the capability record, reported before anything is deployed.</summary>
internal static partial class CloudRunValidator
{
    public static IEnumerable<Diagnostic> Validate(ModelDeployment d, CloudRunTarget t, DeploymentPath p) =>
        GcpChecks.Placement(t.Project, t.Region, t.KmsKeyName, p).Concat(Compute(d, t, p)).Concat(Serving(d, t, p)).Concat(Access(d, t, p)).Concat(Sources(d, p))
            .Concat(GcpChecks.Sources(d, t.DisplayName, p)).Concat(GcpChecks.Channel(d, t.DisplayName, p));

    /// <summary>
    /// CPU and memory (Cloud Run docs, "Configure CPU limits for services" and "Configure memory limits": CPU below 1 or 1,
    /// 2, 4, 6 or 8; at most 32 GiB; more than 4 GiB needs 2 CPU, more than 8 needs 4, more than 16 needs 6, more than 24
    /// needs 8; 4 CPU need at least 2 GiB and 6 or 8 CPU at least 4 GiB; the second-generation environment at least
    /// 512 MiB; below 1 CPU only with concurrency 1, request-based billing and the first-generation environment, which
    /// this target does not plan), and a GPU's requirements (at least 4 CPU and 16 GiB, CPU always allocated, a GPU
    /// region). GCP-RUNTIME G6.
    /// </summary>
    private static IEnumerable<Diagnostic> Compute(ModelDeployment d, CloudRunTarget t, DeploymentPath p)
    {
        var c = d.Compute;
        if (c.Gpu is { } gpu)
        {
            if (c.Cpu < CloudRunCapabilities.GpuMinCpu || c.MemoryGiB < CloudRunCapabilities.GpuMinMemoryGiB)
            {
                yield return p.Error("compute", $"a Cloud Run GPU instance needs at least {CloudRunCapabilities.GpuMinCpu} vCPU and {CloudRunCapabilities.GpuMinMemoryGiB} GiB, not {Number(c.Cpu)} vCPU / {Number(c.MemoryGiB)} GiB", "set Compute.Cpu = 4 (or more) and Compute.MemoryGiB = 16 (or more)");
            }

            if (t.Region is { } region && GcpChecks.IsRegion(region) && !CloudRunCapabilities.GpuRegions.Contains(region))
            {
                yield return p.Error("target.region", $"Cloud Run has no {gpu.Kind} GPUs in {region}", $"use one of {string.Join(", ", CloudRunCapabilities.GpuRegions)}");
            }
        }

        if (c.Cpu is > 1 and not (2 or 4 or 6 or 8))
        {
            yield return p.Error("compute.cpu", $"Cloud Run instances have less than 1, or 1, 2, 4, 6 or 8 vCPU, not {Number(c.Cpu)}", "round up to the next allowed value");
        }
        else if (c.Cpu < 1)
        {
            // The planner runs second-generation instances, each serving many requests at once: a fractional CPU would be
            // refused by Cloud Run at the first `pulumi up`, not here.
            yield return p.Error("compute.cpu", $"Cloud Run runs less than 1 vCPU ({Number(c.Cpu)}) only one request at a time on first-generation instances billed per request, and this target plans second-generation instances serving concurrent requests", "set Compute.Cpu = 1 (or more)");
        }

        var minMemory = c.Cpu switch { >= 6 => 4m, >= 4 => 2m, _ => CloudRunCapabilities.MinMemoryGiB };
        if (c.MemoryGiB < minMemory)
        {
            yield return p.Error("compute.memoryGiB", $"{Number(c.Cpu)} vCPU on Cloud Run needs at least {Number(minMemory)} GiB, not {Number(c.MemoryGiB)}", $"set Compute.MemoryGiB = {Number(minMemory)}");
        }

        var minCpu = c.MemoryGiB switch { > 24 => 8m, > 16 => 6m, > 8 => 4m, > 4 => 2m, _ => 0m };
        if (c.MemoryGiB > 32)
        {
            yield return p.Error("compute.memoryGiB", $"Cloud Run instances have at most 32 GiB, not {Number(c.MemoryGiB)}", "use at most 32 GiB, or GKE for larger models");
        }
        else if (c.Cpu < minCpu)
        {
            yield return p.Error("compute.cpu", $"{Number(c.MemoryGiB)} GiB on Cloud Run needs at least {Number(minCpu)} vCPU", $"set Compute.Cpu = {Number(minCpu)}");
        }
    }

    private static IEnumerable<Diagnostic> Serving(ModelDeployment d, CloudRunTarget t, DeploymentPath p)
    {
        var timeout = t.RequestTimeout;
        if (timeout < TimeSpan.FromSeconds(1) || timeout > CloudRunCapabilities.MaxRequestTimeout || timeout.Ticks % TimeSpan.TicksPerSecond != 0)
        {
            yield return p.Error("target.requestTimeout", $"Cloud Run holds a request 1-3600 whole seconds, not {timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s", "use e.g. TimeSpan.FromMinutes(5)");
        }
        else if (d.Monitoring.LatencyP99Ms > timeout.TotalMilliseconds)
        {
            yield return p.Error("target.requestTimeout", $"the request timeout ({timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s) is below the p99 latency threshold ({d.Monitoring.LatencyP99Ms} ms)", "raise RequestTimeout above the p99 threshold, or lower Monitoring.LatencyP99Ms");
        }

        if (t.MaxConcurrency is { } concurrency && concurrency is < 1 or > CloudRunCapabilities.MaxConcurrency)
        {
            yield return p.Error("target.maxConcurrency", $"Cloud Run takes 1-{CloudRunCapabilities.MaxConcurrency} concurrent requests per instance, not {concurrency}", "use e.g. 4 for a GPU model, 80 for a light one");
        }

        if (t.StableRevision is { } stable && !Revision().IsMatch(stable))
        {
            yield return p.Error("target.stableRevision", $"'{stable}' is not a revision name", "use the name the stack output <deployment>-latest-revision printed, e.g. myservice-00007-abc");
        }
    }

    private static IEnumerable<Diagnostic> Access(ModelDeployment d, CloudRunTarget t, DeploymentPath p)
    {
        foreach (var invoker in t.Invokers)
        {
            if (invoker is "allUsers" or "allAuthenticatedUsers")
            {
                yield return p.Error($"target.invokers[{invoker}]", $"'{invoker}' lets anyone invoke the service", "set Network.RequireAuth = false for unauthenticated access (with the MLS-NET-02 waiver), or name the callers");
            }
            else if (!Member().IsMatch(invoker ?? string.Empty))
            {
                yield return p.Error($"target.invokers[{invoker}]", $"'{invoker}' is not an IAM member", "use serviceAccount:<email>, group:<email>, user:<email> or domain:<domain>");
            }
        }

        if (!d.Network.RequireAuth && !t.Invokers.IsEmpty)
        {
            yield return p.Error("target.invokers", "with RequireAuth = false everyone may invoke the service, so the invokers grant nothing", "remove Invokers, or keep RequireAuth = true");
        }
    }

    private static IEnumerable<Diagnostic> Sources(ModelDeployment d, DeploymentPath p)
    {
        // Cloud Run mounts the model's objects as they are: nothing unpacks a tarball (docs/GCP-RUNTIME.md).
        var path = d.Artifact switch { FileArtifact f => f.Path, UriArtifact u => u.Uri, _ => string.Empty };
        if (ModelDigest.IsArchive(path))
        {
            yield return p.Error("artifact", "Cloud Run mounts the model's files from Cloud Storage as they are, and nothing unpacks a tarball", "give the unpacked folder (ModelArtifact.FromFile(\"<dir>\") or a gs:// prefix ending with '/')");
        }
    }

    private static string Number(decimal value) => value.ToString("0.####", CultureInfo.InvariantCulture);

    // Revision names: <service>-<number>-<suffix>, lowercase letters, digits and '-', at most 63 characters.
    [GeneratedRegex("^[a-z][a-z0-9-]{0,61}[a-z0-9]$")]
    private static partial Regex Revision();

    [GeneratedRegex(@"^(serviceAccount|group|user|domain|principal|principalSet):\S+$")]
    private static partial Regex Member();
}
