using FsCheck;
using FsCheck.Fluent;
using MlDeploy.Naming;

namespace MlDeploy.Tests.Graph;

public class PhysicalNameTests
{
    [Fact]
    public void Create_ShortName_IsJoinedAndLowercased() =>
        Assert.Equal("ml-platform-staging-fraud", PhysicalName.Create(63, "ml-platform", "Staging", "fraud"));

    [Fact]
    public void Create_LongName_IsCutWithStableHash()
    {
        var name = PhysicalName.Create(63, "a-very-long-project-name-for-ml", "production-eu-west-1", "fraud-scorer-with-long-name");

        Assert.Equal(63, name.Length);
        Assert.Equal(name, PhysicalName.Create(63, "a-very-long-project-name-for-ml", "production-eu-west-1", "fraud-scorer-with-long-name"));
        Assert.NotEqual(name, PhysicalName.Create(63, "a-very-long-project-name-for-ml", "production-eu-west-1", "fraud-scorer-with-long-namf"));
        Assert.Matches("^[a-z0-9][a-z0-9-]*-[0-9a-f]{6}$", name);
    }

    [Fact]
    public void Create_AnyParts_StaysWithinLimitAndCharset_Property() =>
        Prop.ForAll(
            Gen.Elements('a', 'Z', '0', '-', '_', '.', ' ', '/').ArrayOf().Select(cs => new string(cs)).ArrayOf().Where(a => a.Length > 0).ToArbitrary(),
            Gen.Choose(8, 80).ToArbitrary(),
            (parts, max) =>
            {
                var name = PhysicalName.Create(max, parts);
                return name.Length <= max && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-') && !name.StartsWith('-');
            })
        .QuickCheckThrowOnFailure();
}
