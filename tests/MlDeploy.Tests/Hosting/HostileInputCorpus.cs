using System.Text;

namespace MlDeploy.Tests.Hosting;

/// <summary>
/// Hostile input for the host, as data: every case must exit 2 with exactly this message on stderr, nothing on
/// stdout and nothing written. Adding a case is one line.
/// </summary>
internal static class HostileInputCorpus
{
    private const string Yaml = "(fix the YAML syntax)";
    private const string Q = "stacks/Pulumi.qa.yaml";
    private const string Valid = HostProject.ValidStaging;

    public static IReadOnlyDictionary<string, HostCase> Cases { get; } = new Dictionary<string, HostCase>(StringComparer.Ordinal)
    {
        // Stack config files that are not YAML.
        ["unclosed-flow-list"] = HostCase.Stack("config:\n  ml-platform:subnetIds: [a, b\n", $"error: {Q}:3: while parsing a flow sequence, did not find expected ',' or ']' {Yaml}\n"),
        ["unclosed-quote"] = HostCase.Stack("config:\n  aws:region: \"eu-west-1\n", $"error: {Q}:2: while scanning a quoted scalar, found unexpected end of stream {Yaml}\n"),
        ["tab-indentation"] = HostCase.Stack("config:\n\taws:region: eu-west-1\n", $"error: {Q}:1: while scanning a mapping, found invalid tab as indentation {Yaml}\n"),
        ["over-indented-key"] = HostCase.Stack("config:\n  aws:region: eu\n    ml-platform:imageTag: x\n", $"error: {Q}:3: while scanning a plain scalar value, found invalid mapping {Yaml}\n"),
        ["unknown-alias"] = HostCase.Stack("config:\n  aws:region: *nowhere\n", $"error: {Q}:1: the anchor 'nowhere' does not exists {Yaml}\n"),
        ["control-character"] = HostCase.Stack(Valid.Replace("\"1\"", "\"\u0001\"", StringComparison.Ordinal), $"error: {Q}:4: ml-platform:minReplicas: '?' is not a whole number (set a number, e.g. 2)\n"),
        ["nul-byte"] = HostCase.Stack("config:\n  aws:region: eu\0west\n", $"error: {Q}:2: while parsing a block mapping, did not find expected key {Yaml}\n"),
        ["binary-garbage"] = new("synth --stack qa", $"error: {Q}:4: did not find expected <document end> {Yaml}\n") { Files = new Dictionary<string, byte[]?> { [Q] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0xC3, 0x28, 0xFF] } },
        ["deep-nesting"] = HostCase.Stack("config:\n  ml-platform:subnetIds: " + new string('[', 5000) + new string(']', 5000) + "\n", $"error: {Q}:2: values are nested more than 64 levels deep {Yaml}\n"),
        ["alias-bomb"] = HostCase.Stack(AliasBomb(), $"error: {Q}:5: ml-platform:subnetIds expands to more than 10000 values (write the value out without repeating aliases)\n"),
        ["document-is-a-list"] = HostCase.Stack("- config\n", $"error: {Q}:1: is a list, but a mapping of settings is expected (write one `key: value` setting per line)\n"),
        ["document-is-text"] = HostCase.Stack("hello\n", $"error: {Q}:1: is a single value, but a mapping of settings is expected (write one `key: value` setting per line)\n"),
        ["duplicate-top-level-key"] = HostCase.Stack("config: {}\nconfig: {}\n", $"error: {Q}:2: duplicate key config {Yaml}\n"),

