namespace Sec.Proposals.Reporting;

/// <summary>
/// The reads and calls one answer starts side by side. When the answer fails part-way (one read or
/// call failed, or the caller gave up), disposing tells the pieces still running to stop and waits
/// for each, so none goes on reading the register after its answer has gone, or after the host has
/// stopped and released its connections. The answer's own failure is the one its caller hears; the
/// pieces' failures after it are only waited for.
/// </summary>
public sealed class SideBySide(CancellationToken ct) : IAsyncDisposable
{
    private readonly List<Task> _started = [];
    private readonly CancellationTokenSource _stop = CancellationTokenSource.CreateLinkedTokenSource(ct);

    /// <summary>What each piece runs under: the caller's token, and cancelled once the answer is over.</summary>
    public CancellationToken Token => _stop.Token;

    /// <summary>Keeps <paramref name="work"/> (already started, under <see cref="Token"/>) to be waited for.</summary>
    public Task<T> Start<T>(Task<T> work)
    {
        _started.Add(work);
        return work;
    }

    /// <summary>Runs <paramref name="read"/> on a pool thread of its own (SQLite answers synchronously) and keeps it to be waited for.</summary>
    public Task<T> Run<T>(Func<CancellationToken, Task<T>> read) => Start(Task.Run(() => read(Token), Token));

    public async ValueTask DisposeAsync()
    {
        // An answer that succeeded has awaited every piece; one that failed leaves no piece to run on.
        await _stop.CancelAsync().ConfigureAwait(false);
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
        _stop.Dispose();
    }
}
