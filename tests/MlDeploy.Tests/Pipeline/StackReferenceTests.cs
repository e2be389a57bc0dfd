using MlDeploy.Graph;
using MlDeploy.Model;
using MlDeploy.Tests.Golden;
using MlDeploy.Tests.Support;
using MlDeploy.Writers;

namespace MlDeploy.Tests.Pipeline;

public class StackReferenceTests
{
    private static readonly StackReference Network = new("acme/ml-network/prod");

    private static IReadOnlyList<string> Problems(Network network) =>
        [.. SampleDeployments.Synthesizer().Validate(SampleDeployments.Platform(EnvironmentProfile.Production, SampleDeployments.CpuEndpoint() with { Network = network }), Repo.Root).Select(p => p.ToString())];

    [Fact]
    public void Synthesize_ThreeTargetsReadingOneStack_ShareOneStackReferenceWithoutAVersion()
    {
        var s = SampleDeployments.Synthesizer().Synthesize(SampleDeployments.Platform(EnvironmentProfile.Production, GoldenScenarios.NetworkFromAnotherStack()), SampleDeployments.Prod);

        var reference = Assert.Single(s.Graph.Resources, r => r.Type.Token == "pulumi:pulumi:StackReference");
        Assert.Equal("acme/ml-network/prod", ValuePath.GetString(reference.Properties, "name"));
        Assert.Null(reference.Owner);
        Assert.DoesNotContain(s.Graph.Packages, p => p.Name == "pulumi");
        var program = PulumiYamlWriter.Write(s.Graph, "ml-platform", "stack references");
        var section = program[program.IndexOf($"  {reference.Name}:\n", StringComparison.Ordinal)..];
        Assert.StartsWith($"  {reference.Name}:\n    type: pulumi:pulumi:StackReference\n    properties:\n      name: acme/ml-network/prod\noutputs:", section, StringComparison.Ordinal);
    }

    [Fact]
    public void Synthesize_PrivateEndpoint_PlacesItInTheReferencedSubnetsAndScopesItsRoleToThem()
    {
        var s = SampleDeployments.Synthesizer().Synthesize(
            SampleDeployments.Platform(EnvironmentProfile.Production, SampleDeployments.CpuEndpoint() with { Network = new Network { SubnetIds = Network.Items("privateSubnetIds", 2), SecurityGroupIds = [Network.Output("sg")] } }),
            SampleDeployments.Prod);
        var program = PulumiYamlWriter.Write(s.Graph, "ml-platform", "stack references");
        var reference = s.Graph.Resources.Single(r => r.Type.Token == "pulumi:pulumi:StackReference").Name;

        Assert.Contains($"        subnets:\n          - ${{{reference}.outputs[\"privateSubnetIds\"][0]}}\n          - ${{{reference}.outputs[\"privateSubnetIds\"][1]}}\n        securityGroupIds:\n          - ${{{reference}.outputs[\"sg\"]}}\n", program, StringComparison.Ordinal);
        Assert.Contains($":subnet/${{{reference}.outputs[\"privateSubnetIds\"][1]}}\n", program, StringComparison.Ordinal);
        Assert.Contains($":security-group/${{{reference}.outputs[\"sg\"]}}\n", program, StringComparison.Ordinal);
    }

    [Fact]
    public void Synthesize_DeferredIdentifiers_AreNotedInThePlanPerStack()
    {
        var s = SampleDeployments.Synthesizer().Synthesize(
            SampleDeployments.Platform(EnvironmentProfile.Production, SampleDeployments.CpuEndpoint() with { Network = new Network { SubnetIds = [Network.Output("privateSubnetIds", 0), "subnet-0aaa0000000000002"], SecurityGroupIds = [Network.Output("sg")] } }),
            SampleDeployments.Prod);

        var note = Assert.Single(s.Notes, n => n.Concept == "stack reference");
        Assert.Equal("read from stack acme/ml-network/prod at deploy time, not checked here: network.subnetIds[0] = privateSubnetIds[0], network.securityGroupIds[0] = sg", note.Text);
    }

    [Fact]
    public void Validate_CountsOfReferencedItems_AreCheckedAtSynthTime() =>
        Assert.Equal(
            ["deployments[fraud].network.subnetIds: a private SageMaker endpoint needs at least 2 subnets in different availability zones, got 1 (set Network.SubnetIds (private subnets), or choose Exposure.Public (still IAM-authenticated))"],
            Problems(new Network { SubnetIds = Network.Items("privateSubnetIds", 1), SecurityGroupIds = [Network.Output("sg")] }));

    [Theory]
    [InlineData("ml-network/prod", "privateSubnetIds", 0, "deployments[fraud].network.subnetIds[0]: 'ml-network/prod' is not a fully qualified stack name (use <organization>/<project>/<stack>, e.g. acme/ml-platform/prod (1-100 letters, digits, '-', '_' or '.' each))")]
    [InlineData("acme/ml network/prod", "privateSubnetIds", 0, "deployments[fraud].network.subnetIds[0]: 'acme/ml network/prod' is not a fully qualified stack name (use <organization>/<project>/<stack>, e.g. acme/ml-platform/prod (1-100 letters, digits, '-', '_' or '.' each))")]
    [InlineData("acme/ml-network/prod", "private\"SubnetIds", 0, "deployments[fraud].network.subnetIds[0]: 'private\"SubnetIds' is not an output name the program can read (use the other stack's output name: letters, digits, '-', '_' or '.')")]
    [InlineData("acme/ml-network/prod", "privateSubnetIds", -1, "deployments[fraud].network.subnetIds[0]: item -1 of 'privateSubnetIds' does not exist (count items from 0)")]
    public void Validate_BadReference_IsNamedByItsPath(string stack, string output, int index, string expected)
    {
        var bad = new StackReference(stack).Output(output, index);

        var problems = Problems(new Network { SubnetIds = [bad, Network.Output("privateSubnetIds", 1)], SecurityGroupIds = [Network.Output("sg")] });

        Assert.Equal([expected], problems);
    }

    [Fact]
    public void Validate_EmptyLiteralIdentifier_IsRefused() =>
        Assert.Equal(
            ["deployments[fraud].network.securityGroupIds[0]: is empty (give the identifier, or leave the item out)"],
            Problems(new Network { SubnetIds = SampleDeployments.Subnets, SecurityGroupIds = [string.Empty] }));

    [Fact]
    public void Validate_TargetIdentifiers_AreCheckedUnderTheTargetPath()
    {
        var d = Tests.Ecs.FargateSamples.PublicWaived(EnvironmentProfile.Production);
        var fargate = (MlDeploy.Aws.Ecs.FargateTarget)d.Target;
        d = d with { Target = fargate with { LoadBalancerSubnetIds = [new StackReference("x").Output("a"), Network.Output("publicSubnetIds", 1)] } };

        var problems = SampleDeployments.Synthesizer().Validate(SampleDeployments.Platform(EnvironmentProfile.Production, d), Repo.Root);

        Assert.Contains(problems, p => p.ToString().StartsWith($"deployments[{d.Name}].target.loadBalancerSubnetIds[0]: 'x' is not a fully qualified stack name", StringComparison.Ordinal));
    }
}
