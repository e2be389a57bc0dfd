namespace MlDeploy.Graph;

/// <summary>A Pulumi provider package and the exact version the program pins.</summary>
/// <param name="Name">The package name as it appears in type tokens (<c>aws</c>, <c>docker-build</c>).</param>
/// <param name="Version">The exact version; the conformance tests check against the same one.</param>
public sealed record PackageRef(string Name, string Version)
{
    /// <summary>
    /// Gets a value indicating whether the package is the engine's own (<c>pulumi:pulumi:*</c>, e.g. StackReference):
    /// no plugin to install and no version to pin.
    /// </summary>
    public bool IsBuiltin => Name == PulumiPackages.Builtin.Name;
}
