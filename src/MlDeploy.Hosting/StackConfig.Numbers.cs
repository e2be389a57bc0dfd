using System.Globalization;
using MlDeploy.Validation;

namespace MlDeploy.Hosting;

/// <summary>Whole numbers, decimals and durations, optionally bounded so the message names the config key, not the model setting it feeds.</summary>
public sealed partial class StackConfig
{
    // Integer plus a decimal point: no thousands separators or exponents, which read differently across cultures and tools.
    private const NumberStyles DecimalStyle = NumberStyles.Integer | NumberStyles.AllowDecimalPoint;
    private const string DurationExamples = "90s, 10m, 1h30m or PT10M";

    /// <summary>Reads an optional integer.</summary>
    /// <param name="key">The key.</param>
    /// <param name="fallback">The value when the key is not set.</param>
    /// <returns>The value.</returns>
    public int GetInt32(string key, int fallback) => ReadInt32(key, fallback, bounds: null);

    /// <summary>Reads an optional integer that must lie within bounds; a value outside them is reported at the key.</summary>
    /// <param name="key">The key.</param>
    /// <param name="fallback">The value when the key is not set (not checked against the bounds).</param>
    /// <param name="min">The smallest value allowed.</param>
    /// <param name="max">The largest value allowed.</param>
    /// <returns>The value, or <paramref name="fallback"/> when it is missing, malformed or out of range.</returns>
    /// <exception cref="ArgumentException"><paramref name="min"/> is greater than <paramref name="max"/>.</exception>
    public int GetInt32(string key, int fallback, int min, int max) => ReadInt32(key, fallback, Bounds.Of(min, max, nameof(min)));

    /// <summary>Reads an optional decimal number written with <c>.</c> as the decimal point (e.g. <c>0.5</c>), whatever the machine's culture.</summary>
    /// <param name="key">The key.</param>
    /// <param name="fallback">The value when the key is not set.</param>
    /// <returns>The value.</returns>
    public decimal GetDecimal(string key, decimal fallback) => ReadDecimal(key, fallback, bounds: null);

    /// <summary>Reads an optional decimal number that must lie within bounds.</summary>
    /// <param name="key">The key.</param>
    /// <param name="fallback">The value when the key is not set (not checked against the bounds).</param>
    /// <param name="min">The smallest value allowed.</param>
    /// <param name="max">The largest value allowed.</param>
    /// <returns>The value, or <paramref name="fallback"/> when it is missing, malformed or out of range.</returns>
    /// <exception cref="ArgumentException"><paramref name="min"/> is greater than <paramref name="max"/>.</exception>
    public decimal GetDecimal(string key, decimal fallback, decimal min, decimal max) => ReadDecimal(key, fallback, Bounds.Of(min, max, nameof(min)));

    /// <summary>
    /// Reads an optional duration: Go/Pulumi style (<c>90s</c>, <c>10m</c>, <c>1h30m</c>, <c>1.5h</c>, <c>250ms</c>)
    /// or ISO 8601 (<c>PT10M</c>, <c>P1DT2H</c>). Any duration is accepted, zero and negative ones included; use the
    /// overload with bounds to refuse them.
    /// </summary>
    /// <param name="key">The key.</param>
    /// <param name="fallback">The value when the key is not set.</param>
    /// <returns>The value.</returns>
    public TimeSpan GetDuration(string key, TimeSpan fallback) => ReadDuration(key, fallback, bounds: null);

    /// <summary>Reads an optional duration that must lie within bounds (e.g. at least one second, so zero and negative durations are refused).</summary>
    /// <param name="key">The key.</param>
    /// <param name="fallback">The value when the key is not set (not checked against the bounds).</param>
    /// <param name="min">The shortest duration allowed.</param>
    /// <param name="max">The longest duration allowed.</param>
    /// <returns>The value, or <paramref name="fallback"/> when it is missing, malformed or out of range.</returns>
    /// <exception cref="ArgumentException"><paramref name="min"/> is greater than <paramref name="max"/>.</exception>
    public TimeSpan GetDuration(string key, TimeSpan fallback, TimeSpan min, TimeSpan max) => ReadDuration(key, fallback, Bounds.Of(min, max, nameof(min)));

