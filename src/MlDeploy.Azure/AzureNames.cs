using MlDeploy.Naming;
using MlDeploy.Targets;

namespace MlDeploy.Azure;

/// <summary>Names Azure derives differently from the other clouds: letters and digits only, and GUIDs.</summary>
internal static class AzureNames
{
    /// <summary>
    /// A globally unique name of lowercase letters and digits only (a container registry: 5-50; a storage account:
    /// 3-24), ending with the stable hash of its parts like every physical name (decision 25), claimed for its owner.
    /// </summary>
    public static string Alphanumeric(DeploymentScope scope, int maxLength, params string[] parts)
    {
        ArgumentNullException.ThrowIfNull(scope);
        // Dropping the dashes only shortens the head; the hash over the parts as given is kept whole.
        var name = Naming.PhysicalName.Create(maxLength, [scope.Context.Project, scope.Context.Stack, scope.Deployment.Name, .. parts]).Replace("-", string.Empty, StringComparison.Ordinal);
        scope.Context.ClaimPhysicalName(name, $"deployments[{scope.Deployment.Name}]");
        return name;
    }

    /// <summary>
    /// A name-based GUID (RFC 9562 version 8, from SHA-256 of the length-prefixed parts): Azure role assignments need a
    /// GUID name, and a random one would replace the assignment on every program run. The parts are what identify the
    /// assignment (project, stack, deployment, the scope and principal parts, the role), so the same assignment keeps
    /// its name and two different ones never share it.
    /// </summary>
    public static string Guid(params string[] parts)
    {
        Span<byte> bytes = stackalloc byte[16];
        NameDigest.Of(parts).AsSpan(0, 16).CopyTo(bytes);
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80); // version 8
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC 9562 variant
        return new System.Guid(bytes, bigEndian: true).ToString("D");
    }
}
