namespace MlDeploy.Graph;

/// <summary>A Pulumi provider package and the exact version the program pins.</summary>
/// <param name="Name">The package name as it appears in type tokens (<c>aws</c>, <c>docker-build</c>).</param>
/// <param name="Version">The exact version; the conformance tests check against the same one.</param>
public sealed record PackageRef(string Name, string Version);
