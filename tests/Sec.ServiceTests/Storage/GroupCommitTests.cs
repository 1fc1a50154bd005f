using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Sec.BuildingBlocks.Storage;
using Sec.Proposals.Storage;

namespace Sec.ServiceTests.Storage;

/// <summary>
/// Writes that queue for a SQLite file share one durable commit: each keeps its own outcome (one that
/// fails is rolled back alone), and a write started inside another is refused rather than left waiting.
/// </summary>
public sealed class GroupCommitTests : IAsyncLifetime
{
    private readonly string _data = SuiteFactory.NewDataDirectory();
    private ProposalsStore _store = null!;

    public async Task InitializeAsync()
    {
        _store = new ProposalsStore(Options.Create(new StorageOptions { DataDirectory = _data }));
        await new Migrator(_store, typeof(ProposalsStore).Assembly, NullLogger.Instance).MigrateAsync(CancellationToken.None);
    }

    public Task DisposeAsync()
    {
        _store.ReleaseConnections();
        SuiteFactory.DeleteData(_data);
        return Task.CompletedTask;
    }

    private Task<long> CountersAsync() => _store.ReadAsync(c => c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM proposals.Counter WHERE Name LIKE 'group-%'"));

    [Fact]
    public async Task Writes_at_once_each_keep_their_own_outcome_and_a_failed_one_leaves_nothing()
    {
        var writes = Enumerable.Range(0, 40).Select(i => Task.Run(() => _store.InTransactionAsync(async (c, tx) =>
        {
            await c.ExecuteAsync("INSERT INTO proposals.Counter (Name, Value) VALUES (@Name, 0)", new { Name = $"group-{i}" }, tx);
            if (i % 5 == 0)
                throw new InvalidOperationException($"write {i} fails after its insert");
        }))).ToList();

        var outcomes = await Task.WhenAll(writes.Select(async w => { try { await w; return true; } catch (InvalidOperationException) { return false; } }));

        Assert.Equal(32, outcomes.Count(ok => ok));
        Assert.Equal(32, await CountersAsync());
        var kept = (await _store.ReadAsync(c => c.QueryAsync<string>("SELECT Name FROM proposals.Counter WHERE Name LIKE 'group-%'"))).ToHashSet();
        Assert.All(Enumerable.Range(0, 40), i => Assert.Equal(i % 5 != 0, kept.Contains($"group-{i}")));
    }

    [Fact]
    public async Task A_write_started_inside_another_to_the_same_file_is_refused_not_left_waiting()
    {
        var nested = _store.InTransactionAsync(async (c, tx) =>
        {
            await c.ExecuteAsync("INSERT INTO proposals.Counter (Name, Value) VALUES ('group-outer', 0)", transaction: tx);
            await _store.WriteBookkeepingAsync(inner => inner.ExecuteAsync("INSERT INTO proposals.Counter (Name, Value) VALUES ('group-inner', 0)"));
        });

        Assert.Same(nested, await Task.WhenAny(nested, Task.Delay(TimeSpan.FromSeconds(20))));
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => nested);
        Assert.Contains("inside another write", refused.Message);
        Assert.Equal(0, await CountersAsync());
    }

    [Fact]
    public async Task Register_writes_wait_for_the_disk_and_only_the_relays_bookkeeping_does_not()
    {
        // PRAGMA synchronous: 2 is FULL (a commit returns once the WAL is synced), 1 is NORMAL.
        const string Synchronous = "PRAGMA proposals.synchronous";

        var inTransaction = await _store.InTransactionAsync((c, tx) => c.ExecuteScalarAsync<long>(Synchronous, transaction: tx));
        var read = await _store.ReadAsync(c => c.ExecuteScalarAsync<long>(Synchronous));
        var bookkeeping = await _store.WriteBookkeepingAsync(c => c.ExecuteScalarAsync<long>(Synchronous));
        // The writer connection is kept: the register's writes on it are durable again after bookkeeping ran.
        var after = await _store.InTransactionAsync((c, tx) => c.ExecuteScalarAsync<long>(Synchronous, transaction: tx));

        Assert.Equal([2L, 2L, 1L, 2L], new[] { inTransaction, read, bookkeeping, after });
    }
}
