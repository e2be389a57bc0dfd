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

    // Any UTF-16 text, weighted towards what names hold, with the characters that lowercase to ASCII from outside it
    // (KELVIN SIGN to 'k', LATIN CAPITAL LETTER I WITH DOT ABOVE), a lone surrogate and a pair.
    private static readonly Gen<string> AnyPart = Gen.OneOf(
            Gen.Elements('a', 'Z', '0', '9', '-', '_', '.', ' ', '\u212A', '\u0130', '\u00C0', '\uD801', '\uDC00'),
            ArbMap.Default.GeneratorFor<char>())
        .ArrayOf().Where(cs => cs.Length < 90).Select(cs => new string(cs));

    [Fact]
    public void Create_AnyParts_GivesWhatJoiningLoweringAndTrimmingStringsGives_Property() =>
        Prop.ForAll(
            AnyPart.ArrayOf().Where(p => p.Length < 6).Zip(Gen.Choose(PhysicalName.HashLength + 2, 300)).ToArbitrary(),
            input => PhysicalName.Create(input.Item2, input.Item1) == ReferenceName(input.Item2, input.Item1))
        .QuickCheckThrowOnFailure();

    [Fact]
    public void NameDigest_AnyParts_IsTheSha256OfTheLengthPrefixedUtf8() =>
        Prop.ForAll(
            AnyPart.ArrayOf().Where(p => p.Length < 6).ToArbitrary(),
            parts =>
            {
                var identity = string.Concat(parts.Select(p => $"{p.Length}:{p}"));
                return NameDigest.Of(parts).AsSpan().SequenceEqual(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(identity)));
            })
        .QuickCheckThrowOnFailure();

    [Fact]
    public void Create_PartsLongerThanTheStackBuffers_AreNamedLikeShortOnes()
    {
        var part = string.Concat(Enumerable.Repeat("Ab", 400));

        Assert.Equal(ReferenceName(63, [part, "x"]), PhysicalName.Create(63, part, "x"));
        Assert.Equal(ReferenceName(300, [part, part]), PhysicalName.Create(300, part, part));
    }

    // The naming rule as it was first written, with whole strings: join with '-', lowercase, anything but [a-z0-9]
    // becomes '-', runs collapse, no '-' at either end, cut to leave room for '-' and the hash.
    private static string ReferenceName(int maxLength, string[] parts)
    {
        var lowered = string.Join('-', parts).ToLowerInvariant();
        var head = new System.Text.StringBuilder();
        foreach (var c in lowered)
        {
            var keep = char.IsAsciiLetterOrDigit(c) ? c : '-';
            if (keep != '-' || (head.Length > 0 && head[^1] != '-'))
            {
                head.Append(keep);
            }
        }

        var text = head.ToString().Trim('-');
        var room = maxLength - PhysicalName.HashLength - 1;
        if (text.Length > room)
        {
            text = text[..room].TrimEnd('-');
        }

        // 40 bits of the SHA-256 of the length-prefixed parts, in base 32.
        var digest = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(string.Concat(parts.Select(p => $"{p.Length}:{p}"))));
        var bits = digest.Take(5).Aggregate(0UL, (acc, b) => (acc << 8) | b);
        var hash = new string([.. Enumerable.Range(0, PhysicalName.HashLength).Select(i => "abcdefghijklmnopqrstuvwxyz234567"[(int)((bits >> (5 * (PhysicalName.HashLength - 1 - i))) & 31)])]);
        return text.Length == 0 ? hash : $"{text}-{hash}";
    }
}
