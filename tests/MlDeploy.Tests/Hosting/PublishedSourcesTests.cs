using MlDeploy.Hosting;

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
    public void RepublishIfChanged_NotStartedByTheScript_DoesNothing()
    {
        Write("stacks/Program.cs", _published.AddSeconds(1));

        Assert.Null(PublishedSources.RepublishIfChanged(["compile"], _ => null));
    }

    [Fact]
    public void RepublishIfChanged_ASourceChanged_RunsTheScriptWithTheArgumentsAndNamesTheSource()
    {
        Write("stacks/Program.cs", _published.AddSeconds(1));
        var script = Path.Combine(_root, "stacks", "compile.sh");
        var seen = Path.Combine(_root, "seen.txt");
        File.WriteAllText(script, $"printf '%s|%s|%s' \"$MLDEPLOY_REBUILD_FOR\" \"$1\" \"$2\" > '{seen}'\nexit 7\n");
        var environment = new Dictionary<string, string>
        {
            [PublishedSources.StampVariable] = Path.Combine(_root, "stamp"),
            [PublishedSources.SourcesVariable] = $"{Path.Combine(_root, "stacks")}:{Path.Combine(_root, "src")}",
            [PublishedSources.ScriptVariable] = script,
        };

        var exit = PublishedSources.RepublishIfChanged(["synth", "--stack staging"], k => environment.GetValueOrDefault(k));

        Assert.Equal(7, exit);
        Assert.Equal($"{Path.Combine(_root, "stacks", "Program.cs")}|synth|--stack staging", File.ReadAllText(seen));
    }

    [Fact]
    public void RepublishIfChanged_NothingChanged_LeavesTheScriptUnrun()
    {
        var script = Path.Combine(_root, "stacks", "compile.sh");
        File.WriteAllText(script, "exit 7\n");
        var environment = new Dictionary<string, string>
        {
            [PublishedSources.StampVariable] = Path.Combine(_root, "stamp"),
            [PublishedSources.SourcesVariable] = Path.Combine(_root, "stacks"),
            [PublishedSources.ScriptVariable] = script,
        };

        Assert.Null(PublishedSources.RepublishIfChanged(["compile"], k => environment.GetValueOrDefault(k)));
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
