using MlDeploy.Hosting;

namespace MlDeploy.Tests.Hosting;

/// <summary>The source check that runs beside synthesis: what the program may print depends on its one answer.</summary>
public sealed class SourceCheckTests
{
    [Fact]
    public void Settle_ACheckThatFails_EndsWithTheFailuresCodeReportedOnce()
    {
        var reported = new List<Exception>();
        var check = new SourceCheck(() => throw new IOException("the disk went away"), _ => 7, e =>
        {
            reported.Add(e);
            return 1;
        });

        Assert.Equal(1, check.Settle());
        Assert.Equal(1, check.Settle());
        Assert.Equal("the disk went away", Assert.Single(reported).Message);
    }

    [Fact]
    public async Task Settle_WaitsForACheckStillRunning()
    {
        using var release = new ManualResetEventSlim();
        var check = new SourceCheck(
            () =>
            {
                release.Wait();
                return "stacks/Program.cs";
            },
            source => source.Length,
            _ => 1);

        var settled = Task.Run(check.Settle);
        var first = await Task.WhenAny(settled, Task.Delay(TimeSpan.FromMilliseconds(200)));
        Assert.NotSame(settled, first);
        release.Set();

        Assert.Equal("stacks/Program.cs".Length, await settled);
    }

    [Fact]
    public async Task Settle_FromTwoThreadsAtOnce_RepublishesOnce()
    {
        var republished = 0;
        var check = new SourceCheck(() => "stacks/Program.cs", _ => Interlocked.Increment(ref republished) + 6, _ => 1);

        var answers = await Task.WhenAll(Task.Run(check.Settle), Task.Run(check.Settle));

        Assert.Equal([7, 7], answers);
        Assert.Equal(1, republished);
    }
}
