using System.Net;
using System.Text.RegularExpressions;
using MlDeploy.Kubernetes;
using MlDeploy.Model;
using MlDeploy.Validation;

namespace MlDeploy.Gcp.Gke;

/// <summary>
/// The checks of a cluster's own settings, whoever declares it: a deployment's <c>target.cluster</c>, or
/// <c>components[&lt;name&gt;]</c> once for a cluster in <see cref="Platform.Components"/>. What depends on the workloads
/// stays with the deployment (<see cref="GkeValidator"/>).
/// </summary>
internal static partial class GkeClusterChecks
{
    public static IEnumerable<Diagnostic> Validate(GkeCluster cluster, DeploymentPath at, Platform platform)
    {
        _ = platform;

        // Cluster names: 1-40 lowercase letters, digits and '-', starting with a letter and ending with a letter or digit (GKE API, Cluster.name).
        if (!ClusterName().IsMatch(cluster.Name ?? string.Empty))
        {
            yield return at.Error("name", $"'{cluster.Name}' is not a GKE cluster name", "use 1-40 lowercase letters, digits and '-', starting with a letter");
        }

        if (!GkeValidator.ProjectId().IsMatch(cluster.Project ?? string.Empty))
        {
            yield return at.Error("project", $"'{cluster.Project}' is not a Google Cloud project id", "use the project id (6-30 lowercase letters, digits and '-', starting with a letter)");
        }

        if (!Location().IsMatch(cluster.Location ?? string.Empty))
        {
            yield return at.Error("location", $"'{cluster.Location}' is not a Google Cloud region or zone", "use a region (europe-west4: regional control plane) or a zone (europe-west4-a)");
        }

        switch (cluster)
        {
            case ExistingGkeCluster existing:
                if (!existing.WorkloadIdentityEnabled)
                {
                    yield return new Diagnostic(at.Root, "the workload gets its Google credentials through Workload Identity, but nothing says the cluster runs it", "run gcloud container clusters update <name> --workload-pool=<project>.svc.id.goog (and --workload-metadata=GKE_METADATA on the node pools) and set WorkloadIdentityEnabled = true");
                }

                if (existing.NodeServiceAccount is { } email && !ServiceAccountEmail().IsMatch(email))
                {
                    yield return at.Error("nodeServiceAccount", $"'{email}' is not a service account e-mail", "use <name>@<project>.iam.gserviceaccount.com");
                }

                break;
            case NewGkeCluster created:
                foreach (var problem in ValidateCreated(created, at))
                {
                    yield return problem;
                }

                break;
        }
    }

    private static IEnumerable<Diagnostic> ValidateCreated(NewGkeCluster c, DeploymentPath at)
    {
        // The control plane is reached by the deployer through exactly one stated path, never open to every address.
        var problems = ClusterChecks.ApiServerAccess(c.MasterAuthorizedNetworks, c.PrivateCluster, "masterAuthorizedNetworks", "MasterAuthorizedNetworks", "PrivateCluster", "VPC network", at);
        if (c.PrivateCluster && (!IPNetwork.TryParse(c.MasterIpv4CidrBlock ?? string.Empty, out var master) || master.PrefixLength != 28))
        {
            problems = problems.Append(at.Error("masterIpv4CidrBlock", $"'{c.MasterIpv4CidrBlock}' is not a /28 range", "give an unused private /28, e.g. 172.16.0.0/28 (GKE private clusters)"));
        }

        if (!Enum.IsDefined(c.ReleaseChannel))
        {
            problems = problems.Append(at.Error("releaseChannel", $"{c.ReleaseChannel} is not a release channel", "use GkeReleaseChannel.Regular, Stable or Rapid"));
        }

        return problems.Concat(ValidatePool("systemNodes", c.SystemNodes, gpu: false, at)).Concat(ValidatePool("gpuNodes", c.GpuNodes, gpu: true, at));
    }

