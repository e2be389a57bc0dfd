using MlDeploy.Model;

namespace MlDeploy.Hosting;

/// <summary>What a stack program receives: which stack it is building and that stack's configuration.</summary>
/// <param name="Config">The stack's configuration.</param>
public sealed record StackContext(StackConfig Config)
{
    /// <summary>Gets the project name.</summary>
    public string Project => Config.Project;

    /// <summary>Gets the stack name.</summary>
    public string Stack => Config.Stack;

    /// <summary>Gets the environment profile from the <c>profile</c> config key (development unless set to production).</summary>
    public EnvironmentProfile Profile => Config.GetEnum("profile", EnvironmentProfile.Development);
}
