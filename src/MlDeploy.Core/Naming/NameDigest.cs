using System.Globalization;
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
        var chars = 0;
        foreach (var part in parts)
        {
            ArgumentNullException.ThrowIfNull(part, nameof(parts));
            chars += part.Length + 11;
        }

        // Formatted and encoded in stack buffers: every physical name is hashed, so a builder, a string and an array
        // per name added up (docs/BENCHMARKS.md, stop 16).
        var identity = chars <= 512 ? stackalloc char[512] : new char[chars];
        var length = 0;
        foreach (var part in parts)
        {
            part.Length.TryFormat(identity[length..], out var digits, provider: CultureInfo.InvariantCulture);
            length += digits;
            identity[length++] = ':';
            part.CopyTo(identity[length..]);
            length += part.Length;
        }

        var text = identity[..length];
        var size = Encoding.UTF8.GetByteCount(text);
        var bytes = size <= 1536 ? stackalloc byte[1536] : new byte[size];
        var written = Encoding.UTF8.GetBytes(text, bytes);
        return Sha256.HashData(bytes[..written]);
    }
}
