using MlDeploy.Graph;
using MlDeploy.Model;
using MlDeploy.Pipeline;
using MlDeploy.Tests.Support;
using MlDeploy.Writers;
using static MlDeploy.Tests.Aws.SharedKeySamples;

namespace MlDeploy.Tests.Aws;

/// <summary>Issue 13: a stack-level encryption key and alert channel shared by deployments instead of per-deployment ones.</summary>
public class SharedKeyAndAlertsTests
{
    private const string LogsSid = "AllowCloudWatchLogsForItsDeploymentsLogGroups";
    private const string AlarmsSid = "AllowCloudWatchAlarmsToUseTheTopicKey";

    [Fact]
    public void Synthesize_TenDeploymentsSharingAKeyAndAChannel_CreateOneKeyAndOneTopic()
    {
        var s = Synthesize(Ten());

        Assert.Equal(["key-ml-key"], Names(s, "aws:kms/key:Key"));
        Assert.Equal(["alerts-ml-oncall-topic"], Names(s, "aws:sns/topic:Topic"));
        Assert.Equal(2, Names(s, "aws:sns/topicSubscription:TopicSubscription").Count);
        Assert.All(Names(s, "aws:sns/topicSubscription:TopicSubscription"), n => Assert.StartsWith("alerts-ml-oncall-email-", n, StringComparison.Ordinal));
        Assert.Null(Single(s, "key-ml-key").Owner);
        Assert.Equal("${key-ml-key.arn}", Program(s).Split('\n').Single(l => l.StartsWith("      kmsMasterKeyId:", StringComparison.Ordinal)).Split(": ")[1]);
    }

    [Fact]
    public void Synthesize_SharedKey_AdmitsCloudWatchLogsForExactlyItsDeploymentsLogGroups()
    {
        var s = Synthesize(Ten());

        var logGroups = s.Graph.Resources.Where(r => r.Type.Token == "aws:cloudwatch/logGroup:LogGroup").Select(r => ValuePath.GetString(r.Properties, "name")!).ToList();
        Assert.Equal(8, logGroups.Count);
        Assert.Equal(logGroups.Order(StringComparer.Ordinal), LogGroupsAdmittedBy(s, "key-ml-key"));
        Assert.Equal(["EnableIamPoliciesToAdministerTheKey", "EnableIamPoliciesToUseTheKey", AlarmsSid, LogsSid], Sids(s, "key-ml-key"));
    }

    [Fact]
    public void Synthesize_SharedKeyAndChannel_EveryAlarmNotifiesTheChannelAndEveryRoleUsesTheSharedKey()
    {
        var s = Synthesize(Ten());
        var program = Program(s);

        var alarms = s.Graph.Resources.Where(r => r.Type.Token == "aws:cloudwatch/metricAlarm:MetricAlarm").ToList();
        Assert.NotEmpty(alarms);
        Assert.All(alarms, a => Assert.Equal(
            ["alerts-ml-oncall-topic.arn"],
            ((ListValue)a.Properties.Get("alarmActions")!).Items.Select(i => i is OutputReference { Target: Resource t } o ? $"{t.Name}.{o.Path}" : i.ToString())));
        foreach (var role in new[] { "sm-0-role-policy", "ecs-0-task-role-policy", "eks-0-role-policy" })
        {
            Assert.Contains("${key-ml-key.arn}", Section(program, role), StringComparison.Ordinal);
        }

        Assert.DoesNotContain(s.Graph.Resources, r => r.Name.EndsWith("-alerts", StringComparison.Ordinal) || (r.Name.EndsWith("-key", StringComparison.Ordinal) && r.Name != "key-ml-key"));
    }

    [Fact]
    public void Synthesize_ReorderingDeployments_LeavesTheComponentsByteIdentical()
    {
        var all = Ten();

        var forward = ComponentSections(Synthesize(all));
        var reversed = ComponentSections(Synthesize([.. all.Reverse()]));

        Assert.Equal(forward, reversed);
        Assert.Contains("key-ml-key:", forward, StringComparison.Ordinal);
        Assert.Contains("alerts-ml-oncall-topic:", forward, StringComparison.Ordinal);
    }

