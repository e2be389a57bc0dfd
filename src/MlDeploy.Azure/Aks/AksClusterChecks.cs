using System.Text.RegularExpressions;
using MlDeploy.Kubernetes;
using MlDeploy.Model;
using MlDeploy.Validation;

namespace MlDeploy.Azure.Aks;

/// <summary>
/// The checks of a cluster's own settings, whoever declares it: a deployment's <c>target.cluster</c>, or
/// <c>components[&lt;name&gt;]</c> once for a cluster in <see cref="Platform.Components"/>. What depends on the workloads
/// stays with the deployment (<see cref="AksValidator"/>).
/// </summary>
internal static partial class AksClusterChecks
{
    /// <param name="cluster">The cluster.</param>
    /// <param name="at">The cluster's own path; members are written below it.</param>
    /// <param name="platform">The platform (for the profile).</param>
    public static IEnumerable<Diagnostic> Validate(AksCluster cluster, DeploymentPath at, Platform platform)
    {
        // Managed cluster names: 1-63 letters, digits, '_' and '-', starting and ending with a letter or digit (ARM naming rules).
        if (!ClusterName().IsMatch(cluster.Name ?? string.Empty))
        {
            yield return at.Error("name", $"'{cluster.Name}' is not an AKS cluster name", "use 1-63 letters, digits, '-' and '_', starting and ending with a letter or digit");
        }

        if (cluster.Deployer.PrincipalId is { } principal && !Guid.TryParseExact(principal, "D", out _))
        {
            yield return at.Error("deployer.principalId", $"'{principal}' is not an Entra object id", "use the object id (a GUID) of the user, group or service principal that runs pulumi up");
        }

        switch (cluster)
        {
            case ExistingAksCluster existing:
                foreach (var problem in Blocks.AzureChecks.ResourceGroupName(existing.ResourceGroupName ?? string.Empty, at))
                {
                    yield return problem;
                }

                if (!existing.WorkloadIdentityEnabled)
                {
                    yield return new Diagnostic(at.Root, "the workload gets its Azure credentials through workload identity, but nothing says the cluster runs the OIDC issuer and workload identity", "run az aks update --enable-oidc-issuer --enable-workload-identity on the cluster and set WorkloadIdentityEnabled = true");
                }

                break;
            case NewAksCluster created:
                foreach (var problem in ValidateCreated(created, at, platform))
                {
                    yield return problem;
                }

                break;
        }
    }

    private static IEnumerable<Diagnostic> ValidateCreated(NewAksCluster c, DeploymentPath at, Platform platform)
    {
        foreach (var problem in Blocks.AzureChecks.Placement(c.Location, c.ResourceGroupName, at))
        {
            yield return problem;
        }

        if (!Version().IsMatch(c.Version ?? string.Empty))
        {
            yield return at.Error("version", $"'{c.Version}' is not a Kubernetes version", "use major.minor (e.g. 1.33) or major.minor.patch");
        }

        // The API server is reached by the deployer through exactly one stated path, never open to every address.
        foreach (var problem in ClusterChecks.ApiServerAccess(c.AuthorizedIpRanges, c.PrivateCluster, "authorizedIpRanges", "AuthorizedIpRanges", "PrivateCluster", "virtual network", at))
        {
            yield return problem;
        }

        foreach (var (path, pool, gpu) in new[] { ("systemNodes", c.SystemNodes, false), ("gpuNodes", c.GpuNodes, true) })
        {
            foreach (var problem in ValidatePool(path, pool, gpu, at))
            {
                yield return problem;
            }
        }

        if (platform.EffectiveProfile == EnvironmentProfile.Production && c.GpuNodes is not null && !(c.DevicePluginImage ?? NvidiaDevicePlugin.Image).Contains("@sha256:", StringComparison.Ordinal))
        {
            yield return at.Error("devicePluginImage", "production runs the NVIDIA device plugin from a digest-pinned image, and the SDK's default is a version tag whose digest it cannot verify", "set NewAksCluster.DevicePluginImage = \"nvcr.io/nvidia/k8s-device-plugin@sha256:<digest of the release you reviewed>\"");
        }
    }

    private static IEnumerable<Diagnostic> ValidatePool(string path, AksNodePool? pool, bool gpu, DeploymentPath at)
    {
        if (pool is null)
        {
            yield break;
        }

        // System pools need a node; user pools may scale to zero; the autoscaler takes 0-1000 (AKS agent pool API).
        var least = gpu ? 0 : 1;
        if (pool.Min < least || pool.Max < 1 || pool.Min > pool.Max || pool.Max > 1000)
        {
            yield return at.Error(path, $"{pool.Min}-{pool.Max} nodes is not a valid range", $"use {least} <= min <= max <= 1000 and max >= 1");
        }

        if (pool.OsDiskSizeGiB is < 30 or > 2048)
        {
            yield return at.Error($"{path}.osDiskSizeGiB", $"{pool.OsDiskSizeGiB} GiB is not an AKS OS disk size", "use 30 to 2048 GiB");
        }

        var node = AzureVmSizes.Of(pool);
        if (node is null)
        {
            yield return at.Error($"{path}.capacity", $"'{pool.VmSize}' is not in the SDK's VM size catalogue, so its capacity is unknown", "give it: Capacity = new NodeCapacity(vcpu, memoryGiB, gpus, gpuKind) from the Azure VM size page, or use a Dsv5/Ddsv5/Edsv5/Fsv2 or NCasT4_v3/NVadsA10_v5/NC_A100_v4/ND_A100_v4/NCads_H100_v5/ND_H100_v5 size");
        }
        else if (pool.Capacity is { } declared && (declared.Vcpu < 1 || declared.MemoryGiB <= 0 || declared.Gpus < 0 || (declared.Gpus > 0) != (declared.GpuKind is not null)))
        {
            yield return at.Error($"{path}.capacity", "a node needs at least 1 vCPU and some memory, and a GPU kind exactly when it has GPUs", "give the VM size's figures");
        }
        else if (gpu && node.Gpus == 0)
        {
            yield return at.Error($"{path}.vmSize", $"{pool.VmSize} has no GPUs", "use a GPU size, e.g. Standard_NC8as_T4_v3 or Standard_NC24ads_A100_v4");
        }
    }

    [GeneratedRegex("^[A-Za-z0-9](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9])?$")]
    private static partial Regex ClusterName();

    [GeneratedRegex(@"^\d+\.\d+(\.\d+)?$")]
    private static partial Regex Version();
}
