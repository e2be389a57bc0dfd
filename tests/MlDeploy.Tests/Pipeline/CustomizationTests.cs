using MlDeploy.Graph;
using MlDeploy.Model;
using MlDeploy.Tests.Support;
using MlDeploy.Validation;

namespace MlDeploy.Tests.Pipeline;

public class CustomizationTests
{
    [Fact]
    public void Customize_SetsAPropertyTheModelDoesNotCover_AndThePlanSaysWhat()
    {
        var d = SampleDeployments.CpuEndpoint().Customize("larger model volume for the 40 GB artifact", r => r.SetProperty("endpoint-config", "productionVariants[0].volumeSizeInGb", 100));

        var s = SampleDeployments.Synthesizer().Synthesize(SampleDeployments.Platform(EnvironmentProfile.Development, d), SampleDeployments.Staging);

        var config = s.Graph.Resources.Single(r => r.Name == "fraud-endpoint-config");
        Assert.Equal(100m, ValuePath.GetNumber(config.Properties, "productionVariants[0].volumeSizeInGb"));
        var note = Assert.Single(s.Notes, n => n.Concept == "customization");
        Assert.Equal(("fraud", "larger model volume for the 40 GB artifact: set endpoint-config.productionVariants[0].volumeSizeInGb"), (note.Deployment, note.Text));
    }

    [Fact]
    public void Customize_RunsBeforeGuardrails_SoAnUnsafeChangeIsStillRefused()
    {
        var d = SampleDeployments.CpuEndpoint().Customize("let CI overwrite tags", r => r.SetProperty("repo", "imageTagMutability", "MUTABLE"));

        var e = Assert.Throws<InvalidInputException>(() => SampleDeployments.Synthesizer().Synthesize(SampleDeployments.Platform(EnvironmentProfile.Development, d), SampleDeployments.Staging));

        Assert.Contains(e.Diagnostics, p => p.Path == "deployments[fraud]" && p.Message.StartsWith("MLS-REG-01 ", StringComparison.Ordinal));
    }

    [Fact]
    public void Customize_UnknownResource_IsAnInputErrorListingTheParts()
    {
        var d = SampleDeployments.CpuEndpoint().Customize("typo", r => r.SetProperty("endpoint-cfg", "x", 1));

        var e = Assert.Throws<InvalidInputException>(() => SampleDeployments.Synthesizer().Synthesize(SampleDeployments.Platform(EnvironmentProfile.Development, d), SampleDeployments.Staging));

        var problem = Assert.Single(e.Diagnostics);
        Assert.Equal("deployments[fraud].customizations[0]", problem.Path);
        Assert.StartsWith("the deployment has no resource 'endpoint-cfg'", problem.Message, StringComparison.Ordinal);
        Assert.Contains("endpoint-config", problem.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void Customize_TypeTokenAndParts_AreTheDeploymentsOwn()
    {
        IReadOnlyList<string> parts = [];
        string? token = null;
        var d = SampleDeployments.CpuEndpoint().Customize("inspect", r => (parts, token) = (r.Parts, r.TypeToken("endpoint")));

        SampleDeployments.Synthesizer().Synthesize(SampleDeployments.Platform(EnvironmentProfile.Development, d, SampleDeployments.CpuEndpoint("other")), SampleDeployments.Staging);

        Assert.Contains("endpoint", parts);
        Assert.DoesNotContain(parts, p => p.StartsWith("other", StringComparison.Ordinal));
        Assert.Equal("aws:sagemaker/endpoint:Endpoint", token);
    }
}

public class ValuePathSetTests
{
    private static readonly MapValue s_root = Value.Map(
        ("a", Value.Map(("b", 1))),
        ("list", Value.List(Value.Map(("x", "one")), Value.Map(("x", "two")))),
        ("json", Fn.ToJson(Value.Map(("k", "v")))));

    [Fact]
    public void Set_NestedKey_ReplacesOnlyThatValue() =>
        Assert.Equal(2m, ValuePath.GetNumber(ValuePath.Set(s_root, "a.b", 2), "a.b"));

    [Fact]
    public void Set_MissingMaps_AreCreated() =>
        Assert.Equal("v", ValuePath.GetString(ValuePath.Set(s_root, "c.d.e", "v"), "c.d.e"));

    [Fact]
    public void Set_ListIndex_ReplacesTheItemsProperty() =>
        Assert.Equal("zwei", ValuePath.GetString(ValuePath.Set(s_root, "list[1].x", "zwei"), "list[1].x"));

    [Fact]
    public void Set_Null_RemovesTheKey() =>
        Assert.Null(ValuePath.Get(ValuePath.Set(s_root, "a.b", null), "a.b"));

    [Fact]
    public void Set_ThroughToJson_KeepsTheJsonWrapper()
    {
        var updated = ValuePath.Set(s_root, "json.k", "w");

        Assert.IsType<FunctionCall>(updated.Get("json"));
        Assert.Equal("w", ValuePath.GetString(updated, "json.k"));
    }

    [Theory]
    [InlineData("list[5].x")]
    [InlineData("a.b.c")]
    [InlineData("a[x]")]
    [InlineData("a..b")]
    public void Set_PathThatCannotExist_Throws(string path) =>
        Assert.Throws<ArgumentException>(() => ValuePath.Set(s_root, path, 1));
}
