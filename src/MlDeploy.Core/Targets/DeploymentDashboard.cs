namespace MlDeploy.Targets;

/// <summary>The one dashboard of a deployment.</summary>
/// <param name="Deployment">The deployment.</param>
/// <param name="Resource">The dashboard resource's logical name.</param>
public sealed record DeploymentDashboard(string Deployment, string Resource);
