namespace MlDeploy.Tests.Support;

/// <summary>A fact that runs only where Graphviz's <c>dot</c> is on the PATH, and says it was skipped otherwise.</summary>
public sealed class GraphvizFactAttribute : FactAttribute
{
    /// <summary>Initializes the attribute, skipping when <c>dot</c> is not installed.</summary>
    public GraphvizFactAttribute()
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        if (!path.Split(Path.PathSeparator).Any(dir => dir.Length > 0 && File.Exists(Path.Combine(dir, "dot"))))
        {
            Skip = "Graphviz's dot is not installed: the DOT output is checked by the tests above only";
        }
    }
}
