using System.Collections.Immutable;
using MlDeploy.Validation;

namespace MlDeploy.Hosting.Pipelines;

/// <summary>The stacks a change goes through on the main branch: deployed and verified in one, then promoted to the other.</summary>
/// <param name="From">The stack deployed first (staging).</param>
/// <param name="To">The protected stack it is promoted to (prod).</param>
internal sealed record Promotion(string From, string To)
{
    /// <summary>Reads <c>--promote &lt;from&gt;:&lt;to&gt;</c>, or picks staging:prod when the option is absent and both exist.</summary>
    /// <param name="option">The option's value, or null.</param>
    /// <param name="stacks">The project's stacks.</param>
    /// <returns>The promotion path.</returns>
    /// <exception cref="InvalidInputException">The value is malformed or names a stack without a config file.</exception>
    public static Promotion Resolve(string? option, ImmutableArray<string> stacks)
    {
        var known = $"known stacks: {string.Join(", ", stacks)}";
        if (option is null)
        {
            // The convention the README and the promote verb use; any other pair must be said, not guessed.
            return stacks.Contains("staging") && stacks.Contains("prod")
                ? new Promotion("staging", "prod")
                : throw new InvalidInputException(new Diagnostic("--promote", "is required: the project has no staging and prod stacks to promote between", $"name the path, e.g. --promote <from>:<to>; {known}"));
        }

        var where = $"--promote {option}";
        var parts = option.Split(':');
        if (parts.Length != 2 || !Names.IsValid(parts[0]) || !Names.IsValid(parts[1]))
        {
            throw new InvalidInputException(new Diagnostic(where, "is not <from>:<to>", $"name two stacks, e.g. --promote staging:prod; {known}"));
        }

        if (parts[0] == parts[1])
        {
            throw new InvalidInputException(new Diagnostic(where, "promotes a stack to itself", "name two different stacks, e.g. --promote staging:prod"));
        }

        var missing = parts.Where(p => !stacks.Contains(p)).ToList();
        return missing.Count == 0
            ? new Promotion(parts[0], parts[1])
            : throw new InvalidInputException(new Diagnostic(where, $"names {string.Join(" and ", missing.Select(m => $"'{m}'"))}, which has no stacks/Pulumi.<stack>.yaml", known));
    }
}
