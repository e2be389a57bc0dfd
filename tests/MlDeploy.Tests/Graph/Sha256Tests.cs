using System.Text;
using FsCheck;
using FsCheck.Fluent;
using MlDeploy.Naming;

namespace MlDeploy.Tests.Graph;

public class Sha256Tests
{
    [Theory]
    [InlineData("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")]
    [InlineData("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")]
    [InlineData("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")]
    public void HashData_PublishedTestVectors_MatchFips180(string message, string expected) =>
        Assert.Equal(expected, Convert.ToHexStringLower(Sha256.HashData(Encoding.ASCII.GetBytes(message))));

    [Fact]
    public void HashData_EveryLengthAroundTheBlockBoundaries_MatchesTheFrameworkDigest()
    {
        var data = Enumerable.Range(0, 300).Select(i => unchecked((byte)((i * 31) + 7))).ToArray();
        for (var length = 0; length <= data.Length; length++)
        {
            Assert.Equal(System.Security.Cryptography.SHA256.HashData(data.AsSpan(0, length)), Sha256.HashData(data.AsSpan(0, length)));
        }
    }

    [Fact]
    public void HashData_RandomMessages_MatchTheFrameworkDigest_Property() =>
        Prop.ForAll(
            ArbMap.Default.GeneratorFor<byte[]>().ToArbitrary(),
            bytes => System.Security.Cryptography.SHA256.HashData(bytes).AsSpan().SequenceEqual(Sha256.HashData(bytes)))
        .QuickCheckThrowOnFailure();
}
