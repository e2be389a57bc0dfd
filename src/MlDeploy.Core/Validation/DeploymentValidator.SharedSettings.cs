using MlDeploy.Model;

namespace MlDeploy.Validation;

/// <summary>The cloud-neutral rules of the stack-level encryption keys and alert channels deployments share.</summary>
public static partial class DeploymentValidator
{
    // `at` is the key itself: a deployment's `encryption`, a channel's `key`, or `components[<name>]`.
    private static IEnumerable<Diagnostic> ValidateEncryptionKey(EncryptionKey key, DeploymentPath at)
    {
        if (string.IsNullOrEmpty(key.Name) || key.Name.Length > MaxNameLength || !DnsLabel().IsMatch(key.Name))
        {
            yield return at.Error("name", $"'{key.Name}' is not a valid encryption key name", $"use 1-{MaxNameLength} lowercase letters, digits and '-', starting with a letter and ending with a letter or digit");
        }

        if (key.DeletionWindowDays is < EncryptionKey.MinDeletionWindowDays or > EncryptionKey.MaxDeletionWindowDays)
        {
            yield return at.Error("deletionWindowDays", $"{key.DeletionWindowDays} is outside {EncryptionKey.MinDeletionWindowDays}-{EncryptionKey.MaxDeletionWindowDays}", "the key service keeps a deleted key 7 to 30 days (30, the default, leaves the most time to cancel a mistaken deletion)");
        }
    }

    // `at` is the channel itself: a deployment's `monitoring.channel`, or `components[<name>]`.
    private static IEnumerable<Diagnostic> ValidateAlertChannel(AlertChannel channel, DeploymentPath at, Platform platform)
    {
        if (string.IsNullOrEmpty(channel.Name) || channel.Name.Length > MaxNameLength || !DnsLabel().IsMatch(channel.Name))
        {
            yield return at.Error("name", $"'{channel.Name}' is not a valid alert channel name", $"use 1-{MaxNameLength} lowercase letters, digits and '-', starting with a letter and ending with a letter or digit");
        }

        foreach (var email in channel.Emails.Where(e => e is null || !Email().IsMatch(e)))
        {
            yield return at.Error($"emails[{email}]", email is null ? "is null" : $"'{email}' is not an e-mail address", "use name@example.com");
        }

        if (channel.Topic is { } topic)
        {
            if (string.IsNullOrWhiteSpace(topic))
            {
                yield return at.Error("topic", "is empty", "give the existing topic's ARN, or leave Topic null to let the channel create its topic");
            }

            if (!channel.Emails.IsEmpty)
            {
                yield return at.Error("emails", "e-mail addresses are given for an existing topic, which this stack does not own", "subscribe the addresses where the topic is created, or drop Topic to let the channel create its topic");
            }

            if (channel.Key is not null)
            {
                yield return at.Error("key", "a key is given for an existing topic, which is encrypted where it is created", "drop Key, or drop Topic to let the channel create a topic encrypted with the key");
            }
        }

        // Declared in Platform.Components, the key is validated once there.
        if (channel.Key is { } key && !platform.Components.Contains(key))
        {
            foreach (var problem in ValidateEncryptionKey(key, at.Under("key")))
            {
                yield return problem;
            }
        }
    }

    // A deployment's use of the stack's key and channel; ones declared in Platform.Components are validated there.
    private static IEnumerable<Diagnostic> ValidateSharedSettings(ModelDeployment d, DeploymentPath p, Platform platform)
    {
        if (d.Encryption is { } key && !platform.Components.Contains(key))
        {
            foreach (var problem in ValidateEncryptionKey(key, p.Under("encryption")))
            {
                yield return problem;
            }
        }

        if (d.Monitoring?.Channel is not { } channel)
        {
            yield break;
        }

        if (d.Monitoring.NotificationEmail is not null || d.Monitoring.NotificationTopic is not null)
        {
            var own = d.Monitoring.NotificationEmail is not null ? "monitoring.notificationEmail" : "monitoring.notificationTopic";
            yield return p.Error(
                "monitoring.channel",
                $"alert channel '{channel.Name}' is set together with {own}, so where the alarms notify is ambiguous",
                "keep Channel (the stack's shared channel) and remove NotificationEmail/NotificationTopic, or remove Channel to keep a topic of the deployment's own");
        }

        if (!platform.Components.Contains(channel))
        {
            foreach (var problem in ValidateAlertChannel(channel, p.Under("monitoring", "channel"), platform))
            {
                yield return problem;
            }
        }
    }

