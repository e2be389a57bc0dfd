using System.Collections.Immutable;
using System.Globalization;
using MlDeploy.Validation;

namespace MlDeploy.Costs;

/// <summary>
/// The prices cost estimates use: <c>Costs/prices.tsv</c>, embedded in the assembly and parsed by hand (no reflection, so
/// NativeAOT-safe). One row per cloud, service, SKU and region; a price the table lacks is unknown, never zero.
/// </summary>
public sealed class PriceTable
{
    private const string Header = "cloud\tservice\tsku\tunit\tregion\tprice\tcurrency\tread\tsource\tnote";
    private static readonly Lazy<PriceTable> Embedded = new(() =>
    {
        using var stream = typeof(PriceTable).Assembly.GetManifestResourceStream("MlDeploy.Costs.prices.tsv")
            ?? throw new InvalidOperationException("the price table resource MlDeploy.Costs.prices.tsv is missing from the assembly.");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd(), "prices.tsv");
    });

    private readonly Dictionary<PriceKey, PriceRow> _rows;

    private PriceTable(ImmutableArray<PriceRow> rows)
    {
        Rows = rows;
        _rows = rows.ToDictionary(r => r.Key);
    }

    /// <summary>Gets the table kept in the repository (src/MlDeploy.Core/Costs/prices.tsv).</summary>
    public static PriceTable Default => Embedded.Value;

    /// <summary>Gets every row, in file order.</summary>
    public ImmutableArray<PriceRow> Rows { get; }

    /// <summary>Gets the earliest day a row was read, or null for an empty table.</summary>
    public DateOnly? ReadFrom => Rows.IsEmpty ? null : Rows.Min(r => r.Read);

    /// <summary>Gets the latest day a row was read, or null for an empty table.</summary>
    public DateOnly? ReadTo => Rows.IsEmpty ? null : Rows.Max(r => r.Read);

    /// <summary>Finds the price for a key.</summary>
    /// <param name="key">The key.</param>
    /// <returns>The row, or null when the table has no price for it (unknown).</returns>
    public PriceRow? Find(PriceKey key) => _rows.GetValueOrDefault(key);

    /// <summary>
    /// Parses a table: a header line, then tab-separated rows; lines starting with <c>#</c> and blank lines are skipped.
    /// Every row needs a positive price, USD, an ISO date and an https source.
    /// </summary>
    /// <param name="text">The file's text.</param>
    /// <param name="path">The file's name, for diagnostics.</param>
    /// <returns>The table.</returns>
    /// <exception cref="InvalidInputException">A row is malformed or repeats a key.</exception>
    public static PriceTable Parse(string text, string path)
    {
        ArgumentNullException.ThrowIfNull(text);
        var problems = new List<Diagnostic>();
        var rows = ImmutableArray.CreateBuilder<PriceRow>();
        var seen = new HashSet<PriceKey>();
        var headerSeen = false;
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            var where = $"{path}:{i + 1}";
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            if (!headerSeen)
            {
                headerSeen = true;
                if (line != Header)
                {
                    problems.Add(new Diagnostic(where, "is not the price table's header", Header.Replace('\t', ' ')));
                }

                continue;
            }

            var f = line.Split('\t');
            if (f.Length != 10)
            {
                problems.Add(new Diagnostic(where, $"has {f.Length} fields, not 10", "separate the fields with single tabs"));
                continue;
            }

            if (f.Take(5).Any(string.IsNullOrWhiteSpace))
            {
                problems.Add(new Diagnostic(where, "leaves cloud, service, SKU, unit or region empty", "name what the price is for"));
                continue;
            }

            if (!decimal.TryParse(f[5], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var price) || price <= 0)
            {
                problems.Add(new Diagnostic(where, $"price '{f[5]}' is not a positive number", "leave out a price that is not known: it is shown as unknown"));
                continue;
            }

            if (f[6] != "USD")
            {
                problems.Add(new Diagnostic(where, $"currency '{f[6]}' is not USD", "the estimates add prices up: keep every row in USD"));
                continue;
            }

            if (!DateOnly.TryParseExact(f[7], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var read))
            {
                problems.Add(new Diagnostic(where, $"date '{f[7]}' is not yyyy-MM-dd", "write the day the price was read"));
                continue;
            }

            if (!Uri.TryCreate(f[8], UriKind.Absolute, out var source) || source.Scheme != Uri.UriSchemeHttps)
            {
                problems.Add(new Diagnostic(where, $"source '{f[8]}' is not an https URL", "name the page the price was read from"));
                continue;
            }

            var key = new PriceKey(f[0], f[1], f[2], f[4]);
            if (!seen.Add(key))
            {
                problems.Add(new Diagnostic(where, $"repeats the price of {key}", "keep one row per cloud, service, SKU and region"));
                continue;
            }

            rows.Add(new PriceRow(key, price, f[6], f[3], read, f[8], f[9]));
        }

        return problems.Count > 0 ? throw new InvalidInputException(problems) : new PriceTable(rows.ToImmutable());
    }
}
