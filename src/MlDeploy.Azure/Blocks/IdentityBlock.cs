using MlDeploy.Graph;

namespace MlDeploy.Azure.Blocks;

/// <summary>The deployment's user-assigned managed identity and the role assignments that are its only rights.</summary>
internal static class IdentityBlock
{
    public static Resource Create(AzureScope scope) =>
        scope.Add("identity", AzureTypes.UserAssignedIdentity, scope.Placed(("resourceName", scope.PhysicalName(128, "identity"))));

    /// <summary>
    /// Grants one built-in role to the identity on exactly one scope. The assignment's name is a GUID derived from what
    /// identifies it (decision 31), so it is stable across runs; it is deleted before it is replaced, because Azure
    /// refuses a second assignment of the same role to the same principal on the same scope.
    /// </summary>
    /// <param name="scope">The deployment.</param>
    /// <param name="part">The assignment's part name, e.g. <c>acr-pull</c>.</param>
    /// <param name="target">The id of the one resource the role applies to.</param>
    /// <param name="targetName">What that resource is, for the name and the description (e.g. <c>registry</c>).</param>
    /// <param name="roleId">The built-in role's id (<see cref="AzureRoles"/>).</param>
    /// <param name="identity">The identity.</param>
    /// <param name="condition">An ABAC condition (version 2.0) narrowing the role within the scope, or null.</param>
    public static Resource Grant(AzureScope scope, string part, Value target, string targetName, string roleId, Resource identity, string? condition = null) =>
        GrantTo(scope, part, target, targetName, roleId, identity.Output("principalId"), "identity", condition);

    /// <summary>As <see cref="Grant"/>, for another principal of the deployment's (e.g. an AKS cluster's kubelet identity).</summary>
    /// <param name="scope">The deployment.</param>
    /// <param name="part">The assignment's part name.</param>
    /// <param name="target">The id of the one resource the role applies to.</param>
    /// <param name="targetName">What that resource is.</param>
    /// <param name="roleId">The built-in role's id.</param>
    /// <param name="principalId">The principal's object id.</param>
    /// <param name="principal">What the principal is, for the name and the description (e.g. <c>kubelet</c>).</param>
    /// <param name="condition">An ABAC condition (version 2.0) narrowing the role within the scope, or null.</param>
    public static Resource GrantTo(AzureScope scope, string part, Value target, string targetName, string roleId, Value principalId, string principal, string? condition = null) =>
        scope.Add(
            part,
            AzureTypes.RoleAssignment,
            Value.Map(
                ("roleAssignmentName", AzureNames.Guid(scope.Context.Project, scope.Context.Stack, scope.Deployment.Name, targetName, roleId, principal)),
                ("principalId", principalId),

                // A new identity's service principal may not have replicated yet; the type lets ARM skip that lookup (TARGETS.md 11.2).
                ("principalType", "ServicePrincipal"),
                ("roleDefinitionId", scope.RoleDefinition(roleId)),
                ("scope", target),
                ("condition", condition is null ? null : (Value)condition),
                ("conditionVersion", condition is null ? null : (Value)"2.0"),
                ("description", $"{AzureRoles.Name(roleId)} on the {targetName} of {scope.Name}, for its {principal} only")),
            new ResourceOptions { DeleteBeforeReplace = true });
}
