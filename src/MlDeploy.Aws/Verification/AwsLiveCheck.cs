using MlDeploy.Model;
using MlDeploy.Verification;

namespace MlDeploy.Aws.Verification;

/// <summary>What the AWS live checks share: the API client they read through, and the region taken from an ARN output.</summary>
/// <typeparam name="TTarget">The target record type checked.</typeparam>
public abstract class AwsLiveCheck<TTarget> : ILiveCheck
    where TTarget : DeploymentTarget
{
    private readonly Func<LiveCheckContext, string?, IAwsServingApi> _api;

    /// <summary>Initializes a new instance of the <see cref="AwsLiveCheck{TTarget}"/> class.</summary>
    /// <param name="api">Creates the API client for a deployment and region; null for <see cref="AwsServingClient"/>.</param>
    protected AwsLiveCheck(Func<LiveCheckContext, string?, IAwsServingApi>? api) =>
        _api = api ?? ((context, region) => new AwsServingClient(context.Http, context.GetEnvironmentVariable, region));

    /// <inheritdoc/>
    public Type TargetType => typeof(TTarget);

    /// <inheritdoc/>
    public Task<IReadOnlyList<CheckResult>> CheckAsync(LiveCheckContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        return CheckAsync(context, _api(context, RegionOf(context.Outputs)), cancellationToken);
    }

    /// <summary>Checks one deployment through the API.</summary>
    /// <param name="context">The deployment and its outputs.</param>
    /// <param name="api">The API client.</param>
    /// <param name="cancellationToken">Cancels the calls.</param>
    /// <returns>Every check.</returns>
    protected abstract Task<IReadOnlyList<CheckResult>> CheckAsync(LiveCheckContext context, IAwsServingApi api, CancellationToken cancellationToken);

    /// <summary>Gets the output's key whose value is an ARN naming the resources' region.</summary>
    protected abstract string ArnOutput { get; }

    /// <summary>The smoke check's result when the deployment declares no smoke test.</summary>
    /// <param name="deployment">The deployment.</param>
    /// <returns>The skipped check.</returns>
    protected static CheckResult NoSmokeTest(ModelDeployment deployment)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        return CheckResult.Skip(deployment.Name, SmokeCheck.Name, "no smoke test declared (set ModelDeployment.Smoke)");
    }

    // The resources live where their ARN says, whatever region the verifier's own profile names.
    private string? RegionOf(DeploymentOutputs outputs) =>
        outputs.Get(ArnOutput) is { } arn && arn.Split(':') is ["arn", _, _, { Length: > 0 } region, ..] ? region : null;
}
