using System.Text;

namespace MlDeploy.Tests.Hosting;

/// <summary>
/// One run of the host against a small project in a fresh folder: the valid files of <see cref="HostProject"/>,
/// changed by <see cref="Files"/>. <see cref="Expected"/> is the exact stderr, with {root} for the project folder;
/// a trailing '*' makes it a prefix (for System.CommandLine's own wording).
/// </summary>
internal sealed record HostCase(string Args, string Expected)
{
    /// <summary>Files to write (relative path to bytes) or, with null, to delete.</summary>
    public IReadOnlyDictionary<string, byte[]?> Files { get; init; } = new Dictionary<string, byte[]?>();

    /// <summary>The process environment (no Pulumi variables unless given).</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>A case whose only change is the stack file stacks/Pulumi.qa.yaml.</summary>
    public static HostCase Stack(string yaml, string expected, string args = "synth --stack qa") =>
        new(args, expected) { Files = new Dictionary<string, byte[]?> { ["stacks/Pulumi.qa.yaml"] = Utf8(yaml) } };

    /// <summary>A case whose only change is Pulumi.yaml.</summary>
    public static HostCase Project(string yaml, string expected) =>
        new("synth --stack staging", expected) { Files = new Dictionary<string, byte[]?> { ["Pulumi.yaml"] = Utf8(yaml) } };

    public static byte[] Utf8(string text) => new UTF8Encoding(false).GetBytes(text);

    public string[] Arguments => Args.Length == 0 ? [] : Args.Split(' ');
}
