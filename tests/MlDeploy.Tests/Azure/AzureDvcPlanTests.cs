using MlDeploy.Azure.Aks;
using MlDeploy.Azure.Blocks;
using MlDeploy.Azure.ContainerApps;
using MlDeploy.Graph;
using MlDeploy.Model;
using MlDeploy.Targets;
using MlDeploy.Tests.Aks;
using MlDeploy.Tests.Support;
using MlDeploy.Validation;

namespace MlDeploy.Tests.Azure;

/// <summary>DVC-tracked models on Container Apps and AKS, read from an Azure Blob remote (decision 48).</summary>
public class AzureDvcPlanTests
{
    private const string Fixtures = "tests/MlDeploy.Tests/Fixtures/Dvc";
    private const string ModelContainer = $"{ContainerAppsSamples.ModelAccount}/blobServices/default/containers/models";

    /// <summary>The production Container Apps sample serving a DVC output of the fixtures' Azure remote.</summary>
    public static ModelDeployment ContainerApp(string dvcFile) =>
        ContainerAppsSamples.Production() with
        {
            Artifact = ModelArtifact.FromDvc($"{Fixtures}/{dvcFile}"),
            Target = ((ContainerAppsTarget)ContainerAppsSamples.Production().Target) with { ArtifactStorageAccountId = ContainerAppsSamples.ModelAccount },
        };

    /// <summary>The production AKS sample on an existing cluster serving a DVC output of the fixtures' Azure remote.</summary>
    public static ModelDeployment Aks(string dvcFile)
    {
        var d = AksSamples.ExistingClusterCpu(EnvironmentProfile.Production);
        return d with { Artifact = ModelArtifact.FromDvc($"{Fixtures}/{dvcFile}"), Target = ((AksTarget)d.Target) with { ArtifactStorageAccountId = ContainerAppsSamples.ModelAccount } };
    }

    [Fact]
    public void Plan_ContainerApps_Tarball_LoaderStreamsTheObjectIntoTheMd5Check_AndReadsTheRemotesContainer()
    {
        var s = ContainerAppsSamples.Synthesize(ContainerApp("v3/models/fraud-blob.tar.gz.dvc"), EnvironmentProfile.Production);

        var app = s.Graph.Resources.Single(r => r.Name == "classifier-app").Properties;
        Assert.Equal(
            ["/bin/sh", "-c", ModelLoaderScript.Build(ModelLoaderScript.ManagedIdentityLogin, dvc: true)],
            ((ListValue)ValuePath.Get(app, "template.initContainers[0].command")!).Items.Cast<StringValue>().Select(v => v.Value));
        Assert.Equal(
            [
                ("MODEL_DVC_ROOT", "https://acmemodels.blob.core.windows.net/models/dvc/files/md5/"),
                ("MODEL_DVC_MD5", "3863d0e317dee0a55c4e59d2ec0eef33"),
                ("MODEL_DVC_HASH", "md5"),
                ("MODEL_DVC_NAME", "fraud-blob.tar.gz"),
                ("MODEL_DIR", "/mnt/model"),
            ],
            Env((ListValue)ValuePath.Get(app, "template.initContainers[0].env")!).Where(e => e.Name.StartsWith("MODEL_", StringComparison.Ordinal)));
        var reader = s.Graph.Resources.Single(r => r.Name == "classifier-model-reader").Properties;
        Assert.Equal(ModelContainer, ValuePath.GetString(reader, "scope"));

        // Reads: only the object's blob name; listing: only under that name (the Blob.List suboperation on its prefix).
        Assert.Equal(
            ("((!(ActionMatches{'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read'} AND NOT SubOperationMatches{'Blob.List'})) OR (@Resource[Microsoft.Storage/storageAccounts/blobServices/containers/blobs:path] StringEquals 'dvc/files/md5/38/63d0e317dee0a55c4e59d2ec0eef33'))"
                + " AND ((!(ActionMatches{'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read'} AND SubOperationMatches{'Blob.List'})) OR (@Request[Microsoft.Storage/storageAccounts/blobServices/containers/blobs:prefix] StringStartsWith 'dvc/files/md5/38/63d0e317dee0a55c4e59d2ec0eef33'))", "2.0"),
            (ValuePath.GetString(reader, "condition"), ValuePath.GetString(reader, "conditionVersion")));
        Assert.Equal(
            "fraud-blob.tar.gz tracked by tests/MlDeploy.Tests/Fixtures/Dvc/v3/models/fraud-blob.tar.gz.dvc in DVC remote 'blob' (DVC 3 layout): https://acmemodels.blob.core.windows.net/models/dvc/files/md5/38/63d0e317dee0a55c4e59d2ec0eef33, read in place and md5-checked by the loader against 3863d0e317dee0a55c4e59d2ec0eef33; the identity may read only the blob dvc/files/md5/38/63d0e317dee0a55c4e59d2ec0eef33 in container models of account acmemodels, and list only under that name (Storage Blob Data Reader on the container, narrowed by an ABAC condition on the blob path)",
            s.Notes.Single(n => n.Concept == "artifact").Text);
        Assert.DoesNotContain(s.Graph.Resources, r => r.Name.StartsWith("classifier-model-file", StringComparison.Ordinal) || r.Name == "classifier-models");
        var digest = s.Notes.Single(n => n.Concept == "model digest");
        Assert.Equal((Fidelity.Approximated, "pinned by its DVC md5 3863d0e317dee0a55c4e59d2ec0eef33 (the remote object's key), which the model loader checks on the fetched bytes before the server starts; give ModelArtifact's Sha256 (ModelDigest of the files) to promote it"), (digest.Fidelity, digest.Text));
    }

