using MlDeploy.Aws.Blocks;
using MlDeploy.Graph;
using MlDeploy.Model;
using MlDeploy.Pipeline;
using MlDeploy.Targets;
using MlDeploy.Tests.Support;
using MlDeploy.Validation;

namespace MlDeploy.Tests.Pipeline;

/// <summary>DVC-tracked models: fixtures in DVC 3 and 2.x formats under tests/MlDeploy.Tests/Fixtures/Dvc (decision 48).</summary>
public class DvcArtifactTests
{
    private const string Fixtures = "tests/MlDeploy.Tests/Fixtures/Dvc";

    public static ModelDeployment Tracked(string dvcFile, string name = "fraud") =>
        SampleDeployments.CpuEndpoint(name) with { Artifact = ModelArtifact.FromDvc($"{Fixtures}/{dvcFile}") };

    private static Synthesis Synth(ModelDeployment d) =>
        SampleDeployments.Synthesizer().Synthesize(SampleDeployments.Platform(EnvironmentProfile.Production, d), SampleDeployments.Prod);

    private static List<Diagnostic> Problems(ModelDeployment d) =>
        [.. SampleDeployments.Synthesizer().Validate(SampleDeployments.Platform(EnvironmentProfile.Production, d), Repo.Root).Where(p => p.Path.Contains(".artifact", StringComparison.Ordinal))];

    [Theory]
    [InlineData("v3/models/fraud.tar.gz.dvc", "s3://acme-ml-dvc/store/files/md5/38/63d0e317dee0a55c4e59d2ec0eef33", "models", false)]
    [InlineData("v3/models/fraud-gcs.tar.gz.dvc", "gs://acme-ml-dvc/store/files/md5/38/63d0e317dee0a55c4e59d2ec0eef33", "gcs", false)]
    [InlineData("v3/models/fraud-blob.tar.gz.dvc", "https://acmemodels.blob.core.windows.net/models/dvc/files/md5/38/63d0e317dee0a55c4e59d2ec0eef33", "blob", false)]
    [InlineData("v2/fraud.tar.gz.dvc", "s3://acme-ml-dvc/legacy/a3/04afb96060aad90176268345e10355", "storage", true)]
    public void Resolve_TrackedFile_GivesTheRemoteObjectOfItsLayout(string dvcFile, string uri, string remote, bool legacy)
    {
        var (tracked, problem) = DvcResolution.Resolve(Repo.Root, $"{Fixtures}/{dvcFile}");

        Assert.Null(problem);
        Assert.Equal((uri, remote, legacy, 48213L), (tracked!.Uri, tracked.Remote, tracked.LegacyLayout, tracked.Size));
    }

    [Fact]
    public void Resolve_OutputRemote_OverridesTheDefaultAndSetsTheCloud()
    {
        var (tracked, _) = DvcResolution.Resolve(Repo.Root, $"{Fixtures}/v3/models/fraud-gcs.tar.gz.dvc");

        Assert.Equal((Cloud.Google, "fraud-gcs.tar.gz"), (tracked!.Cloud, tracked.Path));
    }

    [Theory]
    [InlineData("v3/models/missing.dvc", "'tests/MlDeploy.Tests/Fixtures/Dvc/v3/models/missing.dvc' does not exist under {root}", "give the .dvc file `dvc add` wrote beside the model, relative to the project root (e.g. models/fraud.tar.gz.dvc)")]
    [InlineData("v3/models/flow.dvc", "'tests/MlDeploy.Tests/Fixtures/Dvc/v3/models/flow.dvc' is not a .dvc file DVC writes: line 1: outs is not a block sequence", "regenerate it with `dvc add <model>` (block-style YAML with an outs list)")]
    [InlineData("v3/models/pair.dvc", "'tests/MlDeploy.Tests/Fixtures/Dvc/v3/models/pair.dvc' has 2 outs; a model is one output", "track the model on its own: `dvc add <model>` writes one output per .dvc file")]
    [InlineData("v3/models/unhashed.dvc", "'tests/MlDeploy.Tests/Fixtures/Dvc/v3/models/unhashed.dvc' records no md5 for fraud.tar.gz", "run `dvc commit` (or `dvc add` again) so the file records the content hash, and commit it")]
    [InlineData("v3/models/nopath.dvc", "'tests/MlDeploy.Tests/Fixtures/Dvc/v3/models/nopath.dvc' records no file name for its output (path: '')", "regenerate it with `dvc add <model>`, which records the output's path, and commit it")]
    [InlineData("v3/models/fraud-nas.tar.gz.dvc", "the DVC remote 'nas' (ssh://nas.internal/srv/dvc) is not cloud object storage the SDK can read", "push the model to an s3://, gs:// or azure:// remote, or deploy the file with ModelArtifact.FromFile")]
    [InlineData("noremote/fraud.tar.gz.dvc", "no DVC remote is configured for 'tests/MlDeploy.Tests/Fixtures/Dvc/noremote/fraud.tar.gz.dvc'", "add a default remote with `dvc remote add -d <name> s3://<bucket>/<path>` (or gs://, azure://) and commit .dvc/config; .dvc/config.local is not read")]
    [InlineData("norepo/fraud.tar.gz.dvc", "no DVC repository (.dvc/config) contains 'tests/MlDeploy.Tests/Fixtures/Dvc/norepo/fraud.tar.gz.dvc'", "run `dvc init` and `dvc remote add -d <name> <url>` in the project, and commit .dvc/config")]
    public void Validate_UnusableDvcFile_IsRefusedWithTheFix(string dvcFile, string message, string hint)
    {
        Assert.Equal([new Diagnostic("deployments[fraud].artifact.dvcFile", message.Replace("{root}", Repo.Root, StringComparison.Ordinal), hint)], Problems(Tracked(dvcFile)));
    }

