using System.Text.RegularExpressions;
using MlDeploy.Model;
using MlDeploy.Validation;

namespace MlDeploy.Pipeline;

/// <summary>
/// Resolves every <see cref="DvcArtifact"/> of a platform from the committed files alone — the <c>.dvc</c> file and
/// <c>.dvc/config</c> — to the object the DVC remote stores it under. Nothing is downloaded and no cache is consulted,
/// so the same commit always gives the same program. <c>.dvc/config.local</c> (machine-specific, not committed) is
/// not read for the same reason.
/// </summary>
internal static partial class DvcResolution
{
    /// <summary>The platform with each DVC artifact resolved, and the problems of those that could not be.</summary>
    public static (Platform Platform, IReadOnlyList<Diagnostic> Problems) Apply(Platform platform, string rootDirectory)
    {
        var problems = new List<Diagnostic>();
        var changed = false;
        var deployments = platform.Deployments.Select(d =>
        {
            if (d.Artifact is not DvcArtifact { Tracked: null } dvc)
            {
                return d;
            }

            var (tracked, problem) = Resolve(rootDirectory, dvc.DvcFile);
            if (problem is not null)
            {
                // Two deployments of one name (refused elsewhere) with one broken file would report it twice.
                var diagnostic = DeploymentPath.Of(d.Name).Error("artifact.dvcFile", problem.Value.Message, problem.Value.Hint);
                if (!problems.Contains(diagnostic))
                {
                    problems.Add(diagnostic);
                }

                return d;
            }

            changed = true;
            return d with { Artifact = dvc with { Tracked = tracked } };
        }).ToList();
        return (changed ? platform with { Deployments = [.. deployments] } : platform, problems);
    }

    /// <summary>The remote object a <c>.dvc</c> file names, or the reason it names none the SDK can deploy.</summary>
    /// <param name="rootDirectory">The project root.</param>
    /// <param name="dvcFile">The <c>.dvc</c> file, relative to the project root.</param>
    public static (DvcObject? Object, (string Message, string Hint)? Problem) Resolve(string rootDirectory, string dvcFile)
    {
        if (string.IsNullOrWhiteSpace(dvcFile))
        {
            return Fail("the .dvc file is empty", "give the .dvc file `dvc add` wrote beside the model, relative to the project root (e.g. models/fraud.tar.gz.dvc)");
        }

        var full = Path.GetFullPath(Path.Combine(rootDirectory, dvcFile));
        if (!File.Exists(full))
        {
            return Fail($"'{dvcFile}' does not exist under {rootDirectory}", "give the .dvc file `dvc add` wrote beside the model, relative to the project root (e.g. models/fraud.tar.gz.dvc)");
        }

        var (outs, unreadable) = DvcFiles.ReadOuts(File.ReadAllText(full));
        if (outs is null)
        {
            return Fail($"'{dvcFile}' is not a .dvc file DVC writes: {unreadable}", "regenerate it with `dvc add <model>` (block-style YAML with an outs list)");
        }

        if (outs.Count != 1)
        {
            return Fail(outs.Count == 0 ? $"'{dvcFile}' has no outs" : $"'{dvcFile}' has {outs.Count} outs; a model is one output", "track the model on its own: `dvc add <model>` writes one output per .dvc file");
        }

        var output = outs[0];
        var path = output.GetValueOrDefault("path") ?? string.Empty;
        if (!output.TryGetValue("md5", out var md5) || !Md5().IsMatch(md5))
        {
            return Fail($"'{dvcFile}' records no md5 for {(path.Length > 0 ? path : "its output")}", "run `dvc commit` (or `dvc add` again) so the file records the content hash, and commit it");
        }

        // The path names the file a loader writes (the object's key is only its hash); DVC writes one for every output.
        if (path.Length == 0 || path.TrimEnd('/').Split('/')[^1] is "" or "." or "..")
        {
            return Fail($"'{dvcFile}' records no file name for its output (path: '{path}')", "regenerate it with `dvc add <model>`, which records the output's path, and commit it");
        }

        // DVC 3 writes `hash: md5` into every output it hashes; an in-repo output without it is a 2.x output hashed as
        // "md5-dos2unix" (iterative/dvc dvc/output.py _compute_hash_info_from_meta), which DVC 3 keeps reading from the
        // 2.x location (dvc/cachemgr.py LEGACY_HASH_NAMES; dvc/data_cloud.py get_remote_odb: a legacy hash name
        // selects remote.legacy_odb).
        var legacy = !output.TryGetValue("hash", out var hashName);
        if (!legacy && hashName != "md5")
        {
            return Fail($"'{dvcFile}' records a '{hashName}' hash, not md5", "track the model in a regular DVC remote with `dvc add` (DVC 3 hashes with md5)");
        }

        // A directory output (md5 ending in ".dir") resolves like a file: its object is the .dir manifest, and each
        // target says whether it can assemble the files the manifest lists (a loader can; SageMaker cannot).
        if (FindConfig(rootDirectory, full) is not { } configPath)
        {
            return Fail($"no DVC repository (.dvc/config) contains '{dvcFile}'", "run `dvc init` and `dvc remote add -d <name> <url>` in the project, and commit .dvc/config");
        }

        var config = DvcFiles.ReadConfig(File.ReadAllText(configPath));
        var remote = output.GetValueOrDefault("remote") ?? (config.TryGetValue("core", out var core) ? core.GetValueOrDefault("remote") : null);
        if (string.IsNullOrEmpty(remote))
        {
            return Fail($"no DVC remote is configured for '{dvcFile}'", "add a default remote with `dvc remote add -d <name> s3://<bucket>/<path>` (or gs://, azure://) and commit .dvc/config; .dvc/config.local is not read");
        }

        if (!config.TryGetValue($"remote \"{remote}\"", out var settings) || settings.GetValueOrDefault("url") is not { Length: > 0 } url)
        {
            return Fail($"the DVC remote '{remote}' has no url in .dvc/config", $"add it with `dvc remote add {remote} <url>` and commit .dvc/config; .dvc/config.local is not read");
        }

        if (Base(url, settings) is not { } baseUri)
        {
            return Fail(
                url.StartsWith("azure://", StringComparison.Ordinal)
                    ? $"the DVC remote '{remote}' ({url}) names no storage account"
                    : $"the DVC remote '{remote}' ({url}) is not cloud object storage the SDK can read",
                url.StartsWith("azure://", StringComparison.Ordinal)
                    ? $"set it with `dvc remote modify {remote} account_name <account>` and commit .dvc/config"
                    : "push the model to an s3://, gs:// or azure:// remote, or deploy the file with ModelArtifact.FromFile");
        }

        // Remote layout (iterative/dvc dvc/cachemgr.py: the 3.x odb is the storage path joined with "files", "md5", the
        // legacy odb the path itself; remotes are built the same way); in both, an object's key is the first two hex
        // digits of its hash, a slash, and the other thirty (iterative/dvc tests/func/test_unprotect.py expects
        // .dvc/cache/files/md5/ac/bd18db4cc2f85cedef654fccc4a4d8 for "foo").
        var key = $"{md5[..2]}/{md5[2..]}";
        var uri = $"{baseUri}/{(legacy ? string.Empty : "files/md5/")}{key}";
        return (new DvcObject(uri, path, md5, DvcFiles.Size(output), remote, legacy), null);
    }