    [Fact]
    public void Plan_Aks_LegacyDirectory_LoaderReadsTheManifest_WithTheWorkloadIdentity()
    {
        var s = AksSamples.Synthesize(EnvironmentProfile.Production, Aks("v2/features-blob.dvc"));

        var init = ValuePath.Get(s.Graph.Resources.Single(r => r.Type.Token == "kubernetes:apps/v1:Deployment").Properties, "spec.template.spec.initContainers[0]")!;
        Assert.Equal(["/bin/sh", "-c"], ((ListValue)ValuePath.Get(init, "command")!).Items.Cast<StringValue>().Select(v => v.Value));
        Assert.Equal([ModelLoaderScript.Build(ModelLoaderScript.WorkloadIdentityLogin, dvc: true)], ((ListValue)ValuePath.Get(init, "args")!).Items.Cast<StringValue>().Select(v => v.Value));
        var env = Env((ListValue)ValuePath.Get(init, "env")!).ToList();
        Assert.Equal(
            [
                ("MODEL_DVC_HASH", "md5-dos2unix"),
                ("MODEL_DVC_MD5", "5d41402abc4b2a76b9719d911017c592.dir"),
                ("MODEL_DVC_NAME", "features"),
                ("MODEL_DVC_ROOT", "https://acmemodels.blob.core.windows.net/models/dvc-legacy/"),
            ],
            env.Where(e => e.Name.StartsWith("MODEL_DVC_", StringComparison.Ordinal)));
        Assert.DoesNotContain(env, e => e.Name is "MODEL_ACCOUNT" or "MODEL_CONTAINER" or "MODEL_BLOB" or "MODEL_PREFIX");
        var reader = s.Graph.Resources.Single(r => r.Name == "ranker-model-reader").Properties;
        Assert.Equal(ModelContainer, ValuePath.GetString(reader, "scope"));
        Assert.Contains("@Resource[Microsoft.Storage/storageAccounts/blobServices/containers/blobs:path] StringStartsWith 'dvc-legacy/'", ValuePath.GetString(reader, "condition"), StringComparison.Ordinal);
        Assert.Contains("@Request[Microsoft.Storage/storageAccounts/blobServices/containers/blobs:prefix] StringStartsWith 'dvc-legacy/'", ValuePath.GetString(reader, "condition"), StringComparison.Ordinal);
        Assert.Equal(
            "directory features tracked by tests/MlDeploy.Tests/Fixtures/Dvc/v2/features-blob.dvc in DVC remote 'blob' (DVC 2.x layout): the loader reads its .dir manifest https://acmemodels.blob.core.windows.net/models/dvc-legacy/5d/41402abc4b2a76b9719d911017c592.dir, checks the manifest's md5 5d41402abc4b2a76b9719d911017c592.dir, then fetches and md5-checks each file it lists from https://acmemodels.blob.core.windows.net/models/dvc-legacy/; the identity may read only blobs under dvc-legacy/ in container models of account acmemodels, and list only there (Storage Blob Data Reader on the container, narrowed by an ABAC condition on the blob path)",
            s.Notes.Single(n => n.Concept == "artifact").Text);
    }

