using System.Globalization;
using System.Text;

namespace MlDeploy.Hosting;

/// <summary>
/// Reads durations the way Pulumi users write them: Go's <c>time.ParseDuration</c> syntax (<c>90s</c>, <c>10m</c>,
/// <c>1h30m</c>, <c>1.5h</c>, <c>250ms</c>), which Pulumi providers use for timeouts, and ISO 8601 (<c>PT10M</c>,
/// <c>P1DT2H</c>), which Kubernetes and cloud APIs use. Months and years are refused: they have no fixed length.
/// </summary>
internal static class ConfigDuration
{
    // Go's units, longest first so "ms" is not read as "m" followed by garbage.
    private static readonly (string Unit, decimal Ticks)[] GoUnits =
    [
        ("ns", 0.01m), ("us", 10m), ("\u00b5s", 10m), ("\u03bcs", 10m), ("ms", TimeSpan.TicksPerMillisecond),
        ("s", TimeSpan.TicksPerSecond), ("m", TimeSpan.TicksPerMinute), ("h", TimeSpan.TicksPerHour),
    ];

    /// <summary>Parses a duration.</summary>
    /// <param name="text">The text.</param>
    /// <param name="value">The duration, rounded to whole ticks (100 ns).</param>
    /// <returns>False when the text is not a duration or does not fit a <see cref="TimeSpan"/>.</returns>
    public static bool TryParse(string text, out TimeSpan value)
    {
        value = default;
        var ticks = text.StartsWith('P') || text.StartsWith("-P", StringComparison.Ordinal) ? Iso8601(text) : Go(text);
        if (ticks is not { } t || t > TimeSpan.MaxValue.Ticks || t < TimeSpan.MinValue.Ticks)
        {
            return false;
        }

        value = TimeSpan.FromTicks((long)decimal.Round(t, MidpointRounding.AwayFromZero));
        return true;
    }

    /// <summary>Formats a duration in the Go syntax, largest units first, without zero parts (<c>1h30m</c>, <c>90ms</c>, <c>0s</c>).</summary>
    /// <param name="value">The duration.</param>
    /// <returns>The text.</returns>
    public static string Format(TimeSpan value)
    {
        if (value == TimeSpan.Zero)
        {
            return "0s";
        }

        var sb = new StringBuilder(value < TimeSpan.Zero ? "-" : string.Empty);
        var rest = value == TimeSpan.MinValue ? TimeSpan.MaxValue : value.Duration();
        var hours = (long)rest.TotalHours;
        Part(sb, hours, "h");
        Part(sb, rest.Minutes, "m");
        Part(sb, rest.Seconds, "s");
        var subSecond = rest.Ticks % TimeSpan.TicksPerSecond;
        if (subSecond % TimeSpan.TicksPerMillisecond == 0)
        {
            Part(sb, subSecond / TimeSpan.TicksPerMillisecond, "ms");
        }
        else
        {
            Part(sb, subSecond / 10, "us");
        }

        return sb.ToString();
    }

    private static void Part(StringBuilder sb, long amount, string unit)
    {
        if (amount != 0)
        {
            sb.Append(amount.ToString(CultureInfo.InvariantCulture)).Append(unit);
        }
    }

    /// <summary>Go syntax: an optional sign, then one or more number-unit pairs; a bare <c>0</c> is zero.</summary>
    private static decimal? Go(string text)
    {
        var span = text.AsSpan();
        var sign = 1m;
        if (span.Length > 0 && span[0] is '-' or '+')
        {
            sign = span[0] == '-' ? -1m : 1m;
            span = span[1..];
        }

        if (span is "0")
        {
            return 0m;
        }

        if (span.IsEmpty)
        {
            return null;
        }

        var total = 0m;
        while (!span.IsEmpty)
        {
            if (Number(ref span) is not { } amount)
            {
                return null;
            }

            var unit = UnitAt(span);
            if (unit.Unit is null)
            {
                return null;
            }

            span = span[unit.Unit.Length..];
            if (!Add(ref total, amount, unit.Ticks))
            {
                return null;
            }
        }

        return sign * total;
    }

    private static (string Unit, decimal Ticks) UnitAt(ReadOnlySpan<char> span)
    {
        foreach (var unit in GoUnits)
        {
            if (span.StartsWith(unit.Unit, StringComparison.Ordinal))
            {
                return unit;
            }
        }

        return default;
    }

    /// <summary>ISO 8601 durations with days, hours, minutes and seconds (and weeks): <c>[-]P[nW][nD][T[nH][nM][nS]]</c>.</summary>
    private static decimal? Iso8601(string text)
    {
        var span = text.AsSpan();
        var sign = 1m;
        if (span[0] == '-')
        {
            sign = -1m;
            span = span[1..];
        }

        span = span[1..];
        var total = 0m;
        var inTime = false;
        var parts = 0;

        // Designators must come in this order, each at most once; weeks only before the time part.
        var order = "WDHMS";
        var next = 0;
        while (!span.IsEmpty)
        {
            if (span[0] == 'T' && !inTime)
            {
                inTime = true;
                span = span[1..];
                next = 2;
                if (span.IsEmpty)
                {
                    return null;
                }

                continue;
            }

            if (Number(ref span) is not { } amount || span.IsEmpty)
            {
                return null;
            }

            var designator = span[0];
            var index = order.IndexOf(designator, next);
            if (index < 0 || (index < 2) == inTime)
            {
                return null;
            }

            var ticks = designator switch
            {
                'W' => 7 * TimeSpan.TicksPerDay,
                'D' => TimeSpan.TicksPerDay,
                'H' => TimeSpan.TicksPerHour,
                'M' => TimeSpan.TicksPerMinute,
                _ => TimeSpan.TicksPerSecond,
            };
            if (!Add(ref total, amount, ticks))
            {
                return null;
            }

            next = index + 1;
            parts++;
            span = span[1..];
        }

        return parts == 0 ? null : sign * total;
    }

    /// <summary>Reads digits with an optional fraction (<c>1</c>, <c>1.5</c>, <c>.5</c>, <c>1.</c>), as Go does.</summary>
    private static decimal? Number(ref ReadOnlySpan<char> span)
    {
        var length = 0;
        var digits = 0;
        var point = false;
        while (length < span.Length && (char.IsAsciiDigit(span[length]) || (span[length] == '.' && !point)))
        {
            point |= span[length] == '.';
            digits += char.IsAsciiDigit(span[length]) ? 1 : 0;
            length++;
        }

        // More than 28 digits cannot be a duration that fits, and would not fit a decimal.
        if (digits == 0 || digits > 28 || !decimal.TryParse(span[..length], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            return null;
        }

        span = span[length..];
        return value;
    }

    private static bool Add(ref decimal total, decimal amount, decimal ticksPerUnit)
    {
        // A decimal holds about 7.9e28; TimeSpan.MaxValue is about 9.2e18 ticks, so anything past 1e20 is too long anyway.
        const decimal Limit = 1e20m;
        if (amount > Limit / Math.Max(ticksPerUnit, 1m))
        {
            return false;
        }

        total += amount * ticksPerUnit;
        return total <= Limit;
    }
}