    private int ReadInt32(string key, int fallback, Bounds<int>? bounds)
    {
        var text = Read(key, required: false, ConfigShape.Scalar);
        return text is null ? fallback : ParseInt32(key, null, text, bounds) ?? fallback;
    }

    private decimal ReadDecimal(string key, decimal fallback, Bounds<decimal>? bounds)
    {
        var text = Read(key, required: false, ConfigShape.Scalar);
        return text is null ? fallback : ParseDecimal(key, null, text, bounds) ?? fallback;
    }

    private TimeSpan ReadDuration(string key, TimeSpan fallback, Bounds<TimeSpan>? bounds)
    {
        var text = Read(key, required: false, ConfigShape.Scalar);
        if (text is null)
        {
            return fallback;
        }

        if (!ConfigDuration.TryParse(text.Trim(), out var value))
        {
            _problems.Add(new Diagnostic(PathOf(key), $"{Quote(text)} is not a duration", bounds is { } b ? $"write a duration from {b.Show(ConfigDuration.Format)}, e.g. {DurationExamples}" : $"write a duration such as {DurationExamples}"));
            return fallback;
        }

        return InRange(key, null, value, bounds, ConfigDuration.Format, "a duration") ? value : fallback;
    }

    /// <summary>Parses one whole number: a scalar value, or an item of a list (<paramref name="at"/> is then its JSON path).</summary>
    private int? ParseInt32(string key, string? at, string text, Bounds<int>? bounds)
    {
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            _problems.Add(new Diagnostic(PathOf(key), $"{Within(at)}{Quote(text)} is not a whole number", bounds is { } b ? $"set a whole number from {b.Show(Invariant)}" : "set a number, e.g. 2"));
            return null;
        }

        return InRange(key, at, value, bounds, Invariant, "a whole number") ? value : null;
    }

    private decimal? ParseDecimal(string key, string? at, string text, Bounds<decimal>? bounds)
    {
        if (!decimal.TryParse(text, DecimalStyle, CultureInfo.InvariantCulture, out var value))
        {
            _problems.Add(new Diagnostic(PathOf(key), $"{Within(at)}{Quote(text)} is not a number", bounds is { } b ? $"set a number from {b.Show(Invariant)}, with '.' as the decimal point" : "set a number with '.' as the decimal point, e.g. 0.5"));
            return null;
        }

        return InRange(key, at, value, bounds, Invariant, "a number") ? value : null;
    }

    private bool InRange<T>(string key, string? at, T value, Bounds<T>? bounds, Func<T, string> show, string kind)
        where T : struct, IComparable<T>
    {
        if (bounds is not { } b || (value.CompareTo(b.Min) >= 0 && value.CompareTo(b.Max) <= 0))
        {
            return true;
        }

        var message = value.CompareTo(b.Min) < 0 ? $"{show(value)} is less than the minimum {show(b.Min)}" : $"{show(value)} is more than the maximum {show(b.Max)}";
        _problems.Add(new Diagnostic(PathOf(key), Within(at) + message, $"set {kind} from {b.Show(show)}"));
        return false;
    }

    /// <summary>Where inside a list or mapping a problem is, as a prefix of the message (nothing for a single value).</summary>
    private static string Within(string? at) => at is null ? string.Empty : $"{at}: ";

    private static string Invariant<T>(T value)
        where T : IFormattable => value.ToString(null, CultureInfo.InvariantCulture);

    /// <summary>Inclusive bounds of a getter.</summary>
    private readonly record struct Bounds<T>(T Min, T Max)
        where T : struct, IComparable<T>
    {
        public string Show(Func<T, string> show) => $"{show(Min)} to {show(Max)}";
    }

    private static class Bounds
    {
        public static Bounds<T> Of<T>(T min, T max, string paramName)
            where T : struct, IComparable<T> =>
            min.CompareTo(max) <= 0 ? new Bounds<T>(min, max) : throw new ArgumentException($"the minimum {min} is greater than the maximum {max}.", paramName);
    }
}
