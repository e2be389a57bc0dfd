using MlDeploy.Hosting;
using MlDeploy.Tests.Support;

namespace MlDeploy.Tests.Hosting;

/// <summary>The published compiler's own staleness check (compile.sh hands it the stamp and the source folders).</summary>
public sealed class PublishedSourcesTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("mldeploy-published-").FullName;
    private readonly DateTime _published = new(2026, 11, 1, 12, 0, 0, DateTimeKind.Utc);

    public PublishedSourcesTests()
    {
        Write("stamp", _published);
        Write("stacks/Program.cs", _published.AddHours(-1));
        Write("src/MlDeploy.Core/Graph/Value.cs", _published.AddHours(-1));
        Write("src/MlDeploy.Core/MlDeploy.Core.csproj", _published.AddHours(-1));
        Write("Directory.Build.props", _published.AddHours(-1));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void ChangedSince_NoSourceNewerThanTheStamp_IsNull()
    {
        Assert.Null(Changed());
    }

    [Theory]
    [InlineData("src/MlDeploy.Core/Graph/Value.cs")]
    [InlineData("src/MlDeploy.Core/MlDeploy.Core.csproj")]
    [InlineData("stacks/Program.cs")]
    [InlineData("Directory.Build.props")]
    [InlineData("src/MlDeploy.Core/Build/Extra.targets")]
    [InlineData("src/MlDeploy.Core/Costs/prices.tsv")]
    [InlineData("src/MlDeploy.Hosting/compiler-startup.order")]
    public void ChangedSince_ASourceSavedAfterThePublish_NamesIt(string source)
    {
        Write(source, _published.AddSeconds(1));

        Assert.Equal(Path.Combine(_root, source), Changed());
    }

    [Theory]
    [InlineData("src/MlDeploy.Core/bin/Release/Generated.cs")]
    [InlineData("src/MlDeploy.Core/obj/Release/AssemblyInfo.cs")]
    [InlineData("stacks/bin/compiler-build/Generated.cs")]
    [InlineData("src/MlDeploy.Core/.hidden/Draft.cs")]
    [InlineData("src/MlDeploy.Core/.Draft.cs")]
    [InlineData("src/MlDeploy.Core/README.md")]
    [InlineData("stacks/Pulumi.prod.yaml")]
    public void ChangedSince_BuildOutputHiddenOrNonSourceFiles_AreNotEdits(string file)
    {
        Write(file, _published.AddSeconds(1));

        Assert.Null(Changed());
    }

    [Fact]
    public void EveryFileTheRepositorysProjectsEmbed_IsASourceTheCheckWatches()
    {
        // An embedded file edited after the publish must republish, or the program keeps the old copy (the price table).
        var projects = Directory.EnumerateFiles(Repo.Root, "*.csproj", SearchOption.AllDirectories)
            .Where(p => !p.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj" || part.StartsWith('.')));
        var embedded = projects
            .SelectMany(p => System.Xml.Linq.XDocument.Load(p).Descendants("EmbeddedResource").Select(e => (Project: p, Include: (string?)e.Attribute("Include"))))
            .ToList();

        Assert.NotEmpty(embedded);
        Assert.All(embedded, e => Assert.True(e.Include is { } include && PublishedSources.IsSource(Path.GetFileName(include)), $"{e.Project} embeds {e.Include}, which the published program's source check does not watch"));
    }

    [Fact]
    public void ChangedSince_ASourceAsOldAsTheStamp_IsNotNewer()
    {
        // The shell's -nt: strictly newer.
        Write("stacks/Program.cs", _published);

        Assert.Null(Changed());
    }

    [Fact]
    public void ChangedSince_NoStamp_EverySourceIsNewer()
    {
        File.Delete(Path.Combine(_root, "stamp"));

        Assert.NotNull(Changed());
    }

    [Fact]
    public void Start_NotStartedByTheScript_StartsNoCheck()
    {
        Write("stacks/Program.cs", _published.AddSeconds(1));

        Assert.Null(PublishedSources.Start(["compile"], _ => null, () => TextWriter.Null));
    }

    [Fact]
    public void Settle_ASourceChanged_RunsTheScriptOnceWithTheArgumentsAndNamesTheSource()
    {
        Write("stacks/Program.cs", _published.AddSeconds(1));
        var seen = Path.Combine(_root, "seen.txt");
        var check = Start($"printf '%s|%s|%s\\n' \"$MLDEPLOY_REBUILD_FOR\" \"$1\" \"$2\" >> '{seen}'\nexit 7\n", ["synth", "--stack staging"]);

        // Asked at the first output and again at the end: the script runs once, and both get its exit code.
        Assert.Equal(7, check.Settle());
        Assert.Equal(7, check.Settle());
        Assert.Equal($"{Path.Combine(_root, "stacks", "Program.cs")}|synth|--stack staging\n", File.ReadAllText(seen));
    }

    [Fact]
    public void Settle_NothingChanged_LetsTheProgramPrintAndLeavesTheScriptUnrun()
    {
        var ran = Path.Combine(_root, "ran.txt");
        var check = Start($"touch '{ran}'\nexit 7\n", ["compile"]);

        Assert.Null(check.Settle());
        Assert.False(File.Exists(ran));
    }

    [Fact]
    public void Start_ACheckThatFinishes_NeverAsksForTheErrorWriter()
    {
        // Making the console's error writer is start-up time a compile that prints no error should not spend.
        var check = Start("exit 7\n", ["compile"], () => throw new InvalidOperationException("the error writer was asked for"));

        Assert.Null(check.Settle());
    }

    private SourceCheck Start(string scriptText, string[] args, Func<TextWriter>? errors = null)
    {
        var script = Path.Combine(_root, "stacks", "compile.sh");
        File.WriteAllText(script, scriptText);
        var environment = new Dictionary<string, string>
        {
            [PublishedSources.StampVariable] = Path.Combine(_root, "stamp"),
            [PublishedSources.SourcesVariable] = $"{Path.Combine(_root, "stacks")}:{Path.Combine(_root, "src")}",
            [PublishedSources.ScriptVariable] = script,
        };

        // The script itself is a .sh file: not a source, so writing it here changes nothing the check looks at.
        return PublishedSources.Start(args, environment.GetValueOrDefault, errors ?? (() => TextWriter.Null))!;
    }

    private string? Changed() => PublishedSources.ChangedSince(
        Path.Combine(_root, "stamp"),
        [Path.Combine(_root, "stacks"), Path.Combine(_root, "src"), Path.Combine(_root, "Directory.Build.props"), Path.Combine(_root, "Directory.Packages.props")]);

    private void Write(string relative, DateTime modified)
    {
        var path = Path.Combine(_root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "x");
        File.SetLastWriteTimeUtc(path, modified);
    }
}
