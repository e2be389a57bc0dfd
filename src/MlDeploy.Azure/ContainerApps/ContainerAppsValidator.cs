using System.Globalization;
using System.Text.RegularExpressions;
using MlDeploy.Azure.Blocks;
using MlDeploy.Model;
using MlDeploy.Validation;

namespace MlDeploy.Azure.ContainerApps;

/// <summary>What Container Apps cannot honour beyond the capability table, reported before anything is deployed.</summary>
internal static partial class ContainerAppsValidator
{
    public static IEnumerable<Diagnostic> Validate(ModelDeployment d, ContainerAppsTarget t, DeploymentPath p, Platform platform)
    {
        foreach (var problem in AzureChecks.Placement(t.Location, t.ResourceGroupName, p.Under("target")))
        {
            yield return problem;
        }

        if (t.EnvironmentId is { } environment && !EnvironmentId().IsMatch(environment))
        {
            yield return p.Error("target.environmentId", $"'{environment}' is not the ARM id of a Container Apps environment", "use /subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.App/managedEnvironments/<name>");
        }

        if (t.EnvironmentId is not null && t.InfrastructureSubnetId is not null)
        {
            yield return p.Error("target.infrastructureSubnetId", "an existing environment keeps its own network", "remove InfrastructureSubnetId, or EnvironmentId to create an environment in that subnet");
        }

        foreach (var problem in Compute(d, t, p).Concat(Sources(d, t, p)).Concat(Monitoring(d, t, p)))
        {
            yield return problem;
        }

        if (t.UntaggedRetentionDays is < 0 or > 365)
        {
            yield return p.Error("target.untaggedRetentionDays", $"ACR keeps untagged manifests 0-365 days, not {t.UntaggedRetentionDays}", "use 0-365");
        }

        if (t.StableRevision is { } stable && !Revision().IsMatch(stable))
        {
            yield return p.Error("target.stableRevision", $"'{stable}' is not a revision name", "use the name the stack output <deployment>-latest-revision printed, e.g. myapp--abc1234");
        }

        var loader = t.ModelLoaderImage;
        if (string.IsNullOrWhiteSpace(loader) || loader.Contains(' ', StringComparison.Ordinal))
        {
            yield return p.Error("target.modelLoaderImage", $"'{loader}' is not an image reference", $"keep the default ({ContainerAppsTarget.DefaultModelLoaderImage}) or name an image with az, sh and python3");
        }
        else
        {
            foreach (var problem in AzureChecks.LoaderPinnedInProduction(loader, ContainerAppsTarget.DefaultModelLoaderImage, "target.modelLoaderImage", "ContainerAppsTarget.ModelLoaderImage", platform, p))
            {
                yield return problem;
            }
        }
    }

    private static IEnumerable<Diagnostic> Compute(ModelDeployment d, ContainerAppsTarget t, DeploymentPath p)
    {
        var c = d.Compute;
        if (t.WorkloadProfile is { } profile)
        {
            if (string.IsNullOrWhiteSpace(profile.Name) || !ProfileName().IsMatch(profile.Name))
            {
                yield return p.Error("target.workloadProfile.name", $"'{profile.Name}' is not a workload profile name", "use letters, digits and '-' (at most 15 characters), e.g. gpu");
            }
            else if (profile.Name == "Consumption")
            {
                yield return p.Error("target.workloadProfile.name", "'Consumption' is the environment's built-in profile", "leave WorkloadProfile null to run on it, or give the dedicated or GPU profile another name");
            }

            if (string.IsNullOrWhiteSpace(profile.Type))
            {
                yield return p.Error("target.workloadProfile.type", "the workload profile type is empty", "use a type the region offers, e.g. D4, E8 or NC24-A100");
            }

            if (!profile.IsConsumption && (profile.MinimumCount < 0 || profile.MaximumCount < 1 || profile.MaximumCount < profile.MinimumCount || profile.MaximumCount > 1000))
            {
                yield return p.Error("target.workloadProfile", $"a dedicated profile needs 0 <= minimum <= maximum, 1 <= maximum <= 1000, not {profile.MinimumCount}-{profile.MaximumCount}", "give instance counts in that range");
            }

            yield break;
        }

        if (c.Cpu > 0 && c.MemoryGiB > 0 && ContainerAppsCapabilities.ConsumptionTotalCpu(c) is null)
        {
            yield return p.Error(
                "compute",
                $"no Consumption allocation of Azure Container Apps offers {Number(c.Cpu)} vCPU and {Number(c.MemoryGiB)} GiB next to the model loader's {Number(ContainerAppsCapabilities.LoaderCpu)} vCPU and {Number(ContainerAppsCapabilities.LoaderMemoryGiB)} GiB",
                "every container of a replica together gets 0.25-4 vCPU in 0.25 steps with 2 GiB per vCPU: ask for at most 3.75 vCPU and 7.5 GiB, or set WorkloadProfile to a dedicated profile");
        }
    }

