using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Sec.BuildingBlocks.Storage;
using Sec.Proposals.Storage;
using SQLitePCL;

namespace Sec.ServiceTests.Storage;

/// <summary>
/// A SQLite store keeps its connections open and each keeps the statements it has run prepared: the
/// same SQL runs again on the same statement with new values, a reader left open or a transaction left
/// open never leaks into the next caller, and releasing the store closes the file.
/// </summary>
public sealed class KeptConnectionsTests : IAsyncLifetime
{
    // sqlite3_stmt_status: how many times a statement ran to its reset.
    private const int StatementRuns = 6; // SQLITE_STMTSTATUS_RUN
    private const string CountByName = "SELECT COUNT(*) FROM proposals.Counter WHERE Name = @Name";
    private readonly string _data = SuiteFactory.NewDataDirectory();
    private ProposalsStore _store = null!;

    public async Task InitializeAsync()
    {
        _store = new ProposalsStore(Options.Create(new StorageOptions { DataDirectory = _data }));
        await new Migrator(_store, typeof(ProposalsStore).Assembly, NullLogger.Instance).MigrateAsync(CancellationToken.None);
        await _store.InTransactionAsync((c, tx) => c.ExecuteAsync(
            "INSERT INTO proposals.Counter (Name, Value) VALUES ('kept-a', 1), ('kept-b', 2), ('kept-b2', 3)", transaction: tx));
    }

    public Task DisposeAsync()
    {
        _store.ReleaseConnections();
        SuiteFactory.DeleteData(_data);
        return Task.CompletedTask;
    }

    /// <summary>Kept connections to private in-memory databases, on which SQLite lists its prepared statements.</summary>
    private static SqliteConnections InMemory() => SqliteConnections.For($"kept-test-{Guid.NewGuid():N}", () =>
    {
        var connection = new SqliteConnection("Data Source=:memory:;Pooling=False");
        connection.Open();
        connection.Handle!.enable_sqlite3_next_stmt(true);
        using var create = connection.CreateCommand();
        create.CommandText = "CREATE TABLE Counter (Name TEXT PRIMARY KEY, Value INTEGER); INSERT INTO Counter VALUES ('kept-a', 1), ('kept-b', 2);";
        create.ExecuteNonQuery();
        return connection;
    }, maxIdle: 2);

    /// <summary>The statements SQLite holds prepared on the connection under <paramref name="connection"/>, with how often each ran.</summary>
    private static List<(string Sql, int Runs)> PreparedStatements(DbConnection connection)
    {
        // The kept connection's own SQLite handle, reached through a transaction it began.
        using var tx = (SqliteTransaction)connection.BeginTransaction();
        var handle = tx.Connection!.Handle!;
        var statements = new List<(string, int)>();
        for (var stmt = raw.sqlite3_next_stmt(handle, null); stmt is not null; stmt = raw.sqlite3_next_stmt(handle, stmt))
            statements.Add((raw.sqlite3_sql(stmt).utf8_to_string(), raw.sqlite3_stmt_status(stmt, StatementRuns, 0)));
        return statements;
    }

    [Fact]
    public async Task The_same_sql_runs_again_on_one_prepared_statement_with_each_calls_own_values()
    {
        const string Count = "SELECT COUNT(*) FROM Counter WHERE Name = @Name";
        var connections = InMemory();
        var names = Enumerable.Range(0, 30).Select(i => i % 3 == 0 ? "kept-a" : i % 3 == 1 ? "kept-b" : "missing").ToList();

        var counts = new List<long>();
        foreach (var name in names)
        {
            await using var connection = connections.Rent();
            counts.Add(await connection.ExecuteScalarAsync<long>(Count, new { Name = name }));
        }
        List<(string Sql, int Runs)> prepared;
        await using (var last = connections.Rent())
            prepared = PreparedStatements(last);
        connections.Clear();

        Assert.Equal(names.Select(n => n == "missing" ? 0L : 1L), counts);
        var statement = Assert.Single(prepared, s => s.Sql == Count);
        Assert.Equal(30, statement.Runs);
    }

    [Fact]
    public async Task Dappers_unprefixed_parameters_are_bound_by_their_at_name_and_the_prefixed_name_is_made_once()
    {
        var connections = InMemory();
        await using (var connection = connections.Rent())
        {
            // Dapper adds "Name" and "Value"; the SQL names them @Name and @Value.
            await connection.ExecuteAsync("INSERT INTO Counter (Name, Value) VALUES (@Name, @Value)", new { Name = "kept-c", Value = 7 });
            Assert.Equal(7L, await connection.ExecuteScalarAsync<long>("SELECT Value FROM Counter WHERE Name = @Name", new { Name = "kept-c" }));

            // The parameter as run carries its prefix, so SQLite finds it at the first look.
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT Value FROM Counter WHERE Name = @Name";
            var parameter = command.CreateParameter();
            parameter.ParameterName = "Name";
            parameter.Value = "kept-a";
            command.Parameters.Add(parameter);
            Assert.Equal(1L, await command.ExecuteScalarAsync());
            Assert.Equal("@Name", parameter.ParameterName);
        }
        connections.Clear();

        Assert.Equal("@Name", ParameterNames.Prefixed("Name"));
        Assert.Same(ParameterNames.Prefixed("Name"), ParameterNames.Prefixed("Name"));
        foreach (var given in new[] { "@Name", "$Name", ":Name" })
            Assert.Same(given, ParameterNames.Prefixed(given));
    }

