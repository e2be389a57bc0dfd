using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using MlDeploy.Model;
using MlDeploy.Targets;

namespace MlDeploy.Tests.Support;

/// <summary>
/// What the model-loader tests of every cloud share: the bytes a remote serves (tarballs, DVC objects and their
/// <c>.dir</c> manifests), the stand-in CLIs they put on PATH, and running a loader script as its container runs it.
/// </summary>
internal static class LoaderFiles
{
    /// <summary>A gzip tar archive of text files.</summary>
    /// <param name="entries">Each file's path in the archive and its content.</param>
    /// <returns>The archive's bytes.</returns>
    public static byte[] TarGz(params (string Path, string Content)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        using (var tar = new TarWriter(gzip))
        {
            foreach (var (entryPath, content) in entries)
            {
                tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, entryPath) { DataStream = new MemoryStream(Encoding.UTF8.GetBytes(content)) });
            }
        }

        return buffer.ToArray();
    }

    /// <summary>The md5 DVC addresses an object by, in lowercase hex.</summary>
    /// <param name="bytes">The object's bytes.</param>
    /// <returns>The hex digest.</returns>
    [SuppressMessage("Security", "CA5351:Do Not Use Broken Cryptographic Algorithms", Justification = "DVC addresses objects by md5; the tests compute what DVC computed.")]
    public static string Md5(byte[] bytes) => Convert.ToHexStringLower(MD5.HashData(bytes));

    /// <summary>A <c>.dir</c> manifest as DVC writes it (iterative/dvc-data <c>hashfile/tree.py</c>, <c>as_bytes</c>): entries sorted by relpath.</summary>
    /// <param name="entries">Each file's md5 and path in the directory.</param>
    /// <returns>The manifest's bytes.</returns>
    public static byte[] DvcManifest(params (string Md5, string RelPath)[] entries) =>
        Encoding.UTF8.GetBytes("[" + string.Join(", ", entries.OrderBy(e => e.RelPath, StringComparer.Ordinal).Select(e => $"{{\"md5\": \"{e.Md5}\", \"relpath\": \"{e.RelPath}\"}}")) + "]");

    /// <summary>The files below a folder, as sorted relative paths with forward slashes.</summary>
    /// <param name="dir">The folder.</param>
    /// <returns>The paths.</returns>
    public static List<string> FilesUnder(string dir) =>
        [.. Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(dir, f).Replace('\\', '/')).Order(StringComparer.Ordinal)];

    /// <summary>The release digest (<see cref="ModelDigest"/>) of a model made of these files, written below <paramref name="root"/>.</summary>
    /// <param name="root">A scratch folder.</param>
    /// <param name="files">Each file's path in the model and its bytes.</param>
    /// <returns>The digest.</returns>
    public static string DigestOf(string root, params (string Path, byte[] Bytes)[] files)
    {
        var folder = Path.Combine(root, "digest-" + Path.GetRandomFileName());
        foreach (var (path, bytes) in files)
        {
            var full = Path.Combine(folder, path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllBytes(full, bytes);
        }

        return ModelDigest.Compute(root, new FileArtifact(Path.GetFileName(folder)));
    }

    /// <summary>Writes a shell script the loader finds on PATH in place of a cloud CLI.</summary>
    /// <param name="path">Where.</param>
    /// <param name="script">The script, <c>#!/bin/sh</c> line included.</param>
    public static void WriteExecutable(string path, string script)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, script.Replace("\r\n", "\n", StringComparison.Ordinal));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.UserWrite);
        }
    }

    /// <summary>
    /// Runs a loader command with the release digest the container would have (<c>MODEL_SHA256</c> set to
    /// <paramref name="digest"/>, or unset), and returns its exit code and everything it printed.
    /// </summary>
    /// <param name="start">The command and its environment.</param>
    /// <param name="digest">The release's model digest, or null.</param>
    /// <returns>The exit code and stdout followed by stderr.</returns>
    public static (int Code, string Output) Run(ProcessStartInfo start, string? digest)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.Environment.Remove(ModelDigest.EnvironmentVariable);
        if (digest is not null)
        {
            start.Environment[ModelDigest.EnvironmentVariable] = digest;
        }

        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"'{start.FileName}' is not on PATH ({e.Message})", e);
        }

        using (process)
        {
            var stderr = process.StandardError.ReadToEndAsync();
            var stdout = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, stdout + stderr.Result);
        }
    }
}
