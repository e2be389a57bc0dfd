using System.Globalization;
using MlDeploy.Graph;

namespace MlDeploy.Azure.MachineLearning;

/// <summary>
/// The endpoint's traffic, set after the deployment exists. <c>OnlineEndpoint.properties.traffic</c> may name only
/// deployments that already exist, and the deployment needs the endpoint first (TARGETS.md 4.3), so no one resource can
/// hold both; azure-native has no traffic resource. A <c>command:local:Command</c> that depends on the deployment runs
/// <c>az ml online-endpoint update --traffic</c> once the deployment is healthy, then retires every deployment of the
/// endpoint that no longer takes traffic. Its triggers are the traffic, the revision and what rewrites the endpoint, so
/// it runs again whenever any of them changes (docs/AZURE-RUNTIME.md facts 20-21).
/// </summary>
/// <remarks>
/// Sources: Azure/azureml-examples#2905 sets traffic with a separate <c>az ml online-endpoint update --traffic</c> after the
/// deployment is created; hashicorp/terraform-provider-azurerm#32011 leaves <c>traffic</c> out of its endpoint resource
/// because it "can't be set at the time of endpoint creation"; azure-native 3.28's machinelearningservices module has no
/// traffic resource (type declarations).
/// </remarks>
internal static class AzureMlTraffic
{
    /// <summary>The weights as <c>az ml online-endpoint update --traffic</c> takes them, in a stable order: <c>name=percent ...</c>.</summary>
    public static string Spec(IReadOnlyList<(string Deployment, int Percent)> weights) =>
        string.Join(' ', weights.OrderBy(w => w.Deployment, StringComparer.Ordinal).Select(w => string.Create(CultureInfo.InvariantCulture, $"{w.Deployment}={w.Percent}")));

    /// <summary>
    /// The shell script: set the traffic, then delete each deployment of the endpoint that is not in it (Azure refuses to
    /// delete a deployment that still takes traffic, so this happens only after the shift). The names come from the
    /// environment, so nothing in the script is interpolated.
    /// </summary>
    public const string Script =
        "set -eu\n" +
        "az ml online-endpoint update --only-show-errors --output none --subscription \"$SUBSCRIPTION\" --resource-group \"$RESOURCE_GROUP\" --workspace-name \"$WORKSPACE\" --name \"$ENDPOINT\" --traffic $TRAFFIC\n" +
        "for old in $(az ml online-deployment list --only-show-errors --subscription \"$SUBSCRIPTION\" --resource-group \"$RESOURCE_GROUP\" --workspace-name \"$WORKSPACE\" --endpoint-name \"$ENDPOINT\" --query \"[].name\" --output tsv); do\n" +
        "  case \" $KEEP \" in *\" $old \"*) ;; *) az ml online-deployment delete --only-show-errors --yes --no-wait --subscription \"$SUBSCRIPTION\" --resource-group \"$RESOURCE_GROUP\" --workspace-name \"$WORKSPACE\" --endpoint-name \"$ENDPOINT\" --name \"$old\" ;; esac\n" +
        "done\n";

    /// <summary>The names the traffic keeps, space-separated.</summary>
    public static string Keep(IReadOnlyList<(string Deployment, int Percent)> weights) =>
        string.Join(' ', weights.Select(w => w.Deployment).Order(StringComparer.Ordinal));

    /// <summary>The weights: all to the revision, or the stable deployment's share next to the revision's.</summary>
    public static IReadOnlyList<(string Deployment, int Percent)> Weights(string revision, string? stable, int newPercent) =>
        stable is null || stable == revision
            ? [(revision, 100)]
            : [(stable, 100 - newPercent), (revision, newPercent)];

    /// <summary>The triggers: a change to any of them replaces the command, which runs the script again.</summary>
    public static ListValue Triggers(string spec, Value deploymentId, Value endpointTags, Value publicNetworkAccess, Value authMode) =>
        Value.List(spec, deploymentId, endpointTags, publicNetworkAccess, authMode);
}
