using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Sec.BuildingBlocks.Messaging;
using Sec.BuildingBlocks.Storage;
using Sec.Contracts;
using Sec.Proposals.Storage;
using Sec.Releases.Storage;
using Sec.Releases.V1;

namespace Sec.ServiceTests.Messaging;

public sealed class OutboxAndInboxTests
{
    private static DraftProposalRaised Raised(string reference, string title, Guid? id = null) => new(
        id ?? Guid.NewGuid(), reference, new DateOnly(2020, 3, 10), title, "Problem", "Graeme Liggett", "DCC",
        new DateOnly(2020, 3, 10), DateTimeOffset.UtcNow, "test");

    /// <summary>The register's store on a folder no service runs on yet.</summary>
    private static async Task<ProposalsStore> MigratedProposalsStoreAsync(string data)
    {
        var store = new ProposalsStore(Options.Create(new StorageOptions { DataDirectory = data }));
        await new Migrator(store, typeof(ProposalsStore).Assembly, NullLogger.Instance).MigrateAsync(CancellationToken.None);
        return store;
    }

    [Fact]
    public async Task An_event_committed_while_no_relay_runs_is_published_when_the_service_starts()
    {
        await SuiteFactory.OnOwnDataAsync(async data =>
        {
            // Commit an outbox row with no process running, as if the service died right after the commit.
            var store = await MigratedProposalsStoreAsync(data);
            await store.InTransactionAsync((c, tx) => Outbox.EnqueueAsync(c, tx, store.Schema, Raised("DP077", "Left in the outbox"), DateTimeOffset.UtcNow));

            await using var suite = await SuiteFactory.StartAsync(dataDirectory: data);

            await Eventually.PublishedAsync<DraftProposalRaised>(suite.Harness, m => m.Context.Message.Reference == "DP077");
            var releases = new ReleasesService.ReleasesServiceClient(suite.Channel());
            var known = await Eventually.GetAsync(() => releases.GetKnownModificationAsync(
                new GetKnownModificationRequest { Reference = Ref("DP77") }).ResponseAsync);
            Assert.Equal("Left in the outbox", known.Modification.Title);
            await Eventually.UntilAsync(async () => await Rows.CountAsync(store, "OutboxMessage WHERE SentAt IS NOT NULL") == 1, "the row to be marked sent");
        });
    }

    [Fact]
    public async Task An_outbox_row_written_with_enum_names_is_published_with_the_typed_values()
    {
        await SuiteFactory.OnOwnDataAsync(async data =>
        {
            // Rows written before the events' enums were typed carry their names; they must still go out.
            var store = await MigratedProposalsStoreAsync(data);
            var id = Guid.NewGuid();
            var payload = $$"""
                {"messageId":"{{id:D}}","reference":"MP119","effectiveOn":"2020-04-17","previousReference":"DP119","title":"Legacy row",
                 "phase":"Refine","status":"In Refinement","step":"Converted","path":"SelfGovernance","urgent":false,"raisedOn":"2020-03-10"}
                """;
            await store.InTransactionAsync((c, tx) => c.ExecuteAsync(Outbox.EnqueueSql(store.Schema), new
            {
                Id = id.ToString("D"), MessageType = typeof(ProposalStatusChanged).FullName, Payload = payload, TraceParent = (string?)null, OccurredAt = DateTimeOffset.UtcNow,
            }, tx));

            await using var suite = await SuiteFactory.StartAsync(dataDirectory: data);

            await Eventually.PublishedAsync<ProposalStatusChanged>(suite.Harness, m =>
                m.Context.Message.Reference == "MP119" && m.Context.Message.Phase == Phase.Refine && m.Context.Message.Path == DecisionPath.SelfGovernance);
        });
    }

    [Fact]
    public async Task A_redelivered_event_is_applied_once()
    {
        await using var suite = await SuiteFactory.StartAsync();
        var releasesDeliveries = new DeliveryCounter("releases");
        suite.Harness.Bus.ConnectConsumeObserver(releasesDeliveries);
        var id = Guid.NewGuid();

        await suite.Harness.Bus.Publish(Raised("DP042", "First delivery", id), c => c.MessageId = id);
        await suite.Harness.Bus.Publish(Raised("DP042", "Second delivery of the same message", id), c => c.MessageId = id);

        var store = suite.Get<ReleasesStore>();
        await Eventually.UntilAsync(() => Task.FromResult(releasesDeliveries.Count == 2), "both deliveries to reach the Releases consumer");
        Assert.Equal("First delivery", await store.ReadAsync(c => c.ExecuteScalarAsync<string>(
            "SELECT Title FROM releases.KnownModification WHERE Reference = 'DP042'")));
        Assert.Equal(1, await Rows.CountAsync(store, $"InboxMessage WHERE MessageId = '{id:D}'"));
    }

    /// <summary>Counts deliveries a context's consumers finished, whether or not the inbox let them change anything.</summary>
    private sealed class DeliveryCounter(string queueFragment) : IConsumeObserver
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public Task PreConsume<T>(ConsumeContext<T> context) where T : class => Task.CompletedTask;

        public Task PostConsume<T>(ConsumeContext<T> context) where T : class
        {
            if (context.ReceiveContext.InputAddress.AbsolutePath.Contains(queueFragment, StringComparison.OrdinalIgnoreCase))
                Interlocked.Increment(ref _count);
            return Task.CompletedTask;
        }

        public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception) where T : class => Task.CompletedTask;
    }
}
