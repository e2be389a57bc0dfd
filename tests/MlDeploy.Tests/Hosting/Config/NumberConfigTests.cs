using static MlDeploy.Tests.Hosting.Config.ConfigSource;

namespace MlDeploy.Tests.Hosting.Config;

public class NumberConfigTests
{
    [Theory]
    [InlineData("0.5", 0.5)]
    [InlineData("2", 2)]
    [InlineData("-1.25", -1.25)]
    [InlineData(" 4 ", 4)]
    public void GetDecimal_InvariantNumber_IsRead(string text, double expected)
    {
        var file = FromFile($"  ml-platform:cpu: \"{text}\"\n");
        var environment = FromEnvironment("ml-platform:cpu", text);

        Assert.Equal((decimal)expected, file.GetDecimal("cpu", 9));
        Assert.Equal((decimal)expected, environment.GetDecimal("cpu", 9));
        Assert.Empty(file.Problems);
        Assert.Empty(environment.Problems);
    }

    [Fact]
    public void GetDecimal_Unset_IsTheFallback()
    {
        var config = FromFile("  aws:region: eu-west-1\n");

        Assert.Equal(2.5m, config.GetDecimal("cpu", 2.5m));
        Assert.Empty(config.Problems);
    }

    [Theory]
    [InlineData("0,5")]
    [InlineData("1,000.5")]
    [InlineData("1e3")]
    [InlineData("half")]
    public void GetDecimal_NotAnInvariantNumber_NamesTheKeyAndTheForm(string text)
    {
        var file = FromFile($"  ml-platform:cpu: \"{text}\"\n");
        var environment = FromEnvironment("ml-platform:cpu", text);

        Assert.Equal(2m, file.GetDecimal("cpu", 2));
        Assert.Equal(2m, environment.GetDecimal("cpu", 2));
        Assert.Equal($"{InFile}:2: ml-platform:cpu: '{text}' is not a number (set a number with '.' as the decimal point, e.g. 0.5)", Problem(file));
        Assert.Equal($"{InEnvironment}: ml-platform:cpu: '{text}' is not a number (set a number with '.' as the decimal point, e.g. 0.5)", Problem(environment));
    }

    [Theory]
    [InlineData("0.1", "0.1 is less than the minimum 0.25")]
    [InlineData("96.5", "96.5 is more than the maximum 96")]
    public void GetDecimal_OutOfBounds_NamesTheKeyAndTheRange(string text, string message)
    {
        var file = FromFile($"  ml-platform:cpu: \"{text}\"\n");
        var environment = FromEnvironment("ml-platform:cpu", text);

        Assert.Equal(2m, file.GetDecimal("cpu", 2, min: 0.25m, max: 96));
        Assert.Equal(2m, environment.GetDecimal("cpu", 2, min: 0.25m, max: 96));
        Assert.Equal($"{InFile}:2: ml-platform:cpu: {message} (set a number from 0.25 to 96)", Problem(file));
        Assert.Equal($"{InEnvironment}: ml-platform:cpu: {message} (set a number from 0.25 to 96)", Problem(environment));
    }

    [Fact]
    public void GetDecimal_BoundsInclusive_AcceptsTheEnds()
    {
        var config = FromFile("  ml-platform:low: \"0.25\"\n  ml-platform:high: \"96\"\n");

        Assert.Equal((0.25m, 96m), (config.GetDecimal("low", 1, 0.25m, 96), config.GetDecimal("high", 1, 0.25m, 96)));
        Assert.Empty(config.Problems);
    }

    [Theory]
    [InlineData("0", "0 is less than the minimum 1")]
    [InlineData("11", "11 is more than the maximum 10")]
    public void GetInt32_OutOfBounds_NamesTheKeyNotTheModelSetting(string text, string message)
    {
        var file = FromFile($"  ml-platform:minReplicas: \"{text}\"\n");
        var environment = FromEnvironment("ml-platform:minReplicas", text);

        Assert.Equal(2, file.GetInt32("minReplicas", 2, min: 1, max: 10));
        Assert.Equal(2, environment.GetInt32("minReplicas", 2, min: 1, max: 10));
        Assert.Equal($"{InFile}:2: ml-platform:minReplicas: {message} (set a whole number from 1 to 10)", Problem(file));
        Assert.Equal($"{InEnvironment}: ml-platform:minReplicas: {message} (set a whole number from 1 to 10)", Problem(environment));
    }

    [Fact]
    public void GetInt32_Bounded_InRangeIsRead_MalformedSaysTheRange()
    {
        var file = FromFile("  ml-platform:minReplicas: \"3\"\n  ml-platform:maxReplicas: two\n");

        Assert.Equal(3, file.GetInt32("minReplicas", 2, min: 1, max: 10));
        Assert.Equal(4, file.GetInt32("maxReplicas", 4, min: 1, max: 10));
        Assert.Equal($"{InFile}:3: ml-platform:maxReplicas: 'two' is not a whole number (set a whole number from 1 to 10)", Problem(file));
    }

    [Fact]
    public void Bounds_MinAboveMax_IsAProgrammingError()
    {
        var config = FromFile("  aws:region: eu-west-1\n");

        Assert.Throws<ArgumentException>("min", () => config.GetInt32("minReplicas", 2, min: 5, max: 1));
        Assert.Throws<ArgumentException>("min", () => config.GetDecimal("cpu", 2, min: 5, max: 1));
        Assert.Throws<ArgumentException>("min", () => config.GetDuration("bakeTime", TimeSpan.Zero, TimeSpan.FromHours(1), TimeSpan.Zero));
    }
}
