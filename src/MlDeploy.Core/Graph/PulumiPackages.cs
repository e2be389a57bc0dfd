namespace MlDeploy.Graph;

/// <summary>
/// The provider packages and the exact versions every synthesized program pins. They must equal the versions in
/// tests/conformance/package.json, which the conformance tests type-check against (a test compares them).
/// </summary>
public static class PulumiPackages
{
    /// <summary>Gets the AWS classic provider.</summary>
    public static PackageRef Aws { get; } = new("aws", "7.48.0");

    /// <summary>Gets the Azure native provider.</summary>
    public static PackageRef AzureNative { get; } = new("azure-native", "3.28.0");

    /// <summary>Gets the Google Cloud provider.</summary>
    public static PackageRef Gcp { get; } = new("gcp", "9.37.0");

    /// <summary>Gets the Kubernetes provider.</summary>
    public static PackageRef Kubernetes { get; } = new("kubernetes", "4.34.2");

    /// <summary>Gets the docker-build provider.</summary>
    public static PackageRef DockerBuild { get; } = new("docker-build", "0.0.22");

    /// <summary>Gets the random provider.</summary>
    public static PackageRef Random { get; } = new("random", "4.21.2");

    /// <summary>Gets the command provider.</summary>
    public static PackageRef Command { get; } = new("command", "4.5.0");

    /// <summary>Gets the engine's built-in resources (<c>pulumi:pulumi:StackReference</c>): no plugin, no version.</summary>
    public static PackageRef Builtin { get; } = new("pulumi", string.Empty);

    /// <summary>Gets the built-in resource that reads another stack's outputs.</summary>
    public static ResourceType StackReference { get; } = new("pulumi:pulumi:StackReference", Builtin);

    /// <summary>Gets every provider package the SDK may emit (the plugins it pins; <see cref="Builtin"/> is none).</summary>
    public static IReadOnlyList<PackageRef> All { get; } = [Aws, AzureNative, Gcp, Kubernetes, DockerBuild, Random, Command];
}
