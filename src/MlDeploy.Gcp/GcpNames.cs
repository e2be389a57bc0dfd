using MlDeploy.Targets;

namespace MlDeploy.Gcp;

/// <summary>Google Cloud resource names: ids that start with a letter, and globally unique bucket names.</summary>
internal static class GcpNames
{
    /// <summary>
    /// An id of lowercase letters, digits and '-' that starts with a letter and ends with the stable hash of its parts
    /// (decision 24): service account ids (6-30), Artifact Registry repositories (1-63), Cloud Run services (1-49).
    /// A head that would start with a digit gets an 'm' in front.
    /// </summary>
    public static string Id(DeploymentScope scope, int maxLength, params string[] parts)
    {
        ArgumentNullException.ThrowIfNull(scope);
        return Claimed(scope.Context, $"deployments[{scope.Deployment.Name}]", maxLength, [scope.Deployment.Name, .. parts]);
    }

    /// <summary>As <see cref="Id"/>, for a shared component (e.g. <c>gke</c>, the cluster's name): project, stack, then the parts.</summary>
    public static string Claimed(PlanContext context, string owner, int maxLength, params string[] parts)
    {
        string[] all = [context.Project, context.Stack, .. parts];
        var name = Naming.PhysicalName.Create(maxLength, all);
        if (!char.IsAsciiLetter(name[0]))
        {
            name = "m" + Naming.PhysicalName.Create(maxLength - 1, all);
        }

        context.ClaimPhysicalName(name, owner);
        return name;
    }

    /// <summary>
    /// A bucket name (Cloud Storage docs, "Bucket naming": 3-63 characters, globally unique, no "goog" prefix and no
    /// "google" anywhere): the id with those spellings changed, so the hash still tells names apart.
    /// </summary>
    public static string Bucket(DeploymentScope scope, params string[] parts)
    {
        var name = Id(scope, 63, parts).Replace("google", "g00gle", StringComparison.Ordinal);
        return name.StartsWith("goog", StringComparison.Ordinal) ? "g00g" + name[4..] : name;
    }
}