    [Fact]
    public void Validate_EmptyDvcFile_IsRefused()
    {
        var d = SampleDeployments.CpuEndpoint() with { Artifact = ModelArtifact.FromDvc(" ") };

        Assert.Equal([new Diagnostic("deployments[fraud].artifact.dvcFile", "the .dvc file is empty", "give the .dvc file `dvc add` wrote beside the model, relative to the project root (e.g. models/fraud.tar.gz.dvc)")], Problems(d));
    }

    [Fact]
    public void Validate_RemoteOnAnotherCloud_IsRefusedWithAHint()
    {
        Assert.Equal(
            [new Diagnostic("deployments[fraud].artifact.dvcFile", "'tests/MlDeploy.Tests/Fixtures/Dvc/v3/models/fraud-gcs.tar.gz.dvc' is stored in the DVC remote 'gcs' in Google storage but the target SageMaker real-time endpoint runs in Aws", "push it to a DVC remote on Aws storage (`dvc remote add`, then `dvc push -r <name>`, and name it in the output's remote: field or as the default), or use ModelArtifact.FromFile so the SDK uploads it")],
            Problems(Tracked("v3/models/fraud-gcs.tar.gz.dvc")));
    }

    [Fact]
    public void Validate_SingleFileNotAnArchiveOnSageMaker_AsksForATarball()
    {
        Assert.Equal(
            [new Diagnostic("deployments[fraud].artifact.dvcFile", "'tests/MlDeploy.Tests/Fixtures/Dvc/v3/models/fraud.pkl.dvc' tracks fraud.pkl, and SageMaker takes a DVC object (stored under its hash, not its name) only as a .tar.gz archive it unpacks", "track the model as one archive (`tar czf model.tar.gz fraud.pkl`, `dvc add model.tar.gz`, `dvc push`) and deploy ModelArtifact.FromDvc(\"model.tar.gz.dvc\")")],
            Problems(Tracked("v3/models/fraud.pkl.dvc")));
    }

    [Theory]
    [InlineData("v3/models/features.dvc", "s3://acme-ml-dvc/store/files/md5/1b/0c5e8f2a6d4c3b9e7f0a1d2c3b4a59.dir", "s3://acme-ml-dvc/store/files/md5/", false)]
    [InlineData("v2/features.dvc", "s3://acme-ml-dvc/legacy/5d/41402abc4b2a76b9719d911017c592.dir", "s3://acme-ml-dvc/legacy/", true)]
    public void Resolve_TrackedDirectory_GivesItsManifestObjectAndTheStoreItsFilesAreIn(string dvcFile, string uri, string storageRoot, bool legacy)
    {
        var (tracked, problem) = DvcResolution.Resolve(Repo.Root, $"{Fixtures}/{dvcFile}");

        Assert.Null(problem);
        Assert.Equal((uri, storageRoot, true, "features", legacy), (tracked!.Uri, tracked.StorageRoot, tracked.IsDirectory, tracked.Name, tracked.LegacyLayout));
    }

    [Fact]
    public void Validate_DirectoryOnSageMaker_IsRefused_ItCannotAssembleObjects()
    {
        Assert.Equal(
            [new Diagnostic("deployments[fraud].artifact.dvcFile", "'tests/MlDeploy.Tests/Fixtures/Dvc/v3/models/features.dvc' tracks a directory (features); its files are separate content-addressed objects in the remote, listed by a .dir manifest, and SageMaker does not assemble them", "track the model as one archive (`tar czf features.tar.gz -C <dir> .`, `dvc add` it, `dvc push`), or deploy the folder with ModelArtifact.FromFile")],
            Problems(Tracked("v3/models/features.dvc")));
    }

