using MlDeploy.Hosting;
using MlDeploy.Model;
using MlDeploy.Targets;
using MlDeploy.Tests.Gcp;
using MlDeploy.Tests.Support;
using MlDeploy.Writers;

namespace MlDeploy.Tests.Presets;

/// <summary>An MLflow model directory as the artifact (decision 49): its MLmodel file read, the MLflow preset selected, the rest refused.</summary>
public class MlflowModelTests
{
    private const string Models = CloudRunSamples.MlflowModels;

    public static TheoryData<string, Func<ModelDeployment, ModelDeployment>, string> Refusals => new()
    {
        {
            "no MLmodel file",
            d => d with { Artifact = ModelArtifact.FromMlflow($"{Models}/not-a-model") },
            $"deployments[churn].artifact.path: '{Models}/not-a-model' holds no MLmodel file, so it is not an MLflow model directory (give the directory mlflow.<flavor>.save_model wrote (the one holding MLmodel), or download a logged model with mlflow.artifacts.download_artifacts)"
        },
        {
            "a file, not the directory",
            d => d with { Artifact = ModelArtifact.FromMlflow($"{Models}/churn-classifier/MLmodel") },
            $"deployments[churn].artifact.path: '{Models}/churn-classifier/MLmodel' is a file; an MLflow model is the directory holding the MLmodel file (give the directory mlflow.<flavor>.save_model wrote (the one holding MLmodel), or download a logged model with mlflow.artifacts.download_artifacts)"
        },
        {
            "no python_function flavor",
            d => d with { Artifact = ModelArtifact.FromMlflow($"{Models}/mleap-only") },
            $"deployments[churn].artifact.flavors: the MLflow model at '{Models}/mleap-only' has the flavors mleap but not python_function, which MLflow's scoring server loads (save it with a flavor that also writes python_function (mlflow.sklearn, mlflow.pytorch and the other built-in Python flavors do), or serve it with another server and ModelArtifact.FromFile)"
        },
        {
            "no signature in production",
            d => d with { Artifact = ModelArtifact.FromMlflow($"{Models}/no-signature") },
            $"deployments[churn].artifact.signature: the MLflow model at '{Models}/no-signature' has no signature (signature.inputs), so the scoring server checks no request against the model's inputs (log the model with a signature (signature=infer_signature(...), or an input_example); development stacks accept it with a plan note)"
        },
        {
            "a registry alias",
            d => d with { Artifact = ModelArtifact.FromMlflow("models:/churn@champion") },
            "deployments[churn].artifact.uri: 'models:/churn@champion' is an MLflow tracking URI, which the SDK does not resolve: that needs a tracking server at synthesis (give the model version's storage prefix, ModelArtifact.FromMlflow(\"s3://<bucket>/<path>/artifacts/model/\") (MlflowClient().get_model_version_download_uri(name, version) prints it), or download it with mlflow.artifacts.download_artifacts(\"<uri>\", dst_path=\"models/<name>\") and give that directory)"
        },
        {
            "a run URI given as a plain storage URI",
            d => d with { Artifact = ModelArtifact.FromUri("runs:/8d2b5e7f1a3c4e6b9d0f2a4c6e8b0d1f/model") },
            "deployments[churn].artifact.uri: 'runs:/8d2b5e7f1a3c4e6b9d0f2a4c6e8b0d1f/model' is an MLflow tracking URI, which the SDK does not resolve: that needs a tracking server at synthesis (give the model version's storage prefix, ModelArtifact.FromMlflow(\"s3://<bucket>/<path>/artifacts/model/\") (MlflowClient().get_model_version_download_uri(name, version) prints it), or download it with mlflow.artifacts.download_artifacts(\"<uri>\", dst_path=\"models/<name>\") and give that directory)"
        },
        {
            "one object in storage",
            d => d with { Artifact = ModelArtifact.FromMlflow("gs://acme-mlflow/1/8d2b5e7f/artifacts/model/model.pkl") },
            "deployments[churn].artifact.uri: an MLflow model is a directory, but 'gs://acme-mlflow/1/8d2b5e7f/artifacts/model/model.pkl' names one object (end the URI with '/': the prefix that holds the MLmodel file, e.g. s3://<bucket>/<experiment>/<run>/artifacts/model/)"
        },
        {
            "a registry entry marked MLflow",
            d => d with { Artifact = ModelArtifact.FromRegistry("projects/acme/locations/europe-west4/models/churn") with { Format = ModelFormat.Mlflow } },
            "deployments[churn].artifact.format: an MLflow model is read from its directory or storage prefix, not from a registry entry (use ModelArtifact.FromMlflow(\"<model directory or storage prefix>\"))"
        },
        {
            "another server's preset",
            d => d with { Serving = Serving.For(ServingPreset.BentoMl) },
            "deployments[churn].serving: an MLflow model is served by ServingPreset.Mlflow, not ServingPreset.BentoMl (BentoML) (leave Serving unset, or start from Serving.For(ServingPreset.Mlflow) with { ... }; to serve the directory with another server, use ModelArtifact.FromFile)"
        },
        {
            "a contract written by hand",
            d => d with { Serving = new Serving { Port = 5000 } },
            "deployments[churn].serving: an MLflow model is served by ServingPreset.Mlflow, but Serving names no preset (leave Serving unset, or start from Serving.For(ServingPreset.Mlflow) with { ... }; to serve the directory with another server, use ModelArtifact.FromFile)"
        },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public void Validate_UnservableMlflowModel_IsRefusedWithTheExactMessage(string scenario, Func<ModelDeployment, ModelDeployment> change, string expected)
    {
        var problems = CloudRunSamples.Synthesizer().Validate(SampleDeployments.Platform(EnvironmentProfile.Production, change(CloudRunSamples.Mlflow())), Repo.Root);

        Assert.True(problems.Any(p => p.ToString() == expected), $"{scenario}: {string.Join("\n", problems)}");
    }

    [Fact]
    public void Validate_MlflowModelWithSignature_HasNoProblems()
    {
        Assert.Empty(CloudRunSamples.Synthesizer().Validate(SampleDeployments.Platform(EnvironmentProfile.Production, CloudRunSamples.Mlflow()), Repo.Root));
        Assert.Empty(CloudRunSamples.Synthesizer().Validate(SampleDeployments.Platform(EnvironmentProfile.Development, CloudRunSamples.Mlflow(EnvironmentProfile.Development)), Repo.Root));
    }

    [Fact]
    public void Serving_UnsetOnAnMlflowModel_IsTheMlflowPreset()
    {
        var mlflow = CloudRunSamples.Mlflow();

        // Serving's environment is compared by reference, so the contract is compared field by field.
        Assert.Same(ServingPreset.Mlflow, mlflow.Serving.Preset);
        Assert.Equal((8080, "/ping", "/ping", "/invocations", "/opt/ml/model", TimeSpan.FromMinutes(5)), (mlflow.Serving.Port, mlflow.Serving.HealthPath, mlflow.Serving.LivePath, mlflow.Serving.PredictPath, mlflow.Serving.ModelDir, mlflow.Serving.StartupTimeout));
        Assert.Null(mlflow.Serving.Metrics);
        Assert.Null((mlflow with { Artifact = ModelArtifact.FromFile($"{Models}/churn-classifier") }).Serving.Preset);
    }

    [Fact]
    public void Serving_StartedFromThePreset_IsAccepted()
    {
        var tuned = CloudRunSamples.Mlflow() with { Serving = Serving.For(ServingPreset.Mlflow) with { StartupTimeout = TimeSpan.FromMinutes(3) } };

        Assert.Empty(CloudRunSamples.Synthesizer().Validate(SampleDeployments.Platform(EnvironmentProfile.Production, tuned), Repo.Root));
    }

    [Theory]
    [InlineData("churn-classifier", "churn-classifier", false)]
    [InlineData("s3://acme-mlflow/1/8d2b5e7f/artifacts/model/", null, true)]
    [InlineData("models:/churn/3", null, true)]
    [InlineData("C:model", "C:model", false)]
    public void FromMlflow_LocationWithOrWithoutScheme_IsAnUploadedDirectoryOrAUri(string location, string? path, bool isUri)
    {
        var artifact = ModelArtifact.FromMlflow(location);

        Assert.Equal(ModelFormat.Mlflow, artifact.Format);
        Assert.Equal(isUri, artifact is UriArtifact);
        Assert.Equal(path, (artifact as FileArtifact)?.Path);
    }

    [Fact]
    public void Synthesize_MlflowModelOnCloudRun_CarriesThePresetContract()
    {
        var synthesis = CloudRunSamples.Synthesize(CloudRunSamples.Mlflow(), EnvironmentProfile.Production);
        Assert.Single(synthesis.Graph.Resources, r => r.Type.Token == "gcp:cloudrunv2/service:Service");
        var program = PulumiYamlWriter.Write(synthesis.Graph, "ml-platform", "test");

        // MLflow's image listens on 8080 and answers /ping (readiness and liveness); the model is mounted at /opt/ml/model.
        Assert.Contains("containerPort: 8080", program, StringComparison.Ordinal);
        Assert.Contains("path: /ping", program, StringComparison.Ordinal);
        Assert.Contains("mountPath: /opt/ml/model", program, StringComparison.Ordinal);
        Assert.Contains("MODEL_SHA256", program, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_MlflowModel_NotesFlavorsVersionAndIds()
    {
        var synthesis = CloudRunSamples.Synthesize(CloudRunSamples.Mlflow(), EnvironmentProfile.Production);

        var note = Assert.Single(synthesis.Notes, n => n.Concept == "mlflow model");
        Assert.Equal(Fidelity.Native, note.Fidelity);
        Assert.Equal(
            "flavors python_function, sklearn; saved by MLflow 2.16.0; model_uuid 3f0c9e1a6b2d4c8e9a7f5b3d1e0c2a4f; run 8d2b5e7f1a3c4e6b9d0f2a4c6e8b0d1f; served through python_function by MLflow (mlflow models build-docker), which checks requests against the signature's inputs (outputs described too)",
            note.Text);
    }

    [Fact]
    public void Plan_MlflowModelWithoutSignatureInDevelopment_IsApproximatedNotRefused()
    {
        var deployment = CloudRunSamples.Mlflow(EnvironmentProfile.Development) with { Artifact = ModelArtifact.FromMlflow($"{Models}/no-signature") };

        var synthesis = CloudRunSamples.Synthesize(deployment, EnvironmentProfile.Development);

        var note = Assert.Single(synthesis.Notes, n => n.Concept == "mlflow model");
        Assert.Equal(Fidelity.Approximated, note.Fidelity);
        Assert.EndsWith("; served through python_function by MLflow (mlflow models build-docker); no signature, so requests reach the model unchecked (a production stack refuses this model)", note.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_MlflowModelInStorage_SaysItsMlmodelIsNotReadHere()
    {
        var deployment = CloudRunSamples.Mlflow(EnvironmentProfile.Development) with { Artifact = ModelArtifact.FromMlflow("gs://acme-mlflow/1/8d2b5e7f/artifacts/model/") };

        var synthesis = CloudRunSamples.Synthesize(deployment, EnvironmentProfile.Development);

        var note = Assert.Single(synthesis.Notes, n => n.Concept == "mlflow model");
        Assert.Equal(Fidelity.Approximated, note.Fidelity);
        Assert.StartsWith("gs://acme-mlflow/1/8d2b5e7f/artifacts/model/MLmodel is read by the server when it starts, not by synthesis", note.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_MlmodelAsMlflowWritesIt_ReadsFlavorsSignatureAndIds()
    {
        var (model, problem) = MlflowModelFile.Parse(File.ReadAllText(Path.Combine(Repo.Root, Models, "churn-classifier", "MLmodel")));

        Assert.Null(problem);
        Assert.NotNull(model);
        Assert.Equal(["python_function", "sklearn"], model.Flavors.ToArray());
        Assert.True(model.HasInputSchema);
        Assert.True(model.HasOutputSchema);
        Assert.Equal("2.16.0", model.MlflowVersion);
        Assert.Equal("3f0c9e1a6b2d4c8e9a7f5b3d1e0c2a4f", model.ModelUuid);
        Assert.Equal("8d2b5e7f1a3c4e6b9d0f2a4c6e8b0d1f", model.RunId);
        Assert.True(model.IsServable);
    }

    [Theory]
    [InlineData("flavors: {python_function: {loader_module: mlflow.sklearn}}\n", "'flavors' is written in flow style ('flavors: {python_function: {loader_module: mlflow.sklearn}}'); give the block style MLflow writes")]
    [InlineData("flavors:\n\tpython_function: {}\n", "line 2 is indented with a tab")]
    [InlineData("  flavors:\n", "line 1 is indented before any key")]
    [InlineData("--- !mlmodel\nflavors: {}\n", "line 1 is not a 'key: value' line")]
    [InlineData("run_id: a\nrun_id: b\n", "line 2 repeats the key 'run_id'")]
    [InlineData("flavors:\n    python_function:\n  sklearn:\n", "line 3 is not a key of 'flavors' at its indentation")]
    [InlineData("signature: x\n  inputs: '[]'\n", "'signature' has both a value on its line and keys below it")]
    public void Parse_WhatThisSubsetCannotPlace_IsRefusedNotGuessed(string text, string expected)
    {
        var (model, problem) = MlflowModelFile.Parse(text);

        Assert.Null(model);
        Assert.Equal(expected, problem);
    }

    [Fact]
    public void Parse_EmptySignatureAndNoFlavors_IsReadAsAbsent()
    {
        var (model, _) = MlflowModelFile.Parse("flavors: {}\nsignature:\n  inputs: null\n  outputs: ''\n");

        Assert.NotNull(model);
        Assert.Empty(model.Flavors);
        Assert.False(model.HasInputSchema);
        Assert.False(model.HasOutputSchema);
        Assert.False(model.IsServable);
    }

    [Fact]
    public void Release_PromotedMlflowModel_StaysAnMlflowModel()
    {
        var declared = ModelArtifact.FromMlflow($"{Models}/churn-classifier");
        var digest = new string('a', 64);

        var local = new Release(CloudRunSamples.MlflowImage, digest).Artifact(declared);
        var remote = new Release(CloudRunSamples.MlflowImage, digest) { ModelUri = "gs://acme-mlflow/1/8d2b5e7f/artifacts/model/" }.Artifact(declared);

        Assert.Equal(ModelFormat.Mlflow, local.Format);
        Assert.Equal(ModelFormat.Mlflow, remote.Format);
        Assert.IsType<UriArtifact>(remote);
    }
}
