using MlDeploy.Aws.Blocks;
using MlDeploy.Graph;

namespace MlDeploy.Aws.Ecs;

/// <summary>A deployment's listener rule: its conditions, then (after authentication, if any) a forward to its target groups.</summary>
internal static class FargateListenerRules
{
    /// <summary>The answer to a request that reaches no deployment.</summary>
    public static MapValue NotFound { get; } = Value.Map(("type", "fixed-response"), ("fixedResponse", Value.Map(("contentType", "text/plain"), ("messageBody", "not found"), ("statusCode", "404"))));

    /// <summary>
    /// Adds <c>&lt;deployment&gt;-listener-rule</c>. With two target groups the forward is weighted (100/0) and ECS moves
    /// the weights during blue/green, canary and linear deployments, so the program ignores later changes of the actions.
    /// </summary>
    public static Resource Create(AwsScope scope, Resource listener, int priority, ListValue conditions, MapValue? authenticate, Resource blue, Resource? green)
    {
        var forward = green is null
            ? Value.Map(("type", "forward"), ("targetGroupArn", blue.Output("arn")))
            : Value.Map(
                ("type", "forward"),
                ("forward", Value.Map(("targetGroups", Value.List(
                    Value.Map(("arn", blue.Output("arn")), ("weight", 100)),
                    Value.Map(("arn", green.Output("arn")), ("weight", 0)))))));
        return scope.Add(
            "listener-rule",
            AwsTypes.ListenerRule,
            Value.Map(
                ("listenerArn", listener.Output("arn")),
                ("priority", priority),
                ("conditions", conditions),
                ("actions", OidcAction.Around(authenticate, forward)),
                ("tags", scope.Tags)),
            green is null ? null : new ResourceOptions { IgnoreChanges = ["actions"] });
    }
}