    [Fact]
    public void Validate_TargetWithoutALoader_SaysWhyItCannotServeDvcModels()
    {
        var d = Tests.Gcp.CloudRunSamples.Internal(EnvironmentProfile.Production) with { Artifact = ModelArtifact.FromDvc($"{Fixtures}/v3/models/fraud-gcs.tar.gz.dvc") };

        var problem = Assert.Single(Problems(d));
        Assert.Equal(
            ("deployments[classifier].artifact", "Cloud Run services cannot serve DVC-tracked models: Cloud Run mounts a Cloud Storage folder as the model and runs no loader, so a DVC object (stored under its hash, not its name) would appear under thirty hex digits and nothing would check its md5", "use ModelArtifact.FromFile or ModelArtifact.FromUri"),
            (problem.Path, problem.Message, problem.Hint));
    }

    [Fact]
    public void Plan_Fargate_LoaderFetchesTheObjectUnderItsNameAndChecksItsMd5_ReadingOnlyThatObject()
    {
        var d = Tests.Ecs.FargateSamples.Internal(EnvironmentProfile.Production) with { Artifact = ModelArtifact.FromDvc($"{Fixtures}/v3/models/fraud.pkl.dvc") };

        var s = Tests.Ecs.FargateSamples.Synthesize(d, EnvironmentProfile.Production);

        var loader = ((ListValue)ValuePath.Get(s.Graph.Resources.Single(r => r.Name == "ranker-task").Properties, "containerDefinitions")!).Items.Cast<MapValue>().Single(c => ValuePath.GetString(c, "name") == "model-loader");
        Assert.Equal(
            [AwsModelLoader.DvcScript, "s3://acme-ml-dvc/store/files/md5/", "/model", "9f3c1a64f2d0b7e8c5a4d3b2a1908f7e", "md5", "fraud.pkl"],
            ((ListValue)loader.Get("command")!).Items.Cast<StringValue>().Select(v => v.Value));
        var statements = (ListValue)ValuePath.Get(s.Graph.Resources.Single(r => r.Name == "ranker-task-role-policy").Properties, "policy.Statement")!;
        var read = statements.Items.Single(st => ValuePath.GetString(st, "Sid") == "ReadModelArtifact");
        Assert.Equal(":s3:::acme-ml-dvc/store/files/md5/9f/3c1a64f2d0b7e8c5a4d3b2a1908f7e", ((StringValue)((Interpolation)ValuePath.Get(read, "Resource")!).Parts[^1]).Value);
        Assert.DoesNotContain(s.Graph.Resources, r => r.Name.StartsWith("ranker-model-file", StringComparison.Ordinal));
        var digest = s.Notes.Single(n => n.Concept == "model digest");
        Assert.Equal((Fidelity.Approximated, "pinned by its DVC md5 9f3c1a64f2d0b7e8c5a4d3b2a1908f7e (the remote object's key), which the model loader checks on the fetched bytes before the server starts; give ModelArtifact's Sha256 (ModelDigest of the files) to promote it"), (digest.Fidelity, digest.Text));
    }

    [Fact]
    public void Plan_Eks_LegacyDirectory_LoaderReadsTheManifest_AndTheRoleReadsTheRemotesStoreWithoutListing()
    {
        var d = Tests.Eks.EksSamples.ExistingClusterCpu(EnvironmentProfile.Production) with { Artifact = ModelArtifact.FromDvc($"{Fixtures}/v2/features.dvc") };

        var s = Tests.Eks.EksSamples.Synthesize(EnvironmentProfile.Production, d);

        var init = ValuePath.Get(s.Graph.Resources.Single(r => r.Type.Token == "kubernetes:apps/v1:Deployment").Properties, "spec.template.spec.initContainers[0]")!;
        Assert.Equal(
            [AwsModelLoader.DvcScript, "s3://acme-ml-dvc/legacy/", "$(MODEL_DIR)", "5d41402abc4b2a76b9719d911017c592.dir", "md5-dos2unix", "features"],
            ((ListValue)ValuePath.Get(init, "args")!).Items.Cast<StringValue>().Select(v => v.Value));
        var statements = (ListValue)ValuePath.Get(s.Graph.Resources.Single(r => r.Name == "ranker-role-policy").Properties, "policy.Statement")!;
        var read = Assert.Single(statements.Items.Where(st => ValuePath.GetString(st, "Sid") is "ReadDvcObjects" or "ReadModelArtifact" or "ReadModelArtifacts" or "ListModelArtifacts"));
        Assert.Equal(("ReadDvcObjects", ":s3:::acme-ml-dvc/legacy/*"), (ValuePath.GetString(read, "Sid"), ((StringValue)((Interpolation)ValuePath.Get(read, "Resource")!).Parts[^1]).Value));
        Assert.Equal(
            "directory features tracked by tests/MlDeploy.Tests/Fixtures/Dvc/v2/features.dvc in DVC remote 'storage' (DVC 2.x layout): the loader reads its .dir manifest s3://acme-ml-dvc/legacy/5d/41402abc4b2a76b9719d911017c592.dir, checks the manifest's md5 5d41402abc4b2a76b9719d911017c592.dir, then fetches and md5-checks each file it lists; the role may read every object under s3://acme-ml-dvc/legacy/ (the remote's store, broader than this model: the files' keys are known only from the manifest at run time) and list none",
            s.Notes.Single(n => n.Concept == "artifact").Text);
        Assert.Equal("model volume 1 GiB: tests/MlDeploy.Tests/Fixtures/Dvc/v2/features.dvc records 0 GiB, plus 10 %", s.Notes.Single(n => n.Concept == "model storage").Text);
    }

