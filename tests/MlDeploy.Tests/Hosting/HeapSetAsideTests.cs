using System.Runtime;
using MlDeploy.Hosting;

namespace MlDeploy.Tests.Hosting;

/// <summary>The heap a compiler process sets aside at its start, and from what platform size the rest is advised for huge pages.</summary>
[Collection(NoGcRegionGroup.Name)]
public sealed class HeapSetAsideTests
{
    [Fact]
    public void AtStart_SetsTheHeapAsideOnceHoweverOftenItIsCalled()
    {
        try
        {
            HeapSetAside.AtStart();
            var mode = GCSettings.LatencyMode;

            // A region already in progress is left as it is: starting another would throw.
            var again = Record.Exception(HeapSetAside.AtStart);

            Assert.Equal(GCLatencyMode.NoGCRegion, mode);
            Assert.Null(again);
        }
        finally
        {
            // Tests running meanwhile may already have allocated past it, which ends the region.
            if (GCSettings.LatencyMode == GCLatencyMode.NoGCRegion)
            {
                GC.EndNoGCRegion();
            }
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)] // the example stacks: no /proc/self/maps read
    [InlineData(9)]
    public void Advises_APlatformThatStaysInTheCollapsedBlock_IsFalse(int deployments)
    {
        Assert.False(HeapSetAside.Advises(deployments));
    }

    [Theory]
    [InlineData(10)]
    [InlineData(100)]
    [InlineData(1000)]
    public void Advises_APlatformThatOutgrowsTheCollapsedBlock_IsTrue(int deployments)
    {
        Assert.True(HeapSetAside.Advises(deployments));
    }
}
