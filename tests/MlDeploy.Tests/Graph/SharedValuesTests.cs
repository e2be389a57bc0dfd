using FsCheck;
using FsCheck.Fluent;
using MlDeploy.Graph;

namespace MlDeploy.Tests.Graph;

/// <summary>
/// The shared literal values (<see cref="SharedValues"/>): a value handed out is always the one asked for, and the
/// literals planners repeat come back as one object.
/// </summary>
public class SharedValuesTests
{
    [Fact]
    public void String_TheSameStringObject_ComesBackAsOneValue()
    {
        // A table of the test's own: the process's is shared with tests running beside this one.
        var table = new SharedValues();
        var text = string.Concat("m0001-", "endpoint");

        var first = table.String(text);
        var second = table.String(text);

        Assert.Same(first, second);
        Assert.Same(text, first.Value);
    }

    [Fact]
    public void String_ManyStrings_EachValueWrapsTheStringAskedFor()
    {
        // More strings than the table has slots, so slots are replaced as they would be in a large program.
        var table = new SharedValues();
        var texts = Enumerable.Range(0, 20_000).Select(i => $"value-{i}").ToArray();
        for (var round = 0; round < 2; round++)
        {
            foreach (var text in texts)
            {
                Assert.Same(text, table.String(text).Value);
            }
        }
    }

    [Fact]
    public void String_FromManyThreadsAtOnce_NeverHandsOutAnotherString()
    {
        var table = new SharedValues();
        var texts = Enumerable.Range(0, 6_000).Select(i => $"t{i}").ToArray();
        var wrong = 0;

        Parallel.For(0, 8, worker =>
        {
            for (var i = 0; i < 200_000; i++)
            {
                var text = texts[((i * 7) + worker) % texts.Length];
                if (!ReferenceEquals(table.String(text).Value, text))
                {
                    Interlocked.Increment(ref wrong);
                }
            }
        });

        Assert.Equal(0, wrong);
    }

    [Fact]
    public void String_Null_IsAValueOfNoText_AsANewOneWouldBe()
    {
        // What the conversion gave before the tables: a null string slips through nullable annotations from callers.
        var table = new SharedValues();

        Assert.Equal(new StringValue(null!), table.String(null!));
        Assert.Equal(new StringValue("x"), table.String("x"));
        Assert.Null(table.String(null!).Value);
    }

    [Fact]
    public void String_EqualTextInAnotherObject_IsAnEqualValue()
    {
        var one = new string('a', 3);
        var other = new string('a', 3);

        Assert.Equal<Value>(new StringValue("aaa"), one);
        Assert.Equal<Value>(one, other);
    }

    [Fact]
    public void Integer_AnyInteger_IsTheValueANewNumberWouldBe_Property()
    {
        var table = new SharedValues();
        Prop.ForAll(
            ArbMap.Default.GeneratorFor<long>().ToArbitrary(),
            value =>
            {
                var shared = table.Integer(value);
                var again = table.Integer(value);
                return shared == new NumberValue(value)
                    && ReferenceEquals(shared, again)
                    && shared.Value.Scale == 0
                    && shared.ToInvariantString() == new NumberValue(value).ToInvariantString();
            })
        .QuickCheckThrowOnFailure();
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(-1L)]
    [InlineData(256L)]
    [InlineData(8080L)]
    [InlineData(long.MinValue)]
    [InlineData(long.MaxValue)]
    public void Integer_EdgeValues_KeepTheirValueAndSlotNeighboursTheirs(long value)
    {
        // 256 apart share a slot: each still gets its own number.
        var table = new SharedValues();
        var neighbour = unchecked(value + 256);

        Assert.Equal(value, table.Integer(value).Value);
        Assert.Equal(neighbour, table.Integer(neighbour).Value);
        Assert.Equal(value, table.Integer(value).Value);
    }

    [Fact]
    public void ImplicitConversions_OfIntegersAndStrings_AreTheValuesTheyConvert()
    {
        // Through the process's table, which other tests use at the same time: equal values, whichever object.
        Value port = 8080;
        Value wide = 8080L;
        const string literal = "Allow";

        Assert.Equal<Value>(new NumberValue(8080), port);
        Assert.Equal<Value>(new NumberValue(8080), wide);
        Assert.Equal<Value>(new StringValue(literal), Value.FromString(literal));
        Assert.Same(literal, ((StringValue)(Value)literal).Value);
    }
}