    [Fact]
    public void Plan_SageMaker_ReadsTheTarballInPlaceAsGzipDataWithAGrantForThatObjectOnly()
    {
        var s = Synth(Tracked("v3/models/fraud.tar.gz.dvc"));

        var model = s.Graph.Resources.Single(r => r.Name == "fraud-model").Properties;
        Assert.Null(ValuePath.Get(model, "primaryContainer.modelDataUrl"));
        Assert.Equal(
            ("s3://acme-ml-dvc/store/files/md5/38/63d0e317dee0a55c4e59d2ec0eef33", "S3Object", "Gzip"),
            (ValuePath.GetString(model, "primaryContainer.modelDataSource.s3DataSources[0].s3Uri"), ValuePath.GetString(model, "primaryContainer.modelDataSource.s3DataSources[0].s3DataType"), ValuePath.GetString(model, "primaryContainer.modelDataSource.s3DataSources[0].compressionType")));
        Assert.DoesNotContain(s.Graph.Resources, r => r.Name.StartsWith("fraud-model-file", StringComparison.Ordinal));
        var statements = (ListValue)ValuePath.Get(s.Graph.Resources.Single(r => r.Name == "fraud-role-policy").Properties, "policy.Statement")!;
        var read = statements.Items.Single(st => ValuePath.GetString(st, "Sid") == "ReadModelArtifact");
        var resource = (Interpolation)ValuePath.Get(read, "Resource")!;
        Assert.Equal(":s3:::acme-ml-dvc/store/files/md5/38/63d0e317dee0a55c4e59d2ec0eef33", ((StringValue)resource.Parts[^1]).Value);
    }

    [Fact]
    public void Plan_SageMaker_NotesTheObjectAndWhatThePinCovers()
    {
        var s = Synth(Tracked("v2/fraud.tar.gz.dvc"));

        Assert.Equal(
            "fraud.tar.gz tracked by tests/MlDeploy.Tests/Fixtures/Dvc/v2/fraud.tar.gz.dvc in DVC remote 'storage' (DVC 2.x layout): s3://acme-ml-dvc/legacy/a3/04afb96060aad90176268345e10355, read in place and addressed by its md5 a304afb96060aad90176268345e10355; the role may read only that object",
            s.Notes.Single(n => n.Concept == "artifact").Text);
        var digest = s.Notes.Single(n => n.Concept == "model digest");
        Assert.Equal((Fidelity.Approximated, "pinned by its DVC md5 a304afb96060aad90176268345e10355 (the remote object's key), which nothing re-checks after download; give ModelArtifact's Sha256 (ModelDigest of the unpacked files) to have it checked before serving and to promote it"), (digest.Fidelity, digest.Text));
    }

    [Fact]
    public void Plan_PinnedDvcModel_PutsTheDigestInTheServingEnvironment()
    {
        var pin = new string('a', 64);
        var d = Tracked("v3/models/fraud.tar.gz.dvc") with { Artifact = ModelArtifact.FromDvc($"{Fixtures}/v3/models/fraud.tar.gz.dvc") with { Sha256 = pin } };

        var model = Synth(d).Graph.Resources.Single(r => r.Name == "fraud-model").Properties;

        Assert.Equal(pin, ValuePath.GetString(model, "primaryContainer.environment.MODEL_SHA256"));
    }

    [Fact]
    public void ReadOuts_NestedMappingsOfAnOutput_AreSkipped()
    {
        var (outs, problem) = DvcFiles.ReadOuts("md5: 0123\nouts:\n  - md5: 3863d0e317dee0a55c4e59d2ec0eef33\n    size: 12\n    cloud:\n      s3:\n        etag: abc\n    hash: md5\n    path: 'model.tar.gz'\n");

        Assert.Null(problem);
        Assert.Equal(["md5", "size", "hash", "path"], outs!.Single().Keys);
        Assert.Equal("model.tar.gz", outs![0]["path"]);
    }
}
