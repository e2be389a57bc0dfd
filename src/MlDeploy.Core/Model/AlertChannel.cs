using System.Collections.Immutable;

namespace MlDeploy.Model;

/// <summary>
/// Where the alarms of any number of deployments notify (<see cref="Monitoring.Channel"/>), declared once for the stack:
/// one encrypted topic with one subscription per e-mail address, or an existing topic another stack owns. Listed in
/// <see cref="Platform.Components"/> it is created and exported even when no deployment uses it.
/// </summary>
/// <param name="Name">The channel's name, a DNS label unique among the stack's alert channels: its resources are named after it.</param>
/// <remarks>
/// Replaces a deployment's own <see cref="Monitoring.NotificationEmail"/> / <see cref="Monitoring.NotificationTopic"/>;
/// a deployment sets either those or a channel. Two channels compare by value, e-mail addresses included.
/// </remarks>
public sealed record AlertChannel(string Name) : IPlatformComponent
{
    private readonly ImmutableArray<string> _emails = [];

    /// <summary>
    /// Gets the e-mail addresses subscribed to the channel's topic, stored sorted and each once so the program never
    /// depends on the order they are given in. Empty creates the topic without subscriptions.
    /// </summary>
    public ImmutableArray<string> Emails
    {
        get => _emails;

        // `default` reads as "none"; null entries are kept for validation to name.
        init => _emails = value.IsDefault ? [] : [.. value.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
    }

    /// <summary>Gets an existing topic's ARN the alarms notify instead of a topic the channel creates (then no e-mail or key is given here).</summary>
    public string? Topic { get; init; }

    /// <summary>Gets the shared key that encrypts the channel's topic; null gives the channel a key of its own.</summary>
    public EncryptionKey? Key { get; init; }

    /// <summary>Whether two channels are the same: same name, addresses, topic and key.</summary>
    /// <param name="other">The other channel.</param>
    /// <returns>True when equal.</returns>
    public bool Equals(AlertChannel? other) =>
        other is not null && Name == other.Name && Topic == other.Topic && Key == other.Key && _emails.SequenceEqual(other._emails);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Name, Topic, Key, _emails.Length);
}