    [Fact]
    public void Synthesize_RemovingDeployments_KeepsTheComponentsNamesAndNarrowsOnlyTheKeyPolicy()
    {
        var all = Ten();
        var full = Synthesize(all);
        var fewer = Synthesize([.. all.Skip(1).SkipLast(4)]);

        Assert.Equal(ComponentNames(full), ComponentNames(fewer));
        Assert.Equal(Section(Program(full), "alerts-ml-oncall-"), Section(Program(fewer), "alerts-ml-oncall-"));
        // sm-0, ecs-2 and ecs-3 had log groups (the EKS workloads have none): exactly theirs leave the policy.
        var gone = LogGroupsAdmittedBy(full, "key-ml-key").Except(LogGroupsAdmittedBy(fewer, "key-ml-key")).ToList();
        Assert.Equal(3, gone.Count);
        Assert.All(gone, g => Assert.Matches("-prod-(sm-0|ecs-2|ecs-3)-", g));
        Assert.Equal(5, LogGroupsAdmittedBy(fewer, "key-ml-key").Count);
    }

    [Fact]
    public void Synthesize_OneDeploymentUsingTheKey_NamesItsOneLogGroupWithoutAList()
    {
        var s = Synthesize(Using(SampleDeployments.CpuEndpoint("fraud")));

        Assert.Single(LogGroupsAdmittedBy(s, "key-ml-key"));
        Assert.IsNotType<ListValue>(LogsCondition(s, "key-ml-key"));
    }

    [Fact]
    public void Synthesize_SharedKeyWithoutChannel_EncryptsTheDeploymentsOwnTopicAndAdmitsAlarms()
    {
        var fraud = SampleDeployments.CpuEndpoint("fraud") with { Encryption = Key };

        var s = Synthesize(fraud);

        Assert.Equal(["key-ml-key"], Names(s, "aws:kms/key:Key"));
        Assert.Equal("key-ml-key", ((OutputReference)Single(s, "fraud-alerts").Properties.Get("kmsMasterKeyId")!).Target.Name);
        Assert.Contains(AlarmsSid, Sids(s, "key-ml-key"));
        Assert.Single(Names(s, "aws:sns/topicSubscription:TopicSubscription"), "fraud-alerts-email");
    }

    [Fact]
    public void Synthesize_ChannelWithoutKey_HasAKeyOfItsOwnForTheTopicOnly()
    {
        var channel = Channel with { Key = null };

        var s = Synthesize(Using(SampleDeployments.CpuEndpoint("fraud"), channel: channel));

        Assert.Equal(["alerts-ml-oncall-key", "key-ml-key"], Names(s, "aws:kms/key:Key"));
        Assert.Equal(["EnableIamPoliciesToAdministerTheKey", "EnableIamPoliciesToUseTheKey", AlarmsSid], Sids(s, "alerts-ml-oncall-key"));

        // The deployment's key encrypts no topic now: only its log group is admitted.
        Assert.Equal(["EnableIamPoliciesToAdministerTheKey", "EnableIamPoliciesToUseTheKey", LogsSid], Sids(s, "key-ml-key"));
    }

    [Fact]
    public void Synthesize_ChannelOnAnExistingTopic_CreatesNoTopic()
    {
        var channel = new AlertChannel("ml-oncall") { Topic = "arn:aws:sns:us-east-1:123456789012:ml-oncall" };

        var s = Synthesize(Using(SampleDeployments.CpuEndpoint("fraud"), channel: channel));

        Assert.Empty(Names(s, "aws:sns/topic:Topic"));
        Assert.All(s.Graph.Resources.Where(r => r.Type.Token == "aws:cloudwatch/metricAlarm:MetricAlarm"), a =>
            Assert.Equal("arn:aws:sns:us-east-1:123456789012:ml-oncall", ValuePath.GetString(a.Properties, "alarmActions[0]")));
    }

    [Fact]
    public void Synthesize_AddingAnAddress_KeepsTheOtherSubscriptionsNames()
    {
        var one = Synthesize(Using(SampleDeployments.CpuEndpoint("fraud"), channel: Channel with { Emails = ["ml-oncall@example.com"] }));
        var two = Synthesize(Using(SampleDeployments.CpuEndpoint("fraud"), channel: Channel with { Emails = ["a-first@example.com", "ml-oncall@example.com"] }));

        var kept = Assert.Single(Names(one, "aws:sns/topicSubscription:TopicSubscription"));
        Assert.Contains(kept, Names(two, "aws:sns/topicSubscription:TopicSubscription"));
        Assert.Matches("^alerts-ml-oncall-email-ml-oncall-example-com-[a-z2-7]{8}$", kept);
    }

