using System.Diagnostics;
using System.Text;
using MlDeploy.Gcp.Gke;
using MlDeploy.Graph;
using MlDeploy.Kubernetes;
using MlDeploy.Model;
using MlDeploy.Pipeline;
using MlDeploy.Targets;
using MlDeploy.Tests.Support;
using MlDeploy.Validation;
using static MlDeploy.Tests.Support.LoaderFiles;

namespace MlDeploy.Tests.Gke;

/// <summary>
/// DVC-tracked models on GKE (decision 48): the loader streams the gs:// remote's objects with gcloud storage cat into
/// the shared DVC program, and the workload's service account reads only the object, or only the remote's store.
/// The program itself is tested against S3 in moto (AwsDvcLoaderTests: the same <see cref="DvcObjectLoader"/>); here the
/// GKE script runs end to end with a stand-in gcloud that serves files from a folder laid out like the bucket.
/// </summary>
public sealed class GkeDvcTests : IDisposable
{
    private const string Fixtures = "tests/MlDeploy.Tests/Fixtures/Dvc";
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static ModelDeployment Tracked(string dvcFile) =>
        GkeSamples.ExistingClusterCpu(EnvironmentProfile.Production) with { Artifact = ModelArtifact.FromDvc($"{Fixtures}/{dvcFile}") };

    private static List<Diagnostic> Problems(ModelDeployment d) =>
        [.. GkeSamples.Synthesizer().Validate(SampleDeployments.Platform(EnvironmentProfile.Production, d), Repo.Root).Where(p => p.Path.Contains(".artifact", StringComparison.Ordinal))];

    private static MapValue InitContainer(Synthesis s) =>
        (MapValue)ValuePath.Get(s.Graph.Resources.Single(r => r.Type.Token == "kubernetes:apps/v1:Deployment").Properties, "spec.template.spec.initContainers[0]")!;

    private static IEnumerable<string> Args(MapValue init) => ((ListValue)ValuePath.Get(init, "args")!).Items.Cast<StringValue>().Select(v => v.Value);

    private static MapValue ReadGrant(Synthesis s) => s.Graph.Resources.Single(r => r.Name == "ranker-models-reader").Properties;

    [Fact]
    public void Validate_GcsRemote_IsAccepted()
    {
        Assert.Empty(Problems(Tracked("v3/models/fraud-gcs.tar.gz.dvc")));
        Assert.Empty(Problems(Tracked("v3/models/features-gcs.dvc")));
    }

    [Fact]
    public void Validate_RemoteOnAnotherCloud_IsRefusedWithItsMessage()
    {
        Assert.Equal(
            [new Diagnostic("deployments[ranker].artifact.dvcFile", "'tests/MlDeploy.Tests/Fixtures/Dvc/v3/models/fraud.tar.gz.dvc' is stored in the DVC remote 'models' in Aws storage but the target GKE (Kubernetes) runs in Google", "push it to a DVC remote on Google storage (`dvc remote add`, then `dvc push -r <name>`, and name it in the output's remote: field or as the default), or use ModelArtifact.FromFile so the SDK uploads it")],
            Problems(Tracked("v3/models/fraud.tar.gz.dvc")));
    }

    [Fact]
    public void Validate_GcsRemoteTheGrantCannotName_IsRefused()
    {
        Assert.Equal(
            [new Diagnostic("deployments[ranker].artifact.dvcFile", "'tests/MlDeploy.Tests/Fixtures/Dvc/v3/models/fraud-gcs-upper.tar.gz.dvc' is stored at gs://Acme-ML/store/files/md5/38/63d0e317dee0a55c4e59d2ec0eef33, which is not a Cloud Storage URI the SDK can grant read access to", "use a DVC remote gs://<bucket>/<path> with a bucket name of lowercase letters, digits, '-', '_' and '.'")],
            Problems(Tracked("v3/models/fraud-gcs-upper.tar.gz.dvc")));
    }

