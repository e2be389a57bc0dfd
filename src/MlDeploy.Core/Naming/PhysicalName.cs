namespace MlDeploy.Naming;

/// <summary>
/// Derives provider-visible names from project, stack, deployment and part: a readable head (lowercase, joined with
/// '-') and a stable hash of the exact parts, so the mapping is injective even where the head is not.
/// </summary>
/// <remarks>
/// Joining with '-' alone loses information: stack <c>prod-eu</c> with deployment <c>scorer</c> and stack
/// <c>prod</c> with deployment <c>eu-scorer</c> read the same, and <c>Prod</c>, <c>prod</c> and <c>prod.</c>
/// sanitize to one head. Two stacks of one project in one account and region would then fight over one endpoint or
/// repository. The hash is computed over the parts as given (length-prefixed, so no two part lists encode alike);
/// 8 base-32 characters (40 bits) keep a chance collision below one in ten million for a thousand names, and the
/// planner still reports one within a program as a diagnostic naming both sources.
/// </remarks>
public static class PhysicalName
{
    /// <summary>The length of the hash suffix every name ends with.</summary>
    public const int HashLength = 8;

    private const string Base32 = "abcdefghijklmnopqrstuvwxyz234567";

    /// <summary>Creates a name.</summary>
    /// <param name="maxLength">The provider's limit.</param>
    /// <param name="parts">The parts, e.g. project, stack, deployment.</param>
    /// <returns>A name of at most <paramref name="maxLength"/> characters of <c>[a-z0-9-]</c>, starting with a letter or digit.</returns>
    public static string Create(int maxLength, params string[] parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, HashLength + 2);
        Span<char> hash = stackalloc char[HashLength];
        Hash(parts, hash);

        // The head in one pass over the parts joined with '-', in a stack buffer: planners name every resource, so
        // joining, lowering and trimming as separate strings allocated several times per name (docs/BENCHMARKS.md, stop 16).
        var joined = parts.Length - 1;
        foreach (var part in parts)
        {
            joined += part.Length;
        }

        var head = joined <= 256 ? stackalloc char[256] : new char[joined];
        var length = 0;
        for (var i = 0; i < parts.Length; i++)
        {
            if (i > 0)
            {
                Append(head, ref length, '-');
            }

            foreach (var c in parts[i])
            {
                // Per character as string.ToLowerInvariant maps it (simple case mapping keeps the length); whatever is
                // not then an ASCII letter or digit becomes '-'.
                Append(head, ref length, char.ToLowerInvariant(c));
            }
        }

        var room = maxLength - HashLength - 1;
        var kept = ((ReadOnlySpan<char>)head[..Math.Min(length, room)]).TrimEnd('-');
        return kept.IsEmpty ? new string(hash) : string.Concat(kept, "-", hash);
    }

    // Runs of anything but [a-z0-9] become one '-', and none leads.
    private static void Append(Span<char> head, ref int length, char c)
    {
        var keep = char.IsAsciiLetterOrDigit(c) ? c : '-';
        if (keep != '-' || (length > 0 && head[length - 1] != '-'))
        {
            head[length++] = keep;
        }
    }

    private static void Hash(string[] parts, Span<char> text)
    {
        var digest = NameDigest.Of(parts);
        ulong bits = 0;
        for (var i = 0; i < 5; i++)
        {
            bits = (bits << 8) | digest[i];
        }

        for (var i = HashLength - 1; i >= 0; i--)
        {
            text[i] = Base32[(int)(bits & 31)];
            bits >>= 5;
        }
    }
}
