namespace Sec.BuildingBlocks.Storage;

/// <summary>Wakes a context's background workers (the outbox relay) as soon as a transaction commits, instead of on the next poll.</summary>
public sealed class CommitSignal
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _commits;

    /// <summary>How many commits this process has made through the store: a cached answer older than a commit may be stale.</summary>
    public long Commits => Interlocked.Read(ref _commits);

    public void Notify()
    {
        Interlocked.Increment(ref _commits);
        Interlocked.Exchange(ref _next, new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }

    /// <summary>Completes on the next commit, or after <paramref name="timeout"/>, whichever is first.</summary>
    public async Task WaitAsync(TimeSpan timeout, CancellationToken ct)
    {
        try
        {
            await Volatile.Read(ref _next).Task.WaitAsync(timeout, ct);
        }
        catch (TimeoutException)
        {
        }
    }
}
