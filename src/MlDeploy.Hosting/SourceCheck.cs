namespace MlDeploy.Hosting;

/// <summary>
/// The published program's check that no source changed since its publish, run on its own thread while the program
/// synthesizes, so on two cores the walk (one <c>lstat</c> per source, one to two milliseconds here) is mostly hidden
/// (docs/BENCHMARKS.md). Whatever the program prints waits for <see cref="Settle"/>, because a program whose
/// sources changed must print nothing of its own: the republished program answers instead.
/// </summary>
internal sealed class SourceCheck
{
    private readonly Thread _thread;
    private readonly Func<string, int> _republish;
    private readonly Func<Exception, int> _failed;
    private readonly Lock _gate = new();
    private string? _changed;
    private Exception? _failure;
    private bool _settled;
    private int? _ending;

    /// <summary>Starts the check.</summary>
    /// <param name="findChange">Finds a source newer than the publish (null when there is none).</param>
    /// <param name="republish">Republishes for that source and runs the new program; returns its exit code.</param>
    /// <param name="failed">Reports a check that could not finish; returns the exit code for that.</param>
    public SourceCheck(Func<string?> findChange, Func<string, int> republish, Func<Exception, int> failed)
    {
        ArgumentNullException.ThrowIfNull(findChange);
        ArgumentNullException.ThrowIfNull(republish);
        ArgumentNullException.ThrowIfNull(failed);
        _republish = republish;
        _failed = failed;
        _thread = new Thread(
            () =>
            {
                try
                {
                    _changed = findChange();
                }
#pragma warning disable CA1031 // Reported on the main thread by Settle, as when the check ran there.
                catch (Exception e)
#pragma warning restore CA1031
                {
                    _failure = e;
                }
            },
            maxStackSize: 256 * 1024)
        {
            IsBackground = true,
            Name = "source check",
        };
        _thread.Start();
    }

    /// <summary>
    /// Waits for the check and says whether the program may print its own output: null when it is current; otherwise
    /// the exit code the process must end with instead, after nothing of its own was printed (the republished
    /// program's, or an internal error's when the check could not finish). Acts once, however often it is called.
    /// </summary>
    /// <returns>Null, or the exit code to end with.</returns>
    public int? Settle()
    {
        _thread.Join();
        lock (_gate)
        {
            if (_settled)
            {
                return _ending;
            }

            _settled = true;
            _ending = _failure is { } failure ? _failed(failure) : _changed is { } source ? _republish(source) : null;
            return _ending;
        }
    }
}
