using System.Globalization;
using System.Text.RegularExpressions;
using MlDeploy.Azure.Blocks;
using MlDeploy.Azure.ContainerApps;
using MlDeploy.Model;
using MlDeploy.Validation;

namespace MlDeploy.Azure.MachineLearning;

/// <summary>What an Azure ML managed online endpoint cannot honour beyond the capability table, reported before anything is deployed.</summary>
internal static partial class AzureMlValidator
{
    public static IEnumerable<Diagnostic> Validate(ModelDeployment d, AzureMlTarget t, DeploymentPath p)
    {
        foreach (var problem in AzureChecks.Placement(t.Location, t.ResourceGroupName, p.Under("target")))
        {
            yield return problem;
        }

        if (t.WorkspaceId is { } workspace)
        {
            if (!WorkspaceId().IsMatch(workspace))
            {
                yield return p.Error("target.workspaceId", $"'{workspace}' is not the ARM id of an Azure ML workspace", "use /subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.MachineLearningServices/workspaces/<name>");
            }

            if (t.ResourceGroupName is not null)
            {
                yield return p.Error("target.resourceGroupName", "the endpoint of an existing workspace is created in the workspace's resource group", "remove ResourceGroupName, or WorkspaceId to create a workspace in that group");
            }
        }

        foreach (var problem in Compute(d, t, p).Concat(Requests(d, t, p)).Concat(Sources(d, t, p)).Concat(Monitoring(d, p)))
        {
            yield return problem;
        }

        if (t.StableDeployment is { } stable && !DeploymentName().IsMatch(stable))
        {
            yield return p.Error("target.stableDeployment", $"'{stable}' is not an online deployment name", "use the name the stack output <deployment>-deployment-name printed, e.g. rev-abcdefgh");
        }
    }

    /// <summary>The instance type: a catalogued size that holds the compute, or the smallest one that does.</summary>
    private static IEnumerable<Diagnostic> Compute(ModelDeployment d, AzureMlTarget t, DeploymentPath p)
    {
        var c = d.Compute;
        // Non-positive values, and GPU kinds or counts no size offers, are reported by the shared validators.
        if (c.Cpu <= 0 || c.MemoryGiB <= 0 || c.Gpu is { Count: <= 0 })
        {
            yield break;
        }

        if (t.InstanceType is { } named)
        {
            if (AzureMlInstanceTypes.Find(named) is not { } type)
            {
                yield return p.Error("target.instanceType", $"'{named}' is not a size the SDK knows for managed online deployments", $"use one of {string.Join(", ", AzureMlInstanceTypes.All.Select(i => i.Name))}, or leave InstanceType null");
            }
            else if (!AzureMlInstanceTypes.Fits(type, c))
            {
                yield return p.Error("target.instanceType", $"{type.Name} ({type.Vcpu} vCPU, {Number(type.MemoryGiB)} GiB{(type.GpuKind is { } kind ? $", {type.GpuCount} {kind}" : ", no GPU")}) does not hold {Describe(c)}", "leave InstanceType null to get the smallest size that does, or lower the compute");
            }
        }
        else if (AzureMlInstanceTypes.Smallest(c) is null && (c.Gpu is not { } g || AzureMlInstanceTypes.All.Any(i => i.GpuKind == g.Kind && i.GpuCount >= g.Count)))
        {
            yield return p.Error("compute", $"no managed online endpoint size offers {Describe(c)}", c.Gpu is null
                ? "ask for at most 72 vCPU and 432 GiB per instance (Standard_F72s_v2, Standard_E64s_v3)"
                : "GPU sizes pair the GPUs with fixed vCPUs and memory: lower cpu/memoryGiB to what an NC or ND size of that GPU kind has (docs/CAPABILITIES.md lists the kinds)");
        }
    }