    [Fact]
    public void Synthesize_ChannelsWrittenTwiceWithAddressesInAnotherOrder_AreOneChannel()
    {
        var again = new AlertChannel("ml-oncall") { Emails = ["ml-oncall@example.com", "risk-team@example.com", "ml-oncall@example.com"], Key = new EncryptionKey("ml") };

        var s = Synthesize(Using(SampleDeployments.CpuEndpoint("a")), Using(SampleDeployments.CpuEndpoint("b"), channel: again));

        Assert.Single(Names(s, "aws:sns/topic:Topic"));
        Assert.Equal(2, Names(s, "aws:sns/topicSubscription:TopicSubscription").Count);
    }

    [Fact]
    public void Synthesize_DeclaredInComponents_IsThePlanTheDeploymentsAloneMake()
    {
        var deployments = ThreeTargets();
        var alone = Synthesize(deployments);
        var declared = Synthesize(SampleDeployments.Platform(EnvironmentProfile.Production, deployments) with { Components = [Channel, Key] });

        Assert.Equal(Program(alone), Program(declared));
        Assert.Contains(alone.Graph.Outputs, o => o.Name == "key-ml-arn");
        Assert.Contains(alone.Graph.Outputs, o => o.Name == "alerts-ml-oncall-topic-arn");
    }

    [Fact]
    public void Synthesize_ComponentsOnlyStack_ExportsTheKeyAndTheChannel()
    {
        var platform = new Platform
        {
            Profile = EnvironmentProfile.Production,
            Components = [Key, Channel],
            Outputs = [new PlatformOutput("keyArn", OutputValue.Of(Key, "arn")), new PlatformOutput("alertTopic", OutputValue.Of(Channel, "topic-arn"))],
        };

        var s = Synthesize(platform);

        Assert.Equal(["key-ml-key"], Names(s, "aws:kms/key:Key"));
        Assert.Equal(["EnableIamPoliciesToAdministerTheKey", "EnableIamPoliciesToUseTheKey", AlarmsSid], Sids(s, "key-ml-key"));
        Assert.Contains("  keyArn: ${key-ml-key.arn}", Program(s).Split('\n'));
        Assert.Contains("  alertTopic: ${alerts-ml-oncall-topic.arn}", Program(s).Split('\n'));
    }

    [Fact]
    public void Validate_OneKeyNameWithTwoSettings_NamesBothDeclarations()
    {
        var other = Key with { DeletionWindowDays = 7 };

        Assert.Equal(
            ["deployments[b].encryption: encryption key 'ml' is declared with other settings than at deployments[a].encryption (declare the key once and pass the same object everywhere it is used, or give the two keys different names)"],
            Problems(Using(SampleDeployments.CpuEndpoint("a")), Using(SampleDeployments.CpuEndpoint("b"), key: other)));
    }

    [Fact]
    public void Validate_OneChannelNameWithTwoSettings_NamesBothDeclarations()
    {
        var other = Channel with { Emails = ["someone-else@example.com"] };

        Assert.Equal(
            ["deployments[b].monitoring.channel: alert channel 'ml-oncall' is declared with other settings than at deployments[a].monitoring.channel (declare the channel once and pass the same object to every deployment, or give the two channels different names)"],
            Problems(Using(SampleDeployments.CpuEndpoint("a")), Using(SampleDeployments.CpuEndpoint("b"), channel: other)));
    }

    [Fact]
    public void Validate_DeploymentKeyOtherThanTheDeclaredComponent_NamesTheComponent()
    {
        var declared = Key with { DeletionWindowDays = 14 };
        var platform = SampleDeployments.Platform(EnvironmentProfile.Production, Using(SampleDeployments.CpuEndpoint("a"))) with { Components = [declared] };

        Assert.Equal(
            [
                "deployments[a].encryption: encryption key 'ml' is declared with other settings than at components[ml] (declare the key once and pass the same object everywhere it is used, or give the two keys different names)",
                "deployments[a].monitoring.channel.key: encryption key 'ml' is declared with other settings than at components[ml] (declare the key once and pass the same object everywhere it is used, or give the two keys different names)",
            ],
            Problems(platform));
    }

