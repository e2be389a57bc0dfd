using MlDeploy.Model;
using MlDeploy.Targets;

namespace MlDeploy.Pipeline;

/// <summary>
/// Says in the plan what an MLflow model's <c>MLmodel</c> file told synthesis (decision 49): its flavors, the MLflow
/// version that saved it, its model and run ids, and whether requests are checked against a signature.
/// </summary>
internal static class MlflowNotes
{
    /// <summary>The plan note's concept.</summary>
    public const string Concept = "mlflow model";

    /// <summary>Notes an MLflow deployment's model; other deployments get nothing.</summary>
    public static void Note(ModelDeployment deployment, PlanContext context)
    {
        switch (deployment.Artifact)
        {
            case FileArtifact { Format: ModelFormat.Mlflow } file:
                // Validation read the same file and refused what this would have to explain (no file, no python_function).
                if (MlflowModelFile.Read(context.RootDirectory, file.Path).Model is not { } model)
                {
                    return;
                }

                var identity = string.Join("; ", new[]
                {
                    $"flavors {string.Join(", ", model.Flavors)}",
                    $"saved by MLflow {model.MlflowVersion ?? "(version not recorded)"}",
                    model.ModelUuid is { } uuid ? $"model_uuid {uuid}" : null,
                    model.RunId is { } run ? $"run {run}" : null,
                }.OfType<string>());
                if (model.HasInputSchema)
                {
                    context.Note(deployment.Name, Concept, Fidelity.Native, $"{identity}; served through {MlflowModelFile.ServedFlavor} by {ServingPreset.Mlflow.Name}, which checks requests against the signature's inputs{(model.HasOutputSchema ? " (outputs described too)" : string.Empty)}");
                }
                else
                {
                    context.Note(deployment.Name, Concept, Fidelity.Approximated, $"{identity}; served through {MlflowModelFile.ServedFlavor} by {ServingPreset.Mlflow.Name}; no signature, so requests reach the model unchecked (a production stack refuses this model)");
                }

                break;
            case UriArtifact { Format: ModelFormat.Mlflow } remote:
                context.Note(deployment.Name, Concept, Fidelity.Approximated, $"{remote.Uri}{MlflowModelFile.FileName} is read by the server when it starts, not by synthesis: its flavor and signature are not checked here (download the model and give its directory to have them checked)");
                break;
        }
    }
}
