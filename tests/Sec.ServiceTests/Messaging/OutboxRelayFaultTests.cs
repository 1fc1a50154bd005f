using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Sec.BuildingBlocks.Messaging;
using Sec.BuildingBlocks.Storage;
using Sec.Contracts;
using Sec.Proposals.Storage;

namespace Sec.ServiceTests.Messaging;

/// <summary>
/// The relay under faults, on a real SQLite store: a broker that does not answer, a relay that
/// dies holding rows, two relays at once and a relay that stops. The bus is scripted; the rows are real.
/// </summary>
public sealed class OutboxRelayFaultTests : IAsyncLifetime
{
    private readonly string _data = SuiteFactory.NewDataDirectory();
    private readonly ManualTime _time = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
    private readonly FixedClock _clock = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
    private ProposalsStore _store = null!;

    public async Task InitializeAsync()
    {
        _store = new ProposalsStore(Options.Create(new StorageOptions { DataDirectory = _data }));
        await new Migrator(_store, typeof(ProposalsStore).Assembly, NullLogger.Instance).MigrateAsync(CancellationToken.None);
    }

    public Task DisposeAsync()
    {
        SuiteFactory.DeleteData(_data);
        return Task.CompletedTask;
    }

    private OutboxRelay<ProposalsStore> Relay(IBus bus, int publishTimeoutMs = 300) => new(_store, bus, _clock, _time,
        Options.Create(new MessagingOptions { Outbox = new OutboxRelayOptions { PublishTimeout = TimeSpan.FromMilliseconds(publishTimeoutMs) } }),
        NullLogger<OutboxRelay<ProposalsStore>>.Instance);

    /// <summary>Writes events for DP001, DP002, ... (or from <paramref name="first"/>) in that order, each in its own transaction.</summary>
    private async Task<List<string>> EnqueueAsync(int count, int first = 1)
    {
        var references = Enumerable.Range(first, count).Select(i => $"DP{i:000}").ToList();
        foreach (var reference in references)
            await _store.InTransactionAsync((c, tx) => Outbox.EnqueueAsync(c, tx, _store.Schema, new DraftProposalRaised(
                Guid.NewGuid(), reference, new DateOnly(2020, 3, 10), "Title", "Problem", "Graeme Liggett", "DCC",
                new DateOnly(2020, 3, 10), _clock.UtcNow, "test"), _clock.UtcNow));
        return references;
    }

    private Task<List<OutboxState>> RowsAsync() => _store.ReadAsync(async c => (await c.QueryAsync<OutboxState>(
        "SELECT Sequence, Attempts, LastError, LockedBy, SentAt FROM proposals.OutboxMessage ORDER BY Sequence")).ToList());

    private static List<string> References(ScriptedBus bus) => bus.Published.Cast<DraftProposalRaised>().Select(m => m.Reference).ToList();

    [Fact]
    public async Task A_publish_the_broker_does_not_take_is_counted_and_recorded_on_its_row_and_the_rows_are_given_back()
    {
        await EnqueueAsync(3);
        var (bus, script) = ScriptedBus.Create();
        script.OnPublish = ScriptedBus.Hang;
        var relay = Relay(bus);

        Assert.Equal(0, await relay.PublishBatchAsync(CancellationToken.None));
        Assert.Equal(0, await relay.PublishBatchAsync(CancellationToken.None));

        var rows = await RowsAsync();
        Assert.Equal([2, 0, 0], rows.Select(r => r.Attempts));
        Assert.Contains("did not take the message within", rows[0].LastError);
        Assert.All(rows, r => Assert.Null(r.LockedBy));
        Assert.All(rows, r => Assert.Null(r.SentAt));

        // The broker is back: everything goes, in order, and the row keeps the record of what it took.
        script.OnPublish = (_, _) => Task.CompletedTask;
        Assert.Equal(3, await relay.PublishBatchAsync(CancellationToken.None));
        Assert.Equal(["DP001", "DP002", "DP003"], References(script));
        rows = await RowsAsync();
        Assert.Equal([3, 1, 1], rows.Select(r => r.Attempts));
        Assert.All(rows, r => Assert.NotNull(r.SentAt));
    }

