using MlDeploy.Aws;
using MlDeploy.Graph;
using MlDeploy.Kubernetes;
using MlDeploy.Model;
using MlDeploy.Targets;
using MlDeploy.Tests.Support;

namespace MlDeploy.Tests.Kubernetes;

/// <summary>
/// The cluster targets' model volume is sized from the local artifact's files (plus 10 %), except for an archive the
/// loader unpacks, whose unpacked size is unknown. Files are sparse, so gigabytes cost no disk.
/// </summary>
public sealed class ModelStorageTests : IDisposable
{
    private const long GiB = 1024L * 1024 * 1024;
    private readonly TempDirectory _root = new();

    public void Dispose() => _root.Dispose();

    [Fact]
    public void LocalFolder_IsMeasured_AndTenPercentAdded()
    {
        Sparse("model/weights-1.bin", 2 * GiB);
        Sparse("model/weights-2.bin", 1 * GiB);

        var (size, note) = Size("model");

        Assert.Equal(4, size);
        Assert.Equal("model volume 4 GiB: the local artifact measures 3 GiB, plus 10 %", note);
    }

    [Theory]
    [InlineData("model.tar.gz")]
    [InlineData("model.tgz")]
    public void LocalArchive_GetsTheDefault_BecauseItsUnpackedSizeIsUnknown(string name)
    {
        Sparse(name, 5 * GiB);

        var (size, note) = Size(name);

        Assert.Equal(KubernetesWorkload.DefaultModelStorageGiB, size);
        Assert.StartsWith($"model volume {KubernetesWorkload.DefaultModelStorageGiB} GiB by default", note, StringComparison.Ordinal);
    }

    [Fact]
    public void AFolderNamedLikeAnArchive_IsMeasuredAsTheFolderItIs()
    {
        Sparse("model.tgz/weights.bin", 2 * GiB);

        Assert.Equal(3, Size("model.tgz").Size);
    }

    [Fact]
    public void SizeOf_IsTheFilesTotal_AndNullWhereNothingIs()
    {
        Sparse("model/a.bin", 10);
        Sparse("model/sub/b.bin", 32);

        Assert.Equal(42, ArtifactFiles.SizeOf(_root.Path, new FileArtifact("model")));
        Assert.Equal(10, ArtifactFiles.SizeOf(_root.Path, new FileArtifact("model/a.bin")));
        Assert.Null(ArtifactFiles.SizeOf(_root.Path, new FileArtifact("absent")));
    }

    private (int Size, string Note) Size(string artifact)
    {
        var deployment = SampleDeployments.CpuEndpoint("fraud") with { Artifact = ModelArtifact.FromFile(artifact) };
        var context = new PlanContext(new GraphBuilder(), "ml-platform", "prod", EnvironmentProfile.Production, _root.Path);
        var size = ModelStorage.GiB(deployment, declared: null, _root.Path, new DeploymentScope(deployment, context, AwsTagPolicy.Instance));
        return (size, Assert.Single(context.Notes, n => n.Concept == "model storage").Text);
    }

    private void Sparse(string relative, long length)
    {
        var path = Path.Combine(_root.Path, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var file = File.Create(path);
        file.SetLength(length);
    }
}
