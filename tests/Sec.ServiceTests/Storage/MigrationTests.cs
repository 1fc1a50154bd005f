using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Sec.BuildingBlocks.Storage;
using Sec.Proposals.Storage;

namespace Sec.ServiceTests.Storage;

public sealed class MigrationTests
{
    [Fact]
    public async Task Two_replicas_migrating_one_database_at_once_apply_each_script_once()
    {
        var data = SuiteFactory.NewDataDirectory();
        try
        {
            var stores = Enumerable.Range(0, 2).Select(_ => new ProposalsStore(Options.Create(new StorageOptions { DataDirectory = data }))).ToArray();

            await Task.WhenAll(stores.Select(s => Task.Run(() => new Migrator(s, typeof(ProposalsStore).Assembly, NullLogger.Instance).MigrateAsync(CancellationToken.None))));

            var applied = (await stores[0].ReadAsync(c => c.QueryAsync<string>("SELECT ScriptName FROM proposals.SchemaVersions"))).ToList();
            var expected = Migrator.Scripts(typeof(ProposalsStore).Assembly, StorageProvider.Sqlite).Select(s => s.Name).ToList();
            Assert.Equal(expected.Order(), applied.Order());
            Assert.Equal(0, await Rows.CountAsync(stores[1], "Proposal"));
        }
        finally
        {
            SuiteFactory.DeleteData(data);
        }
    }
}
