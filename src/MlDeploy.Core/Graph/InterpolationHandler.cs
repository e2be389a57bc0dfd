using System.Collections.Immutable;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace MlDeploy.Graph;

/// <summary>
/// Collects an interpolated C# string into literal parts and typed references, so planners write
/// <c>Value.Format($"endpoint/{endpoint.Output("name")}/variant/primary")</c> instead of Pulumi syntax.
/// </summary>
[InterpolatedStringHandler]
public ref struct InterpolationHandler
{
    private readonly ImmutableArray<Value>.Builder _parts;
    private readonly StringBuilder _literal;

    /// <summary>Initializes the handler (called by the compiler).</summary>
    /// <param name="literalLength">Total length of literal parts.</param>
    /// <param name="formattedCount">Number of holes.</param>
    public InterpolationHandler(int literalLength, int formattedCount)
    {
        _parts = ImmutableArray.CreateBuilder<Value>(formattedCount * 2 + 1);
        _literal = new StringBuilder(literalLength);
    }

    /// <summary>Appends literal text.</summary>
    /// <param name="text">The text.</param>
    public readonly void AppendLiteral(string text) => _literal.Append(text);

    /// <summary>Appends a value: literals are folded into the text, expressions become parts.</summary>
    /// <param name="value">The value.</param>
    public readonly void AppendFormatted(Value value)
    {
        switch (value)
        {
            case StringValue s:
                _literal.Append(s.Value);
                break;
            case NumberValue n:
                _literal.Append(n.ToInvariantString());
                break;
            case Interpolation nested:
                foreach (var part in nested.Parts)
                {
                    AppendFormatted(part);
                }

                break;
            default:
                Flush();
                _parts.Add(value);
                break;
        }
    }

    /// <summary>Appends literal text.</summary>
    /// <param name="text">The text.</param>
    public readonly void AppendFormatted(string text) => _literal.Append(text);

    /// <summary>Appends a number, formatted with the invariant culture.</summary>
    /// <param name="number">The number.</param>
    public readonly void AppendFormatted(int number) => _literal.Append(number.ToString(CultureInfo.InvariantCulture));

    /// <summary>Appends a number, formatted with the invariant culture.</summary>
    /// <param name="number">The number.</param>
    public readonly void AppendFormatted(long number) => _literal.Append(number.ToString(CultureInfo.InvariantCulture));

    /// <summary>Builds the value.</summary>
    /// <returns>A <see cref="StringValue"/> when there were no expressions, otherwise an <see cref="Interpolation"/>.</returns>
    internal readonly Value Build()
    {
        Flush();
        return _parts.Count switch
        {
            0 => new StringValue(string.Empty),
            1 when _parts[0] is StringValue only => only,
            _ => new Interpolation(_parts.ToImmutable()),
        };
    }

    private readonly void Flush()
    {
        if (_literal.Length > 0)
        {
            _parts.Add(new StringValue(_literal.ToString()));
            _literal.Clear();
        }
    }
}
