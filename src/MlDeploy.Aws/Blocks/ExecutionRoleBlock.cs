using MlDeploy.Graph;

namespace MlDeploy.Aws.Blocks;

/// <summary>An IAM role trusted by one AWS service for this account, with one inline policy listing exactly what it may do.</summary>
internal static class ExecutionRoleBlock
{
    // limitToAccount: false only for services that pass no source account when they assume the role (the ECS infrastructure role).
    public static (Resource Role, Resource Policy) Create(AwsScope scope, string part, string servicePrincipal, string description, IEnumerable<PolicyStatement> statements, bool limitToAccount = true)
    {
        var role = scope.Add(part, AwsTypes.Role, Value.Map(
            ("description", description),
            ("assumeRolePolicy", limitToAccount ? PolicyDocument.ServiceTrust(servicePrincipal, scope.Account) : PolicyDocument.ServiceTrust(servicePrincipal, null, "sts:AssumeRole")),
            ("maxSessionDuration", 3600),
            ("tags", scope.Tags)));
        var policy = scope.Add($"{part}-policy", AwsTypes.RolePolicy, Value.Map(
            ("role", role.Output("id")),
            ("policy", PolicyDocument.Json(statements))));
        return (role, policy);
    }
}
