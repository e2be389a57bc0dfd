using System.Collections.Immutable;

namespace MlDeploy.Validation;

/// <summary>Thrown when the input (stack program, config, command line) is invalid; carries every problem found.</summary>
public sealed class InvalidInputException : Exception
{
    /// <summary>Initializes the exception.</summary>
    /// <param name="diagnostics">The problems.</param>
    public InvalidInputException(IEnumerable<Diagnostic> diagnostics)
        : base(Describe(diagnostics))
    {
        Diagnostics = [.. diagnostics];
    }

    /// <summary>Initializes the exception with one problem.</summary>
    /// <param name="diagnostic">The problem.</param>
    public InvalidInputException(Diagnostic diagnostic)
        : this([diagnostic])
    {
    }

    /// <summary>Gets the problems.</summary>
    public ImmutableArray<Diagnostic> Diagnostics { get; }

    private static string Describe(IEnumerable<Diagnostic> diagnostics) =>
        string.Join(Environment.NewLine, diagnostics.Select(d => d.ToString()));
}
