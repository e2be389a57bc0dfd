namespace MlDeploy.Gcp.Vertex;

/// <summary>
/// The shell scripts of the three <c>command:local:Command</c> steps (pulumi-gcp has no model or deployed-model resource,
/// TARGETS.md 8.1). Each is fixed text: every value, the user's included, reaches it only through the command's
/// <c>environment</c> and is only ever expanded inside double quotes, so nothing a deployment says becomes shell code.
/// Flags from the gcloud reference ("gcloud ai models upload", "gcloud ai endpoints deploy-model | undeploy-model |
/// update"); docs/GCP-RUNTIME.md V2-V5.
/// </summary>
internal static class VertexScripts
{
    private const string Where = "--project=\"$PROJECT\" --region=\"$REGION\"";

    /// <summary>
    /// Upload the model unless this content is there already: the model id is the SDK's prefix (a hash of the artifact
    /// and the serving contract) and the first 12 hex digits of the image digest, so a re-run finds it and a new image
    /// or artifact makes a new one. Prints the model id, and nothing else, on stdout.
    /// </summary>
    public const string Upload =
        "set -eu\n" +
        "case \"$IMAGE\" in *@sha256:*) model=\"$MODEL_PREFIX-$(printf '%.12s' \"${IMAGE##*@sha256:}\")\" ;; *) model=\"$MODEL_PREFIX\" ;; esac\n" +
        "if ! gcloud ai models describe \"$model\" " + Where + " --format='value(name)' >/dev/null 2>&1; then\n" +
        "  set -- " + Where + " --model-id=\"$model\" --display-name=\"$DISPLAY_NAME\" --container-image-uri=\"$IMAGE\" --artifact-uri=\"$ARTIFACT_URI\" --container-ports=\"$PORT\" --container-health-route=\"$HEALTH_ROUTE\" --container-predict-route=\"$PREDICT_ROUTE\" --container-deployment-timeout-seconds=\"$DEPLOY_TIMEOUT\" --labels=\"$LABELS\"\n" +
        "  if [ -n \"$CONTAINER_ENV\" ]; then set -- \"$@\" --container-env-vars=\"$CONTAINER_ENV\"; fi\n" +
        "  if [ -n \"$CONTAINER_ARGS\" ]; then set -- \"$@\" --container-args=\"$CONTAINER_ARGS\"; fi\n" +
        "  gcloud ai models upload --quiet \"$@\" >&2\n" +
        "fi\n" +
        "printf '%s' \"$model\"\n";

    /// <summary>Delete the model this step uploaded (its id is the create step's stdout), unless it still serves: a stable model keeps its share.</summary>
    public const string DeleteModel =
        "set -eu\n" +
        "model=\"$PULUMI_COMMAND_STDOUT\"\n" +
        "if [ -n \"$model\" ] && gcloud ai models describe \"$model\" " + Where + " --format='value(name)' >/dev/null 2>&1; then\n" +
        "  if [ -n \"$(gcloud ai models describe \"$model\" " + Where + " --format='value(deployedModels)')\" ]; then\n" +
        "    echo \"model $model is still deployed; the endpoint's cleanup deletes it\" >&2\n" +
        "  else\n" +
        "    gcloud ai models delete \"$model\" " + Where + " --quiet\n" +
        "  fi\n" +
        "fi\n";

