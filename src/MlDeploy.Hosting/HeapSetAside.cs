using System.Runtime;

namespace MlDeploy.Hosting;

/// <summary>
/// The heap a compiler process sets aside so that it allocates without collections, backed by huge pages where Linux
/// offers them (<see cref="HugePageHeap"/>). The process ends once the program is printed and what it builds stays
/// reachable until then, so a collection would mostly trace and copy live data (at 1 000 mixed deployments collections
/// took about a third of the run). Past what is set aside, collections run as usual.
/// </summary>
/// <remarks>
/// <para>
/// Set aside once, when the process starts (<see cref="AtStart"/>), before the stack program allocates: the space is
/// committed at once, and the 2 MB block the GC is allocating in, which start-up has barely touched then, is collapsed
/// into one huge page, so a compile of up to about ten deployments allocates all it needs in that one page.
/// Until stop 18 the heap was set aside only once the platform was defined and its size known: by then a
/// one-deployment compile had faulted its heap one 4 KB page at a time (about 110 faults of about 10 us in the VMs
/// these programs are measured in), so it was not done for one deployment. Setting aside a little at the start and
/// more once the size is known would end one region and start another, which collects everything defined so far (1.1 M
/// more instructions at 14 deployments; docs/BENCHMARKS.md, stop 19). So what is set aside is the most any platform
/// gets, whatever its size: committing it costs the same as committing a tenth of it, and memory is only used where
/// the GC allocates.
/// </para>
/// <para>
/// Once the platform is defined, a platform large enough to outgrow the collapsed block has the rest of the heap
/// advised for huge pages (<see cref="For"/>). Only a process that runs the stack program itself does any of this
/// (<c>DeployApp.Run(args, …)</c>): a host that embeds the SDK keeps its own collector's settings.
/// </para>
/// </remarks>
internal static class HeapSetAside
{
    /// <summary>
    /// The heap set aside. Measured with the concurrent GC (the stack programs' setting) on the 1 000-deployment mixed
    /// stack once a synthesis read each local model once (docs/BENCHMARKS.md, stop 13): 24 MB set aside peaked at
    /// 84.8 MiB resident in 0.49 s, 48 MB at 96.7 MiB in 0.48 s, none at 88.2 MiB in 0.51 s; the peak is not monotonic
    /// in the size (32 MB: 91.7 MiB), so it is the measured one, not a bound. At 500 deployments 24 MB peaks at 66 MiB
    /// against 71 MiB for 48 MB, in the same time. Under the non-concurrent GC, 192 MB had reached 118 MB. A compile
    /// allocates about 100 KB per deployment, so up to about 200 deployments never collect. Set aside at the start, one
    /// deployment took as long with 2.25, 4.25 or 24 MB (stop 19).
    /// </summary>
    internal const long Size = 24L * 1024 * 1024;

    /// <summary>
    /// From how many deployments the heap past the collapsed block is advised for huge pages: below that a compile
    /// allocates within the block (measured on the mixed stack, stop 19: with or without the advice, the same faults
    /// at 2, 5 and 10 deployments; without it 56 more at 14 and 200 more at 20). The advice reads
    /// <c>/proc/self/maps</c>, so the example stacks (one deployment each) are spared it.
    /// </summary>
    internal const int AdvisedFrom = 10;

    /// <summary>
    /// How far past the current allocation region the huge-page advice reaches: what is set aside ten times over. The
    /// regions set aside need not follow the block in use (the GC takes further regions for them), so the advice covers
    /// the GC's contiguous reservation from there, as <see cref="HugePageHeap.AdviseAhead"/> finds it.
    /// </summary>
    private const ulong HugePageWindow = 256UL * 1024 * 1024;

    private static bool s_advised;

    /// <summary>Sets the heap aside and collapses the block in use, before the stack program allocates.</summary>
    public static void AtStart()
    {
        if (GCSettings.LatencyMode == GCLatencyMode.NoGCRegion)
        {
            return;
        }

        try
        {
            if (GC.TryStartNoGCRegion(Size))
            {
                HugePageHeap.CollapseCurrentBlock();
            }
        }
        catch (ArgumentOutOfRangeException)
        {
            // More than this GC can set aside at once: run with ordinary collections.
        }
    }

    /// <summary>Advises huge pages for the rest of the heap when a platform of this many deployments will reach past the collapsed block.</summary>
    /// <param name="deployments">The platform's deployments.</param>
    public static void For(int deployments)
    {
        // Once per process: the advice stays on the range, and plugin discovery defines every stack in one process.
        if (Advises(deployments) && !s_advised)
        {
            s_advised = true;
            HugePageHeap.AdviseAhead(HugePageWindow);
        }
    }

    /// <summary>Whether a platform of this many deployments has the heap past the collapsed block advised.</summary>
    /// <param name="deployments">The platform's deployments.</param>
    /// <returns>True from <see cref="AdvisedFrom"/> deployments.</returns>
    internal static bool Advises(int deployments) => deployments >= AdvisedFrom;
}
