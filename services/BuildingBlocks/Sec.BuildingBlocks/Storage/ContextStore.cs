using System.Collections.Concurrent;
using System.Data;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Sec.BuildingBlocks.Storage;

/// <summary>
/// One context's database: its schema, its dialect and its connections. On SQLite the context's
/// file is ATTACHed under the schema name, so the same schema-qualified SQL
/// (<c>proposals.Proposal</c>) runs on both providers.
/// </summary>
/// <remarks>
/// SQLite connections are pooled, one pool per context file: a pooled connection keeps its file
/// attached and its busy timeout, so a request opens none anew (opening and attaching cost about
/// two thirds of a point read). SQL Server pools by its own connection string.
/// </remarks>
public abstract class ContextStore
{
    private readonly string _connectionString;
    private readonly string? _sqliteFile;

    // The SQLite handles that already have a context's file attached; a pooled connection comes back with the same handle.
    private static readonly ConditionalWeakTable<SQLitePCL.sqlite3, string> Attached = new();

    // One write gate per SQLite file in this process. SQLite has one writer; writers of the same process
    // queue here, in order and without sleeping, instead of in SQLite's busy handler, which sleeps in
    // growing steps (up to 100 ms) while the lock may already be free. Other processes still meet the busy timeout.
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> WriteGates = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim? _writeGate;
    private readonly GroupCommit? _groupCommit;

    /// <summary>Holds this file's write gate: for a group of writes (see <see cref="GroupCommit"/>) or one self-committing write.</summary>
    internal async Task<IDisposable> HoldWriteGateAsync(CancellationToken ct = default)
    {
        await _writeGate!.WaitAsync(ct);
        return new GateRelease(_writeGate);
    }

    private sealed class GateRelease(SemaphoreSlim gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
                gate.Release();
        }
    }

    static ContextStore() => DapperTypes.Register();

    protected ContextStore(string schema, IOptions<StorageOptions> options)
    {
        Schema = schema;
        var o = options.Value;
        Provider = o.Provider;
        Dialect = SqlDialect.For(o.Provider);
        if (o.Provider == StorageProvider.Sqlite)
        {
            Directory.CreateDirectory(o.DataDirectory);
            _sqliteFile = Path.GetFullPath(Path.Combine(o.DataDirectory, $"{schema}.db"));
            // The main database is a private in-memory one; the context's file is attached to it. The
            // name is the file's, so each file has a pool of its own (pools are keyed by connection
            // string) and a pooled connection never serves another file's store.
            var name = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(_sqliteFile)))[..16];
            _writeGate = WriteGates.GetOrAdd(_sqliteFile, _ => new SemaphoreSlim(1, 1));
            _groupCommit = new GroupCommit(this);
            _connectionString = new SqliteConnectionStringBuilder
            {
                DataSource = $"file:{schema}-{name}?mode=memory",
                Pooling = true,
                DefaultTimeout = 30,
            }.ToString();
        }
        else
        {
            _connectionString = o.Contexts.TryGetValue(schema, out var own) ? own
                : o.ConnectionString ?? throw new InvalidOperationException(
                    $"Storage:ConnectionString (or Storage:Contexts:{schema}) is required for SQL Server.");
        }
    }

    /// <summary>The schema that holds every table of this context.</summary>
    public string Schema { get; }

    public StorageProvider Provider { get; }

    public SqlDialect Dialect { get; }

    /// <summary>Signalled after every commit made through <see cref="InTransactionAsync{T}"/>.</summary>
    public CommitSignal Committed { get; } = new();

    /// <summary>The connection string as configured (SqlClient hides the password once opened).</summary>
    internal string ConnectionString => _connectionString;

    /// <summary>The SQLite file, when the provider is SQLite.</summary>
    public string? SqliteFile => _sqliteFile;

    /// <summary>Opens a connection on which the context's schema is reachable by name.</summary>
    public async Task<DbConnection> OpenAsync(CancellationToken ct = default)
    {
        if (Provider == StorageProvider.SqlServer)
        {
            var sql = new SqlConnection(_connectionString);
            await sql.OpenAsync(ct);
            return sql;
        }

        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(ct);
        if (Attached.TryGetValue(connection.Handle!, out _))
            return connection;
        try
        {
            await using var attach = connection.CreateCommand();
            attach.CommandText = $"ATTACH DATABASE @file AS {Schema}; PRAGMA busy_timeout = 30000;";
            attach.Parameters.AddWithValue("@file", _sqliteFile);
            await attach.ExecuteNonQueryAsync(ct);
            Attached.AddOrUpdate(connection.Handle!, _sqliteFile!);
            return connection;
        }
        catch
        {
            // A handle left half set up must not go back to the pool.
            SqliteConnection.ClearPool(connection);
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Closes the idle pooled connections to this context's file (those in use close when returned),
    /// so a stopped host holds no file open: a later host on the same folder, or a test that removes
    /// it, starts from the files as they are.
    /// </summary>
    public void ReleaseConnections()
    {
        if (Provider == StorageProvider.Sqlite)
        {
            using var connection = new SqliteConnection(_connectionString);
            SqliteConnection.ClearPool(connection);
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> in one transaction that commits only if it returns. State changes,
    /// outbox rows, inbox marks and timers written through it commit or vanish together.
    /// </summary>
    public async Task<T> InTransactionAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken ct = default)
    {
        if (_groupCommit is not null)
        {
            // SQLite has one writer at a time: writes that queue for it share one durable commit (see GroupCommit).
            var pendingScope = IdempotencyScope.Current is { RecordedIn: null } open ? open : null;
            var written = await _groupCommit.RunAsync(work, pendingScope, ct);
            if (pendingScope is not null)
                pendingScope.RecordedIn = this;
            return written;
        }
        await using var connection = await OpenAsync(ct);
        // SQL Server: read committed with row versions.
        await using var tx = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, ct);
        // A call with an idempotency key: its first write records the key in the same transaction.
        var scope = IdempotencyScope.Current is { RecordedIn: null } pending ? pending : null;
        if (scope is not null)
            await Idempotency.RecordAsync(this, connection, tx, scope);
        var result = await work(connection, tx);
        await tx.CommitAsync(ct);
        if (scope is not null)
            scope.RecordedIn = this;
        Committed.Notify();
        return result;
    }

    public Task InTransactionAsync(Func<DbConnection, DbTransaction, Task> work, CancellationToken ct = default) =>
        InTransactionAsync<bool>(async (c, t) => { await work(c, t); return true; }, ct);

    /// <summary>
    /// Runs one self-committing write (a claim, a mark, a release) on its own connection, queued with
    /// this process's other writers to the same file. It does not signal <see cref="Committed"/>.
    /// </summary>
    public async Task<T> WriteAsync<T>(Func<DbConnection, Task<T>> write, CancellationToken ct = default)
    {
        _groupCommit?.RefuseNestedWrite();
        using var gate = _writeGate is null ? null : await HoldWriteGateAsync(ct);
        await using var connection = await OpenAsync(ct);
        return await write(connection);
    }

    /// <summary>Runs a read on its own connection.</summary>
    public async Task<T> ReadAsync<T>(Func<DbConnection, Task<T>> read, CancellationToken ct = default)
    {
        await using var connection = await OpenAsync(ct);
        return await read(connection);
    }
}
