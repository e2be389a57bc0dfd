using System.Runtime.CompilerServices;
using System.Text;
using MlDeploy.Hosting;

namespace MlDeploy.Tests.Hosting;

/// <summary>
/// The range a large run advises for huge pages: the anonymous mapping that holds the heap address and the anonymous
/// mappings right after it, never a file, a named mapping or anything past a gap.
/// </summary>
[Collection(NoGcRegionGroup.Name)]
public sealed class HugePageHeapTests
{
    private const string Maps = """
        00400000-00404000 r--p 00000000 08:01 1234                               /app/MlPlatform.Stacks
        00eee000-00f16000 rw-p 00000000 00:00 0
        1dc2e000-1dc4f000 rw-p 00000000 00:00 0                                  [heap]
        7f57b3c00000-7f57b3c11000 rw-p 00000000 00:00 0
        7f57b3c11000-7f57b5c00000 ---p 00000000 00:00 0
        7f57b5c00000-7f57b6940000 rw-p 00000000 00:00 0
        7f57b6940000-7f57b8000000 ---p 00000000 00:00 0
        7f57b8000000-7f57c0000000 ---p 00000000 00:00 0
        7f57d0000000-7f57d0001000 rw-p 00000000 00:00 0
        7f6379354000-7f637937a000 r--p 00000000 08:01 99                         /usr/lib/x86_64-linux-gnu/libc.so.6
        7ffecd5d9000-7ffecd5fa000 rw-p 00000000 00:00 0                          [stack]
        """;

    [Fact]
    public void Window_StartsAtTheMappingHoldingTheAddressAndRunsOverTheAnonymousMappingsAfterIt()
    {
        var window = HugePageHeap.Window(Encoding.ASCII.GetBytes(Maps), 0x7f57b640ae40, ulong.MaxValue);

        // To the end of the last mapping before the gap at 7f57c0000000; the mappings before the address are not advised.
        Assert.Equal((0x7f57b5c00000UL, 0x7f57c0000000UL - 0x7f57b5c00000UL), window);
    }

    [Fact]
    public void Window_IsCappedAtTheGivenLength()
    {
        var window = HugePageHeap.Window(Encoding.ASCII.GetBytes(Maps), 0x7f57b640ae40, 64UL << 20);

        Assert.Equal((0x7f57b5c00000UL, 64UL << 20), window);
    }

    [Fact]
    public void Window_StopsAtANamedMappingRightAfterTheHeap()
    {
        const string maps = """
            7f0000000000-7f0000400000 rw-p 00000000 00:00 0
            7f0000400000-7f0000600000 r--p 00000000 08:01 7                          /usr/lib/libm.so.6
            7f0000600000-7f0000800000 ---p 00000000 00:00 0
            """;

        Assert.Equal((0x7f0000000000UL, 0x400000UL), HugePageHeap.Window(Encoding.ASCII.GetBytes(maps), 0x7f0000000010, ulong.MaxValue));
    }

    [Theory]
    [InlineData(0x00400100UL)] // the executable's own code
    [InlineData(0x1dc2e100UL)] // the C heap is named [heap]
    [InlineData(0x7ffecd5d9100UL)] // a thread stack
    [InlineData(0x7f57c8000000UL)] // in no mapping at all
    public void Window_IsNullWhenTheAddressIsNotInAnAnonymousMapping(ulong address)
    {
        Assert.Null(HugePageHeap.Window(Encoding.ASCII.GetBytes(Maps), address, ulong.MaxValue));
    }

    [Fact]
    public void Window_SkipsLinesItCannotRead()
    {
        const string maps = "garbage\n\n7f0000000000-zz rw-p 00000000 00:00 0\n7f0000000000-7f0000400000 rw-p 00000000 00:00 0\n";

        Assert.Equal((0x7f0000000000UL, 0x400000UL), HugePageHeap.Window(Encoding.ASCII.GetBytes(maps), 0x7f0000000010, ulong.MaxValue));
    }

    [Fact]
    public void AdviseAhead_OnAKernelWithTransparentHugePages_IsTaken()
    {
        // The whole path as a large run takes it (maps read, range found, madvise called through the program's own
        // symbol scope), here on the test host's heap: only the range's flag changes. A kernel built without
        // transparent huge pages has no sysfs folder for them and refuses the advice.
        var supported = Directory.Exists("/sys/kernel/mm/transparent_hugepage");

        Assert.Equal(OperatingSystem.IsLinux() && supported, HugePageHeap.AdviseAhead(64UL << 20));
    }

    [Fact]
    public void Window_FindsThisProcessesGcHeapInItsOwnMaps()
    {
        // The premise of the advice in the runtime these programs run on (Linux, as CI): a fresh object lies in an
        // anonymous mapping.
        var probe = new object();
        var address = (ulong)Unsafe.As<object, nint>(ref probe);

        var window = HugePageHeap.Window(File.ReadAllBytes("/proc/self/maps"), address, ulong.MaxValue);

        GC.KeepAlive(probe);
        Assert.NotNull(window);
        Assert.InRange(address, window.Value.Start, window.Value.Start + window.Value.Length - 1);
    }

    [Theory]
    [InlineData(0x7f57b5c00000UL, 0x7f57b5c00000UL)]
    [InlineData(0x7f57b5c00001UL, 0x7f57b5c00000UL)]
    [InlineData(0x7f57b5dfffffUL, 0x7f57b5c00000UL)]
    [InlineData(0x7f57b5e00000UL, 0x7f57b5e00000UL)]
    public void BlockOf_IsTheTwoMegabyteAlignedBlockHoldingTheAddress(ulong address, ulong block)
    {
        Assert.Equal(block, HugePageHeap.BlockOf(address));
    }

    [Fact]
    public void CollapseCurrentBlock_AfterAHugePageIsSetAside_IsTakenWhereTheKernelOffersIt()
    {
        // As a compile does it at its start (HeapSetAside.AtStart): set aside at least a huge page past the allocation
        // point, then collapse the block being allocated in. The kernel has MADV_COLLAPSE from 6.1, when built
        // with transparent huge pages; it does not depend on the sysfs setting (not even "never").
        if (!OperatingSystem.IsLinux())
        {
            Assert.False(HugePageHeap.CollapseCurrentBlock());
            return;
        }

        var offered = Environment.OSVersion.Version >= new Version(6, 1) && Directory.Exists("/sys/kernel/mm/transparent_hugepage");
        // More than a run's least (2.25 MB), so that other tests allocating meanwhile do not end the region before the call.
        Assert.True(GC.TryStartNoGCRegion(16L * 1024 * 1024));
        try
        {
            Assert.Equal(offered, HugePageHeap.CollapseCurrentBlock());
        }
        finally
        {
            // Another test's collection may already have ended the region.
            if (System.Runtime.GCSettings.LatencyMode == System.Runtime.GCLatencyMode.NoGCRegion)
            {
                GC.EndNoGCRegion();
            }
        }
    }
}
