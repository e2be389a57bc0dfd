namespace MlDeploy.Costs;

/// <summary>
/// Reads the billable usage of one deployment from what its target's planner emitted (registered per target record type
/// in <see cref="Targets.TargetPack.CostModels"/>, like planners). It runs only for <c>cost</c> and <c>plan</c>, never
/// on the compile path.
/// </summary>
public interface ICostModel
{
    /// <summary>Gets the target record type it reads.</summary>
    Type TargetType { get; }

    /// <summary>Reads the deployment's usage.</summary>
    /// <param name="input">The deployment, graph and config.</param>
    /// <returns>The usage.</returns>
    CostUsage Usage(CostInput input);
}

/// <summary>Base of a target's cost model, dispatched by target record type.</summary>
/// <typeparam name="TTarget">The target record type.</typeparam>
public abstract class CostModel<TTarget> : ICostModel
    where TTarget : Model.DeploymentTarget
{
    /// <inheritdoc/>
    public Type TargetType => typeof(TTarget);

    /// <inheritdoc/>
    public CostUsage Usage(CostInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return Usage(input, (TTarget)input.Deployment.Target);
    }

    /// <summary>Reads the deployment's usage.</summary>
    /// <param name="input">The deployment, graph and config.</param>
    /// <param name="target">The target record.</param>
    /// <returns>The usage.</returns>
    protected abstract CostUsage Usage(CostInput input, TTarget target);
}
