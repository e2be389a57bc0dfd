namespace MlDeploy.Model;

/// <summary>A deployment target. Each target's options record derives from this and lives with its planner.</summary>
public abstract record DeploymentTarget
{
    /// <summary>Gets the cloud the target runs in.</summary>
    public abstract Cloud Cloud { get; }

    /// <summary>Gets the human-readable target name used in messages and plans (e.g. "SageMaker real-time endpoint").</summary>
    public abstract string DisplayName { get; }
}
