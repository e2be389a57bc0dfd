namespace MlDeploy.Hosting;

/// <summary>Process exit codes.</summary>
public static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Success = 0;

    /// <summary>An internal failure (a bug): a stack trace is on stderr.</summary>
    public const int InternalError = 1;

    /// <summary>Invalid input: the stack program, its config, or the command line. Messages are on stderr.</summary>
    public const int InvalidInput = 2;

    /// <summary>
    /// <c>verify</c> ran and a live check failed: the deployed state differs from what the program deployed, or the
    /// model did not answer as declared. Not invalid input (the command was right; the deployment is not).
    /// </summary>
    public const int VerificationFailed = 4;
}
