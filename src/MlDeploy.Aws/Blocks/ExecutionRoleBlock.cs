using MlDeploy.Graph;

namespace MlDeploy.Aws.Blocks;

/// <summary>An IAM role trusted by one AWS service for this account, with one inline policy listing exactly what it may do.</summary>
internal static class ExecutionRoleBlock
{
    public static (Resource Role, Resource Policy) Create(AwsScope scope, string part, string servicePrincipal, string description, IEnumerable<PolicyStatement> statements)
    {
        var role = scope.Add(part, AwsTypes.Role, Value.Map(
            ("description", description),
            ("assumeRolePolicy", PolicyDocument.ServiceTrust(servicePrincipal, scope.Account)),
            ("maxSessionDuration", 3600),
            ("tags", scope.Tags)));
        var policy = scope.Add($"{part}-policy", AwsTypes.RolePolicy, Value.Map(
            ("role", role.Output("id")),
            ("policy", PolicyDocument.Json(statements))));
        return (role, policy);
    }
}
