using System.Text.RegularExpressions;
using MlDeploy.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace MlDeploy.Tests.Aws;

/// <summary>
/// EC2 refuses a security group, or a rule, whose description has a character outside its set (CreateSecurityGroup
/// GroupDescription: a-z, A-Z, 0-9, spaces and <c>._-:/()#,@[]+=&amp;;{}!$*</c>; a rule's description, e.g.
/// UserIdGroupPair and PrefixListId: the same without <c>&amp;</c>), up to 255 characters: the create fails at
/// <c>pulumi up</c> with InvalidParameterValue. Type-checking cannot see it, so every reviewed program is read here.
/// </summary>
public partial class SecurityGroupDescriptionTests
{
    public static TheoryData<string> Programs => [.. Directory.GetFiles(Repo.PathOf("tests", "MlDeploy.Tests", "Golden", "Programs"), "*.yaml").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Programs))]
    public void Program_SecurityGroupAndRuleDescriptions_UseOnlyCharactersEc2Accepts(string file)
    {
        var problems = new List<string>();
        foreach (var (name, type, properties) in Resources(file))
        {
            switch (type)
            {
                case "aws:ec2/securityGroup:SecurityGroup":
                    Check(problems, $"{name}.description", properties, "description", GroupDescription());
                    foreach (var direction in new[] { "ingress", "egress" })
                    {
                        if (properties.Children.TryGetValue(direction, out var rules) && rules is YamlSequenceNode list)
                        {
                            for (var i = 0; i < list.Children.Count; i++)
                            {
                                Check(problems, $"{name}.{direction}[{i}].description", (YamlMappingNode)list.Children[i], "description", RuleDescription());
                            }
                        }
                    }

                    break;
                case "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule" or "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule" or "aws:ec2/securityGroupRule:SecurityGroupRule":
                    Check(problems, $"{name}.description", properties, "description", RuleDescription());
                    break;
            }
        }

        Assert.Empty(problems);
    }

    [Fact]
    public void Check_RefusesTheApostropheTheServiceGroupUsedToHave()
    {
        Assert.DoesNotMatch(GroupDescription(), "Load balancer of service group edge: admits the VPC on HTTPS and reaches only its deployments' tasks");
        Assert.Matches(GroupDescription(), "Load balancer of service group edge: admits the VPC on HTTPS and reaches only the tasks of its deployments");
        Assert.DoesNotMatch(RuleDescription(), "A & B");
    }

    private static void Check(List<string> problems, string path, YamlMappingNode map, string key, Regex allowed)
    {
        // Interpolated descriptions are not made here; a literal one is checked as EC2 would.
        if (map.Children.TryGetValue(key, out var node) && node is YamlScalarNode { Value: { } text } && !text.Contains("${", StringComparison.Ordinal) && !allowed.IsMatch(text))
        {
            problems.Add($"{path}: '{text}'");
        }
    }

    private static IEnumerable<(string Name, string Type, YamlMappingNode Properties)> Resources(string file)
    {
        var yaml = new YamlStream();
        using (var reader = new StreamReader(Repo.PathOf("tests", "MlDeploy.Tests", "Golden", "Programs", file)))
        {
            yaml.Load(reader);
        }

        var root = (YamlMappingNode)yaml.Documents[0].RootNode;
        if (!root.Children.TryGetValue("resources", out var resources))
        {
            yield break;
        }

        foreach (var (key, value) in ((YamlMappingNode)resources).Children)
        {
            var resource = (YamlMappingNode)value;
            if (resource.Children.TryGetValue("type", out var type) && resource.Children.TryGetValue("properties", out var properties))
            {
                yield return (((YamlScalarNode)key).Value!, ((YamlScalarNode)type).Value!, (YamlMappingNode)properties);
            }
        }
    }

    [GeneratedRegex(@"^[a-zA-Z0-9 ._\-:/()#,@\[\]+=&;{}!$*]{0,255}$")]
    private static partial Regex GroupDescription();

    [GeneratedRegex(@"^[a-zA-Z0-9 ._\-:/()#,@\[\]+=;{}!$*]{0,255}$")]
    private static partial Regex RuleDescription();
}
