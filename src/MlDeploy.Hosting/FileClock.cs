using System.Text;

namespace MlDeploy.Hosting;

/// <summary>
/// Reads files' modification times for the source check, to the nanosecond as the shell's <c>-nt</c> compares them.
/// On Linux it asks the kernel directly (<c>statx</c> on the path's UTF-8 bytes, found through
/// <see cref="LibcExports"/>): no string, no marshalling and nothing allocated per file, which matters when a check
/// looks at every source of a publish on every compile. Elsewhere (macOS, or a C library without <c>statx</c>, such
/// as glibc before 2.28) it reads them through .NET, to the 100 ns a <see cref="DateTime"/> holds.
/// </summary>
/// <remarks>
/// A symbolic link counts by its target, as <c>-nt</c> follows it. <c>struct statx</c> has the same layout on every
/// Linux architecture (Linux's <c>include/uapi/linux/stat.h</c>): <c>stx_mtime</c> at byte 112, seconds then nanoseconds.
/// </remarks>
internal sealed unsafe class FileClock
{
    private const int AtCurrentDirectory = -100;
    private const uint StatxModified = 0x40;
    private const int StatxSize = 256;
    private const int StatxModifiedOffset = 112;

    /// <summary>The longest path Linux resolves (<c>PATH_MAX</c>, with its terminating zero).</summary>
    private const int PathMax = 4096;

    private static readonly long UnixEpochTicks = DateTime.UnixEpoch.Ticks;

    private readonly delegate* unmanaged<int, byte*, int, uint, byte*, int> _statx;

    private FileClock(nint statx) => _statx = (delegate* unmanaged<int, byte*, int, uint, byte*, int>)statx;

    /// <summary>Whether times come from the kernel directly rather than through .NET.</summary>
    public bool IsNative => _statx != null;

    /// <summary>A clock that reads through the kernel where it can.</summary>
    /// <returns>The clock.</returns>
    public static FileClock Create() =>
        new(OperatingSystem.IsLinux() && LibcExports.TryFind("statx", out var statx) ? statx : 0);

    /// <summary>A clock that reads through .NET only (where the kernel call is missing, and for tests of that path).</summary>
    /// <returns>The clock.</returns>
    public static FileClock Managed() => new(0);

    /// <summary>The modification time of a file or folder, in nanoseconds since 1970.</summary>
    /// <param name="path">The path.</param>
    /// <param name="nanoseconds">The time.</param>
    /// <returns>False when nothing is there (or it cannot be read).</returns>
    public bool TryModified(string path, out long nanoseconds)
    {
        ArgumentNullException.ThrowIfNull(path);
        nanoseconds = 0;
        if (_statx == null)
        {
            return TryModifiedManaged(path, out nanoseconds);
        }

        var length = Encoding.UTF8.GetByteCount(path);
        if (length >= PathMax || path.Contains('\0', StringComparison.Ordinal))
        {
            return false;
        }

        Span<byte> terminated = stackalloc byte[length + 1];
        Encoding.UTF8.GetBytes(path, terminated);
        terminated[^1] = 0;
        return TryStat(terminated, out nanoseconds);
    }

    /// <summary>The modification time of a file or folder named by its UTF-8 path, in nanoseconds since 1970.</summary>
    /// <param name="path">The path's bytes, without a terminating zero.</param>
    /// <param name="nanoseconds">The time.</param>
    /// <returns>False when nothing is there (or it cannot be read).</returns>
    public bool TryModified(ReadOnlySpan<byte> path, out long nanoseconds)
    {
        nanoseconds = 0;
        if (_statx == null)
        {
            return TryModifiedManaged(Encoding.UTF8.GetString(path), out nanoseconds);
        }

        if (path.Length >= PathMax || path.Contains((byte)0))
        {
            return false;
        }

        Span<byte> terminated = stackalloc byte[path.Length + 1];
        path.CopyTo(terminated);
        terminated[^1] = 0;
        return TryStat(terminated, out nanoseconds);
    }

    /// <summary>Asks the kernel for a path's modification time.</summary>
    /// <param name="terminated">The path's UTF-8 bytes and a terminating zero.</param>
    /// <param name="nanoseconds">The time.</param>
    /// <returns>False when nothing is there (or it cannot be read).</returns>
    private bool TryStat(ReadOnlySpan<byte> terminated, out long nanoseconds)
    {
        nanoseconds = 0;
        byte* result = stackalloc byte[StatxSize];
        fixed (byte* p = terminated)
        {
            if (_statx(AtCurrentDirectory, p, 0, StatxModified, result) != 0)
            {
                return false;
            }
        }

        var seconds = *(long*)(result + StatxModifiedOffset);
        var fraction = *(uint*)(result + StatxModifiedOffset + sizeof(long));
        nanoseconds = unchecked((seconds * 1_000_000_000) + fraction);
        return true;
    }

    private static bool TryModifiedManaged(string path, out long nanoseconds)
    {
        nanoseconds = 0;
        try
        {
            var info = Directory.Exists(path) ? (FileSystemInfo)new DirectoryInfo(path) : new FileInfo(path);
            if (!info.Exists)
            {
                return false;
            }

            nanoseconds = unchecked((info.LastWriteTimeUtc.Ticks - UnixEpochTicks) * 100);
            return true;
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }
}