    [Fact]
    public async Task A_connection_keeps_at_most_128_statements_and_the_sql_it_runs_often_stays_prepared()
    {
        const string Count = "SELECT COUNT(*) FROM Counter WHERE Name = @Name";
        var connections = InMemory();
        List<(string Sql, int Runs)> prepared;
        await using (var connection = connections.Rent())
        {
            await connection.ExecuteScalarAsync<long>(Count, new { Name = "kept-a" });
            for (var i = 0; i < 300; i++)
            {
                Assert.Equal(i + 1, await connection.ExecuteScalarAsync<long>($"SELECT {i} + @One", new { One = 1 }));
                if (i % 50 == 0)
                    await connection.ExecuteScalarAsync<long>(Count, new { Name = "kept-a" });
            }
            prepared = PreparedStatements(connection);
        }
        connections.Clear();

        // Count was last run after 250, so 251 to 299 are newer and 250 back to 173 fill the rest.
        Assert.Equal(127, prepared.Count(s => s.Sql.EndsWith("+ @One", StringComparison.Ordinal)));
        Assert.DoesNotContain(prepared, s => s.Sql == "SELECT 172 + @One");
        Assert.Contains(prepared, s => s.Sql == "SELECT 173 + @One");
        Assert.Equal(7, Assert.Single(prepared, s => s.Sql == Count).Runs);
    }

    [Fact]
    public async Task A_reader_left_open_does_not_stop_the_same_sql_running_beside_it()
    {
        const string Names = "SELECT Name FROM proposals.Counter WHERE Name LIKE @Prefix ORDER BY Name";
        await using var connection = await _store.OpenAsync();
        await using var first = connection.CreateCommand();
        first.CommandText = Names;
        var prefix = first.CreateParameter();
        prefix.ParameterName = "@Prefix";
        prefix.Value = "kept-b%";
        first.Parameters.Add(prefix);
        await using var open = await first.ExecuteReaderAsync();
        Assert.True(await open.ReadAsync());

        var beside = (await connection.QueryAsync<string>(Names, new { Prefix = "kept-a%" })).ToList();

        Assert.Equal("kept-b", open.GetString(0));
        Assert.True(await open.ReadAsync());
        Assert.Equal("kept-b2", open.GetString(0));
        Assert.Equal(["kept-a"], beside);
    }

    [Fact]
    public async Task A_transaction_left_open_is_rolled_back_when_its_connection_is_given_back()
    {
        await using (var connection = await _store.OpenAsync())
        {
            var tx = await connection.BeginTransactionAsync();
            await connection.ExecuteAsync("INSERT INTO proposals.Counter (Name, Value) VALUES ('kept-abandoned', 0)", transaction: tx);
            // Neither committed nor disposed: the connection goes back with the transaction open.
        }

        // The next caller gets a clean connection, and the write lock is free for the next write.
        var seen = await _store.ReadAsync(c => c.ExecuteScalarAsync<long>(CountByName, new { Name = "kept-abandoned" }));
        await _store.InTransactionAsync((c, tx) => c.ExecuteAsync("INSERT INTO proposals.Counter (Name, Value) VALUES ('kept-after', 0)", transaction: tx));

        Assert.Equal(0, seen);
        Assert.Equal(1, await _store.ReadAsync(c => c.ExecuteScalarAsync<long>(CountByName, new { Name = "kept-after" })));
    }

    [Fact]
    public async Task Releasing_the_store_closes_its_file_and_a_later_call_opens_it_again()
    {
        var file = _store.SqliteFile!;
        await _store.ReadAsync(c => c.ExecuteScalarAsync<long>(CountByName, new { Name = "kept-a" }));
        await _store.WriteBookkeepingAsync(c => c.ExecuteAsync("UPDATE proposals.Counter SET Value = Value WHERE Name = 'kept-a'"));
        Assert.Contains(file, ProcessFiles.Open());

        _store.ReleaseConnections();

        Assert.DoesNotContain(file, ProcessFiles.Open());
        Assert.Equal(1, await _store.ReadAsync(c => c.ExecuteScalarAsync<long>(CountByName, new { Name = "kept-a" })));
    }
}
