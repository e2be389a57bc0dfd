namespace MlDeploy.Tests.Hosting;

/// <summary>
/// Unusual but valid input: each case must synthesize, and the program must contain <see cref="HostCase.Expected"/>
/// (proof the value was read, not dropped).
/// </summary>
internal static class UnusualInputCorpus
{
    private const string Valid = HostProject.ValidStaging;
    private const string Synth = "synth --stack qa";

    public static IReadOnlyDictionary<string, HostCase> Cases { get; } = new Dictionary<string, HostCase>(StringComparer.Ordinal)
    {
        ["crlf-line-endings"] = HostCase.Stack(Valid.Replace("\n", "\r\n", StringComparison.Ordinal), "subnet-0a1b2c3d4e5f60002"),
        ["utf8-bom"] = new(Synth, "subnet-0a1b2c3d4e5f60002") { Files = new Dictionary<string, byte[]?> { ["stacks/Pulumi.qa.yaml"] = [0xEF, 0xBB, 0xBF, .. HostCase.Utf8(Valid)] } },
        ["utf16-bom"] = new(Synth, "subnet-0a1b2c3d4e5f60002") { Files = new Dictionary<string, byte[]?> { ["stacks/Pulumi.qa.yaml"] = [.. System.Text.Encoding.Unicode.GetPreamble(), .. System.Text.Encoding.Unicode.GetBytes(Valid)] } },
        ["comments-everywhere"] = HostCase.Stack("# qa\nconfig: # settings\n" + string.Join('\n', Valid.Split('\n').Skip(1).Select(l => l.Length > 0 ? l + "  # why" : l)), "subnet-0a1b2c3d4e5f60002"),
        ["unquoted-numbers"] = HostCase.Stack(Valid.Replace("\"1\"", "1", StringComparison.Ordinal).Replace("\"2\"", "3", StringComparison.Ordinal), "maxCapacity: 3"),
        ["single-quoted-numbers"] = HostCase.Stack(Valid.Replace("\"2\"", "'3'", StringComparison.Ordinal), "maxCapacity: 3"),
        ["flow-style-lists"] = HostCase.Stack(Valid.Replace("ml-platform:securityGroupIds:\n    - sg-0a1b2c3d4e5f60001", "ml-platform:securityGroupIds: [sg-0a1b2c3d4e5f6000f]", StringComparison.Ordinal), "sg-0a1b2c3d4e5f6000f"),
        ["legacy-config-key-form"] = HostCase.Stack(Valid.Replace("ml-platform:maxReplicas: \"2\"", "ml-platform:config:maxReplicas: \"3\"", StringComparison.Ordinal), "maxCapacity: 3"),
        ["anchors-and-aliases"] = HostCase.Stack("subnets: &s\n  - subnet-0a1b2c3d4e5f6000a\n  - subnet-0a1b2c3d4e5f6000b\n" + Valid.Replace("ml-platform:subnetIds:\n    - subnet-0a1b2c3d4e5f60001\n    - subnet-0a1b2c3d4e5f60002", "ml-platform:subnetIds: *s", StringComparison.Ordinal), "subnet-0a1b2c3d4e5f6000a"),
        ["other-top-level-settings"] = HostCase.Stack("secretsprovider: passphrase\nencryptionsalt: v1:abc\n" + Valid, "subnet-0a1b2c3d4e5f60002"),
        ["explicit-document-markers"] = HostCase.Stack("---\n" + Valid + "...\n", "subnet-0a1b2c3d4e5f60002"),
        ["no-final-line-break"] = HostCase.Stack(Valid.TrimEnd('\n'), "sg-0a1b2c3d4e5f60001"),
        ["other-namespaces-and-unread-keys"] = HostCase.Stack(Valid + "  aws:profile: ci\n  other-project:anything: {nested: [1, 2]}\n", "subnet-0a1b2c3d4e5f60002"),
        ["compile-from-pulumi-environment"] = new("compile", "name: ml-platform") { Environment = new Dictionary<string, string> { ["PULUMI_STACK"] = "qa", ["PULUMI_PROJECT"] = "ml-platform", ["PULUMI_CONFIG"] = "{\"ml-platform:imageTag\":\"1\",\"ml-platform:minReplicas\":\" 2 \",\"ml-platform:subnetIds\":\"[\\\"subnet-1\\\",\\\"subnet-2\\\"]\",\"ml-platform:securityGroupIds\":\"[\\\"sg-1\\\"]\"}", ["PULUMI_CONFIG_SECRET_KEYS"] = "null" } },
    };
}
