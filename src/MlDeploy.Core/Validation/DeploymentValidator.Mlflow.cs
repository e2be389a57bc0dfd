using MlDeploy.Model;
using MlDeploy.Targets;

namespace MlDeploy.Validation;

/// <summary>MLflow models (decision 49): the <c>MLmodel</c> file, the registry URIs, and the server that loads them.</summary>
public static partial class DeploymentValidator
{
    private const string MlflowServingHint = "leave Serving unset, or start from Serving.For(ServingPreset.Mlflow) with { ... }; to serve the directory with another server, use ModelArtifact.FromFile";

    /// <summary>Whether a URI is one only an MLflow tracking server resolves (<c>models:/</c>, <c>runs:/</c>).</summary>
    internal static bool IsMlflowTrackingUri(string uri) =>
        uri.StartsWith("models:", StringComparison.Ordinal) || uri.StartsWith("runs:", StringComparison.Ordinal);

    // Resolving a registry or run URI needs a live tracking server (and its credentials); synthesis is offline.
    private static Diagnostic MlflowTrackingUri(UriArtifact u, DeploymentPath p) => p.Error(
        "artifact.uri",
        $"'{u.Uri}' is an MLflow tracking URI, which the SDK does not resolve: that needs a tracking server at synthesis",
        "give the model version's storage prefix, ModelArtifact.FromMlflow(\"s3://<bucket>/<path>/artifacts/model/\") (MlflowClient().get_model_version_download_uri(name, version) prints it), or download it with mlflow.artifacts.download_artifacts(\"<uri>\", dst_path=\"models/<name>\") and give that directory");

    private static IEnumerable<Diagnostic> ValidateMlflow(ModelDeployment d, DeploymentPath p, Platform platform, ValidationContext context)
    {
        if (d.Artifact.Format != ModelFormat.Mlflow)
        {
            yield break;
        }

        if (d.Serving.Preset is null)
        {
            yield return p.Error("serving", "an MLflow model is served by ServingPreset.Mlflow, but Serving names no preset", MlflowServingHint);
        }
        else if (d.Serving.Preset.Id != ServingPreset.Mlflow.Id)
        {
            yield return p.Error("serving", $"an MLflow model is served by ServingPreset.Mlflow, not ServingPreset.{d.Serving.Preset.Id} ({d.Serving.Preset.Name})", MlflowServingHint);
        }

        switch (d.Artifact)
        {
            case RegistryArtifact:
                yield return p.Error("artifact.format", "an MLflow model is read from its directory or storage prefix, not from a registry entry", "use ModelArtifact.FromMlflow(\"<model directory or storage prefix>\")");
                yield break;
            case UriArtifact u when !IsMlflowTrackingUri(u.Uri) && u.Cloud is not null && !u.IsPrefix:
                yield return p.Error("artifact.uri", $"an MLflow model is a directory, but '{u.Uri}' names one object", "end the URI with '/': the prefix that holds the MLmodel file, e.g. s3://<bucket>/<experiment>/<run>/artifacts/model/");
                yield break;
            case FileArtifact f when context.RootDirectory is { } root && !string.IsNullOrWhiteSpace(f.Path):
                var (model, problem) = MlflowModelFile.Read(root, f.Path);
                if (problem is not null)
                {
                    yield return p.Error("artifact.path", $"'{f.Path}' {problem}", "give the directory mlflow.<flavor>.save_model wrote (the one holding MLmodel), or download a logged model with mlflow.artifacts.download_artifacts");
                }

                if (model is null)
                {
                    yield break;
                }

                if (!model.IsServable)
                {
                    var flavors = model.Flavors.IsEmpty ? "no flavors" : $"the flavors {string.Join(", ", model.Flavors)}";
                    yield return p.Error("artifact.flavors", $"the MLflow model at '{f.Path}' has {flavors} but not {MlflowModelFile.ServedFlavor}, which MLflow's scoring server loads", "save it with a flavor that also writes python_function (mlflow.sklearn, mlflow.pytorch and the other built-in Python flavors do), or serve it with another server and ModelArtifact.FromFile");
                }

                // Without an input schema the scoring server passes any request body to the model; in production that is
                // an error, in development a plan note (MlflowNotes), so a model being explored can still be deployed.
                if (!model.HasInputSchema && platform.EffectiveProfile == EnvironmentProfile.Production)
                {
                    yield return p.Error("artifact.signature", $"the MLflow model at '{f.Path}' has no signature (signature.inputs), so the scoring server checks no request against the model's inputs", "log the model with a signature (signature=infer_signature(...), or an input_example); development stacks accept it with a plan note");
                }

                break;
        }
    }
}
