namespace MlDeploy.Aws.Ecs;

/// <summary>
/// Callers authenticate at the load balancer with an OpenID Connect identity provider before a request reaches the
/// server (the ALB <c>authenticate-oidc</c> action, on HTTPS listeners only). The client secret is read from a secret
/// stack config value, never written into the program.
/// </summary>
/// <param name="Issuer">The provider's issuer URL (https).</param>
/// <param name="AuthorizationEndpoint">The authorization endpoint (https).</param>
/// <param name="TokenEndpoint">The token endpoint (https).</param>
/// <param name="UserInfoEndpoint">The user info endpoint (https).</param>
/// <param name="ClientId">The client id registered with the provider.</param>
/// <param name="ClientSecretConfigKey">The secret stack config key holding the client secret (<c>pulumi config set --secret</c>).</param>
public sealed record OidcAuthentication(string Issuer, string AuthorizationEndpoint, string TokenEndpoint, string UserInfoEndpoint, string ClientId, string ClientSecretConfigKey);
