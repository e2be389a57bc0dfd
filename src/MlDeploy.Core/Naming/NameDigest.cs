using System.Text;

namespace MlDeploy.Naming;

/// <summary>
/// The SHA-256 digest of a name's identifying parts, each prefixed with its length so that no two different part
/// lists share an input (<c>prod-eu</c> + <c>scorer</c> and <c>prod</c> + <c>eu-scorer</c> differ).
/// </summary>
public static class NameDigest
{
    /// <summary>Computes the digest of the parts.</summary>
    /// <param name="parts">What identifies the name (project, stack, deployment, part...).</param>
    /// <returns>The 32-byte SHA-256 digest of the UTF-8 of <c>&lt;length&gt;:&lt;part&gt;</c> for each part in order.</returns>
    public static byte[] Of(params string[] parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        var identity = new StringBuilder();
        foreach (var part in parts)
        {
            ArgumentNullException.ThrowIfNull(part, nameof(parts));
            identity.Append(part.Length).Append(':').Append(part);
        }

        return Sha256.HashData(Encoding.UTF8.GetBytes(identity.ToString()));
    }
}
