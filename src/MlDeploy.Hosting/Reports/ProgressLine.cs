namespace MlDeploy.Hosting.Reports;

/// <summary>
/// Shows a long verb's progress (a stack of ten being synthesized, a target of nine being planned) on one line of
/// standard error that each step overwrites, and clears it when done. Only on a terminal: in CI logs and files the
/// steps would be noise, and standard output never carries them.
/// </summary>
internal sealed class ProgressLine : IDisposable
{
    private readonly TextWriter? _stderr;
    private readonly string _verb;
    private readonly int _total;
    private int _done;

    /// <summary>Initializes a new instance of the <see cref="ProgressLine"/> class.</summary>
    /// <param name="host">The host.</param>
    /// <param name="verb">What is being done, e.g. "validate".</param>
    /// <param name="total">How many steps there are.</param>
    public ProgressLine(HostEnvironment host, string verb, int total)
    {
        // One step is over before anyone could read it.
        _stderr = host.StderrIsTerminal && total > 1 ? host.Stderr : null;
        _verb = verb;
        _total = total;
    }

    /// <summary>Says which step starts.</summary>
    /// <param name="what">The step, e.g. the stack's name.</param>
    public void Step(string what)
    {
        _done++;
        // \r returns to the line's start, ESC[K clears what a longer previous step left.
        _stderr?.Write($"\r\u001b[K{_verb}: {what} ({_done}/{_total})");
        _stderr?.Flush();
    }

    /// <summary>Clears the line, so what follows on the terminal starts on a clean line.</summary>
    public void Dispose()
    {
        if (_done > 0)
        {
            _stderr?.Write("\r\u001b[K");
            _stderr?.Flush();
        }
    }
}
