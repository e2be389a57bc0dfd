using System.Text.RegularExpressions;

namespace MlDeploy.Hosting;

/// <summary>The names Pulumi accepts for projects and stacks; anything else would end up in file and resource names.</summary>
internal static partial class Names
{
    /// <summary>Pulumi's rule for both: letters, digits, '-', '_' and '.', at most 100 characters.</summary>
    public const string Rule = "use 1-100 letters, digits, '-', '_' or '.'";

    /// <summary>Whether a stack or project name is one Pulumi accepts.</summary>
    /// <param name="name">The name.</param>
    /// <returns>True when valid.</returns>
    public static bool IsValid(string? name) => name is not null && Name().IsMatch(name);

    [GeneratedRegex(@"\A[A-Za-z0-9_.\-]{1,100}\z")]
    private static partial Regex Name();
}
