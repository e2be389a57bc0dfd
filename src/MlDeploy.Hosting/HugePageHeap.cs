using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Win32.SafeHandles;

namespace MlDeploy.Hosting;

/// <summary>
/// Asks Linux to back the part of the GC heap a large run is about to use with transparent huge pages: one fault per
/// 2 MB instead of one per 4 KB. A first touch of a 4 KB page costs about 10 us in the VMs these programs are measured
/// in, and a 100-deployment program touches about 12 MB of fresh heap (docs/BENCHMARKS.md, stop 17: 3 258 page faults to 869).
/// </summary>
/// <remarks>
/// <para>
/// .NET has no setting for this (its large-page setting needs a hard heap limit and preallocated hugetlbfs pages), so
/// the advice is given to the address range itself: the anonymous mapping that holds a freshly allocated object (the
/// current gen0 region of the GC's one reservation) and the contiguous anonymous mappings after it, up to a window.
/// Only the flag of the range changes; memory is backed only where the GC touches it, as before.
/// </para>
/// <para>
/// The kernel can place a huge page only where a whole aligned 2 MB block is already readable and writable, and the GC
/// commits its regions a few pages at a time as it allocates, so the advice pays only together with
/// <see cref="GC.TryStartNoGCRegion(long)"/>, which commits the space it sets aside at once. The block already in use
/// when the advice comes is collapsed instead (<see cref="CollapseCurrentBlock"/>). Where transparent huge pages are off
/// (<c>never</c>) or absent, the advice does nothing or fails, and the run goes on as before.
/// </para>
/// </remarks>
internal static class HugePageHeap
{
    /// <summary><c>MADV_HUGEPAGE</c> from Linux's <c>mman-common.h</c>.</summary>
    private const int MadviseHugePage = 14;

    /// <summary><c>MADV_COLLAPSE</c> from Linux's <c>mman-common.h</c> (Linux 6.1 and later; older kernels refuse it with <c>EINVAL</c>).</summary>
    private const int MadviseCollapse = 25;

    /// <summary>The size of a transparent huge page on x86-64 and on arm64 with 4 KB pages.</summary>
    internal const ulong HugePage = 2UL * 1024 * 1024;

    /// <summary>What of <c>/proc/self/maps</c> is read: a NativeAOT program has about 80 mappings of 80 characters.</summary>
    private const int MapsBytes = 64 * 1024;

    /// <summary>Advises huge pages for the heap range the next <paramref name="window"/> bytes of regions will come from.</summary>
    /// <param name="window">How far past the current allocation region the advice reaches.</param>
    /// <returns>True when the kernel took the advice.</returns>
    public static bool AdviseAhead(ulong window)
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        var address = FreshObjectAddress();
        var maps = new byte[MapsBytes];
        int length;
        try
        {
            length = ReadAll("/proc/self/maps", maps);
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }

