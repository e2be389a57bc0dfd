namespace MlDeploy.Model;

/// <summary>
/// A cloud identifier the model takes (a subnet, a security group): written literally, or read from another stack's
/// outputs at deploy time. Strings and <see cref="ReferencedOutput"/>s convert implicitly, so
/// <c>SubnetIds = ["subnet-0a1b", network.Output("subnetB")]</c> mixes both.
/// </summary>
public readonly record struct Identifier
{
    private Identifier(string? literal, ReferencedOutput? reference)
    {
        Literal = literal;
        Reference = reference;
    }

    /// <summary>Gets the literal value, or null when the value comes from another stack.</summary>
    public string? Literal { get; }

    /// <summary>Gets the other stack's output the value comes from, or null for a literal.</summary>
    public ReferencedOutput? Reference { get; }

    /// <summary>Gets a value indicating whether the value is only known at deploy time.</summary>
    public bool IsDeferred => Reference is not null;

    /// <summary>A literal identifier.</summary>
    /// <param name="literal">The value.</param>
    public static implicit operator Identifier(string literal) => new(literal, null);

    /// <summary>An identifier read from another stack.</summary>
    /// <param name="reference">The output.</param>
    public static implicit operator Identifier(ReferencedOutput reference) => new(null, reference);

    /// <summary>A literal identifier.</summary>
    /// <param name="literal">The value.</param>
    /// <returns>The identifier.</returns>
    public static Identifier FromString(string literal) => literal;

    /// <summary>An identifier read from another stack.</summary>
    /// <param name="reference">The output.</param>
    /// <returns>The identifier.</returns>
    public static Identifier FromReferencedOutput(ReferencedOutput reference) => reference;

    /// <summary>Gets the value as written in messages: the literal, or the other stack's output.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Reference?.ToString() ?? Literal ?? string.Empty;
}
