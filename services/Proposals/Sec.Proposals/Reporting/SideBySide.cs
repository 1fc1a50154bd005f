namespace Sec.Proposals.Reporting;

/// <summary>
/// The reads and calls one answer starts side by side. When the answer fails part-way (one read or
/// call failed, or the caller gave up), disposing waits for every piece still running, so none goes
/// on reading the register after its answer has gone, or after the host has stopped and released
/// its connections. The answer's own failure is the one its caller hears; the pieces' failures after
/// it are only waited for.
/// </summary>
public sealed class SideBySide : IAsyncDisposable
{
    private readonly List<Task> _started = [];

    /// <summary>Keeps <paramref name="work"/> (already started) to be waited for.</summary>
    public Task<T> Start<T>(Task<T> work)
    {
        _started.Add(work);
        return work;
    }

    /// <summary>Runs <paramref name="read"/> on a pool thread of its own (SQLite answers synchronously) and keeps it to be waited for.</summary>
    public Task<T> Run<T>(Func<Task<T>> read, CancellationToken ct) => Start(Task.Run(read, ct));

    public async ValueTask DisposeAsync()
    {
        foreach (var piece in _started)
        {
            try
            {
                await piece.ConfigureAwait(false);
            }
            catch (Exception)
            {
                // Either the answer awaited it and has reported it, or the answer failed first and
                // reports its own failure; either way this piece is over.
            }
        }
    }
}