        return Window(maps.AsSpan(0, length), address, window) is { } range && Madvise(range.Start, range.Length, MadviseHugePage);
    }

    /// <summary>
    /// Makes the 2 MB block the GC is allocating in one huge page now (<c>MADV_COLLAPSE</c>), copying the pages already
    /// touched. The advice of <see cref="AdviseAhead"/> cannot reach that block: the kernel places a huge page only where
    /// no 4 KB page is mapped yet, and start-up has already touched the block's first pages, so the rest of it was faulted
    /// one 4 KB page at a time (512 of a 100-deployment run's 855 faults, docs/BENCHMARKS.md, stop 18). The block must
    /// be readable and writable throughout, so this comes after <see cref="GC.TryStartNoGCRegion(long)"/> committed at
    /// least a huge page past the allocation point. The collapse does not depend on the sysfs setting (the Linux commit
    /// that added it, "mm/madvise: introduce MADV_COLLAPSE sync hugepage collapse", 6.1: "independent of the system-wide
    /// THP sysfs settings, but will fail for memory marked VM_NOHUGEPAGE"). Where the kernel is older or built without
    /// transparent huge pages, or no huge page is free, the call fails and the block is faulted as before.
    /// </summary>
    /// <returns>True when the kernel collapsed the block.</returns>
    public static bool CollapseCurrentBlock()
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        return Madvise(BlockOf(FreshObjectAddress()), HugePage, MadviseCollapse);
    }

    /// <summary>
    /// Where the GC is allocating now: the address of an object made for the purpose. Only the address is used (the
    /// region it lies in stays mapped whether or not the object lives on).
    /// </summary>
    private static ulong FreshObjectAddress()
    {
        var probe = new object();
        return (ulong)Unsafe.As<object, nint>(ref probe);
    }

    /// <summary>The start of the 2 MB-aligned block that holds an address.</summary>
    /// <param name="address">The address.</param>
    /// <returns>The block's first address.</returns>
    internal static ulong BlockOf(ulong address) => address & ~(HugePage - 1);

    /// <summary>
    /// The range to advise, from <c>/proc/self/maps</c> text: from the start of the anonymous mapping that holds
    /// <paramref name="address"/>, over the anonymous mappings that follow it without a gap, at most
    /// <paramref name="window"/> bytes. Null when no anonymous mapping holds the address.
    /// </summary>
    /// <param name="maps">The text of <c>/proc/self/maps</c>.</param>
    /// <param name="address">An address in the heap.</param>
    /// <param name="window">The most bytes to cover.</param>
    /// <returns>The start and length, or null.</returns>
    internal static (ulong Start, ulong Length)? Window(ReadOnlySpan<byte> maps, ulong address, ulong window)
    {
        ulong start = 0, end = 0;
        foreach (var range in maps.Split((byte)'\n'))
        {
            if (!TryParse(maps[range], out var low, out var high, out var anonymous))
            {
                continue;
            }

            if (end == 0)
            {
                if (anonymous && address >= low && address < high)
                {
                    start = low;
                    end = high;
                }
            }
            else if (anonymous && low == end)
            {
                end = high;
            }
            else
            {
                break;
            }
        }

        return end == 0 ? null : (start, Math.Min(end - start, window));
    }

    /// <summary>Reads one <c>/proc/self/maps</c> line: <c>low-high perms offset dev inode [path]</c>.</summary>
    private static bool TryParse(ReadOnlySpan<byte> line, out ulong low, out ulong high, out bool anonymous)
    {
        low = high = 0;
        anonymous = false;
        var dash = line.IndexOf((byte)'-');
        var space = line.IndexOf((byte)' ');
        if (dash <= 0 || space <= dash
            || !ulong.TryParse(line[..dash], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out low)
            || !ulong.TryParse(line[(dash + 1)..space], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out high))
        {
            return false;
        }

        // Five fields precede the path; an anonymous mapping has none ([heap] and [stack] name themselves).
        var rest = line[space..];
        for (var field = 0; field < 4; field++)
        {
            rest = rest.TrimStart((byte)' ');
            var next = rest.IndexOf((byte)' ');
            if (next < 0)
            {
                anonymous = field == 3;
                return true;
            }

            rest = rest[next..];
        }

        anonymous = rest.Trim((byte)' ').IsEmpty;
        return true;
    }

    private static int ReadAll(string path, byte[] buffer)
    {
        using SafeFileHandle handle = File.OpenHandle(path);
        var total = 0;
        int read;
        while (total < buffer.Length && (read = RandomAccess.Read(handle, buffer.AsSpan(total), total)) > 0)
        {
            total += read;
        }

        return total;
    }

    /// <summary>Calls libc's <c>madvise</c> (<see cref="LibcExports"/>).</summary>
    private static unsafe bool Madvise(ulong start, ulong length, int advice) =>
        LibcExports.TryFind("madvise", out var madvise)
        && ((delegate* unmanaged<nint, nuint, int, int>)madvise)((nint)start, (nuint)length, advice) == 0;
}