        // Stack config files that are YAML but not stack config.
        ["config-is-a-list"] = HostCase.Stack("config:\n  - aws:region\n", $"error: {Q}:2: config is a list, but a mapping of keys to values is expected (write one `<namespace>:<key>: value` line per setting under `config:`)\n"),
        ["config-is-text"] = HostCase.Stack("config: yes\n", $"error: {Q}:1: config is a single value, but a mapping of keys to values is expected (write one `<namespace>:<key>: value` line per setting under `config:`)\n"),
        ["duplicate-config-key"] = HostCase.Stack(Valid + "  aws:region: eu-west-2\n", $"error: {Q}:12: duplicate key aws:region {Yaml}\n"),
        ["duplicate-config-key-legacy-form"] = HostCase.Stack(Valid + "  aws:config:region: eu-west-2\n", $"error: {Q}:12: aws:region is set twice (keep one of them)\n"),
        ["key-without-namespace"] = HostCase.Stack(Valid + "  minReplicas: \"2\"\n", $"error: {Q}:12: 'minReplicas' is not a config key of the form <namespace>:<key> (prefix the key with its namespace, e.g. `<project>:minReplicas` or `aws:region`)\n"),
        ["key-with-two-colons"] = HostCase.Stack(Valid + "  a:b:c: x\n", $"error: {Q}:12: 'a:b:c' is not a config key of the form <namespace>:<key> (prefix the key with its namespace, e.g. `<project>:minReplicas` or `aws:region`)\n"),
        ["key-is-a-list"] = HostCase.Stack(Valid + "  ? [a, b]\n  : c\n", $"error: {Q}:12: a config key is a list (write keys as `<namespace>:<key>`, e.g. `aws:region`)\n"),
        ["key-is-empty"] = HostCase.Stack(Valid + "  \"\": x\n", $"error: {Q}:12: a config key is empty (write keys as `<namespace>:<key>`, e.g. `aws:region`)\n"),
        ["lone-surrogate-escape"] = HostCase.Stack(Valid.Replace("- sg-0a1b2c3d4e5f60001", "- \"sg-\\uD800\"", StringComparison.Ordinal), $"error: {Q}:11: while scanning a quoted scalar, found invalid Unicode surrogates {Yaml}\n"),
        ["nested-key-is-a-list"] = HostCase.Stack(Valid + "  ml-platform:tags: {? [a] : b}\n", $"error: {Q}:12: ml-platform:tags has a key that is a list (use single values as keys)\n"),

