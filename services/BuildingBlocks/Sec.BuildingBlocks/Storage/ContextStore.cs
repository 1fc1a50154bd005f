using System.Collections.Concurrent;
using System.Data;
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
/// SQLite connections are kept open, one set per context file (see <see cref="SqliteConnections"/>): a
/// kept connection has its file attached and its statements prepared, so a request opens, attaches and
/// parses nothing anew. SQL Server pools by its own connection string.
/// </remarks>
public abstract class ContextStore
{
    private readonly string _connectionString;
    private readonly string? _sqliteFile;
    private readonly SqliteConnections? _connections;
    // The file's writes, one at a time under the write gate, run on one kept connection: its page cache
    // stays valid from one write to the next, as another connection's write would void it.
    private readonly SqliteConnections? _writer;
    private readonly string _bookkeepingSync;
    private readonly string _durableSync;

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
        _bookkeepingSync = $"PRAGMA {schema}.synchronous = NORMAL";
        _durableSync = $"PRAGMA {schema}.synchronous = FULL";
        var o = options.Value;
        Provider = o.Provider;
        Dialect = SqlDialect.For(o.Provider);
        if (o.Provider == StorageProvider.Sqlite)
        {
            Directory.CreateDirectory(o.DataDirectory);
            _sqliteFile = Path.GetFullPath(Path.Combine(o.DataDirectory, $"{schema}.db"));
            _writeGate = WriteGates.GetOrAdd(_sqliteFile, _ => new SemaphoreSlim(1, 1));
            _groupCommit = new GroupCommit(this);
            // The main database is a private in-memory one; the context's file is attached to it.
            _connectionString = new SqliteConnectionStringBuilder { DataSource = ":memory:", Pooling = false, DefaultTimeout = 30 }.ToString();
            _connections = SqliteConnections.For(_sqliteFile, OpenSqlite, maxIdle: 16);
            _writer = SqliteConnections.For(_sqliteFile + "#writer", OpenSqlite, maxIdle: 1);
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
        ct.ThrowIfCancellationRequested();
        return _connections!.Rent();
    }

    /// <summary>The connection a holder of the write gate writes on.</summary>
    internal Task<DbConnection> OpenWriterAsync(CancellationToken ct) =>
        _writer is null ? OpenAsync(ct) : Task.FromResult(_writer.Rent());

    /// <summary>A new SQLite connection with the context's file attached, as every kept connection has it.</summary>
    private SqliteConnection OpenSqlite()
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            connection.Open();
            using var attach = connection.CreateCommand();
            // synchronous FULL: a commit returns once the WAL is on disk.
            // temp_store: a savepoint's undo pages (each grouped write has one) stay in memory rather than
            // in a temporary file made and removed for every write.
            attach.CommandText = $"ATTACH DATABASE @file AS {Schema}; PRAGMA busy_timeout = 30000; PRAGMA temp_store = MEMORY; {_durableSync};";
            attach.Parameters.AddWithValue("@file", _sqliteFile);
            attach.ExecuteNonQuery();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Closes the idle kept connections to this context's file (those in use close when given back),
    /// so a stopped host holds no file open: a later host on the same folder, or a test that removes
    /// it, starts from the files as they are.
    /// </summary>
    public void ReleaseConnections()
    {
        _connections?.Clear();
        _writer?.Clear();
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
    /// Runs one self-committing bookkeeping write (the relay's claim, mark or release), queued with this
    /// process's other writers to the same file. It does not signal <see cref="Committed"/>.
    /// </summary>
    /// <remarks>
    /// On SQLite it commits without waiting for the disk (synchronous NORMAL): a power cut may lose it,
    /// never the file's consistency, and the next durable commit makes it durable too. Losing one only
    /// makes work be done again (a row marked sent goes out again and its consumers' inboxes take it
    /// once; a lost claim is claimed again), so only such writes belong here. Every write of the
    /// register commits durably through <see cref="InTransactionAsync{T}"/>.
    /// </remarks>
    public async Task<T> WriteBookkeepingAsync<T>(Func<DbConnection, Task<T>> write, CancellationToken ct = default)
    {
        _groupCommit?.RefuseNestedWrite();
        using var gate = _writeGate is null ? null : await HoldWriteGateAsync(ct);
        await using var connection = await OpenWriterAsync(ct);
        if (_writer is null)
            return await write(connection);
        await connection.ExecuteAsync(_bookkeepingSync);
        try
        {
            return await write(connection);
        }
        finally
        {
            try
            {
                await connection.ExecuteAsync(_durableSync);
            }
            catch (SqliteException)
            {
                // Never left to a register write undurable: the connection closes when given back.
                _writer.Clear();
            }
        }
    }

    /// <summary>Runs a read on its own connection.</summary>
    public async Task<T> ReadAsync<T>(Func<DbConnection, Task<T>> read, CancellationToken ct = default)
    {
        await using var connection = await OpenAsync(ct);
        return await read(connection);
    }
}
