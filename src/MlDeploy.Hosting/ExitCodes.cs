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
}
