using System.Collections.Immutable;
using System.Globalization;
using MlDeploy.Aws.Blocks;
using MlDeploy.Graph;
using MlDeploy.Targets;

namespace MlDeploy.Aws.Ecs;

/// <summary>
/// The task's container definitions: a model-loader init container that copies the artifact into a shared task
/// volume, and the server, which starts once the loader has succeeded and sees the model read-only at MODEL_DIR.
/// Both run non-root with a read-only root file system, all capabilities dropped, and logs shipped to the log group.
/// </summary>
internal static class FargateContainers
{
    public const string Loader = "model-loader";
    public const string Server = "server";
    public const string ModelVolume = "model";
    public const string ScratchVolume = "scratch";
    public const string LoaderUser = "0:0";

    private const string LoaderModelPath = "/model";
    private const string ScratchPath = "/tmp";

    public static ListValue Build(
        AwsScope scope,
        FargateTarget target,
        FargateTaskSize size,
        Value image,
        ModelData data,
        Resource logGroup,
        ImmutableArray<SecretBinding> secrets,
        IReadOnlyDictionary<string, Value> extraEnvironment,
        int loaderMemoryMiB)
    {
        var d = scope.Deployment;
        var s = d.Serving;

        MapValue Logs(string prefix) => Value.Map(
            ("logDriver", "awslogs"),
            ("options", Value.Map(
                ("awslogs-group", logGroup.Output("name")),
                ("awslogs-region", scope.Account.RegionName),
                ("awslogs-stream-prefix", prefix))));

        // The aws-cli image's entry point is `aws`: the loader script runs in a shell instead (AwsModelLoader).
        var (entryPoint, command) = (Strings("/bin/sh", "-c"), Value.List(AwsModelLoader.Arguments(data, LoaderModelPath).Select(a => (Value?)a)));
        // Fargate creates task volumes owned by root, so only root can write the model into one. The loader is a
        // run-to-completion init step with every capability dropped and a read-only root; the files it writes are
        // world-readable, and the server (non-root) only reads them.
        var loader = Hardened(Loader, target.ModelLoaderImage, essential: false, LoaderUser).With("memory", loaderMemoryMiB);
        loader = With(loader, ("entryPoint", entryPoint), ("command", command));
        loader = With(
            loader,
            ("environment", Environment([
                new("HOME", ScratchPath),
                .. ModelDigest.LoaderEnvironment(d)])),
            ("mountPoints", Value.List(Mount(ModelVolume, LoaderModelPath, readOnly: false), Mount(ScratchVolume, ScratchPath, readOnly: false))),
            ("logConfiguration", Logs(Loader)));

        var environment = s.Env
            .Select(e => new KeyValuePair<string, Value>(e.Key, e.Value))
            .Append(new("MODEL_DIR", s.ModelDir))
            .Concat(extraEnvironment);
        var healthCommand = target.HealthCheckCommand.IsEmpty
            ? Strings("CMD-SHELL", $"curl -fsS http://localhost:{s.Port.ToString(CultureInfo.InvariantCulture)}{s.LivePath} || exit 1")
            : Value.List(target.HealthCheckCommand.Select(c => (Value?)c));
        var server = Hardened(Server, image, essential: true, target.User).With("memory", size.MemoryMiB - loaderMemoryMiB);
        server = With(
            server,
            ("portMappings", Value.List(Value.Map(("name", "http"), ("containerPort", s.Port), ("protocol", "tcp"), ("appProtocol", "http")))),
            ("command", s.Args.IsEmpty ? null : Value.List(s.Args.Select(a => (Value?)a))),
            ("environment", Environment(environment)),
            ("secrets", secrets.IsEmpty ? null : Value.List(secrets.Select(b => (Value?)Value.Map(("name", b.Name), ("valueFrom", b.Arn))))),
            ("mountPoints", Value.List(Mount(ModelVolume, s.ModelDir, readOnly: true), Mount(ScratchVolume, ScratchPath, readOnly: false))),
            // SUCCESS, not COMPLETE: COMPLETE is met by any exit code, so a failed download would still start the server
            // (ECS ContainerDependency, "condition": https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ContainerDependency.html).
            ("dependsOn", Value.List(Value.Map(("containerName", Loader), ("condition", "SUCCESS")))),
            ("healthCheck", Value.Map(
                ("command", healthCommand),
                ("interval", 30),
                ("timeout", 5),
                ("retries", 3),

                // ECS caps the start period at 300 s; the service's grace period covers longer loads.
                ("startPeriod", Math.Min(300, (int)s.StartupTimeout.TotalSeconds)))),
            ("logConfiguration", Logs(Server)));

        return Value.List(loader, server);
    }

    private static MapValue Hardened(string name, Value image, bool essential, string user) => Value.Map(
        ("name", name),
        ("image", image),
        ("essential", essential),
        ("user", user),
        ("readonlyRootFilesystem", true),
        ("privileged", false),
        ("linuxParameters", Value.Map(
            // ECS returns capabilities with an explicit empty "add" list and the provider compares the JSON as returned,
            // so omitting it replaces the task definition on every update (terraform-aws-modules/terraform-aws-ecs#176
            // sets add = [] "to quiet the diff"; TerraConstructs/base#158 for the same normalization of capabilities).
            ("capabilities", Value.Map(("add", Value.List()), ("drop", Value.List("ALL")))),
            ("initProcessEnabled", true))));

    private static MapValue With(MapValue map, params (string Key, Value? Value)[] entries) =>
        entries.Where(e => e.Value is not null).Aggregate(map, (m, e) => m.With(e.Key, e.Value!));

    private static ListValue Environment(IEnumerable<KeyValuePair<string, Value>> variables) => Value.List(variables
        .OrderBy(v => v.Key, StringComparer.Ordinal)
        .Select(v => (Value?)Value.Map(("name", v.Key), ("value", v.Value))));

    private static MapValue Mount(string volume, string path, bool readOnly) =>
        Value.Map(("sourceVolume", volume), ("containerPath", path), ("readOnly", readOnly));

    private static ListValue Strings(params string[] items) => Value.List(items.Select(i => (Value?)i));
}