    [Fact]
    public void Plan_Tarball_LoaderStreamsTheObjectIntoTheMd5Check_AndTheAccountReadsOnlyThatObject()
    {
        var s = GkeSamples.Synthesize(EnvironmentProfile.Production, Tracked("v3/models/fraud-gcs.tar.gz.dvc"));

        var init = InitContainer(s);
        Assert.Equal(
            [GkeModelLoader.DvcScript, "gs://acme-ml-dvc/store/files/md5/", "$(MODEL_DIR)", "3863d0e317dee0a55c4e59d2ec0eef33", "md5", "fraud-gcs.tar.gz"],
            Args(init));
        var env = ((ListValue)ValuePath.Get(init, "env")!).Items.Cast<MapValue>().ToDictionary(e => ValuePath.GetString(e, "name")!, e => ValuePath.GetString(e, "value"));
        Assert.Equal("gs://acme-ml-dvc/store/files/md5/38/63d0e317dee0a55c4e59d2ec0eef33", env["MODEL_URI"]);

        var grant = ReadGrant(s);
        Assert.Equal(
            ("acme-ml-dvc", "roles/storage.objectViewer", "model-object-only", "resource.name == \"projects/_/buckets/acme-ml-dvc/objects/store/files/md5/38/63d0e317dee0a55c4e59d2ec0eef33\""),
            (ValuePath.GetString(grant, "bucket"), ValuePath.GetString(grant, "role"), ValuePath.GetString(grant, "condition.title"), ValuePath.GetString(grant, "condition.expression")));
        Assert.DoesNotContain(s.Graph.Resources, r => r.Type.Token.StartsWith("gcp:storage/bucket:", StringComparison.Ordinal) || r.Type.Token.StartsWith("gcp:storage/bucketObject:", StringComparison.Ordinal));
        Assert.Equal(
            "fraud-gcs.tar.gz tracked by tests/MlDeploy.Tests/Fixtures/Dvc/v3/models/fraud-gcs.tar.gz.dvc in DVC remote 'gcs' (DVC 3 layout): gs://acme-ml-dvc/store/files/md5/38/63d0e317dee0a55c4e59d2ec0eef33, read in place and addressed by its md5 3863d0e317dee0a55c4e59d2ec0eef33; the service account may read only that object (roles/storage.objectViewer on bucket acme-ml-dvc, conditioned on the object's name: the bucket needs uniform bucket-level access)",
            s.Notes.Single(n => n.Concept == "artifact").Text);
        Assert.Contains("reads only the DVC object (roles/storage.objectViewer, conditioned)", s.Notes.Single(n => n.Concept == "identity").Text, StringComparison.Ordinal);
        var digest = s.Notes.Single(n => n.Concept == "model digest");
        Assert.Equal((Fidelity.Approximated, "pinned by its DVC md5 3863d0e317dee0a55c4e59d2ec0eef33 (the remote object's key), which the model loader checks on the fetched bytes before the server starts; give ModelArtifact's Sha256 (ModelDigest of the files) to promote it"), (digest.Fidelity, digest.Text));
    }