    /// <summary>
    /// Deploy the model under a deployed model id derived from the model and the revision's resources (so a re-run finds
    /// it), or, when it is there, set the traffic; then undeploy every other deployed model except the stable one. Runs as
    /// create and as update (a traffic change). Prints the deployed model id on stdout.
    /// </summary>
    public const string Deploy =
        "set -eu\n" +
        "id=$(printf '%s\\n%s' \"$MODEL\" \"$REVISION\" | cksum | cut -d ' ' -f 1)\n" +
        "deployed() { gcloud ai endpoints describe \"$ENDPOINT\" " + Where + " --flatten=deployedModels --format='value(deployedModels.id)'; }\n" +
        "if [ -n \"$STABLE\" ]; then split_new=\"$NEW_PERCENT\"; split_rest=\",$STABLE=$STABLE_PERCENT\"; else split_new=100; split_rest=; fi\n" +
        "if deployed | grep -qx \"$id\"; then\n" +
        "  gcloud ai endpoints update \"$ENDPOINT\" " + Where + " --quiet --traffic-split=\"$id=$split_new$split_rest\" >&2\n" +
        "else\n" +
        "  set -- " + Where + " --model=\"$MODEL\" --display-name=\"$DISPLAY_NAME\" --deployed-model-id=\"$id\" --machine-type=\"$MACHINE_TYPE\" --min-replica-count=\"$MIN_REPLICAS\" --max-replica-count=\"$MAX_REPLICAS\" --autoscaling-metric-specs=\"$AUTOSCALING\" --service-account=\"$SERVICE_ACCOUNT\" --traffic-split=\"0=$split_new$split_rest\" --enable-access-logging\n" +
        "  if [ -n \"$ACCELERATOR\" ]; then set -- \"$@\" --accelerator=\"$ACCELERATOR\"; fi\n" +
        "  gcloud ai endpoints deploy-model \"$ENDPOINT\" --quiet \"$@\" >&2\n" +
        "fi\n" +
        "for old in $(deployed); do\n" +
        "  if [ \"$old\" != \"$id\" ] && [ \"$old\" != \"$STABLE\" ]; then gcloud ai endpoints undeploy-model \"$ENDPOINT\" " + Where + " --quiet --deployed-model-id=\"$old\" >&2; fi\n" +
        "done\n" +
        "printf '%s' \"$id\"\n";

    /// <summary>
    /// Undeploy this step's deployed model when it is replaced or destroyed. Vertex refuses while it still takes traffic
    /// (UndeployModelRequest.traffic_split): then it is the stable model of the next rollout and stays, and on destroy the
    /// endpoint's cleanup step has undeployed everything first.
    /// </summary>
    public const string Undeploy =
        "set -eu\n" +
        "id=\"$PULUMI_COMMAND_STDOUT\"\n" +
        "if [ -n \"$id\" ] && gcloud ai endpoints describe \"$ENDPOINT\" " + Where + " --flatten=deployedModels --format='value(deployedModels.id)' | grep -qx \"$id\"; then\n" +
        "  gcloud ai endpoints undeploy-model \"$ENDPOINT\" " + Where + " --quiet --deployed-model-id=\"$id\" >&2 || echo \"deployed model $id still takes traffic and stays\" >&2\n" +
        "fi\n";

    /// <summary>On destroy (or the endpoint's replacement), before the other steps: clear the traffic, undeploy every deployed model and delete the deployment's models.</summary>
    public const string Cleanup =
        "set -eu\n" +
        "ids=$(gcloud ai endpoints describe \"$ENDPOINT\" " + Where + " --flatten=deployedModels --format='value(deployedModels.id)' 2>/dev/null || true)\n" +
        "if [ -n \"$ids\" ]; then gcloud ai endpoints update \"$ENDPOINT\" " + Where + " --quiet --clear-traffic-split >&2; fi\n" +
        "for old in $ids; do gcloud ai endpoints undeploy-model \"$ENDPOINT\" " + Where + " --quiet --deployed-model-id=\"$old\" >&2; done\n" +
        "for model in $(gcloud ai models list " + Where + " --filter=\"labels.$LABEL_KEY=$LABEL_VALUE\" --format='value(name.basename())'); do\n" +
        "  gcloud ai models delete \"$model\" " + Where + " --quiet >&2\n" +
        "done\n";

    /// <summary>The cleanup step's create: nothing to do until the endpoint goes.</summary>
    public const string Nothing = "true";

    /// <summary>
    /// A gcloud list flag value (<c>KEY=VALUE,…</c> or <c>ARG,…</c>) whose items may hold commas: gcloud takes
    /// <c>^DELIM^</c> in front of a value to split on DELIM instead ("gcloud topic escaping"); the delimiter is the first
    /// candidate that no item contains, so no item is ever split.
    /// </summary>
    public static string List(IReadOnlyList<string> items)
    {
        if (items.Count == 0)
        {
            return string.Empty;
        }

        var delimiter = Delimiters().First(d => items.All(i => !i.Contains(d, StringComparison.Ordinal)));
        return delimiter == "," && !items[0].StartsWith('^') ? string.Join(',', items) : $"^{delimiter}^{string.Join(delimiter, items)}";
    }

    private static IEnumerable<string> Delimiters()
    {
        yield return ",";
        yield return "|";
        yield return "~";
        for (var n = 2; ; n++)
        {
            yield return new string('~', n);
        }
    }
}
