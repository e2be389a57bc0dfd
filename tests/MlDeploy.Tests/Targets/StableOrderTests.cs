using FsCheck;
using FsCheck.Fluent;
using MlDeploy.Targets;

namespace MlDeploy.Tests.Targets;

/// <summary>The one-comparison stable sort that replaced chained OrderBy/ThenBy in the catalogues and the guardrail report.</summary>
public sealed class StableOrderTests
{
    [Fact]
    public void By_OrdersByTheComparison_AndKeepsEqualItemsInTheirOriginalOrder()
    {
        (int Key, string Id)[] items = [(2, "a"), (1, "b"), (2, "c"), (1, "d"), (0, "e")];

        var sorted = StableOrder.By(items, static (x, y) => x.Key.CompareTo(y.Key));

        Assert.Equal(["e", "b", "d", "a", "c"], sorted.Select(i => i.Id));
        Assert.Equal(["a", "b", "c", "d", "e"], items.Select(i => i.Id)); // the input is left as it was
    }

    [Fact]
    public void By_AnyItems_GivesWhatOrderByThenByGives() =>
        Prop.ForAll(
            Gen.Choose(0, 3).Two().Select(t => (First: t.Item1, Second: t.Item2)).ListOf().ToArbitrary(),
            items =>
            {
                var indexed = items.Select((item, i) => (item.First, item.Second, Index: i)).ToList();
                var expected = indexed.OrderBy(i => i.First).ThenBy(i => i.Second).Select(i => i.Index);
                var actual = StableOrder.By(indexed, static (a, b) => a.First != b.First ? a.First.CompareTo(b.First) : a.Second.CompareTo(b.Second)).Select(i => i.Index);
                return expected.SequenceEqual(actual);
            })
            .QuickCheckThrowOnFailure();
}