    // DVC finds its repository by walking up to the nearest .dvc directory; the walk stops at the project root, so a
    // program never reads configuration from outside the project.
    private static string? FindConfig(string rootDirectory, string dvcFile)
    {
        var root = Path.GetFullPath(rootDirectory).TrimEnd(Path.DirectorySeparatorChar);
        for (var dir = Path.GetDirectoryName(dvcFile); dir is not null && dir.StartsWith(root, StringComparison.Ordinal); dir = Path.GetDirectoryName(dir))
        {
            var config = Path.Combine(dir, ".dvc", "config");
            if (File.Exists(config))
            {
                return config;
            }
        }

        return null;
    }

    // s3://bucket/path and gs://bucket/path are the storage URLs themselves; azure://container/path with account_name
    // set separately is DVC's Azure form (dvc.org, "Microsoft Azure Blob Storage" remote page, read 2026-11-28:
    // `dvc remote add -d myremote azure://<mycontainer>/<path>`, "A storage account name (account_name) is always
    // needed", `dvc remote modify myremote account_name 'mystorage'`). The blob endpoint built from it is Azure's
    // default public one; a remote on another endpoint is not recognised.
    private static string? Base(string url, IReadOnlyDictionary<string, string> settings)
    {
        var trimmed = url.TrimEnd('/');
        if (trimmed.StartsWith("s3://", StringComparison.Ordinal) || trimmed.StartsWith("gs://", StringComparison.Ordinal))
        {
            return trimmed.Split('/', 4) is [_, _, { Length: > 0 }, ..] ? trimmed : null;
        }

        if (trimmed.StartsWith("azure://", StringComparison.Ordinal) && trimmed["azure://".Length..] is { Length: > 0 } containerAndPath
            && settings.GetValueOrDefault("account_name") is { Length: > 0 } account)
        {
            return $"https://{account}.blob.core.windows.net/{containerAndPath}";
        }

        return null;
    }

    private static (DvcObject?, (string, string)?) Fail(string message, string hint) => (null, (message, hint));

    [GeneratedRegex("^[0-9a-f]{32}(\\.dir)?$", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Md5();
}
