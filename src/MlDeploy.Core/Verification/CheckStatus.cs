namespace MlDeploy.Verification;

/// <summary>The outcome of one live check.</summary>
public enum CheckStatus
{
    /// <summary>The live state is what the program deployed.</summary>
    Pass,

    /// <summary>The live state differs from what the program deployed, or the model did not answer as declared.</summary>
    Fail,

    /// <summary>Not checked, with the reason (never counted as passed or failed).</summary>
    Skip,
}
