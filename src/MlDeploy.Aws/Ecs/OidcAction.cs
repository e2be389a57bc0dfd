using MlDeploy.Graph;
using MlDeploy.Targets;

namespace MlDeploy.Aws.Ecs;

/// <summary>The ALB <c>authenticate-oidc</c> action (order 1) that runs before a forward or fixed response (order 2).</summary>
internal static class OidcAction
{
    /// <summary>The action, its client secret read from the secret config key; null without authentication.</summary>
    public static MapValue? Create(GraphScope scope, OidcAuthentication? oidc) => oidc is null
        ? null
        : Value.Map(
            ("type", "authenticate-oidc"),
            ("order", 1),
            ("authenticateOidc", Value.Map(
                ("issuer", oidc.Issuer),
                ("authorizationEndpoint", oidc.AuthorizationEndpoint),
                ("tokenEndpoint", oidc.TokenEndpoint),
                ("userInfoEndpoint", oidc.UserInfoEndpoint),
                ("clientId", oidc.ClientId),
                ("clientSecret", scope.Context.Graph.Config(new ConfigParameter(oidc.ClientSecretConfigKey, ConfigType.String, Secret: true))),
                ("onUnauthenticatedRequest", "deny"))));

    /// <summary>The actions of a listener or rule: <paramref name="action"/>, after <paramref name="authenticate"/> when there is one.</summary>
    public static ListValue Around(MapValue? authenticate, MapValue action) =>
        authenticate is null ? Value.List(action) : Value.List(authenticate, action.With("order", 2));
}
