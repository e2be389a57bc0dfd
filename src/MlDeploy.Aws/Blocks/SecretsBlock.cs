using System.Collections.Immutable;
using MlDeploy.Graph;
using MlDeploy.Model;

namespace MlDeploy.Aws.Blocks;

/// <summary>A secret made available to the workload by identifier, with the right to read exactly that secret.</summary>
internal sealed record SecretBinding(string Name, Value Arn);

/// <summary>
/// Puts secrets into AWS Secrets Manager: secret config values become KMS-encrypted secrets whose value is read
/// from config at deploy time (never inlined); existing secrets are referenced by ARN.
/// </summary>
internal static class SecretsBlock
{
    public static ImmutableArray<SecretBinding> Create(AwsScope scope, Lazy<Resource> key)
    {
        var bindings = ImmutableArray.CreateBuilder<SecretBinding>();
        foreach (var secret in scope.Deployment.Secrets.OrderBy(s => s.Name, StringComparer.Ordinal))
        {
            switch (secret.Source)
            {
                case ConfigSecret c:
                    var part = $"secret-{secret.Name.ToLowerInvariant().Replace('_', '-')}";
                    var stored = scope.Add(part, AwsTypes.Secret, Value.Map(
                        ("description", $"{secret.Name} for {scope.Name}, from stack config '{c.Key}'"),
                        ("kmsKeyId", key.Value.Output("arn")),
                        ("tags", scope.Tags)));
                    var configValue = scope.Context.Graph.Config(new ConfigParameter(c.Key, ConfigType.String, Secret: true));
                    scope.Add($"{part}-value", AwsTypes.SecretVersion, Value.Map(
                        ("secretId", stored.Output("id")),
                        ("secretString", configValue)));
                    bindings.Add(new SecretBinding(secret.Name, stored.Output("arn")));
                    break;
                case StoredSecret s:
                    bindings.Add(new SecretBinding(secret.Name, s.Id));
                    break;
            }
        }

        return bindings.ToImmutable();
    }

    public static PolicyStatement? ReadAccess(ImmutableArray<SecretBinding> bindings) =>
        bindings.IsEmpty ? null : new PolicyStatement("ReadOwnSecrets", ["secretsmanager:GetSecretValue"], [.. bindings.Select(b => b.Arn)]);
}