    [Fact]
    public void Plan_Directory_AccountReadsTheRemotesStoreAndListsNothing()
    {
        var s = GkeSamples.Synthesize(EnvironmentProfile.Production, Tracked("v3/models/features-gcs.dvc"));

        Assert.Equal(
            [GkeModelLoader.DvcScript, "gs://acme-ml-dvc/store/files/md5/", "$(MODEL_DIR)", "1b0c5e8f2a6d4c3b9e7f0a1d2c3b4a59.dir", "md5", "features"],
            Args(InitContainer(s)));
        var grant = ReadGrant(s);
        Assert.Equal(
            ("dvc-store-only", "resource.name.startsWith(\"projects/_/buckets/acme-ml-dvc/objects/store/files/md5/\")"),
            (ValuePath.GetString(grant, "condition.title"), ValuePath.GetString(grant, "condition.expression")));
        Assert.Equal(
            "directory features tracked by tests/MlDeploy.Tests/Fixtures/Dvc/v3/models/features-gcs.dvc in DVC remote 'gcs' (DVC 3 layout): the loader reads its .dir manifest gs://acme-ml-dvc/store/files/md5/1b/0c5e8f2a6d4c3b9e7f0a1d2c3b4a59.dir, checks the manifest's md5 1b0c5e8f2a6d4c3b9e7f0a1d2c3b4a59.dir, then fetches and md5-checks each file it lists; the service account may read every object under gs://acme-ml-dvc/store/files/md5/ (the remote's store, broader than this model: the files' keys are known only from the manifest at run time) and list none (roles/storage.objectViewer on bucket acme-ml-dvc, conditioned on that prefix: the bucket needs uniform bucket-level access)",
            s.Notes.Single(n => n.Concept == "artifact").Text);
        Assert.Contains("reads only the DVC remote's store, listing nothing", s.Notes.Single(n => n.Concept == "identity").Text, StringComparison.Ordinal);
        Assert.Contains("checks each object's md5", s.Notes.Single(n => n.Concept == "model delivery").Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Script_WaitsOnTheObject_StreamsWithGcloudStorageCat_InTheFargateEksArgumentOrder_ThenChecksTheDigest()
    {
        var lines = GkeModelLoader.DvcScript.Split('\n');

        Assert.Equal("until gcloud storage objects describe \"$MODEL_URI\" >/dev/null; do", lines[2]);
        Assert.Contains(DvcObjectLoader.Command("gcloud storage cat \"$0\"") + " \"$0\" \"$2\" \"$3\" \"$1\" \"$4\"\n" + ModelArchive.VerifyDigest + " \"$1\"\n", GkeModelLoader.DvcScript, StringComparison.Ordinal);
        Assert.EndsWith("' 'gcloud storage cat \"$0\"' \"$0\" \"$2\" \"$3\" \"$1\" \"$4\"", lines.Single(l => l.Contains("'gcloud storage cat", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.DoesNotContain("gcloud storage ls", GkeModelLoader.DvcScript, StringComparison.Ordinal);
    }

    [Fact]
    public void Script_WithAStandInGcloud_FetchesTheFileUnderItsNameAndChecksItsMd5()
    {
        var archive = Encoding.UTF8.GetBytes("pickled model bytes\0\u0001");
        var md5 = Put("store/files/md5/", archive);

        var (code, output) = Run("gs://acme/store/files/md5/", md5, "fraud.pkl", null);

        Assert.True(code == 0, output);
        Assert.Contains($"dvc object verified: md5 {md5} (fraud.pkl)", output, StringComparison.Ordinal);
        Assert.Equal(archive, File.ReadAllBytes(Path.Combine(_dir.Path, "model", "fraud.pkl")));
        Assert.Contains("describe gs://acme/store/files/md5/" + md5[..2] + "/" + md5[2..], File.ReadAllText(Path.Combine(_dir.Path, "calls")), StringComparison.Ordinal);
    }

    [Fact]
    public void Script_WithAStandInGcloud_RefusesBytesThatDoNotMatchTheMd5()
    {
        var md5 = Put("store/files/md5/", Encoding.UTF8.GetBytes("model"));
        File.WriteAllText(Path.Combine(_dir.Path, "bucket", "acme", "store", "files", "md5", md5[..2], md5[2..]), "other bytes");

        var (code, output) = Run("gs://acme/store/files/md5/", md5, "fraud.pkl", null);

        Assert.NotEqual(0, code);
        Assert.Contains("does not match its md5", output, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_dir.Path, "model", "fraud.pkl")));
    }

    // Writes an object under its md5 below the stand-in bucket "acme"; returns the md5.
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA5351:Do Not Use Broken Cryptographic Algorithms", Justification = "DVC addresses objects by md5; the test computes what DVC computed.")]
    private string Put(string store, byte[] bytes)
    {
        var md5 = LoaderFiles.Md5(bytes);
        var path = Path.Combine(_dir.Path, "bucket", "acme", store, md5[..2], md5[2..]);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
        return md5;
    }

    // Runs the loader as the init container does (/bin/sh -c script root dir md5 hash-name name), with a gcloud on PATH
    // that answers `storage objects describe` and serves `storage cat gs://...` from the bucket folder.
    private (int Code, string Output) Run(string root, string md5, string name, string? digest)
    {
        var bin = Path.Combine(_dir.Path, "bin");
        Directory.CreateDirectory(bin);
        WriteExecutable(Path.Combine(bin, "gcloud"), "#!/bin/sh\necho \"$3 $4\" >> \"$FAKE_CALLS\"\ncase \"$1 $2\" in\n  \"storage objects\") [ -f \"$FAKE_GCS/${4#gs://}\" ] ;;\n  \"storage cat\") exec cat \"$FAKE_GCS/${3#gs://}\" ;;\n  *) exit 2 ;;\nesac\n");

        var model = Path.Combine(_dir.Path, "model");
        Directory.CreateDirectory(model);
        var start = new ProcessStartInfo("/bin/sh", ["-c", GkeModelLoader.DvcScript, root, model, md5, "md5", name]);
        start.Environment["PATH"] = bin + Path.PathSeparator + start.Environment["PATH"];
        start.Environment["FAKE_GCS"] = Path.Combine(_dir.Path, "bucket");
        start.Environment["FAKE_CALLS"] = Path.Combine(_dir.Path, "calls");
        start.Environment["MODEL_URI"] = root + md5[..2] + "/" + md5[2..];
        return LoaderFiles.Run(start, digest);
    }
}
