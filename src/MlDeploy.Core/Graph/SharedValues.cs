using System.Runtime.CompilerServices;

namespace MlDeploy.Graph;

/// <summary>
/// Hands out one value object for the literals planners write again and again, instead of a new one each time: at 1 000
/// mixed deployments the program held 201 788 <see cref="StringValue"/>s wrapping 49 887 strings and 60 610
/// <see cref="NumberValue"/>s of 48 distinct numbers, a quarter of the objects the GC traced and copied while the graph
/// was built (a heap census, docs/BENCHMARKS.md, stop 18).
/// </summary>
/// <remarks>
/// <para>
/// Values are immutable records compared by value, so sharing one changes nothing a reader can see. Each cache is a
/// small table indexed by a hash, holding the last value made for each slot: a hit is reused, a miss replaces the slot.
/// Strings are matched by reference (a literal is one object wherever it is written) and hashed by their address, not
/// <see cref="RuntimeHelpers.GetHashCode(object)"/>, which stores a hash in the object's header: in a NativeAOT
/// program string literals are frozen objects in the executable's data pages, and a header write would copy each page
/// it touches. A string the GC moves is only a miss.
/// </para>
/// <para>
/// Synthesizers may run on several threads at once: a slot is read and replaced as one reference, and a reader reuses
/// a value only after checking it is the one asked for, so a race costs a miss, never a wrong value.
/// </para>
/// </remarks>
internal sealed class SharedValues
{
    private const int StringSlots = 1024;
    private const int IntegerSlots = 256;

    private readonly StringValue?[] _strings = new StringValue?[StringSlots];
    private readonly NumberValue?[] _integers = new NumberValue?[IntegerSlots];

    /// <summary>Gets the tables the implicit conversions of <see cref="Value"/> use, one per process.</summary>
    public static SharedValues Process { get; } = new();

    /// <summary>The string value for this text: the one made last for this string object, or a new one.</summary>
    /// <param name="text">The text.</param>
    /// <returns>A value whose text is <paramref name="text"/> (the same object).</returns>
    public StringValue String(string text)
    {
        // Objects are at least 8-byte aligned: the low bits say nothing. (Unchecked: an address or a hash, not arithmetic.)
        var slot = unchecked((int)((nuint)Unsafe.As<string, nint>(ref text) >> 4)) & (StringSlots - 1);
        var cached = Volatile.Read(ref _strings[slot]);
        if (cached is not null && ReferenceEquals(cached.Value, text))
        {
            return cached;
        }

        var made = new StringValue(text);
        Volatile.Write(ref _strings[slot], made);
        return made;
    }

    /// <summary>The number value for this integer: the one made last for its slot if it holds the same integer, or a new one.</summary>
    /// <param name="value">The integer.</param>
    /// <returns>A value equal to <c>new NumberValue(value)</c>, with scale 0.</returns>
    public NumberValue Integer(long value)
    {
        var slot = unchecked((int)value) & (IntegerSlots - 1);
        var cached = Volatile.Read(ref _integers[slot]);

        // Only integers are cached, so a cached value has scale 0 like the one it stands for.
        if (cached is not null && cached.Value == value)
        {
            return cached;
        }

        var made = new NumberValue(value);
        Volatile.Write(ref _integers[slot], made);
        return made;
    }
}
