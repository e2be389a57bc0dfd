using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace MlDeploy.Naming;

/// <summary>
/// Derives provider-visible names from project, stack and deployment: lowercase, joined with '-', and cut to
/// the provider's limit with a short stable hash of the full name so two long names never collide.
/// </summary>
public static class PhysicalName
{
    /// <summary>The length of the hash suffix added when a name is cut.</summary>
    public const int HashLength = 6;

    /// <summary>Creates a name.</summary>
    /// <param name="maxLength">The provider's limit.</param>
    /// <param name="parts">The parts, e.g. project, stack, deployment.</param>
    /// <returns>A name of at most <paramref name="maxLength"/> characters of <c>[a-z0-9-]</c>, starting with a letter or digit.</returns>
    public static string Create(int maxLength, params string[] parts)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, HashLength + 2);
        var full = Sanitize(string.Join('-', parts));
        if (full.Length <= maxLength)
        {
            return full;
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(full)))[..HashLength];
        var head = full[..(maxLength - HashLength - 1)].TrimEnd('-');
        return string.Create(CultureInfo.InvariantCulture, $"{head}-{hash}");
    }

    private static string Sanitize(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text.ToLowerInvariant())
        {
            var keep = char.IsAsciiLetterOrDigit(c) ? c : '-';
            if (keep != '-' || (sb.Length > 0 && sb[^1] != '-'))
            {
                sb.Append(keep);
            }
        }

        return sb.ToString().Trim('-');
    }
}