    private static IEnumerable<Diagnostic> ValidatePool(string path, GkeNodePool? pool, bool gpu, DeploymentPath at)
    {
        if (pool is null)
        {
            yield break;
        }

        // The system pool keeps a node for the cluster's own pods; the GPU pool may scale to zero (total counts, 0-1000 here).
        var least = gpu ? 0 : 1;
        if (pool.Min < least || pool.Max < 1 || pool.Min > pool.Max || pool.Max > 1000)
        {
            yield return at.Error(path, $"{pool.Min}-{pool.Max} nodes is not a valid range", $"use {least} <= min <= max <= 1000 and max >= 1");
        }

        // Boot disks: 10-65536 GiB (Compute Engine persistent disk limits, pd-balanced).
        if (pool.DiskSizeGiB is < 10 or > 65536)
        {
            yield return at.Error($"{path}.diskSizeGiB", $"{pool.DiskSizeGiB} GiB is not a node boot disk size", "use 10 to 65536 GiB");
        }

        foreach (var zone in pool.Zones.Where(z => !Zone().IsMatch(z ?? string.Empty)))
        {
            yield return at.Error($"{path}.zones[{zone}]", $"'{zone}' is not a zone", "use zone names such as europe-west4-a");
        }

        var machine = GkeMachineTypes.Find(pool.MachineType ?? string.Empty);
        if (machine is null && pool.Capacity is null)
        {
            yield return at.Error($"{path}.capacity", $"'{pool.MachineType}' is not in the SDK's machine type catalogue, so its capacity is unknown", "give it: Capacity = new NodeCapacity(vcpu, memoryGiB, gpus, gpuKind) from the Compute Engine machine type page, or use an e2/n2/n1-standard, g2-standard, a2-highgpu/ultragpu or a3-highgpu type");
        }
        else if (pool.Capacity is { } declared && (declared.Vcpu < 1 || declared.MemoryGiB <= 0 || declared.Gpus < 0 || (declared.Gpus > 0) != (declared.GpuKind is not null)))
        {
            yield return at.Error($"{path}.capacity", "a node needs at least 1 vCPU and some memory, and a GPU kind exactly when it has GPUs", "give the machine type's figures");
        }

        foreach (var problem in ValidateAccelerator(path, pool, machine, gpu, at))
        {
            yield return problem;
        }
    }

    private static IEnumerable<Diagnostic> ValidateAccelerator(string path, GkeNodePool pool, GkeMachineTypes.MachineType? machine, bool gpu, DeploymentPath at)
    {
        var a = pool.Accelerator;
        if (!gpu)
        {
            if (a is not null || machine?.Bundled is not null)
            {
                yield return at.Error($"{path}.machineType", "the system pool runs CPU workloads and the cluster's own pods, not GPUs", "use a general-purpose type (e.g. e2-standard-4) and put GPUs in GpuNodes");
            }

            yield break;
        }

        if (a is null)
        {
            yield return at.Error($"{path}.accelerator", "a GPU pool needs its accelerators stated (GKE attaches and installs drivers only for what the pool requests)", "set Accelerator = new GkeAccelerator(\"nvidia-l4\", 1) (type and GPUs per node)");
            yield break;
        }

        if (!GkeMachineTypes.Accelerators.ContainsKey(a.Type ?? string.Empty))
        {
            yield return at.Error($"{path}.accelerator.type", $"'{a.Type}' is not an accelerator type the SDK knows", $"use one of {string.Join(", ", GkeMachineTypes.Accelerators.Keys)}");
        }
        else if (machine?.Bundled is { } bundled && (bundled.Type != a.Type || bundled.Count != a.Count))
        {
            yield return at.Error($"{path}.accelerator", $"{machine.Name} comes with {bundled.Count}x {bundled.Type}, not {a.Count}x {a.Type}", $"set Accelerator = new GkeAccelerator(\"{bundled.Type}\", {bundled.Count})");
        }
        else if (a.Count is < 1 or > 8)
        {
            yield return at.Error($"{path}.accelerator.count", $"{a.Count} GPUs per node is not possible", "use 1, 2, 4 or 8");
        }

        if (a.DriverVersion is not ("DEFAULT" or "LATEST"))
        {
            yield return at.Error($"{path}.accelerator.driverVersion", $"'{a.DriverVersion}' is not a GKE driver version", "use DEFAULT or LATEST (GKE installs the driver)");
        }
    }

    [GeneratedRegex("^[a-z](?:[a-z0-9-]{0,38}[a-z0-9])?$")]
    private static partial Regex ClusterName();

    [GeneratedRegex("^[a-z]+-[a-z]+[0-9]{1,2}(-[a-z])?$")]
    private static partial Regex Location();

    [GeneratedRegex("^[a-z]+-[a-z]+[0-9]{1,2}-[a-z]$")]
    private static partial Regex Zone();

    [GeneratedRegex(@"^[a-z][a-z0-9-]{4,28}[a-z0-9]@[a-z0-9.-]+\.gserviceaccount\.com$")]
    private static partial Regex ServiceAccountEmail();
}