    [Theory]
    [InlineData("key-ml", "deployments[key-ml].name: 'key-ml' is also the resource-name prefix of encryption key 'ml', so their resources would share logical names (rename the deployment, or the key or channel)")]
    [InlineData("alerts-ml-oncall", "deployments[alerts-ml-oncall].name: 'alerts-ml-oncall' is also the resource-name prefix of alert channel 'ml-oncall', so their resources would share logical names (rename the deployment, or the key or channel)")]
    public void Validate_DeploymentNamedLikeAComponentsPrefix_IsRefused(string name, string expected) =>
        Assert.Equal([expected], Problems(Using(SampleDeployments.CpuEndpoint("a")), SampleDeployments.CpuEndpoint(name)));

    [Theory]
    [InlineData("oncall@example.com", null, "deployments[a].monitoring.channel: alert channel 'ml-oncall' is set together with monitoring.notificationEmail, so where the alarms notify is ambiguous (keep Channel (the stack's shared channel) and remove NotificationEmail/NotificationTopic, or remove Channel to keep a topic of the deployment's own)")]
    [InlineData(null, "arn:aws:sns:us-east-1:123456789012:ml-oncall", "deployments[a].monitoring.channel: alert channel 'ml-oncall' is set together with monitoring.notificationTopic, so where the alarms notify is ambiguous (keep Channel (the stack's shared channel) and remove NotificationEmail/NotificationTopic, or remove Channel to keep a topic of the deployment's own)")]
    public void Validate_ChannelAndTheDeploymentsOwnNotification_IsAmbiguous(string? email, string? topic, string expected)
    {
        var a = Using(SampleDeployments.CpuEndpoint("a"));
        a = a with { Monitoring = a.Monitoring with { NotificationEmail = email, NotificationTopic = topic } };

        Assert.Equal([expected], Problems(a));
    }

