namespace MlDeploy.Model;

/// <summary>A secret the server needs, exposed under <see cref="Name"/>. The program never contains its value.</summary>
/// <param name="Name">The environment variable name the server reads (on platforms without secret injection, the variable carries the secret's identifier instead).</param>
/// <param name="Source">Where the secret value lives.</param>
public sealed record SecretReference(string Name, SecretSource Source);

/// <summary>Where a secret value lives.</summary>
public abstract record SecretSource
{
    /// <summary>A secret stack config value (<c>pulumi config set --secret</c>), read by the program through a config reference.</summary>
    /// <param name="key">The config key without the project prefix.</param>
    /// <returns>The source (a <see cref="ConfigSecret"/>; typed as the base record so a conditional choosing between sources needs no cast).</returns>
    public static SecretSource Config(string key) => new ConfigSecret(key);

    /// <summary>An existing secret in the cloud's secret store (AWS Secrets Manager ARN, Key Vault secret id, Secret Manager name).</summary>
    /// <param name="id">The identifier.</param>
    /// <returns>The source (a <see cref="StoredSecret"/>).</returns>
    public static SecretSource Store(string id) => new StoredSecret(id);
}

/// <summary>A secret stack config value.</summary>
/// <param name="Key">The config key.</param>
public sealed record ConfigSecret(string Key) : SecretSource;

/// <summary>A secret in the cloud's secret store.</summary>
/// <param name="Id">The identifier.</param>
public sealed record StoredSecret(string Id) : SecretSource;
