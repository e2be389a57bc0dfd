using MlDeploy.Graph;
using MlDeploy.Model;

namespace MlDeploy.Tests.Gcp;

/// <summary>
/// The Cloud Monitoring dashboard as the provider will read it back: the API omits zero fields, so a configured zero
/// position would differ from the state on every preview (docs/GCP-RUNTIME.md G18).
/// </summary>
public class CloudMonitoringDashboardTests
{
    public static TheoryData<string> Deployments => ["cloud-run", "vertex"];

    [Theory]
    [MemberData(nameof(Deployments))]
    public void Dashboard_TilesLeaveZeroPositionsOut_AndStillTileTheGridWithoutOverlap(string target)
    {
        var graph = target == "cloud-run"
            ? CloudRunSamples.Synthesize(CloudRunSamples.Production(), EnvironmentProfile.Production).Graph
            : VertexSamples.Synthesize(VertexSamples.Production(), EnvironmentProfile.Production).Graph;
        var dashboard = graph.Resources.Single(r => r.Type.Token == "gcp:monitoring/dashboard:Dashboard");
        var json = (MapValue)Assert.IsType<FunctionCall>(dashboard.Properties.Get("dashboardJson")).Argument;
        var tiles = ((ListValue)ValuePath.Get(json, "mosaicLayout.tiles")!).Items.Cast<MapValue>().ToList();

        Assert.True(tiles.Count >= 4, $"{tiles.Count} tiles: the grid needs a second row and column to show both cases");
        var positions = new HashSet<(decimal, decimal)>();
        foreach (var tile in tiles)
        {
            Assert.NotEqual(0m, ValuePath.GetNumber(tile, "xPos"));
            Assert.NotEqual(0m, ValuePath.GetNumber(tile, "yPos"));
            Assert.True(positions.Add((ValuePath.GetNumber(tile, "xPos") ?? 0, ValuePath.GetNumber(tile, "yPos") ?? 0)), "two tiles share a position");
        }

        Assert.Contains((0m, 0m), positions);
        Assert.Contains((6m, 4m), positions);
    }
}
