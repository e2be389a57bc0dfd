using MlDeploy.Tests.Support;

namespace MlDeploy.Tests.Hosting;

/// <summary>A throwaway copy (a path ending in / is created as a folder) of a minimal project: Pulumi.yaml, one valid stack, the model server's files.</summary>
internal sealed class HostProject : IDisposable
{
    public const string ValidStaging =
        "config:\n" +
        "  aws:region: eu-west-1\n" +
        "  ml-platform:imageTag: \"2026.11.22-1\"\n" +
        "  ml-platform:minReplicas: \"1\"\n" +
        "  ml-platform:maxReplicas: \"2\"\n" +
        "  ml-platform:alertEmail: ml@example.com\n" +
        "  ml-platform:subnetIds:\n" +
        "    - subnet-0a1b2c3d4e5f60001\n" +
        "    - subnet-0a1b2c3d4e5f60002\n" +
        "  ml-platform:securityGroupIds:\n" +
        "    - sg-0a1b2c3d4e5f60001\n";

    private readonly TempDirectory _dir = new();

    public HostProject(IReadOnlyDictionary<string, byte[]?> changes)
    {
        Write("Pulumi.yaml", HostCase.Utf8("name: ml-platform\nstackConfigDir: stacks\n"));
        Write("stacks/Pulumi.staging.yaml", HostCase.Utf8(ValidStaging));
        Write("examples/model-server/Dockerfile", File.ReadAllBytes(Repo.PathOf("examples", "model-server", "Dockerfile")));
        Write("examples/model-server/model/model.json", File.ReadAllBytes(Repo.PathOf("examples", "model-server", "model", "model.json")));
        foreach (var (path, content) in changes)
        {
            Write(path, content);
        }
    }

    public string Root => _dir.Path;

    /// <summary>Every file and folder with its content, to prove a run wrote nothing.</summary>
    public SortedDictionary<string, string> Snapshot() =>
        new(Directory.EnumerateFileSystemEntries(Root, "*", SearchOption.AllDirectories)
            .ToDictionary(
                p => Path.GetRelativePath(Root, p),
                p => File.Exists(p) ? Convert.ToBase64String(File.ReadAllBytes(p)) : "<folder>"),
            StringComparer.Ordinal);

    public void Dispose() => _dir.Dispose();

    private void Write(string relative, byte[]? content)
    {
        var path = Path.Combine(Root, relative);
        if (relative.EndsWith('/'))
        {
            Directory.CreateDirectory(path);
            return;
        }

        if (content is null)
        {
            File.Delete(path);
            return;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, content);
    }
}