    private static IEnumerable<Diagnostic> Sources(ModelDeployment d, ContainerAppsTarget t, DeploymentPath p)
    {
        foreach (var problem in AzureChecks.Sources(d, t.RegistryId, t.ArtifactStorageAccountId, t.DisplayName, p))
        {
            yield return problem;
        }

        var stored = d.Secrets.Where(s => s.Source is StoredSecret).ToList();
        foreach (var secret in stored)
        {
            var id = ((StoredSecret)secret.Source).Id;
            if (!KeyVaultSecret().IsMatch(id ?? string.Empty))
            {
                yield return p.Error($"secrets[{secret.Name}].source", $"'{id}' is not a Key Vault secret URL", "use https://<vault>.vault.azure.net/secrets/<name> (optionally /<version>)");
            }
        }

        if (stored.Count > 0 && (t.KeyVaultId is null || !KeyVaultId().IsMatch(t.KeyVaultId)))
        {
            yield return p.Error("target.keyVaultId", t.KeyVaultId is null ? "secrets from Key Vault need the vault's ARM id, on whose secrets the identity gets Key Vault Secrets User" : $"'{t.KeyVaultId}' is not the ARM id of a Key Vault", "set KeyVaultId = \"/subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.KeyVault/vaults/<name>\"");
        }
        else if (stored.Count == 0 && t.KeyVaultId is not null)
        {
            yield return p.Error("target.keyVaultId", "KeyVaultId names the vault of the deployment's secrets, and it has none", "remove KeyVaultId");
        }
        else if (t.KeyVaultId is { } vault)
        {
            var vaultName = vault[(vault.LastIndexOf('/') + 1)..].ToLowerInvariant();
            foreach (var secret in stored.Where(s => KeyVaultSecret().Match(((StoredSecret)s.Source).Id) is { Success: true } m && !string.Equals(m.Groups["vault"].Value, vaultName, StringComparison.OrdinalIgnoreCase)))
            {
                yield return p.Error($"secrets[{secret.Name}].source", $"the secret is not in the vault KeyVaultId names ({vaultName})", "keep every secret of the deployment in that vault");
            }
        }
    }

    private static IEnumerable<Diagnostic> Monitoring(ModelDeployment d, ContainerAppsTarget t, DeploymentPath p)
    {
        var m = d.Monitoring;
        if (m.NotificationTopic is { } topic && !ActionGroupId().IsMatch(topic))
        {
            yield return p.Error("monitoring.notificationTopic", $"'{topic}' is not the ARM id of an action group", "use /subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.Insights/actionGroups/<name>");
        }

        foreach (var problem in AzureChecks.NoStackComponents(d, t.DisplayName, p))
        {
            yield return problem;
        }
    }

    private static string Number(decimal value) => value.ToString("0.####", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^/subscriptions/[0-9a-fA-F-]{36}/resourceGroups/[^/]+/providers/Microsoft\.App/managedEnvironments/[a-z0-9-]{2,60}$")]
    private static partial Regex EnvironmentId();

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9-]{0,14}$")]
    private static partial Regex ProfileName();

    [GeneratedRegex("^[a-z][a-z0-9-]{0,30}[a-z0-9]--[a-z0-9-]{1,64}$")]
    private static partial Regex Revision();

    [GeneratedRegex(@"^https://(?<vault>[A-Za-z0-9-]{3,24})\.vault\.azure\.net/secrets/(?<name>[A-Za-z0-9-]{1,127})(/[0-9a-f]{32})?$")]
    internal static partial Regex KeyVaultSecret();

    [GeneratedRegex(@"^/subscriptions/[0-9a-fA-F-]{36}/resourceGroups/[^/]+/providers/Microsoft\.KeyVault/vaults/[A-Za-z0-9-]{3,24}$")]
    internal static partial Regex KeyVaultId();

    [GeneratedRegex(@"^/subscriptions/[0-9a-fA-F-]{36}/resourceGroups/[^/]+/providers/(?i:microsoft\.insights)/(?i:actionGroups)/[^/]+$")]
    internal static partial Regex ActionGroupId();
}