        // Values of the wrong shape or type: named by file, line and key.
        ["number-is-text"] = HostCase.Stack(Valid.Replace("\"1\"", "two", StringComparison.Ordinal), $"error: {Q}:4: ml-platform:minReplicas: 'two' is not a whole number (set a number, e.g. 2)\n"),
        ["number-is-a-mapping"] = HostCase.Stack(Valid.Replace("\"1\"", "{a: 1}", StringComparison.Ordinal), $"error: {Q}:4: ml-platform:minReplicas: is a mapping, but a single value is expected (write one value after the key, e.g. `ml-platform:minReplicas: value`)\n"),
        ["number-is-a-list"] = HostCase.Stack(Valid.Replace("\"1\"", "[1, 2]", StringComparison.Ordinal), $"error: {Q}:4: ml-platform:minReplicas: is a list, but a single value is expected (write one value after the key, e.g. `ml-platform:minReplicas: value`)\n"),
        ["number-too-large"] = HostCase.Stack(Valid.Replace("\"1\"", "99999999999", StringComparison.Ordinal), $"error: {Q}:4: ml-platform:minReplicas: '99999999999' is not a whole number (set a number, e.g. 2)\n"),
        ["number-is-fractional"] = HostCase.Stack(Valid.Replace("\"1\"", "1.5", StringComparison.Ordinal), $"error: {Q}:4: ml-platform:minReplicas: '1.5' is not a whole number (set a number, e.g. 2)\n"),
        ["huge-value"] = HostCase.Stack(Valid.Replace("\"1\"", new string('9', 200_000), StringComparison.Ordinal), $"error: {Q}:4: ml-platform:minReplicas: '{new string('9', 60)}...' is not a whole number (set a number, e.g. 2)\n"),
        ["multi-line-value"] = HostCase.Stack(Valid.Replace("\"1\"", "|\n    1\n    2", StringComparison.Ordinal), $"error: {Q}:4: ml-platform:minReplicas: '1?2?' is not a whole number (set a number, e.g. 2)\n"),
        ["string-is-a-mapping"] = HostCase.Stack(Valid.Replace("ml@example.com", "{to: ml@example.com}", StringComparison.Ordinal), $"error: {Q}:6: ml-platform:alertEmail: is a mapping, but a single value is expected (write one value after the key, e.g. `ml-platform:alertEmail: value`)\n"),
        ["required-string-is-a-list"] = HostCase.Stack(Valid.Replace("\"2026.11.22-1\"", "[a]", StringComparison.Ordinal), $"error: {Q}:3: ml-platform:imageTag: is a list, but a single value is expected (write one value after the key, e.g. `ml-platform:imageTag: value`)\n"),
        ["list-is-text"] = HostCase.Stack(Valid.Replace("ml-platform:securityGroupIds:\n    - sg-0a1b2c3d4e5f60001", "ml-platform:securityGroupIds: sg-0a1b2c3d4e5f60001", StringComparison.Ordinal), $"error: {Q}:10: ml-platform:securityGroupIds: is a single value, but a list is expected (write it as a YAML list, one `- item` line per entry)\n"),
        ["list-is-a-mapping"] = HostCase.Stack(Valid.Replace("ml-platform:securityGroupIds:\n    - sg-0a1b2c3d4e5f60001", "ml-platform:securityGroupIds: {sg: x}", StringComparison.Ordinal), $"error: {Q}:10: ml-platform:securityGroupIds: is a mapping, but a list is expected (write it as a YAML list, one `- item` line per entry)\n"),
        ["list-of-mappings"] = HostCase.Stack(Valid.Replace("- sg-0a1b2c3d4e5f60001", "- {id: sg-0a1b2c3d4e5f60001}", StringComparison.Ordinal), $"error: {Q}:10: ml-platform:securityGroupIds: is not a list of single values (write it as a YAML list, one `- item` line per entry)\n"),
        ["enum-unknown"] = HostCase.Stack(Valid + "  ml-platform:rolloutStrategy: sideways\n", $"error: {Q}:12: ml-platform:rolloutStrategy: 'sideways' is not one of Rolling, BlueGreen, Canary, Linear (use one of the listed values)\n"),
        ["enum-as-number"] = HostCase.Stack(Valid + "  ml-platform:rolloutStrategy: \"1\"\n", $"error: {Q}:12: ml-platform:rolloutStrategy: '1' is not one of Rolling, BlueGreen, Canary, Linear (use one of the listed values)\n"),
        ["profile-unknown"] = HostCase.Stack(Valid + "  ml-platform:profile: staging\n", $"error: {Q}:12: ml-platform:profile: 'staging' is not one of Development, Production (use one of the listed values)\n"),
        ["required-missing"] = HostCase.Stack(Valid.Replace("  ml-platform:imageTag: \"2026.11.22-1\"\n", string.Empty, StringComparison.Ordinal), $"error: {Q}: ml-platform:imageTag: is not set (run `pulumi config set imageTag <value> --stack qa` or add it to {Q})\n"),
        ["secret-read-as-plain-value"] = HostCase.Stack(Valid.Replace("ml@example.com", "\n    secure: AAABAHk=", StringComparison.Ordinal), $"error: {Q}:6: ml-platform:alertEmail: is a secret and cannot be read into the program (reference it with SecretSource.Config(\"alertEmail\") so Pulumi reads it at deploy time)\n"),
        ["empty-file-lacks-required-key"] = HostCase.Stack(string.Empty, $"error: {Q}: ml-platform:imageTag: is not set (run `pulumi config set imageTag <value> --stack qa` or add it to {Q})\n"),
        ["bom-then-broken-yaml"] = new("synth --stack qa", $"error: {Q}:3: while parsing a flow sequence, did not find expected ',' or ']' {Yaml}\n") { Files = new Dictionary<string, byte[]?> { [Q] = [0xEF, 0xBB, 0xBF, .. HostCase.Utf8("config:\n  aws:region: [eu\n")] } },

