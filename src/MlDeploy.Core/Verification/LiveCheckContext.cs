using MlDeploy.Model;

namespace MlDeploy.Verification;

/// <summary>What a live check gets for one deployment.</summary>
/// <param name="Deployment">The deployment as the stack program declares it.</param>
/// <param name="Outputs">Its stack outputs, keyed without the deployment prefix (<c>endpoint-name</c>).</param>
/// <param name="GetEnvironmentVariable">Reads the verifying process's environment (credentials, region, endpoint overrides).</param>
/// <param name="Http">The HTTP client for the run (owned by the host).</param>
public sealed record LiveCheckContext(ModelDeployment Deployment, DeploymentOutputs Outputs, Func<string, string?> GetEnvironmentVariable, HttpClient Http);
