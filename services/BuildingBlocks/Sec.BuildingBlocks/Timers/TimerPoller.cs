namespace Sec.BuildingBlocks.Timers;

/// <summary>Handles one kind of a context's durable timers (a withdrawal window ending, a referral window ending).</summary>
public interface ITimerHandler<TStore> where TStore : ContextStore
{
    /// <summary>The timer kind this handler fires, for example "withdrawal-window".</summary>
    string Kind { get; }

    /// <summary>Applies the deadline inside the transaction that marks the timer fired.</summary>
    Task FireAsync(DueTimer timer, DbConnection connection, DbTransaction tx, CancellationToken ct);
}

/// <summary>
/// A handler that applies its deadline through one of the context's use cases: the kind it fires and
/// the call, nothing else.
/// </summary>
public abstract class TimerHandler<TStore>(string kind, Func<DueTimer, DbConnection, DbTransaction, CancellationToken, Task> fire)
    : ITimerHandler<TStore> where TStore : ContextStore
{
    public string Kind => kind;

    public Task FireAsync(DueTimer timer, DbConnection connection, DbTransaction tx, CancellationToken ct) => fire(timer, connection, tx, ct);
}

/// <summary>
/// Fires a context's due timers. Timers are claimed with a lease, so replicas share them and a
/// poller that dies mid-fire leaves the timer to be fired again; the handler's work and the fired
/// mark commit together, so each timer takes effect once.
/// </summary>
public sealed class TimerPoller<TStore>(TStore store, IServiceProvider services, IClock clock, ILogger<TimerPoller<TStore>> logger)
    : BackgroundService where TStore : ContextStore
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);
    private readonly string _pollerId = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await FireDueAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Timer poller for {Schema} failed; it will retry", store.Schema);
            }
            await Task.Delay(Poll, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    /// <summary>Fires every timer due now; returns how many fired.</summary>
    public async Task<int> FireDueAsync(CancellationToken ct)
    {
        var now = clock.UtcNow;
        var due = (await store.ReadAsync(c => c.QueryAsync<DueTimer>(store.Dialect.ClaimDueTimers(store.Schema),
            new { Batch = 20, Now = now, LockedUntil = now + Lease, Poller = _pollerId }))).ToList();
        var handlers = services.GetServices<ITimerHandler<TStore>>().ToDictionary(h => h.Kind, StringComparer.Ordinal);
        var fired = 0;
        foreach (var timer in due)
        {
            if (!handlers.TryGetValue(timer.Kind, out var handler))
            {
                logger.LogError("No handler for timer kind {Kind} in {Schema}", timer.Kind, store.Schema);
                continue;
            }
            try
            {
                await store.InTransactionAsync(async (connection, tx) =>
                {
                    var marked = await connection.ExecuteAsync(DurableTimers.MarkFiredSql(store.Schema),
                        new { Now = clock.UtcNow, timer.Id }, tx);
                    if (marked == 1)
                        await handler.FireAsync(timer, connection, tx, ct);
                }, ct);
                fired++;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Timer {Kind} for {Subject} failed; it will be retried after its lease", timer.Kind, timer.SubjectKey);
                await store.ReadAsync(c => c.ExecuteAsync(DurableTimers.RecordErrorSql(store.Schema),
                    new { Error = ex.Message, timer.Id }));
            }
        }
        return fired;
    }
}