        // Pulumi.yaml.
        ["project-not-yaml"] = HostCase.Project("name: [ml-platform\n", $"error: Pulumi.yaml:2: while parsing a flow sequence, did not find expected ',' or ']' {Yaml}\n"),
        ["project-empty"] = HostCase.Project(string.Empty, "error: Pulumi.yaml:1: is empty (add `name: <project>`)\n"),
        ["project-comments-only"] = HostCase.Project("# nothing yet\n", "error: Pulumi.yaml:1: is empty (add `name: <project>`)\n"),
        ["project-without-name"] = HostCase.Project("stackConfigDir: stacks\n", "error: Pulumi.yaml:1: has no 'name' (add `name: <project>`)\n"),
        ["project-name-is-a-list"] = HostCase.Project("stackConfigDir: stacks\nname: [a]\n", "error: Pulumi.yaml:2: name is a list, but a single value is expected (write `name: <value>` on one line)\n"),
        ["project-name-invalid"] = HostCase.Project("name: ml platform\nstackConfigDir: stacks\n", "error: Pulumi.yaml:1: 'ml platform' is not a valid project name (use 1-100 letters, digits, '-', '_' or '.')\n"),
        ["project-is-a-list"] = HostCase.Project("- name: ml-platform\n", "error: Pulumi.yaml:1: is a list, but a mapping of settings is expected (write one `key: value` setting per line)\n"),
        ["project-stack-dir-is-a-mapping"] = HostCase.Project("name: ml-platform\nstackConfigDir: {a: b}\n", "error: Pulumi.yaml:2: stackConfigDir is a mapping, but a single value is expected (write `stackConfigDir: <value>` on one line)\n"),
        ["project-stack-dir-has-nul"] = HostCase.Project("name: ml-platform\nstackConfigDir: \"st\\0acks\"\n", "error: Pulumi.yaml:2: stackConfigDir is not a usable folder path (give a folder relative to Pulumi.yaml, e.g. `stackConfigDir: stacks`)\n"),

        // Stacks and command lines.
        ["unknown-stack"] = new("synth --stack nope", "error: --stack nope: there is no config file stacks/Pulumi.nope.yaml (known stacks: staging)\n"),
        ["stack-config-is-a-folder"] = new("plan --stack qa", "error: --stack qa: there is no config file stacks/Pulumi.qa.yaml (known stacks: staging)\n") { Files = new Dictionary<string, byte[]?> { [Q + "/"] = null } },
        ["stack-name-escapes-the-folder"] = new("synth --stack ../Pulumi", "error: --stack ../Pulumi: is not a valid stack name (use 1-100 letters, digits, '-', '_' or '.')\n"),
        ["stack-name-qualified"] = new("plan --stack acme/staging", "error: --stack acme/staging: is not a valid stack name (use 1-100 letters, digits, '-', '_' or '.')\n"),
        ["stack-name-empty"] = new("synth --stack=", "error: command line: *"),
        ["unknown-command"] = new("deploy --stack staging", "error: command line: *"),
        ["missing-stack-value"] = new("synth --stack", "error: command line: *"),
        ["unknown-option"] = new("synth --stack staging --force", "error: command line: *"),
        ["no-command"] = new(string.Empty, "error: command line: *"),

        // synth --out.
        ["out-is-a-file"] = new("synth --stack staging --out Pulumi.yaml", "error: --out Pulumi.yaml: is a file, not a folder (name a folder; the program is written to <folder>/Pulumi.staging.program.yaml)\n"),
        ["out-under-a-file"] = new("synth --stack staging --out Pulumi.yaml/build/x", "error: --out Pulumi.yaml/build/x: is under {root}/Pulumi.yaml, which is a file, not a folder (name a folder; the program is written to <folder>/Pulumi.staging.program.yaml)\n"),
        ["out-not-writable"] = new("synth --stack staging --out /proc/self/mldeploy/build", "error: --out /proc/self/mldeploy/build: cannot be written (choose a folder you can write to)\n"),
        ["out-empty"] = new("synth --stack staging --out=", "error: command line: *"),
        ["out-target-is-a-folder"] = new("synth --stack staging --out build", "error: --out build: holds a folder named Pulumi.staging.program.yaml (remove it or choose another folder)\n") { Files = new Dictionary<string, byte[]?> { ["build/Pulumi.staging.program.yaml/"] = null } },
        ["out-is-the-stack-folder"] = new("synth --stack staging --out stacks", "error: --out stacks: is the stack config folder, where the program would be read as the config of another stack (write it somewhere else, e.g. --out build)\n"),