    private static IEnumerable<Diagnostic> Requests(ModelDeployment d, AzureMlTarget t, DeploymentPath p)
    {
        if (t.RequestTimeout is { } timeout && (timeout < TimeSpan.FromSeconds(1) || timeout > AzureMlCapabilities.MaxRequestTimeout))
        {
            yield return p.Error("target.requestTimeout", $"managed online endpoints hold a request 1-{(int)AzureMlCapabilities.MaxRequestTimeout.TotalSeconds} s, not {timeout}", "use a timeout in that range, or null to allow twice the p99 latency threshold");
        }
        else if (t.RequestTimeout is { } set && d.Monitoring.LatencyP99Ms > 0 && set.TotalMilliseconds < d.Monitoring.LatencyP99Ms)
        {
            yield return p.Error("target.requestTimeout", string.Create(CultureInfo.InvariantCulture, $"{set.TotalSeconds} s cuts requests off below the p99 latency threshold of {d.Monitoring.LatencyP99Ms} ms"), "allow at least the p99 latency, or leave RequestTimeout null");
        }

        if (t.MaxConcurrentRequestsPerInstance is < 1 or > AzureMlCapabilities.MaxConcurrentRequests)
        {
            yield return p.Error("target.maxConcurrentRequestsPerInstance", string.Create(CultureInfo.InvariantCulture, $"{t.MaxConcurrentRequestsPerInstance} is outside 1-{AzureMlCapabilities.MaxConcurrentRequests}"), "keep Azure ML's default of 1 unless the server handles requests in parallel");
        }
    }

    private static IEnumerable<Diagnostic> Sources(ModelDeployment d, AzureMlTarget t, DeploymentPath p)
    {
        switch (d.Image)
        {
            case ExistingImage when t.RegistryId is null || !RegistryBlock.IsRegistryId(t.RegistryId):
                yield return p.Error("target.registryId", t.RegistryId is null ? "an existing image needs its registry's ARM id, on which the identity gets AcrPull" : $"'{t.RegistryId}' is not the ARM id of a container registry", "set RegistryId = \"/subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.ContainerRegistry/registries/<name>\"");
                break;
            case SharedImage:
                yield return p.Error("image", "Azure ML managed online endpoints cannot use shared images yet (they are built into ECR by the AWS pack)", "use ImageSource.Build so the deployment's own registry gets the image");
                break;
            case RepositoryImage:
                yield return p.Error("image", "Azure ML managed online endpoints cannot use images from another stack's repository yet", "use ImageSource.Existing with the ACR reference and RegistryId, or ImageSource.Build");
                break;
        }

        if (d.Image is not ExistingImage && t.RegistryId is not null)
        {
            yield return p.Error("target.registryId", d.Image is MirroredImage
                ? "RegistryId names the registry of an existing image, and this deployment copies a public image into a registry of its own"
                : "RegistryId names the registry of an existing image, and this deployment builds its own", "remove RegistryId");
        }

        if (d.Artifact is UriArtifact uri)
        {
            var blob = ModelStoreBlock.Parse(uri.Uri);
            if (blob is null)
            {
                yield return p.Error("artifact", $"'{uri.Uri}' is not an Azure blob URL", "use https://<account>.blob.core.windows.net/<container>/<blob>, or a prefix ending with '/'");
            }

            if (t.ArtifactStorageAccountId is null || !ModelStoreBlock.IsAccountId(t.ArtifactStorageAccountId))
            {
                yield return p.Error("target.artifactStorageAccountId", t.ArtifactStorageAccountId is null ? "a model at a blob URL needs its storage account's ARM id, on whose container the identity gets Storage Blob Data Reader" : $"'{t.ArtifactStorageAccountId}' is not the ARM id of a storage account", "set ArtifactStorageAccountId = \"/subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.Storage/storageAccounts/<name>\"");
            }
            else if (blob is not null && !t.ArtifactStorageAccountId.EndsWith($"/{blob.Account}", StringComparison.Ordinal))
            {
                yield return p.Error("target.artifactStorageAccountId", $"the account of {t.ArtifactStorageAccountId} is not '{blob.Account}', the account of the artifact URL", "name the storage account the URL points into");
            }
        }
        else if (t.ArtifactStorageAccountId is not null)
        {
            yield return p.Error("target.artifactStorageAccountId", "ArtifactStorageAccountId names the account of a model at a blob URL, and this deployment uploads its own", "remove ArtifactStorageAccountId");
        }

        if (d.Artifact is FileArtifact || t.WorkspaceId is null)
        {
            // The SDK creates a storage account, whose tag names are limited to 128 characters (ARM tag limitations).
            foreach (var key in d.Tags.Keys.Where(k => k.Length is > 128 and <= 512))
            {
                yield return p.Error($"tags[{key}]", "storage accounts take tag names of at most 128 characters, and the deployment creates one", "shorten the name");
            }
        }

        foreach (var secret in d.Secrets.Where(s => s.Source is StoredSecret))
        {
            var id = ((StoredSecret)secret.Source).Id;
            if (!ContainerAppsValidator.KeyVaultSecret().IsMatch(id ?? string.Empty))
            {
                yield return p.Error($"secrets[{secret.Name}].source", $"'{id}' is not a Key Vault secret URL", "use https://<vault>.vault.azure.net/secrets/<name> (optionally /<version>)");
            }
        }

        if (d.Secrets.Any(s => s.Source is StoredSecret) && (t.KeyVaultId is null || !ContainerAppsValidator.KeyVaultId().IsMatch(t.KeyVaultId)))
        {
            yield return p.Error("target.keyVaultId", t.KeyVaultId is null ? "secrets from Key Vault need the vault's ARM id, on whose secrets the identity gets Key Vault Secrets User" : $"'{t.KeyVaultId}' is not the ARM id of a Key Vault", "set KeyVaultId = \"/subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.KeyVault/vaults/<name>\"");
        }
        else if (!d.Secrets.Any(s => s.Source is StoredSecret) && t.KeyVaultId is not null)
        {
            yield return p.Error("target.keyVaultId", "KeyVaultId names the vault of the deployment's secrets, and it has none", "remove KeyVaultId");
        }
    }

