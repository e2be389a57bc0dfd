using System.Text;
using MlDeploy.Validation;

namespace MlDeploy.Hosting.Graphs;

/// <summary>
/// Finds and reads the Mermaid browser bundle that <c>graph --format html</c> inlines (decision 41). The SDK cannot ship
/// it (no third-party code is vendored into the repository) and the page must not fetch it (it has to open offline), so
/// the user names a copy they installed: <c>--mermaid-js &lt;file&gt;</c>, else the <c>MLDEPLOY_MERMAID_JS</c> variable.
/// </summary>
internal static class MermaidScript
{
    /// <summary>The environment variable naming the bundle when <c>--mermaid-js</c> is not given.</summary>
    public const string EnvironmentVariable = "MLDEPLOY_MERMAID_JS";

    /// <summary>The Mermaid version the page is tested with (tests/conformance/package.json).</summary>
    public const string TestedVersion = "12.3.0";

    private const string Install = $"npm install mermaid@{TestedVersion}, then pass --mermaid-js node_modules/mermaid/dist/mermaid.min.js or set {EnvironmentVariable}";

    /// <summary>Resolves where the bundle is, without reading it.</summary>
    /// <param name="host">The process's environment and working folder.</param>
    /// <param name="option">The <c>--mermaid-js</c> value, or null.</param>
    /// <returns>The full path and how messages name it.</returns>
    /// <exception cref="InvalidInputException">Neither names a file.</exception>
    public static (string Path, string Shown) Locate(HostEnvironment host, string? option)
    {
        var (value, shown) = option is not null
            ? (option, $"--mermaid-js {option}")
            : host.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } fromEnvironment
                ? (fromEnvironment, $"{EnvironmentVariable}={fromEnvironment}")
                : throw new InvalidInputException(new Diagnostic("--format html", "needs Mermaid's browser bundle to inline, so the page renders offline", Install));
        try
        {
            var path = value.Trim().Length == 0 ? throw new ArgumentException("empty", nameof(option)) : System.IO.Path.GetFullPath(System.IO.Path.Combine(host.WorkingDirectory, value));
            return File.Exists(path)
                ? (path, shown)
                : throw new InvalidInputException(new Diagnostic(shown, Directory.Exists(path) ? "is a folder, not Mermaid's browser bundle" : "does not exist", Install));
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new InvalidInputException(new Diagnostic(shown, "is not a usable file path", Install));
        }
    }

    /// <summary>Reads the bundle.</summary>
    /// <param name="located">What <see cref="Locate"/> returned.</param>
    /// <returns>Its source.</returns>
    /// <exception cref="InvalidInputException">It cannot be read, or is plainly not Mermaid.</exception>
    public static string Read((string Path, string Shown) located)
    {
        string script;
        try
        {
            script = File.ReadAllText(located.Path, Encoding.UTF8);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidInputException(new Diagnostic(located.Shown, "cannot be read", "check the file's permissions"));
        }

        // Not a proof, only a guard against passing the wrong file (a package.json, the ESM build's small entry point):
        // the browser bundle defines the global the page calls.
        return script.Contains("globalThis[\"mermaid\"]", StringComparison.Ordinal) || script.Contains("globalThis.mermaid", StringComparison.Ordinal)
            ? script
            : throw new InvalidInputException(new Diagnostic(located.Shown, "is not Mermaid's browser bundle (it defines no global mermaid)", Install));
    }
}