    [Fact]
    public async Task Rows_held_by_a_relay_that_died_wait_only_its_short_lease_then_go_out_in_order()
    {
        var references = await EnqueueAsync(5);
        // A relay claims the rows and dies before publishing any.
        var now = _time.GetUtcNow();
        var claimed = await _store.ReadAsync(c => c.QueryAsync(_store.Dialect.ClaimOutboxBatch(_store.Schema),
            new { Batch = 50, Now = now, LockedUntil = now + new OutboxRelayOptions().Lease, Relay = "dead-relay" }));
        Assert.Equal(5, claimed.Count());
        var (bus, script) = ScriptedBus.Create();
        var relay = Relay(bus);

        Assert.Equal(0, await relay.PublishBatchAsync(CancellationToken.None));
        _time.Advance(new OutboxRelayOptions().Lease - TimeSpan.FromSeconds(1));
        Assert.Equal(0, await relay.PublishBatchAsync(CancellationToken.None));
        _time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(5, await relay.PublishBatchAsync(CancellationToken.None));

        Assert.Equal(references, References(script));
        Assert.True(new OutboxRelayOptions().Lease <= TimeSpan.FromSeconds(10), "the lease is seconds, not half a minute");
    }

    [Fact]
    public async Task While_one_relay_publishes_another_takes_nothing_and_a_relay_that_lost_its_lease_sends_nothing_more()
    {
        var references = await EnqueueAsync(4);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var (slowBus, slow) = ScriptedBus.Create();
        slow.OnPublish = async (_, _) => { entered.TrySetResult(); await gate.Task; };
        var (fastBus, fast) = ScriptedBus.Create();
        // A's publishes may wait seconds (the test's own steps run meanwhile) without timing out.
        var a = Relay(slowBus, publishTimeoutMs: 5_000);
        var b = Relay(fastBus);

        var first = a.PublishBatchAsync(CancellationToken.None);
        await entered.Task;
        Assert.Equal(0, await b.PublishBatchAsync(CancellationToken.None));
        Assert.Empty(fast.Published);

        // A stalls past its lease (a pause no publish timeout covers): B takes over from the first unsent row.
        _time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(4, await b.PublishBatchAsync(CancellationToken.None));
        slow.OnPublish = (_, _) => Task.CompletedTask;
        gate.SetResult();
        await first;

        Assert.Equal(references, References(fast));
        // A finishes the publishes it had begun (their events arrive twice, and inboxes take them once),
        // changes no row B has sent, and sends nothing more.
        Assert.Equal(references, References(slow).Order());
        Assert.Equal(0, await a.PublishBatchAsync(CancellationToken.None));
        Assert.Equal(4, References(slow).Count);
        Assert.All(await RowsAsync(), r => Assert.Equal(1, r.Attempts));
    }

    [Fact]
    public async Task A_publish_that_ignores_its_cancellation_is_given_up_at_the_timeout_all_the_same()
    {
        await EnqueueAsync(2);
        var (bus, script) = ScriptedBus.Create();
        var never = new TaskCompletionSource();
        script.OnPublish = (_, _) => never.Task;
        var relay = Relay(bus);

        var batch = relay.PublishBatchAsync(CancellationToken.None);
        Assert.Same(batch, await Task.WhenAny(batch, Task.Delay(TimeSpan.FromSeconds(30))));
        Assert.Equal(0, await batch);

        var rows = await RowsAsync();
        Assert.Contains("did not take the message within", rows[0].LastError);
        Assert.All(rows, r => Assert.Null(r.LockedBy));
        Assert.All(rows, r => Assert.Null(r.SentAt));
    }

    [Fact]
    public async Task A_batch_is_published_in_order_and_marked_sent_up_to_the_first_failure()
    {
        var references = await EnqueueAsync(5);
        var (bus, script) = ScriptedBus.Create();
        script.OnPublish = (message, ct) => ((DraftProposalRaised)message).Reference == "DP003" ? ScriptedBus.Hang(message, ct) : Task.CompletedTask;
        var relay = Relay(bus);

        Assert.Equal(2, await relay.PublishBatchAsync(CancellationToken.None));

        var rows = await RowsAsync();
        Assert.Equal([true, true, false, false, false], rows.Select(r => r.SentAt is not null));
        Assert.Contains("did not take the message within", rows[2].LastError);
        Assert.All(rows, r => Assert.Null(r.LockedBy));

        // DP004 and DP005 reached the broker but wait for DP003: they go out again after it, in order.
        script.OnPublish = (_, _) => Task.CompletedTask;
        Assert.Equal(3, await relay.PublishBatchAsync(CancellationToken.None));
        Assert.Equal(["DP001", "DP002", "DP004", "DP005", "DP003", "DP004", "DP005"], References(script));
        Assert.All(await RowsAsync(), r => Assert.NotNull(r.SentAt));
    }

