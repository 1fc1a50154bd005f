using System.Data;
using System.Reflection;
using DbUp;
using DbUp.Builder;
using DbUp.Engine;
using DbUp.Engine.Output;
using DbUp.Engine.Transactions;
using DbUp.Sqlite.Helpers;
using DbUp.Support;
using Microsoft.Data.SqlClient;

using Sec.BuildingBlocks.ReadModels;

namespace Sec.BuildingBlocks.Storage;

/// <summary>
/// Runs a context's numbered migrations with DbUp: the building blocks' scripts first, then the
/// context's own, each for the store's provider, journalled in the context's schema
/// (<c>proposals.SchemaVersions</c>). Two replicas starting at once take turns: SQL Server through
/// an application lock, SQLite through an exclusive lock file beside the database.
/// </summary>
public sealed class Migrator(ContextStore store, Assembly contextAssembly, ILogger logger)
{
    private const string JournalTable = "SchemaVersions";

    /// <summary>The embedded scripts for one provider, in the order they run; the schema variable is left in.</summary>
    public static IReadOnlyList<(string Name, string Sql)> Scripts(Assembly contextAssembly, StorageProvider provider)
    {
        var folder = $".Storage.Migrations.{provider}.";
        // A context that keeps the register's read model gets its table from the building blocks.
        var readModels = contextAssembly.GetCustomAttribute<KeepsKnownModificationsAttribute>() is null ? null : $".Storage.Migrations.ReadModels.{provider}.";
        return new[] { typeof(Migrator).Assembly, contextAssembly }
            .Distinct()
            .SelectMany(a => a.GetManifestResourceNames()
                .Where(n => (n.Contains(folder, StringComparison.Ordinal) || (readModels is not null && a == typeof(Migrator).Assembly && n.Contains(readModels, StringComparison.Ordinal)))
                            && n.EndsWith(".sql", StringComparison.Ordinal))
                .Select(n => (Name: n, Sql: Read(a, n))))
            .OrderBy(s => s.Name, StringComparer.Ordinal)
            .ToArray();
    }

    public async Task MigrateAsync(CancellationToken ct)
    {
        if (store.Provider == StorageProvider.Sqlite)
            await MigrateSqliteAsync(ct);
        else
            await MigrateSqlServerAsync(ct);
    }

    private async Task MigrateSqliteAsync(CancellationToken ct)
    {
        await using var fileLock = await AcquireFileLockAsync(store.SqliteFile + ".migrate.lock", ct);
        await using var connection = await store.OpenAsync(ct);
        await using (var wal = connection.CreateCommand())
        {
            wal.CommandText = $"PRAGMA {store.Schema}.journal_mode = WAL;";
            await wal.ExecuteNonQueryAsync(ct);
        }

        var shared = new SharedConnection(connection);
        var builder = DeployChanges.To.SqliteDatabase(shared);
        builder.Configure(c => c.Journal = new SqliteSchemaJournal(() => c.ConnectionManager, () => c.Log, store.Schema, JournalTable));
        Run(builder);
    }

    private async Task MigrateSqlServerAsync(CancellationToken ct)
    {
        await using var connection = (SqlConnection)await store.OpenAsync(ct);
        // Session-owned application lock: the second replica waits here until the first is done.
        await using (var lockCommand = connection.CreateCommand())
        {
            lockCommand.CommandText = "DECLARE @r int; EXEC @r = sp_getapplock @Resource = @resource, @LockMode = 'Exclusive', @LockOwner = 'Session', @LockTimeout = 120000; SELECT @r;";
            lockCommand.Parameters.AddWithValue("@resource", $"sec-migrations-{store.Schema}");
            var result = Convert.ToInt32(await lockCommand.ExecuteScalarAsync(ct));
            if (result < 0)
                throw new InvalidOperationException($"Could not take the migration lock for schema {store.Schema} (sp_getapplock returned {result}).");
        }
        await using (var schemaCommand = connection.CreateCommand())
        {
            schemaCommand.CommandText = $"IF SCHEMA_ID(@schema) IS NULL EXEC('CREATE SCHEMA {store.Schema}');";
            schemaCommand.Parameters.AddWithValue("@schema", store.Schema);
            await schemaCommand.ExecuteNonQueryAsync(ct);
        }

        var builder = DeployChanges.To.SqlDatabase(store.ConnectionString, store.Schema)
            .JournalToSqlTable(store.Schema, JournalTable);
        Run(builder);
        // Closing the connection releases the session lock.
    }

    private void Run(UpgradeEngineBuilder builder)
    {
        var scripts = Scripts(contextAssembly, store.Provider)
            .Select(s => new SqlScript(s.Name, WithSchema(s.Sql, store.Schema)))
            .ToArray();
        var engine = builder
            .WithScripts(scripts)
            .WithVariablesDisabled()
            .WithTransactionPerScript()
            .LogTo(new DbUpLog(logger))
            .Build();
        var result = engine.PerformUpgrade();
        if (!result.Successful)
            throw new InvalidOperationException($"Migration of schema {store.Schema} failed at {result.ErrorScript?.Name}.", result.Error);
    }

    /// <summary>The building blocks' scripts name their schema as <c>$schema$</c>; each context fills in its own.</summary>
    public static string WithSchema(string sql, string schema) => sql.Replace("$schema$", schema, StringComparison.Ordinal);

    private static async Task<FileStream> AcquireFileLockAsync(string path, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(50, ct);
            }
        }
    }

    private static string Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>DbUp's SQLite journal looks only in the main database; this one lives in the attached schema.</summary>
    private sealed class SqliteSchemaJournal : TableJournal
    {
        private readonly string _schema;
        private readonly string _table;

        public SqliteSchemaJournal(Func<IConnectionManager> connectionManager, Func<IUpgradeLog> log, string schema, string table)
            : base(connectionManager, log, new DbUp.Sqlite.SqliteObjectParser(), schema, table)
        {
            _schema = schema;
            _table = table;
        }

        protected override string GetInsertJournalEntrySql(string scriptName, string applied) =>
            $"INSERT INTO {FqSchemaTableName} (ScriptName, Applied) VALUES ({scriptName}, {applied})";

        protected override string GetJournalEntriesSql() =>
            $"SELECT ScriptName FROM {FqSchemaTableName} ORDER BY ScriptName";

        protected override string CreateSchemaTableSql(string quotedPrimaryKeyName) =>
            $"CREATE TABLE {FqSchemaTableName} (SchemaVersionID INTEGER CONSTRAINT {quotedPrimaryKeyName} PRIMARY KEY AUTOINCREMENT NOT NULL, ScriptName TEXT NOT NULL, Applied DATETIME NOT NULL)";

        protected override string DoesTableExistSql() =>
            $"SELECT COUNT(name) FROM [{_schema}].sqlite_master WHERE type = 'table' AND name = '{_table}'";
    }

    private sealed class DbUpLog(ILogger logger) : IUpgradeLog
    {
        public void LogTrace(string format, params object[] args) => logger.LogTrace(format, args);
        public void LogDebug(string format, params object[] args) => logger.LogDebug(format, args);
        public void LogInformation(string format, params object[] args) => logger.LogInformation(format, args);
        public void LogWarning(string format, params object[] args) => logger.LogWarning(format, args);
        public void LogError(string format, params object[] args) => logger.LogError(format, args);
        public void LogError(Exception ex, string format, params object[] args) => logger.LogError(ex, format, args);
    }
}
