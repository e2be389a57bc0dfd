namespace MlDeploy.Portability;

/// <summary>What a target does with one concept of one deployment.</summary>
public enum CellStatus
{
    /// <summary>The platform does exactly this.</summary>
    Native,

    /// <summary>The platform does something close; the cell's text says what.</summary>
    Approximated,

    /// <summary>Validation refuses it on this target; the cell carries the diagnostics <c>validate</c> prints.</summary>
    Impossible,

    /// <summary>The deployment does not use the concept.</summary>
    NotApplicable,

    /// <summary>Validation failed on another concept, so this one was never planned and nothing is claimed.</summary>
    NotEvaluated,
}
