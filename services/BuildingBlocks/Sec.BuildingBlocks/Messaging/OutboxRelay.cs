using System.Diagnostics;
using System.Text.Json;
using MassTransit;

namespace Sec.BuildingBlocks.Messaging;

/// <summary>
/// Publishes a context's outbox rows through MassTransit and marks them sent. Rows are claimed with
/// a lease, so replicas share the work and a relay that dies mid-batch leaves its rows to be
/// claimed again: delivery is at-least-once, and consumers' inboxes make the effect exactly-once.
/// </summary>
public sealed class OutboxRelay<TStore>(TStore store, IBus bus, IClock clock, ILogger<OutboxRelay<TStore>> logger)
    : BackgroundService where TStore : ContextStore
{
    private static readonly ActivitySource Source = new("Sec.Outbox");
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan IdlePoll = TimeSpan.FromMilliseconds(500);
    private readonly string _relayId = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var wake = store.Committed.WaitAsync(IdlePoll, stoppingToken);
            int published;
            try
            {
                published = await PublishBatchAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Outbox relay for {Schema} failed; it will retry", store.Schema);
                published = 0;
            }
            if (published == 0)
                await wake;
        }
    }

    /// <summary>Claims and publishes one batch; returns how many rows were published.</summary>
    public async Task<int> PublishBatchAsync(CancellationToken ct)
    {
        var now = clock.UtcNow;
        var rows = (await store.ReadAsync(c => c.QueryAsync<OutboxRow>(store.Dialect.ClaimOutboxBatch(store.Schema),
            new { Batch = 50, Now = now, LockedUntil = now + Lease, Relay = _relayId }))).OrderBy(r => r.Sequence).ToList();
        var published = 0;
        foreach (var row in rows)
        {
            try
            {
                await PublishAsync(row, ct);
                await store.ReadAsync(c => c.ExecuteAsync(Outbox.MarkSentSql(store.Schema),
                    new { SentAt = clock.UtcNow, row.Id }));
                published++;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Publishing outbox message {MessageId} ({MessageType}) failed; it stays for retry", row.Id, row.MessageType);
                await store.ReadAsync(c => c.ExecuteAsync(Outbox.RecordErrorSql(store.Schema),
                    new { Error = ex.Message, row.Id }));
                break; // keep order: later rows wait for this one
            }
        }
        return published;
    }

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