    private static IEnumerable<Diagnostic> Monitoring(ModelDeployment d, DeploymentPath p)
    {
        if (d.Monitoring.NotificationTopic is { } topic && !ContainerAppsValidator.ActionGroupId().IsMatch(topic))
        {
            yield return p.Error("monitoring.notificationTopic", $"'{topic}' is not the ARM id of an action group", "use /subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.Insights/actionGroups/<name>");
        }

        if (d.Monitoring.Channel is not null)
        {
            yield return p.Error("monitoring.channel", "Azure ML managed online endpoints cannot notify a stack-level alert channel yet", "set NotificationEmail, or NotificationTopic to an action group id");
        }

        if (d.Encryption is not null)
        {
            yield return p.Error("encryption", "Azure ML managed online endpoints cannot use a stack-level encryption key yet (the data is encrypted with Microsoft-managed keys)", "remove Encryption");
        }
    }

    private static string Describe(Compute c) =>
        $"{Number(c.Cpu)} vCPU and {Number(c.MemoryGiB)} GiB{(c.Gpu is { } g ? $" with {g.Count} {g.Kind} GPU(s)" : string.Empty)}";

    private static string Number(decimal value) => value.ToString("0.####", CultureInfo.InvariantCulture);

    // Deployment names: begin with a letter, 3-32 letters, digits and single dashes (docs, "Manage and increase quotas").
    [GeneratedRegex("^[A-Za-z](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){2,31}$")]
    internal static partial Regex DeploymentName();

    [GeneratedRegex(@"^/subscriptions/[0-9a-fA-F-]{36}/resourceGroups/(?<group>[-\w\._\(\)]{1,90})/providers/Microsoft\.MachineLearningServices/workspaces/(?<name>[A-Za-z0-9][A-Za-z0-9_-]{2,32})$")]
    internal static partial Regex WorkspaceId();
}
