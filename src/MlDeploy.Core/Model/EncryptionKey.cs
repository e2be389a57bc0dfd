namespace MlDeploy.Model;

/// <summary>
/// A customer-managed encryption key declared once for the stack and passed to any number of deployments
/// (<see cref="ModelDeployment.Encryption"/>) and alert channels (<see cref="AlertChannel.Key"/>) instead of a key per
/// deployment. It encrypts what each deployment's own key would (repository, artifact bucket, captured data, volumes,
/// secrets, log group, alert topic); its policy admits exactly what those deployments need. Listed in
/// <see cref="Platform.Components"/> it is created and exported even when nothing uses it.
/// </summary>
/// <param name="Name">The key's name, a DNS label unique among the stack's shared keys: its resources are named after it, never after a deployment.</param>
public sealed record EncryptionKey(string Name) : IPlatformComponent
{
    /// <summary>The shortest deletion window the key service accepts, in days.</summary>
    public const int MinDeletionWindowDays = 7;

    /// <summary>The longest deletion window the key service accepts, in days (also the default).</summary>
    public const int MaxDeletionWindowDays = 30;

    /// <summary>Gets how many days a deleted key can still be recovered (7-30): everything it encrypted is unreadable once it is gone.</summary>
    public int DeletionWindowDays { get; init; } = MaxDeletionWindowDays;
}