        // Pulumi's environment (compile).
        ["compile-config-not-a-number"] = Compile("qa", "{\"ml-platform:imageTag\":\"1\",\"ml-platform:minReplicas\":\"two\"}", "error: PULUMI_CONFIG (stack qa): ml-platform:minReplicas: 'two' is not a whole number (set a number, e.g. 2)\n"),
        ["compile-config-not-json"] = Compile("qa", "{not json", "error: PULUMI_CONFIG (stack qa): is not a JSON object of strings (line 1, byte 2) (Pulumi sets it; check that nothing else overrides it)\n"),
        ["compile-config-not-strings"] = Compile("qa", "{\"ml-platform:minReplicas\":{\"a\":1}}", "error: PULUMI_CONFIG (stack qa): is not a JSON object of strings (line 1, byte 29) (Pulumi sets it; check that nothing else overrides it)\n"),
        ["compile-secret-keys-not-json"] = Compile("qa", "{}", "error: PULUMI_CONFIG_SECRET_KEYS (stack qa): is not a JSON array of strings (line 1, byte 2) (Pulumi sets it; check that nothing else overrides it)\n", secretKeys: "{}"),
        ["compile-stack-name-invalid"] = Compile("../qa", "{}", "error: PULUMI_STACK: '../qa' is not a valid stack name (use 1-100 letters, digits, '-', '_' or '.')\n"),
        ["compile-project-name-invalid"] = new("compile", "error: PULUMI_PROJECT: 'ml platform' is not a valid project name (use 1-100 letters, digits, '-', '_' or '.')\n") { Environment = new Dictionary<string, string> { ["PULUMI_STACK"] = "qa", ["PULUMI_PROJECT"] = "ml platform", ["PULUMI_CONFIG"] = "{}" } },
        ["discovery-names-the-broken-stack"] = HostCase.Stack(Valid.Replace("\"1\"", "two", StringComparison.Ordinal), $"error: {Q}:4: ml-platform:minReplicas: 'two' is not a whole number (set a number, e.g. 2)\n", args: "compile"),
        ["discovery-names-the-stack-of-a-program-problem"] = HostCase.Stack(Valid.Replace("\"1\"", "\"3\"", StringComparison.Ordinal), "error: [qa] deployments[fraud-scorer].scaling.max: max 2 is below min 3 (max must be at least min)\n", args: "compile"),
        ["discovery-invalid-stack-file-name"] = new("compile", "error: stacks/Pulumi.q a.yaml: 'q a' is not a valid stack name (rename the file: use 1-100 letters, digits, '-', '_' or '.')\n") { Files = new Dictionary<string, byte[]?> { ["stacks/Pulumi.q a.yaml"] = HostCase.Utf8(Valid) } },
        ["validate-names-the-broken-stack"] = HostCase.Stack("config:\n  aws:region: [\n", $"error: {Q}:3: while parsing a node, did not find expected node content {Yaml}\n", args: "validate"),
        ["plan-broken-stack"] = HostCase.Stack("config:\n  aws:region: [\n", $"error: {Q}:3: while parsing a node, did not find expected node content {Yaml}\n", args: "plan --stack qa"),
    };

    private static HostCase Compile(string stack, string config, string expected, string? secretKeys = null)
    {
        var env = new Dictionary<string, string> { ["PULUMI_STACK"] = stack, ["PULUMI_PROJECT"] = "ml-platform", ["PULUMI_CONFIG"] = config };
        if (secretKeys is not null)
        {
            env["PULUMI_CONFIG_SECRET_KEYS"] = secretKeys;
        }

        return new HostCase("compile", expected) { Environment = env };
    }

    // Ten aliases of ten aliases of ten items, listed ten times: 10,000 leaves from a five-line file.
    private static string AliasBomb()
    {
        static string Ten(string item) => "[" + string.Join(", ", Enumerable.Repeat(item, 10)) + "]";
        var text = new StringBuilder()
            .Append("a: &a ").Append(Ten("x")).Append('\n')
            .Append("b: &b ").Append(Ten("*a")).Append('\n')
            .Append("c: &c ").Append(Ten("*b")).Append('\n')
            .Append("config:\n")
            .Append("  ml-platform:subnetIds: ").Append(Ten("*c")).Append('\n');
        return text.ToString();
    }
}
