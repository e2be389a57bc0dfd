using MlDeploy.Hosting;
using static MlDeploy.Tests.Hosting.Config.ConfigSource;

namespace MlDeploy.Tests.Hosting.Config;

public class DurationConfigTests
{
    private const string Examples = "90s, 10m, 1h30m or PT10M";

    public static TheoryData<string, TimeSpan> Valid => new()
    {
        { "90s", TimeSpan.FromSeconds(90) },
        { "10m", TimeSpan.FromMinutes(10) },
        { "1h30m", TimeSpan.FromMinutes(90) },
        { "1.5h", TimeSpan.FromMinutes(90) },
        { "250ms", TimeSpan.FromMilliseconds(250) },
        { "1m30.5s", TimeSpan.FromSeconds(90.5) },
        { "1500us", TimeSpan.FromMilliseconds(1.5) },
        { "0", TimeSpan.Zero },
        { "-5m", TimeSpan.FromMinutes(-5) },
        { "PT10M", TimeSpan.FromMinutes(10) },
        { "PT1H30M", TimeSpan.FromMinutes(90) },
        { "PT0.5S", TimeSpan.FromMilliseconds(500) },
        { "P1DT2H", TimeSpan.FromHours(26) },
        { "P2W", TimeSpan.FromDays(14) },
        { "-PT1M", TimeSpan.FromMinutes(-1) },
    };

    [Theory]
    [MemberData(nameof(Valid))]
    public void GetDuration_GoOrIso8601_IsRead(string text, TimeSpan expected)
    {
        var file = FromFile($"  ml-platform:bakeTime: \"{text}\"\n");
        var environment = FromEnvironment("ml-platform:bakeTime", text);

        Assert.Equal(expected, file.GetDuration("bakeTime", TimeSpan.FromDays(3)));
        Assert.Equal(expected, environment.GetDuration("bakeTime", TimeSpan.FromDays(3)));
        Assert.Empty(file.Problems);
        Assert.Empty(environment.Problems);
    }

    [Theory]
    [InlineData("10")]
    [InlineData("10 minutes")]
    [InlineData("1d")]
    [InlineData("1h-5m")]
    [InlineData("m")]
    [InlineData("P1M")]
    [InlineData("P1Y")]
    [InlineData("PT")]
    [InlineData("P")]
    [InlineData("PT1D")]
    [InlineData("PT1M1H")]
    [InlineData("99999999999999h")]
    public void GetDuration_NotADuration_ShowsTheAcceptedForms(string text)
    {
        var file = FromFile($"  ml-platform:bakeTime: \"{text}\"\n");
        var environment = FromEnvironment("ml-platform:bakeTime", text);

        Assert.Equal(TimeSpan.FromMinutes(10), file.GetDuration("bakeTime", TimeSpan.FromMinutes(10)));
        Assert.Equal(TimeSpan.FromMinutes(10), environment.GetDuration("bakeTime", TimeSpan.FromMinutes(10)));
        Assert.Equal($"{InFile}:2: ml-platform:bakeTime: '{text}' is not a duration (write a duration such as {Examples})", Problem(file));
        Assert.Equal($"{InEnvironment}: ml-platform:bakeTime: '{text}' is not a duration (write a duration such as {Examples})", Problem(environment));
    }

    [Theory]
    [InlineData("0s", "0s is less than the minimum 1m")]
    [InlineData("-PT5M", "-5m is less than the minimum 1m")]
    [InlineData("90m", "1h30m is more than the maximum 1h")]
    public void GetDuration_OutOfBounds_RefusesWhatTheCallerRules(string text, string message)
    {
        var file = FromFile($"  ml-platform:bakeTime: {text}\n");
        var environment = FromEnvironment("ml-platform:bakeTime", text);

        Assert.Equal(TimeSpan.FromMinutes(10), file.GetDuration("bakeTime", TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(1), TimeSpan.FromHours(1)));
        Assert.Equal(TimeSpan.FromMinutes(10), environment.GetDuration("bakeTime", TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(1), TimeSpan.FromHours(1)));
        Assert.Equal($"{InFile}:2: ml-platform:bakeTime: {message} (set a duration from 1m to 1h)", Problem(file));
        Assert.Equal($"{InEnvironment}: ml-platform:bakeTime: {message} (set a duration from 1m to 1h)", Problem(environment));
    }

    [Fact]
    public void GetDuration_BoundedAndMalformed_ShowsTheRange()
    {
        var config = FromFile("  ml-platform:bakeTime: soon\n");

        config.GetDuration("bakeTime", TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(1), TimeSpan.FromHours(1));

        Assert.Equal($"{InFile}:2: ml-platform:bakeTime: 'soon' is not a duration (write a duration from 1m to 1h, e.g. {Examples})", Problem(config));
    }

    [Theory]
    [InlineData(0, "0s")]
    [InlineData(90 * 60_000, "1h30m")]
    [InlineData(26 * 3_600_000, "26h")]
    [InlineData(1_500, "1s500ms")]
    [InlineData(-300_000, "-5m")]
    public void Format_WritesGoSyntaxWithoutZeroParts(long milliseconds, string expected) =>
        Assert.Equal(expected, ConfigDuration.Format(TimeSpan.FromMilliseconds(milliseconds)));

    [Fact]
    public void Format_Microseconds_AndTheExtremes_DoNotThrow()
    {
        Assert.Equal("1500us", ConfigDuration.Format(TimeSpan.FromTicks(15_000)));
        Assert.StartsWith("-", ConfigDuration.Format(TimeSpan.MinValue), StringComparison.Ordinal);
        Assert.True(ConfigDuration.TryParse(ConfigDuration.Format(TimeSpan.FromMinutes(90)), out var back) && back == TimeSpan.FromMinutes(90));
    }
}
