namespace MlDeploy.Verification;

/// <summary>
/// Reads one kind of target's live state through its cloud's API after <c>pulumi up</c> and compares it with the
/// stack's outputs (the <c>verify</c> verb). Registered per target record type in a <c>TargetPack</c>, like planners,
/// so the host runs it without knowing the cloud.
/// </summary>
public interface ILiveCheck
{
    /// <summary>Gets the target record type whose deployments this checks.</summary>
    Type TargetType { get; }

    /// <summary>Checks one deployment; failures of the cloud's API are reported as failed checks, not thrown.</summary>
    /// <param name="context">The deployment, its outputs and the process environment.</param>
    /// <param name="cancellationToken">Cancels the calls.</param>
    /// <returns>Every check, in the order they ran.</returns>
    Task<IReadOnlyList<CheckResult>> CheckAsync(LiveCheckContext context, CancellationToken cancellationToken);
}