    // A key or channel is one component: every place naming it must describe the same one as the first place (the
    // component list, then the deployments in order), or the program would have to pick one of them silently.
    private static IEnumerable<Diagnostic> ValidateSharedDeclarations(Platform platform)
    {
        var keys = new Dictionary<string, (string DeclaredAt, EncryptionKey Key)>(StringComparer.Ordinal);
        var channels = new Dictionary<string, (string DeclaredAt, AlertChannel Channel)>(StringComparer.Ordinal);
        var uses = new List<(string At, EncryptionKey? Key, AlertChannel? Channel)>();
        foreach (var component in platform.Components)
        {
            if (component is EncryptionKey or AlertChannel && component.Name is not null)
            {
                uses.Add((DeploymentPath.OfComponent(component.Name).Root, component as EncryptionKey, component as AlertChannel));
            }

            if (component is AlertChannel { Key: { } channelKey, Name: { } channelName })
            {
                uses.Add((DeploymentPath.OfComponent(channelName).At("key"), channelKey, null));
            }
        }

        foreach (var d in platform.Deployments.Where(d => d is not null))
        {
            var p = DeploymentPath.Of(d.Name);
            uses.Add((p.At("encryption"), d.Encryption, null));
            uses.Add((p.At("monitoring", "channel"), null, d.Monitoring?.Channel));
            uses.Add((p.At("monitoring", "channel", "key"), d.Monitoring?.Channel?.Key, null));
        }

        foreach (var (at, key, channel) in uses)
        {
            if (key is { Name: { } keyName } && Conflict(keys, keyName, at, key) is { } earlierKey)
            {
                yield return new Diagnostic(at, $"encryption key '{keyName}' is declared with other settings than at {earlierKey}", "declare the key once and pass the same object everywhere it is used, or give the two keys different names");
            }

            if (channel is { Name: { } channelName } && Conflict(channels, channelName, at, channel) is { } earlierChannel)
            {
                yield return new Diagnostic(at, $"alert channel '{channelName}' is declared with other settings than at {earlierChannel}", "declare the channel once and pass the same object to every deployment, or give the two channels different names");
            }
        }

        // Their resources are named key-<name>-<part> and alerts-<name>-<part>: a deployment called the same would share names with them.
        foreach (var d in platform.Deployments.Where(d => d?.Name is not null))
        {
            var owner = d.Name.StartsWith("key-", StringComparison.Ordinal) && keys.ContainsKey(d.Name["key-".Length..]) ? $"encryption key '{d.Name["key-".Length..]}'"
                : d.Name.StartsWith("alerts-", StringComparison.Ordinal) && channels.ContainsKey(d.Name["alerts-".Length..]) ? $"alert channel '{d.Name["alerts-".Length..]}'"
                : null;
            if (owner is not null)
            {
                yield return DeploymentPath.Of(d.Name).Error("name", $"'{d.Name}' is also the resource-name prefix of {owner}, so their resources would share logical names", "rename the deployment, or the key or channel");
            }
        }
    }

    // Null when the name is new or names an equal declaration; otherwise where the first, different one was declared.
    private static string? Conflict<T>(Dictionary<string, (string DeclaredAt, T Value)> first, string name, string at, T value)
        where T : class
    {
        if (!first.TryGetValue(name, out var earlier))
        {
            first.Add(name, (at, value));
            return null;
        }

        return Equals(earlier.Value, value) ? null : earlier.DeclaredAt;
    }
}