    [Fact]
    public void Plan_ContainerApps_Directory_UsesTheDvc3Store()
    {
        var app = ContainerAppsSamples.Synthesize(ContainerApp("v3/models/features-blob.dvc"), EnvironmentProfile.Production).Graph.Resources.Single(r => r.Name == "classifier-app").Properties;

        Assert.Contains(("MODEL_DVC_ROOT", "https://acmemodels.blob.core.windows.net/models/dvc/files/md5/"), Env((ListValue)ValuePath.Get(app, "template.initContainers[0].env")!));
    }

    [Fact]
    public void Validate_S3RemoteOnContainerApps_IsRefusedWithTheRemotesCloud()
    {
        var problem = Assert.Single(Problems(ContainerApp("v3/models/fraud.tar.gz.dvc")));

        Assert.Equal(
            new Diagnostic("deployments[classifier].artifact.dvcFile", "'tests/MlDeploy.Tests/Fixtures/Dvc/v3/models/fraud.tar.gz.dvc' is stored in the DVC remote 'models' in Aws storage but the target Azure Container Apps runs in Azure", "push it to a DVC remote on Azure storage (`dvc remote add`, then `dvc push -r <name>`, and name it in the output's remote: field or as the default), or use ModelArtifact.FromFile so the SDK uploads it"),
            problem);
    }

    [Fact]
    public void Validate_AzureRemoteWithoutAccountName_KeepsItsHint()
    {
        var problem = Assert.Single(Problems(Aks("v3/models/fraud-blob-noaccount.tar.gz.dvc")));

        Assert.Equal(
            new Diagnostic("deployments[ranker].artifact.dvcFile", "the DVC remote 'blob-noaccount' (azure://models/dvc) names no storage account", "set it with `dvc remote modify blob-noaccount account_name <account>` and commit .dvc/config"),
            problem);
    }

    [Fact]
    public void Validate_AzureRemoteWithoutTheAccountsId_AsksForIt()
    {
        var d = ContainerApp("v3/models/fraud-blob.tar.gz.dvc");
        d = d with { Target = ((ContainerAppsTarget)d.Target) with { ArtifactStorageAccountId = null } };

        Assert.Equal(
            [new Diagnostic("deployments[classifier].target.artifactStorageAccountId", "a model in an Azure DVC remote needs the remote's storage account ARM id, on whose container the identity gets Storage Blob Data Reader", "set ArtifactStorageAccountId = \"/subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.Storage/storageAccounts/<account_name of the DVC remote>\"")],
            Problems(d));
    }

    [Fact]
    public void Validate_AccountIdOfAnotherAccount_IsRefused()
    {
        var d = Aks("v3/models/fraud-blob.tar.gz.dvc");
        d = d with { Target = ((AksTarget)d.Target) with { ArtifactStorageAccountId = ContainerAppsSamples.ModelAccount.Replace("acmemodels", "othermodels", StringComparison.Ordinal) } };

        Assert.Equal(
            [new Diagnostic("deployments[ranker].target.artifactStorageAccountId", $"the account of {ContainerAppsSamples.ModelAccount.Replace("acmemodels", "othermodels", StringComparison.Ordinal)} is not 'acmemodels', the account_name of the DVC remote 'blob'", "name the storage account the DVC remote is in")],
            Problems(d));
    }

    private static List<Diagnostic> Problems(ModelDeployment d) =>
        [.. AksSamples.Synthesizer().Validate(SampleDeployments.Platform(EnvironmentProfile.Production, d), Repo.Root).Where(p => p.Path.Contains(".artifact", StringComparison.Ordinal) || p.Path.Contains("target.artifactStorageAccountId", StringComparison.Ordinal))];

    private static IEnumerable<(string Name, string Value)> Env(ListValue env) =>
        env.Items.Select(e => (ValuePath.GetString(e, "name")!, ValuePath.GetString(e, "value") ?? string.Empty));
}
