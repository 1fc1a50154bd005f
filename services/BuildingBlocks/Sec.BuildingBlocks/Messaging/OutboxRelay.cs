using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Text.Json;
using MassTransit;
using Microsoft.Extensions.Options;
using Sec.BuildingBlocks.Storage;

namespace Sec.BuildingBlocks.Messaging;

/// <summary>
/// Publishes a context's outbox rows through MassTransit and marks them sent. One relay at a time
/// holds a schema's unsent rows, under a short lease, and publishes from a claim only while the lease
/// outlasts the longest a publish may take, so events go out in the order they were written whichever
/// replica sends them, and no row is published by two relays at once. A batch's rows are marked sent
/// in one commit, which is also the next batch's claim. A relay that stops gives its rows
/// back; one that dies leaves them for a lease of seconds. Delivery is at-least-once; consumers'
/// inboxes make the effect exactly-once.
/// </summary>
public sealed class OutboxRelay<TStore>(TStore store, IBus bus, IClock clock, TimeProvider time, IOptions<MessagingOptions> options,
    ILogger<OutboxRelay<TStore>> logger) : BackgroundService where TStore : ContextStore
{
    private static readonly ActivitySource Source = new("Sec.Outbox");
    private static readonly TimeSpan IdlePoll = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan StartPoll = TimeSpan.FromMilliseconds(50);
    private const int Batch = 50;
    private readonly string _relayId = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";
    private OutboxRelayOptions Timings => options.Value.Outbox;
    private DateTimeOffset _nextReport = DateTimeOffset.MinValue;
    private string? _lastError;
    // Rows published and not yet marked sent: the loop marks them in the same write as its next claim.
    private IReadOnlyList<long> _unmarked = [];
    // The one give-back of this relay's rows, which every stop waits for.
    private Lazy<Task>? _givingBack;

    /// <summary>This relay's name on the rows it holds (<c>LockedBy</c>).</summary>
    public string RelayId => _relayId;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Not before the bus has started and its endpoints are bound: an event published earlier
        // would find no queue bound to it yet, and rows left from before a restart go out first.
        try
        {
            while (bus is IBusControl control && control.CheckHealth().Status != BusHealthStatus.Healthy)
                await Task.Delay(StartPoll, time, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return;
        }
        var previous = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            var wake = store.Committed.WaitAsync(IdlePoll, stoppingToken);
            BatchResult result;
            try
            {
                await ReportBacklogIfDueAsync(stoppingToken);
                result = await PublishOnceAsync(markWithNextClaim: true, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Outbox relay for {Schema} failed; it will retry", store.Schema);
                result = new BatchResult(0, true);
            }
            if (result.Failed)
                await Task.Delay(Timings.RetryDelay, time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            else if (result.Published == 0)
                await wake;
            else if (result.Published < Batch && previous > 0 && Timings.Gather > TimeSpan.Zero)
                // Rows claim after claim is load: a few milliseconds' rows then go in the next claim together,
                // and this batch's mark with it, so the relay takes the file's write lock once for many
                // writes, not once for each. A first batch after a quiet spell is marked at once.
                await Task.Delay(Timings.Gather, time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            previous = result.Published;
        }
    }

    /// <summary>
    /// Gives this relay's rows back at once, so another relay need not wait out the lease. Once only: a
    /// host may stop its services twice (ASP.NET Core's test host does, dotnet/aspnetcore#40271), and
    /// every stop waits for the one give-back, so none touches the store after the host released it.
    /// </summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        var giveBack = new Lazy<Task>(GiveBackAsync);
        await (Interlocked.CompareExchange(ref _givingBack, giveBack, null) ?? giveBack).Value;
    }

    private async Task GiveBackAsync()
    {
        try
        {
            // Best effort, and never a reason for the host's stop to fail: rows not given back wait out their
            // lease, and rows published but not marked go out again (their consumers' inboxes take them once).
            using var giveUp = new CancellationTokenSource(Timings.PublishTimeout);
            await MarkSentAsync(Interlocked.Exchange(ref _unmarked, []), giveUp.Token);
            var released = await ReleaseAsync(giveUp.Token);
            if (released > 0)
                logger.LogInformation("Outbox relay for {Schema} stopped and gave back {Rows} unsent rows", store.Schema, released);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Outbox relay for {Schema} could not give back its rows; they wait out their lease", store.Schema);
        }
    }

    /// <summary>Claims and publishes one batch, and marks it sent; returns how many rows were published.</summary>
    public async Task<int> PublishBatchAsync(CancellationToken ct) => (await PublishOnceAsync(markWithNextClaim: false, ct)).Published;

    private async Task<BatchResult> PublishOnceAsync(bool markWithNextClaim, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var lockedUntil = now + Timings.Lease;
        var marking = _unmarked;
        var rows = (await store.WriteBookkeepingAsync(c => MarkAndClaimAsync(c, marking, now, lockedUntil), ct)).OrderBy(r => r.Sequence).ToList();
        _unmarked = [];
        CountPublished(marking.Count);
        // Every publish of the batch is begun in sequence order and runs while the others wait for the
        // broker's confirms, so a batch costs about one round trip, not one per event. A publish begins
        // only while the claim's lease outlasts the longest a publish may take, so no other relay can
        // take a row while this one may still send it; the rest wait for the next claim.
        var begun = new List<(OutboxRow Row, Task Publish)>(rows.Count);
        foreach (var row in rows)
        {
            if (time.GetUtcNow() + Timings.PublishTimeout > lockedUntil)
                break;
            begun.Add((row, PublishBoundedAsync(row, ct)));
        }
        try
        {
            await Task.WhenAll(begun.Select(b => b.Publish));
        }
        catch (Exception) when (!ct.IsCancellationRequested)
        {
            // Each failure is read below, in order.
        }
        // The rows before the first failure are sent, marked in one commit: the loop's next claim when
        // the whole batch went, at once otherwise. Rows published but not marked (a crash) go out again,
        // and consumers' inboxes take them once.
        var sent = begun.TakeWhile(b => b.Publish.IsCompletedSuccessfully).Select(b => b.Row.Sequence).ToList();
        if (sent.Count == begun.Count && sent.Count > 0 && markWithNextClaim)
            _unmarked = sent;
        else
            await MarkSentAsync(sent, CancellationToken.None);
        if (sent.Count == begun.Count)
        {
            if (sent.Count > 0)
                _lastError = null;
            return new BatchResult(sent.Count, false);
        }
        // The failed row and every later one stay, to go out again in order (a later row the broker took
        // anyway arrives twice, and the consumer's inbox takes it once).
        var (failed, publish) = begun[sent.Count];
        var ex = publish.Exception?.GetBaseException() ?? new OperationCanceledException("The publish was cancelled.");
        var error = $"{time.GetUtcNow():O} {ex.GetType().Name}: {ex.Message}";
        _lastError = error;
        Failures.Add(1, new KeyValuePair<string, object?>("schema", store.Schema));
        logger.LogWarning("Publishing outbox message {MessageId} ({MessageType}) of {Schema} failed; it stays for retry: {Error}",
            failed.Id, failed.MessageType, store.Schema, ex.Message);
        await store.WriteBookkeepingAsync(c => c.ExecuteAsync(Outbox.RecordErrorSql(store.Schema), new { Error = error, failed.Id }), CancellationToken.None);
        // Give them all back, so a relay that can reach the broker may take them.
        await ReleaseAsync(CancellationToken.None);
        return new BatchResult(sent.Count, true);
    }

    private async Task PublishBoundedAsync(OutboxRow row, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(Timings.PublishTimeout);
        try
        {
            // The transport may not honour the token while its connection recovers (a publish can wait
            // for a channel that never comes back), so the wait itself is bounded too.
            await PublishAsync(row, timeout.Token).WaitAsync(Timings.PublishTimeout, time, ct);
        }
        catch (Exception ex) when (ex is TimeoutException || ex is OperationCanceledException && !ct.IsCancellationRequested)
        {
            throw new TimeoutException($"The broker did not take the message within {Timings.PublishTimeout.TotalSeconds:F0} s; it may be out of reach.");
        }
    }

    /// <summary>
    /// Marks the rows published since the last claim sent and claims the next batch, in one commit: the
    /// relay then writes once a batch, not twice, and holds the file's write lock half as often.
    /// </summary>
    private async Task<IEnumerable<OutboxRow>> MarkAndClaimAsync(DbConnection connection, IReadOnlyList<long> marking, DateTimeOffset now, DateTimeOffset lockedUntil)
    {
        var claim = new { Batch, Now = now, LockedUntil = lockedUntil, Relay = _relayId };
        if (marking.Count == 0)
            return await connection.QueryAsync<OutboxRow>(store.Dialect.ClaimOutboxBatch(store.Schema), claim);
        await using var tx = await connection.BeginTransactionAsync();
        await connection.ExecuteAsync(store.Dialect.MarkOutboxSent(store.Schema), MarkParameters(marking), tx);
        var rows = (await connection.QueryAsync<OutboxRow>(store.Dialect.ClaimOutboxBatch(store.Schema), claim, tx)).AsList();
        await tx.CommitAsync();
        return rows;
    }

    private async Task MarkSentAsync(IReadOnlyList<long> sent, CancellationToken ct)
    {
        if (sent.Count == 0)
            return;
        await store.WriteBookkeepingAsync(c => c.ExecuteAsync(store.Dialect.MarkOutboxSent(store.Schema), MarkParameters(sent)), ct);
        CountPublished(sent.Count);
    }

    private object MarkParameters(IReadOnlyList<long> sent) => new { SentAt = clock.UtcNow, Sequences = SqlDialect.NumberList(sent) };

    private void CountPublished(int marked)
    {
        if (marked > 0)
            Published.Add(marked, new KeyValuePair<string, object?>("schema", store.Schema));
    }

    private Task<int> ReleaseAsync(CancellationToken ct) =>
        store.WriteBookkeepingAsync(c => c.ExecuteAsync(Outbox.ReleaseSql(store.Schema), new { Relay = _relayId }), ct);

    /// <summary>Measures the backlog (rows waiting, the oldest one's age) for the metrics, and logs it while there is one.</summary>
    public async Task<OutboxBacklog> MeasureBacklogAsync(CancellationToken ct)
    {
        var figures = await store.ReadAsync(c => c.QuerySingleAsync<BacklogRow>(Outbox.BacklogSql(store.Schema)), ct);
        var backlog = new OutboxBacklog(figures.Unsent,
            figures.OldestOccurredAt is { } oldest ? Max(clock.UtcNow - oldest, TimeSpan.Zero) : TimeSpan.Zero,
            figures.MostAttempts ?? 0, _lastError);
        Backlogs[store.Schema] = backlog;
        return backlog;
    }

    private async Task ReportBacklogIfDueAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (now < _nextReport)
            return;
        _nextReport = now + Timings.BacklogReport;
        var backlog = await MeasureBacklogAsync(ct);
        if (backlog.Unsent == 0)
            return;
        var level = backlog.OldestAge > Timings.StaleAfter ? LogLevel.Warning : LogLevel.Information;
        logger.Log(level, "Outbox of {Schema}: {Unsent} unsent, the oldest waiting {OldestAgeSeconds:F0} s, at most {Attempts} attempts; last error: {LastError}",
            store.Schema, backlog.Unsent, backlog.OldestAge.TotalSeconds, backlog.MostAttempts, backlog.LastError ?? "none");
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private async Task PublishAsync(OutboxRow row, CancellationToken ct)
    {
        var type = Outbox.ContractType(row.MessageType)
            ?? throw new InvalidOperationException($"Outbox message {row.Id} names an unknown contract type {row.MessageType}.");
        var message = JsonSerializer.Deserialize(row.Payload, type, Outbox.ReadJson)!;
        ActivityContext.TryParse(row.TraceParent, null, out var parent);
        using var activity = Source.StartActivity($"outbox publish {type.Name}", ActivityKind.Producer, parent);
        activity?.SetTag("messaging.message.id", row.Id);
        activity?.SetTag("sec.schema", store.Schema);
        await bus.Publish(message, type, context => context.MessageId = Guid.Parse(row.Id), ct);
    }

    // One set of instruments for every context's relay in the process; the gauges read each schema's last measure.
    private static readonly ConcurrentDictionary<string, OutboxBacklog> Backlogs = OutboxMetrics.Backlogs;
    private static readonly Counter<long> Published = OutboxMetrics.Published;
    private static readonly Counter<long> Failures = OutboxMetrics.Failures;

    private readonly record struct BatchResult(int Published, bool Failed);

    private sealed class BacklogRow
    {
        public long Unsent { get; init; }
        public DateTimeOffset? OldestOccurredAt { get; init; }
        public long? MostAttempts { get; init; }
    }

    private sealed class OutboxRow
    {
        public string Id { get; init; } = "";
        public long Sequence { get; init; }
        public string MessageType { get; init; } = "";
        public string Payload { get; init; } = "";
        public string? TraceParent { get; init; }
        public DateTimeOffset OccurredAt { get; init; }
    }
}

/// <summary>A schema's outbox backlog as last measured: rows waiting, the oldest one's age, the most attempts any took, and the relay's last error.</summary>
public sealed record OutboxBacklog(long Unsent, TimeSpan OldestAge, long MostAttempts, string? LastError);

/// <summary>The outbox's instruments (meter <c>Sec.Outbox</c>), shared by every relay in the process and tagged with the schema.</summary>
internal static class OutboxMetrics
{
    private static readonly Meter Meter = new("Sec.Outbox");

    public static readonly ConcurrentDictionary<string, OutboxBacklog> Backlogs = new(StringComparer.Ordinal);

    public static readonly Counter<long> Published = Meter.CreateCounter<long>("sec.outbox.published", "{message}", "Outbox rows published.");

    public static readonly Counter<long> Failures = Meter.CreateCounter<long>("sec.outbox.publish_failures", "{attempt}", "Publish attempts that failed; each is recorded on its row.");

    static OutboxMetrics()
    {
        Meter.CreateObservableGauge("sec.outbox.backlog", () => Backlogs.Select(b => new Measurement<long>(b.Value.Unsent, new KeyValuePair<string, object?>("schema", b.Key))),
            "{message}", "Outbox rows not sent yet.");
        Meter.CreateObservableGauge("sec.outbox.oldest_age", () => Backlogs.Select(b => new Measurement<double>(b.Value.OldestAge.TotalSeconds, new KeyValuePair<string, object?>("schema", b.Key))),
            "s", "Age of the oldest unsent outbox row (0 when none waits).");
    }
}