    public static TheoryData<EncryptionKey, AlertChannel, string> BadSettings { get; } = new()
    {
        { new EncryptionKey("ML"), Channel with { Key = null }, "deployments[a].encryption.name: 'ML' is not a valid encryption key name (use 1-32 lowercase letters, digits and '-', starting with a letter and ending with a letter or digit)" },
        { Key with { DeletionWindowDays = 3 }, Channel with { Key = null }, "deployments[a].encryption.deletionWindowDays: 3 is outside 7-30 (the key service keeps a deleted key 7 to 30 days (30, the default, leaves the most time to cancel a mistaken deletion))" },
        { Key, Channel with { Name = "ml_oncall" }, "deployments[a].monitoring.channel.name: 'ml_oncall' is not a valid alert channel name (use 1-32 lowercase letters, digits and '-', starting with a letter and ending with a letter or digit)" },
        { Key, Channel with { Emails = ["oncall"] }, "deployments[a].monitoring.channel.emails[oncall]: 'oncall' is not an e-mail address (use name@example.com)" },
        { Key, new AlertChannel("ml-oncall") { Topic = "ml-oncall", }, "deployments[a].monitoring.channel.topic: 'ml-oncall' is not an SNS topic ARN (use arn:aws:sns:<region>:<account>:<topic>)" },
        { Key, new AlertChannel("ml-oncall") { Topic = "arn:aws:sns:us-east-1:123456789012:ml-oncall", Emails = ["ml-oncall@example.com"] }, "deployments[a].monitoring.channel.emails: e-mail addresses are given for an existing topic, which this stack does not own (subscribe the addresses where the topic is created, or drop Topic to let the channel create its topic)" },
        { Key, new AlertChannel("ml-oncall") { Topic = "arn:aws:sns:us-east-1:123456789012:ml-oncall", Key = Key }, "deployments[a].monitoring.channel.key: a key is given for an existing topic, which is encrypted where it is created (drop Key, or drop Topic to let the channel create a topic encrypted with the key)" },
        { Key, Channel with { Key = new EncryptionKey("-bad") }, "deployments[a].monitoring.channel.key.name: '-bad' is not a valid encryption key name (use 1-32 lowercase letters, digits and '-', starting with a letter and ending with a letter or digit)" },
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public void Validate_BadKeyOrChannelSettings_AreNamedByPath(EncryptionKey key, AlertChannel channel, string expected) =>
        Assert.Equal([expected], Problems(Using(SampleDeployments.CpuEndpoint("a"), key, channel)));

    [Fact]
    public void Validate_BadDeclaredComponents_AreReportedOnceUnderComponents()
    {
        var key = new EncryptionKey("ml") { DeletionWindowDays = 31 };
        var channel = new AlertChannel("ml-oncall") { Topic = "not-an-arn" };
        var platform = SampleDeployments.Platform(EnvironmentProfile.Production, Using(SampleDeployments.CpuEndpoint("a"), key, channel), Using(SampleDeployments.CpuEndpoint("b"), key, channel)) with { Components = [key, channel] };

        Assert.Equal(
            [
                "components[ml].deletionWindowDays: 31 is outside 7-30 (the key service keeps a deleted key 7 to 30 days (30, the default, leaves the most time to cancel a mistaken deletion))",
                "components[ml-oncall].topic: 'not-an-arn' is not an SNS topic ARN (use arn:aws:sns:<region>:<account>:<topic>)",
            ],
            Problems(platform));
    }

    [Fact]
    public void Plan_EksWorkloadWithAChannel_SaysAlertsGoThroughAlertmanager()
    {
        var s = Synthesize(Using(Eks.EksSamples.ExistingClusterCpu(EnvironmentProfile.Production)));

        Assert.Contains(s.Notes, n => n.Deployment == "ranker" && n.Concept == "notifications" && n.Text.Contains("not to the alert channel 'ml-oncall'", StringComparison.Ordinal));
        Assert.Contains(s.Notes, n => n.Deployment == "ranker" && n.Concept == "encryption" && n.Text.Contains("shared key 'ml'", StringComparison.Ordinal));
    }

    private static List<string> Names(Synthesis s, string token) =>
        [.. s.Graph.Resources.Where(r => r.Type.Token == token).Select(r => r.Name).Order(StringComparer.Ordinal)];

    private static Resource Single(Synthesis s, string name) => s.Graph.Resources.Single(r => r.Name == name);

    private static List<MapValue> Statements(Synthesis s, string key) => [.. MlDeploy.Aws.Guardrails.PolicyStatements.In(Single(s, key).Properties.Get("policy"))];

    private static List<string> Sids(Synthesis s, string key) => [.. Statements(s, key).Select(st => ValuePath.GetString(st, "Sid")!)];

    private static Value LogsCondition(Synthesis s, string key) =>
        Statements(s, key).Single(st => ValuePath.GetString(st, "Sid") == LogsSid).Get("Condition") is MapValue c && c.Get("ArnEquals") is MapValue arnEquals
            ? arnEquals.Get("kms:EncryptionContext:aws:logs:arn")!
            : throw new InvalidOperationException("no ArnEquals condition");

    // The log group names in the key's logs condition, in the order the policy lists them.
    private static List<string> LogGroupsAdmittedBy(Synthesis s, string key)
    {
        var condition = LogsCondition(s, key);
        var arns = condition is ListValue list ? list.Items : [condition];
        return [.. arns.Select(a => ((StringValue)((Interpolation)a).Parts[^1]).Value).Select(tail => tail[(tail.IndexOf("log-group:", StringComparison.Ordinal) + "log-group:".Length)..])];
    }

    private static string Program(Synthesis s) => PulumiYamlWriter.Write(s.Graph, "ml-platform", "shared key");

    private static List<string> ComponentNames(Synthesis s) =>
        [.. s.Graph.Resources.Where(r => r.Owner is null && (r.Name.StartsWith("key-", StringComparison.Ordinal) || r.Name.StartsWith("alerts-", StringComparison.Ordinal))).Select(r => r.Name).Order(StringComparer.Ordinal)];

    private static string ComponentSections(Synthesis s) => Section(Program(s), "key-ml-") + Section(Program(s), "alerts-ml-oncall-");

    // The program text of every resource and output whose name starts with the prefix: what `pulumi up` would compare.
    private static string Section(string program, string prefix)
    {
        var kept = new List<string>();
        var inside = false;
        foreach (var line in program.Split('\n'))
        {
            var header = line.StartsWith("  ", StringComparison.Ordinal) && !line.StartsWith("   ", StringComparison.Ordinal);
            if (header || !line.StartsWith(' '))
            {
                inside = line.StartsWith("  " + prefix, StringComparison.Ordinal);
            }

            if (inside)
            {
                kept.Add(line);
            }
        }

        return string.Join('\n', kept);
    }
}
