namespace MlDeploy.Hosting;

/// <summary>Everything the host reads from and writes to the process, so tests can run it in-process.</summary>
/// <param name="Args">The command line.</param>
/// <param name="GetEnvironmentVariable">Reads an environment variable.</param>
/// <param name="WorkingDirectory">The working folder.</param>
/// <param name="Stdout">Standard output: only the program, plan or summaries.</param>
/// <param name="Stderr">Standard error: every message.</param>
public sealed record HostEnvironment(string[] Args, Func<string, string?> GetEnvironmentVariable, string WorkingDirectory, TextWriter Stdout, TextWriter Stderr)
{
    /// <summary>Gets standard input (read by <c>verify --outputs -</c>); empty unless set.</summary>
    public TextReader Stdin { get; init; } = TextReader.Null;

    /// <summary>
    /// Gets the width in columns of the terminal standard output is, or null when it is redirected (a file, a pipe, a
    /// CI log): reports are then tables on the terminal and plain aligned text otherwise.
    /// </summary>
    public int? TerminalWidth { get; init; }

    /// <summary>Gets a value indicating whether standard error is a terminal, where long verbs show their progress.</summary>
    public bool StderrIsTerminal { get; init; }
}
