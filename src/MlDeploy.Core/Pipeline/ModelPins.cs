using MlDeploy.Graph;
using MlDeploy.Model;
using MlDeploy.Targets;

namespace MlDeploy.Pipeline;

/// <summary>
/// Gives every deployment whose model content is known its digest, once for all targets: the serving container (and
/// through it the model loader) receives it in <see cref="ModelDigest.EnvironmentVariable"/>, and the stack exports it
/// as <c>&lt;deployment&gt;-model-sha256</c> for <c>promote</c>. A changed model therefore changes the container
/// definition, so every platform rolls out the new model instead of keeping the old one loaded.
/// </summary>
internal static class ModelPins
{
    /// <summary>The output part a deployment's digest is exported under.</summary>
    public const string OutputPart = "model-sha256";

    /// <summary>The platform with each known digest in its deployment's serving environment.</summary>
    public static Platform Apply(Platform platform, string? rootDirectory)
    {
        if (rootDirectory is null)
        {
            return platform;
        }

        var changed = false;
        var deployments = platform.Deployments.Select(d =>
        {
            if (ModelDigest.Of(rootDirectory, d.Artifact) is not { } digest)
            {
                return d;
            }

            changed = true;
            return d with { Serving = d.Serving with { Env = new Dictionary<string, string>(d.Serving.Env, StringComparer.Ordinal) { [ModelDigest.EnvironmentVariable] = digest } } };
        }).ToList();
        return changed ? platform with { Deployments = [.. deployments] } : platform;
    }

    /// <summary>Exports the deployment's digest and says in the plan whether its model is pinned.</summary>
    /// <param name="deployment">The deployment.</param>
    /// <param name="context">The plan.</param>
    /// <param name="capabilities">The deployment's target's capabilities (whether a loader checks DVC objects).</param>
    public static void Export(ModelDeployment deployment, PlanContext context, TargetCapabilities capabilities)
    {
        if (ModelDigest.Expected(deployment) is not { } digest)
        {
            context.Note(deployment.Name, "model digest", Fidelity.Approximated, deployment.Artifact switch
            {
                RegistryArtifact => "the registry entry's version identifies the model; no digest is checked or exported",

                // The object's key is the md5 DVC computed, so the program names exactly that content. A loader target
                // recomputes it on the fetched bytes; SageMaker unpacks the archive before the server starts, so there
                // no one can recompute the archive's md5.
                DvcArtifact { Tracked: { } t } when capabilities.DvcChecked => $"pinned by its DVC md5 {t.Md5} (the remote object's key), which the model loader checks {(t.IsDirectory ? "on the .dir manifest and on every file it lists" : "on the fetched bytes")} before the server starts; give ModelArtifact's Sha256 (ModelDigest of the files) to promote it",
                DvcArtifact { Tracked: { } t } => $"pinned by its DVC md5 {t.Md5} (the remote object's key), which nothing re-checks after download; give ModelArtifact's Sha256 (ModelDigest of the unpacked files) to have it checked before serving and to promote it",
                _ => "the remote model is not pinned (give ModelArtifact's Sha256): nothing checks its bytes, and promote refuses this deployment",
            });
            return;
        }

        context.Graph.Output(new StackOutput($"{deployment.Name}-{OutputPart}", digest, deployment.Name) { Scope = deployment.Name });
        if (deployment.Artifact is UriArtifact remote)
        {
            // A model read from storage is promoted by its location as well: the next stack deploys that object.
            context.Graph.Output(new StackOutput($"{deployment.Name}-model-uri", remote.Uri, deployment.Name) { Scope = deployment.Name });
            if (remote.Version is { } version)
            {
                context.Graph.Output(new StackOutput($"{deployment.Name}-model-version", version, deployment.Name) { Scope = deployment.Name });
            }
        }

        context.Note(deployment.Name, "model digest", Fidelity.Native, $"sha256 {digest}{(deployment.Artifact.Sha256 is null ? string.Empty : " (pinned by the release)")}; checked before the server starts ({ModelDigest.EnvironmentVariable}), exported as {deployment.Name}-{OutputPart}");
    }
}
