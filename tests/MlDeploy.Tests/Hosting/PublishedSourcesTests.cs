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

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void ChangedSince_ACheckThatFoundNothing_ListsEverySourceAndFolderBesideTheStamp(bool native)
    {
        Assert.Null(Changed(native));

        var listing = File.ReadAllLines(Path.Combine(_root, SourceListing.FileName));
        Assert.Contains($"f {Path.Combine(_root, "stacks", "Program.cs")}", listing);
        Assert.Contains($"f {Path.Combine(_root, "src", "MlDeploy.Core", "Graph", "Value.cs")}", listing);
        Assert.Contains($"f {Path.Combine(_root, "Directory.Build.props")}", listing);
        Assert.Contains($"d {Path.Combine(_root, "src", "MlDeploy.Core", "Graph")}", listing);
        Assert.Contains($"d {Path.Combine(_root, "stacks")}", listing);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void ChangedSince_AListedSourceSavedAfterThePublish_NamesIt(bool native)
    {
        Assert.Null(Changed(native));
        Write("src/MlDeploy.Core/Graph/Value.cs", _published.AddSeconds(1));

        Assert.Equal(Path.Combine(_root, "src", "MlDeploy.Core", "Graph", "Value.cs"), Changed(native));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void ChangedSince_ASourceDeletedAfterTheListing_NamesTheFolderItLeft(bool native)
    {
        // The publish holds the deleted source; compile.sh republishes for a path newer than the stamp, and the deletion
        // made the folder newer.
        Assert.Null(Changed(native));
        File.Delete(Path.Combine(_root, "src", "MlDeploy.Core", "Graph", "Value.cs"));

        var changed = Changed(native);

        Assert.Equal(Path.Combine(_root, "src", "MlDeploy.Core", "Graph"), changed);
        Assert.True(Directory.GetLastWriteTimeUtc(changed!) > _published);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void ChangedSince_ASourceAddedWithATimeOlderThanThePublish_NamesItsFolder(bool native)
    {
        // As `cp -p`, an unpacked archive or a rename leaves it: the walk alone would call it older than the publish.
        Assert.Null(Changed(native));
        Write("src/MlDeploy.Core/Graph/Copied.cs", _published.AddDays(-3));

        Assert.Equal(Path.Combine(_root, "src", "MlDeploy.Core", "Graph"), Changed(native));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void ChangedSince_AFolderOfSourcesAddedAfterTheListing_NamesTheFolderThatHoldsIt(bool native)
    {
        Assert.Null(Changed(native));
        Write("src/MlDeploy.Extra/Thing.cs", _published.AddDays(-3));

        Assert.Equal(Path.Combine(_root, "src"), Changed(native));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void ChangedSince_NonSourcesAddedOrDeletedAfterTheListing_AreNoChange(bool native)
    {
        // An editor's swap file, notes, build output: the folders are newer than the stamp, but nothing they hold is a source.
        Assert.Null(Changed(native));
        Write("stacks/.Program.cs.swp", _published.AddSeconds(1));
        Write("stacks/notes.md", _published.AddSeconds(1));
        Write("src/MlDeploy.Core/obj/Release/Generated.cs", _published.AddSeconds(1));
        File.Delete(Path.Combine(_root, "stacks", "notes.md"));

        Assert.True(Directory.GetLastWriteTimeUtc(Path.Combine(_root, "stacks")) > _published);
        Assert.Null(Changed(native));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void ChangedSince_ANamedSourceFileThatWasAbsentWhenListed_IsAChangeOnceItIsThere(bool native)
    {
        // The fixture has no Directory.Packages.props: adding one changes every project's package versions.
        Assert.Null(Changed(native));
        Assert.Null(Changed(native));
        Write("Directory.Packages.props", _published.AddDays(-3));

        // Its folder, which its arrival made newer than the stamp (compile.sh republishes only for a path newer than that).
        var changed = Changed(native);
        Assert.Equal(_root, changed);
        Assert.True(Directory.GetLastWriteTimeUtc(changed!) > _published);
    }

    [Fact]
    public void ChangedSince_AListingOfAnEarlierPublish_IsWalkedAgainAndReplaced()
    {
        Assert.Null(Changed());
        File.Delete(Path.Combine(_root, "src", "MlDeploy.Core", "Graph", "Value.cs"));
        Write("stamp", _published.AddDays(1));

        // The new publish was built without the deleted source: nothing changed since it, and its listing omits it.
        Assert.Null(Changed());
        Assert.DoesNotContain(File.ReadAllLines(Path.Combine(_root, SourceListing.FileName)), l => l.EndsWith("Value.cs", StringComparison.Ordinal));
        Assert.Null(Changed());
    }

    [Fact]
    public void ChangedSince_AListingOfOtherSources_IsWalkedAgain()
    {
        Assert.Null(PublishedSources.ChangedSince(Path.Combine(_root, "stamp"), [Path.Combine(_root, "stacks")]));
        Write("src/MlDeploy.Core/Graph/Value.cs", _published.AddSeconds(1));

        Assert.Equal(Path.Combine(_root, "src", "MlDeploy.Core", "Graph", "Value.cs"), Changed());
    }

    [Fact]
    public void FileClock_OnLinux_ReadsTimesFromTheKernelAsDotNetDoes()
    {
        var path = Path.Combine(_root, "stacks", "Program.cs");
        var native = FileClock.Create();

        Assert.Equal(OperatingSystem.IsLinux(), native.IsNative);
        Assert.True(native.TryModified(path, out var kernel));
        Assert.True(FileClock.Managed().TryModified(path, out var dotnet));
        Assert.Equal(dotnet, kernel);
        Assert.Equal((_published.AddHours(-1).Ticks - DateTime.UnixEpoch.Ticks) * 100, kernel);
        Assert.False(native.TryModified(Path.Combine(_root, "missing.cs"), out _));
        Assert.False(FileClock.Managed().TryModified(Path.Combine(_root, "missing.cs"), out _));
    }

    [Fact]
    public void Check_NotStartedByTheScript_ChecksNothing()
    {
        Write("stacks/Program.cs", _published.AddSeconds(1));

        Assert.Null(PublishedSources.Check(["compile"], _ => null, () => TextWriter.Null));
    }

    [Fact]
    public void Check_ASourceChanged_RunsTheScriptWithTheArgumentsNamingTheSourceAndEndsWithItsCode()
    {
        Write("stacks/Program.cs", _published.AddSeconds(1));
        var seen = Path.Combine(_root, "seen.txt");

        var ending = Check($"printf '%s|%s|%s\\n' \"$MLDEPLOY_REBUILD_FOR\" \"$1\" \"$2\" >> '{seen}'\nexit 7\n", ["synth", "--stack staging"]);

        Assert.Equal(7, ending);
        Assert.Equal($"{Path.Combine(_root, "stacks", "Program.cs")}|synth|--stack staging\n", File.ReadAllText(seen));
    }

    [Fact]
    public void Check_NothingChanged_LetsTheProgramRunAndLeavesTheScriptUnrun()
    {
        var ran = Path.Combine(_root, "ran.txt");

        Assert.Null(Check($"touch '{ran}'\nexit 7\n", ["compile"]));
        Assert.False(File.Exists(ran));
    }

    [Fact]
    public void Check_NothingChanged_NeverAsksForTheErrorWriter()
    {
        // Making the console's error writer is start-up time a compile that prints no error should not spend.
        Assert.Null(Check("exit 7\n", ["compile"], () => throw new InvalidOperationException("the error writer was asked for")));
    }

    [Fact]
    public void Settle_ACheckThatFails_ReportsAnInternalErrorAndEndsWithCode1()
    {
        var errors = new StringWriter();

        var ending = PublishedSources.Settle(() => throw new IOException("the disk went away"), _ => 7, () => errors);

        Assert.Equal(1, ending);
        Assert.StartsWith("internal error: could not check whether the stack program's sources changed since its publish: System.IO.IOException: the disk went away", errors.ToString(), StringComparison.Ordinal);
    }

    private int? Check(string scriptText, string[] args, Func<TextWriter>? errors = null)
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
        return PublishedSources.Check(args, environment.GetValueOrDefault, errors ?? (() => TextWriter.Null));
    }

    private string? Changed(bool native = true) => PublishedSources.ChangedSince(
        Path.Combine(_root, "stamp"),
        [Path.Combine(_root, "stacks"), Path.Combine(_root, "src"), Path.Combine(_root, "Directory.Build.props"), Path.Combine(_root, "Directory.Packages.props")],
        native ? FileClock.Create() : FileClock.Managed());

    private void Write(string relative, DateTime modified)
    {
        var path = Path.Combine(_root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "x");
        File.SetLastWriteTimeUtc(path, modified);
    }
}