    /// <summary>A running relay that has claimed DP001 to DP003 and is publishing them to a broker that never answers.</summary>
    private async Task<OutboxRelay<ProposalsStore>> RelayHoldingThreeRowsAsync()
    {
        await EnqueueAsync(3);
        var (bus, script) = ScriptedBus.Create();
        script.OnPublish = (_, ct) => Task.Delay(Timeout.Infinite, ct);
        var relay = new OutboxRelay<ProposalsStore>(_store, bus, _clock, _time,
            Options.Create(new MessagingOptions { Outbox = new OutboxRelayOptions { PublishTimeout = TimeSpan.FromMinutes(5) } }),
            NullLogger<OutboxRelay<ProposalsStore>>.Instance);
        await relay.StartAsync(CancellationToken.None);
        await Eventually.UntilAsync(async () => (await RowsAsync()).All(r => r.LockedBy == relay.RelayId), "the relay to hold the rows");
        return relay;
    }

    [Fact]
    public async Task A_relay_that_stops_gives_its_rows_back_at_once()
    {
        var relay = await RelayHoldingThreeRowsAsync();

        await relay.StopAsync(CancellationToken.None);

        Assert.All(await RowsAsync(), r => Assert.Null(r.LockedBy));
        var (next, nextScript) = ScriptedBus.Create();
        Assert.Equal(3, await Relay(next).PublishBatchAsync(CancellationToken.None));
        Assert.Equal(["DP001", "DP002", "DP003"], References(nextScript));
    }

    [Fact]
    public async Task A_relay_stopped_more_than_once_gives_its_rows_back_once_and_a_late_stop_leaves_the_store_alone()
    {
        var relay = await RelayHoldingThreeRowsAsync();

        // Two stops at once, as ASP.NET Core's test host makes them: the rows are given back.
        await Task.WhenAll(relay.StopAsync(CancellationToken.None), relay.StopAsync(CancellationToken.None));
        Assert.All(await RowsAsync(), r => Assert.Null(r.LockedBy));

        // The host has stopped and released the store's file; a stop that comes after must not open it again.
        _store.ReleaseConnections();
        Assert.DoesNotContain(_store.SqliteFile!, ProcessFiles.Open());
        await relay.StopAsync(CancellationToken.None);
        Assert.DoesNotContain(_store.SqliteFile!, ProcessFiles.Open());
    }

    /// <summary>A running relay whose gather between batches ends only when the test moves its time on.</summary>
    private OutboxRelay<ProposalsStore> GatheringRelay(IBus bus, FakeTimeProvider time, TimeSpan gather) => new(_store, bus, _clock, time,
        Options.Create(new MessagingOptions { Outbox = new OutboxRelayOptions { Gather = gather } }),
        NullLogger<OutboxRelay<ProposalsStore>>.Instance);

    /// <summary>
    /// A running relay that found rows claim after claim: DP001 to DP003 go out first, held at the
    /// broker while DP004 and DP005 are written, which go out next. Returns once all five are out,
    /// with the order in which the relay began its publishes (held ones end together, in any order).
    /// </summary>
    private async Task<(OutboxRelay<ProposalsStore> Relay, ScriptedBus Script, System.Collections.Concurrent.ConcurrentQueue<string> Begun)> AfterTwoBatchesAsync(
        FakeTimeProvider time, TimeSpan gather)
    {
        await EnqueueAsync(3);
        var (bus, script) = ScriptedBus.Create();
        var broker = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var begun = new System.Collections.Concurrent.ConcurrentQueue<string>();
        script.OnPublish = (message, _) =>
        {
            begun.Enqueue(((DraftProposalRaised)message).Reference);
            return broker.Task;
        };
        var relay = GatheringRelay(bus, time, gather);
        await relay.StartAsync(CancellationToken.None);
        await Eventually.UntilAsync(async () => (await RowsAsync()).All(r => r.LockedBy == relay.RelayId), "the first batch to be claimed");
        await EnqueueAsync(2, first: 4);
        broker.SetResult();
        await Eventually.UntilAsync(() => Task.FromResult(script.Published.Count == 5), "the second batch to go out");
        return (relay, script, begun);
    }

