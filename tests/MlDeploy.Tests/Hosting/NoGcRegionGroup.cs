namespace MlDeploy.Tests.Hosting;

/// <summary>
/// Tests that start one of the GC's no-GC regions: the region is the process's, and a second start while one is in
/// progress throws, so they run one after another.
/// </summary>
[CollectionDefinition(Name)]
public sealed class NoGcRegionGroup
{
    public const string Name = "no-GC region";
}
