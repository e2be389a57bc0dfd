namespace MlDeploy.Model;

/// <summary>A deployment target. Each target's options record derives from this and lives with its planner.</summary>
public abstract record DeploymentTarget
{
    /// <summary>Gets the cloud the target runs in.</summary>
    public abstract Cloud Cloud { get; }

    /// <summary>Gets the human-readable target name used in messages and plans (e.g. "SageMaker real-time endpoint").</summary>
    public abstract string DisplayName { get; }

    /// <summary>
    /// Gets the target's own identifiers (load balancer subnets, a cluster's subnets) with their paths under
    /// <c>target</c>, so validation and the plan treat literal and stack-referenced values alike on every target.
    /// </summary>
    /// <returns>The identifiers, e.g. <c>("loadBalancerSubnetIds[0]", ...)</c>.</returns>
    public virtual IEnumerable<KeyValuePair<string, Identifier>> Identifiers() => [];
}