    [Fact]
    public async Task Under_load_rows_written_while_a_batch_is_out_gather_for_the_next_claim_which_marks_that_batch_sent()
    {
        var time = new FakeTimeProvider(_time.GetUtcNow());
        var (relay, script, begun) = await AfterTwoBatchesAsync(time, TimeSpan.FromSeconds(1));
        try
        {
            await EnqueueAsync(2, first: 6);

            // Gathering after the second batch: the first is marked sent, with the claim of the second; the
            // second is held, unmarked, so no other relay takes it; and the rows written since wait for the
            // gather to end (its time does not move until the test moves it).
            var gathering = await RowsAsync();
            Assert.All(gathering[..3], r => Assert.True(r.SentAt is not null && r.LockedBy is null, $"row {r.Sequence}: sent {r.SentAt}, held by {r.LockedBy}"));
            Assert.All(gathering[3..5], r => Assert.True(r.SentAt is null && r.LockedBy == relay.RelayId, $"row {r.Sequence}: sent {r.SentAt}, held by {r.LockedBy}"));
            Assert.All(gathering[5..], r => Assert.True(r.SentAt is null && r.LockedBy is null, $"row {r.Sequence}: sent {r.SentAt}, held by {r.LockedBy}"));
            var (other, otherScript) = ScriptedBus.Create();
            Assert.Equal(0, await Relay(other).PublishBatchAsync(CancellationToken.None));
            Assert.Equal(5, script.Published.Count);

            await Eventually.UntilAsync(async () =>
            {
                time.Advance(TimeSpan.FromSeconds(1));
                return (await RowsAsync()).All(r => r.SentAt is not null);
            }, "every row to be marked sent");
            Assert.Equal(["DP001", "DP002", "DP003", "DP004", "DP005", "DP006", "DP007"], begun);
            Assert.Empty(otherScript.Published);
            Assert.All(await RowsAsync(), r => Assert.True(r.Attempts == 1 && r.LockedBy is null, $"row {r.Sequence}: {r.Attempts} attempts, held by {r.LockedBy}"));
        }
        finally
        {
            await relay.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task After_a_quiet_spell_a_batch_is_marked_sent_at_once()
    {
        await EnqueueAsync(3);
        var time = new FakeTimeProvider(_time.GetUtcNow());
        var (bus, script) = ScriptedBus.Create();
        var relay = GatheringRelay(bus, time, TimeSpan.FromHours(1));
        await relay.StartAsync(CancellationToken.None);
        try
        {
            // The gather's time never moves here, so only a batch marked without one is ever marked.
            await Eventually.UntilAsync(async () => (await RowsAsync()).All(r => r.SentAt is not null), "the batch to be marked sent");
            Assert.Equal(["DP001", "DP002", "DP003"], References(script));
        }
        finally
        {
            await relay.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task A_relay_stopped_while_rows_gather_marks_the_batch_it_sent_so_no_relay_sends_it_again()
    {
        var (relay, _, _) = await AfterTwoBatchesAsync(new FakeTimeProvider(_time.GetUtcNow()), TimeSpan.FromHours(1));
        Assert.All((await RowsAsync())[3..], r => Assert.Null(r.SentAt));

        await relay.StopAsync(CancellationToken.None);

        Assert.All(await RowsAsync(), r => Assert.True(r.SentAt is not null && r.LockedBy is null, $"row {r.Sequence}: sent {r.SentAt}, held by {r.LockedBy}"));
        var (next, nextScript) = ScriptedBus.Create();
        Assert.Equal(0, await Relay(next).PublishBatchAsync(CancellationToken.None));
        Assert.Empty(nextScript.Published);
    }

    [Fact]
    public async Task The_backlog_counts_the_unsent_rows_and_the_age_of_the_oldest()
    {
        await EnqueueAsync(2);
        _clock.UtcNow += TimeSpan.FromSeconds(42);
        var (bus, script) = ScriptedBus.Create();
        script.OnPublish = ScriptedBus.Hang;
        var relay = Relay(bus);
        await relay.PublishBatchAsync(CancellationToken.None);

        var backlog = await relay.MeasureBacklogAsync(CancellationToken.None);

        Assert.Equal(2, backlog.Unsent);
        Assert.Equal(TimeSpan.FromSeconds(42), backlog.OldestAge);
        Assert.Equal(1, backlog.MostAttempts);
        Assert.Contains("did not take the message", backlog.LastError);
    }

    private sealed class OutboxState
    {
        public long Sequence { get; init; }
        public long Attempts { get; init; }
        public string? LastError { get; init; }
        public string? LockedBy { get; init; }
        public string? SentAt { get; init; }
    }
}
