using System.Text.Json;
using MlDeploy.Graph;
using MlDeploy.Tests.Support;

namespace MlDeploy.Tests.Conformance;

public class PackagePinTests
{
    [Fact]
    public void PinnedProviderVersions_EqualTheVersionsTheConformanceTestsCheckAgainst()
    {
        using var package = JsonDocument.Parse(File.ReadAllText(Repo.PathOf("tests", "conformance", "package.json")));
        var dependencies = package.RootElement.GetProperty("dependencies");

        Assert.All(PulumiPackages.All, p => Assert.Equal(dependencies.GetProperty($"@pulumi/{p.Name}").GetString(), p.Version));
    }

    [Fact]
    public void ConformancePackages_ArePinnedExactly()
    {
        using var package = JsonDocument.Parse(File.ReadAllText(Repo.PathOf("tests", "conformance", "package.json")));

        Assert.All(package.RootElement.GetProperty("dependencies").EnumerateObject(), d => Assert.Matches(@"^\d+\.\d+\.\d+(-[0-9A-Za-z.]+)?$", d.Value.GetString()));
    }
}
