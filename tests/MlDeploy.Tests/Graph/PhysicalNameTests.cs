using FsCheck;
using FsCheck.Fluent;
using MlDeploy.Naming;

namespace MlDeploy.Tests.Graph;

public class PhysicalNameTests
{
    // Pulumi's stack-name alphabet (letters, digits, '-', '_', '.'): everything a stack or project name may hold.
    private static readonly Gen<string> StackLikeName =
        Gen.Elements('a', 'b', 'P', '0', '-', '_', '.').ArrayOf().Where(cs => cs.Length is > 0 and < 30).Select(cs => new string(cs));

    [Fact]
    public void Create_ShortName_IsJoinedLowercasedAndHashed() =>
        Assert.Matches("^ml-platform-staging-fraud-[a-z2-7]{8}$", PhysicalName.Create(63, "ml-platform", "Staging", "fraud"));

    [Theory]
    [InlineData("prod-eu", "scorer", "prod", "eu-scorer")]
    [InlineData("Prod", "scorer", "prod", "scorer")]
    [InlineData("prod.1", "scorer", "prod_1", "scorer")]
    [InlineData("prod", "fraud--v2", "prod", "fraud-v2")]
    public void Create_PartsThatReadAlike_GetDifferentNames(string stackA, string deploymentA, string stackB, string deploymentB)
    {
        var a = PhysicalName.Create(63, "ml-platform", stackA, deploymentA);
        var b = PhysicalName.Create(63, "ml-platform", stackB, deploymentB);

        Assert.Equal(a[..^PhysicalName.HashLength], b[..^PhysicalName.HashLength]);
        Assert.NotEqual(a, b);
    }

    [Fact]
    public void Create_LongName_IsCutAndKeepsTheHash()
    {
        var name = PhysicalName.Create(63, "a-very-long-project-name-for-ml", "production-eu-west-1", "fraud-scorer-with-long-name");

        Assert.Equal(63, name.Length);
        Assert.Equal(name, PhysicalName.Create(63, "a-very-long-project-name-for-ml", "production-eu-west-1", "fraud-scorer-with-long-name"));
        Assert.NotEqual(name, PhysicalName.Create(63, "a-very-long-project-name-for-ml", "production-eu-west-1", "fraud-scorer-with-long-namf"));
        Assert.Matches("^[a-z0-9][a-z0-9-]*-[a-z2-7]{8}$", name);
    }

    [Fact]
    public void Create_AnyParts_StaysWithinLimitAndCharset_Property() =>
        Prop.ForAll(
            Gen.Elements('a', 'Z', '0', '-', '_', '.', ' ', '/').ArrayOf().Select(cs => new string(cs)).ArrayOf().Where(a => a.Length > 0).ToArbitrary(),
            Gen.Choose(10, 80).ToArbitrary(),
            (parts, max) =>
            {
                var name = PhysicalName.Create(max, parts);
                return name.Length <= max && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-') && !name.StartsWith('-') && !name.EndsWith('-');
            })
        .QuickCheckThrowOnFailure();

    [Fact]
    public void Create_DistinctStackAndDeploymentPairs_NeverShareAName_Property() =>
        Prop.ForAll(
            Gen.Zip(StackLikeName, StackLikeName).ArrayOf().Where(pairs => pairs.Length > 1).ToArbitrary(),
            Gen.Elements(32, 63, 100, 255).ToArbitrary(),
            (pairs, max) =>
            {
                var distinct = pairs.Distinct().ToArray();
                var names = distinct.Select(p => PhysicalName.Create(max, "ml-platform", p.Item1, p.Item2)).ToHashSet(StringComparer.Ordinal);
                return names.Count == distinct.Length && names.All(n => n.Length <= max);
            })
        .QuickCheckThrowOnFailure();
}
