using MlDeploy.Graph;
using MlDeploy.Model;
using MlDeploy.Targets;

namespace MlDeploy.Azure.Blocks;

/// <summary>
/// One deployment's view of the graph on Azure: the shared <see cref="DeploymentScope"/> with Azure's tag rules, the
/// region every resource is placed in, the resource group (an existing one by name, or the deployment's own), and the
/// subscription read once per program through <c>getClientConfig</c> (role definition ids are subscription-scoped).
/// </summary>
internal sealed class AzureScope : DeploymentScope
{
    public AzureScope(ModelDeployment deployment, PlanContext context, string location, string? existingResourceGroup)
        : base(deployment, context, AzureTagPolicy.Instance)
    {
        Location = location;
        Client = context.Graph.GetOrAdd(new Invoke("azure-client-config", AzureTypes.GetClientConfig, MapValue.Empty));
        if (existingResourceGroup is { } existing)
        {
            ResourceGroupName = existing;
        }
        else
        {
            // Resource group names: 1-90 characters (ARM naming rules for Microsoft.Resources).
            var group = Add("rg", AzureTypes.ResourceGroup, Value.Map(
                ("resourceGroupName", PhysicalName(90)),
                ("location", location),
                ("tags", Tags)));
            ResourceGroupName = group.Output("name");
        }
    }

    /// <summary>Gets the Azure region, e.g. <c>westeurope</c>.</summary>
    public string Location { get; }

    /// <summary>Gets the resource group's name (a literal, or the created group's output).</summary>
    public Value ResourceGroupName { get; }

    /// <summary>Gets the <c>getClientConfig</c> invoke (subscription, tenant, the deployer's object id).</summary>
    public Invoke Client { get; }

    /// <summary>The full id of a built-in role definition in this subscription.</summary>
    public Value RoleDefinition(string roleId) =>
        Value.Format($"/subscriptions/{Client.Output("subscriptionId")}/providers/Microsoft.Authorization/roleDefinitions/{roleId}");

    /// <summary>The properties every regional resource of the deployment starts with.</summary>
    public MapValue Placed(params (string Key, Value? Value)[] entries) =>
        Value.Map([("resourceGroupName", ResourceGroupName), ("location", Location), .. entries, ("tags", Tags)]);
}
