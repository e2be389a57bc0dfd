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

    /// <summary>
    /// The release <c>promote</c> wrote for a deployment (its image digest and model digest, as the source stack
    /// verified them), or null when the stack has none yet: deploy <c>release?.ImageSource ?? ImageSource.Build(...)</c>
    /// and <c>release?.Artifact(model) ?? model</c>. A half-written release is reported as invalid config.
    /// </summary>
    /// <param name="deployment">The deployment's name.</param>
    /// <returns>The release, or null.</returns>
    public Release? Release(string deployment)
    {
        ArgumentException.ThrowIfNullOrEmpty(deployment);
        return Hosting.Release.Read(Config, deployment);
    }
}
