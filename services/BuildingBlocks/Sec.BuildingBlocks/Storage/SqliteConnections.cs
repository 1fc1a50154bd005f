using System.Collections.Concurrent;
using System.Data;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Data.Sqlite;

namespace Sec.BuildingBlocks.Storage;

/// <summary>
/// The open SQLite connections to one context file, kept for reuse. Each is set up once (the file
/// attached under the schema name, its pragmas set) and keeps the statements it has run prepared, so a
/// request that runs the same SQL again skips SQLite's parsing and planning, which was most of the
/// engine's time in a point read. Microsoft.Data.Sqlite keeps a statement prepared only for the life
/// of one command object, and Dapper makes a command per call, so the statements are kept here.
/// </summary>
/// <remarks>At most <c>maxIdle</c> idle connections are kept; more may be open at once under load, and close when given back.</remarks>
internal sealed class SqliteConnections(Func<SqliteConnection> open, int maxIdle)
{
    // One set per file and setting, shared by every store object on that file, so releasing them releases them all.
    private static readonly ConcurrentDictionary<string, SqliteConnections> All = new(StringComparer.Ordinal);

    private readonly ConcurrentStack<PreparedConnection> _idle = new();
    private int _generation;

    public static SqliteConnections For(string key, Func<SqliteConnection> open, int maxIdle) =>
        All.GetOrAdd(key, _ => new SqliteConnections(open, maxIdle));

    /// <summary>A connection for one caller, who disposes it to give it back.</summary>
    public DbConnection Rent()
    {
        var generation = Volatile.Read(ref _generation);
        while (_idle.TryPop(out var idle))
        {
            if (idle.Generation == generation)
                return new LeasedConnection(this, idle);
            idle.Dispose();
        }
        return new LeasedConnection(this, new PreparedConnection(open(), generation));
    }

    private void Return(PreparedConnection connection, bool reusable)
    {
        if (reusable && connection.Generation == Volatile.Read(ref _generation) && _idle.Count < maxIdle)
            _idle.Push(connection);
        else
            connection.Dispose();
    }

    /// <summary>Closes the idle connections; those in use close when given back.</summary>
    public void Clear()
    {
        Interlocked.Increment(ref _generation);
        while (_idle.TryPop(out var idle))
            idle.Dispose();
    }

    /// <summary>An open connection and the statements it keeps prepared, least recently used dropped first.</summary>
    private sealed class PreparedConnection(SqliteConnection connection, int generation) : IDisposable
    {
        /// <summary>Enough for every statement a context runs often; one-off SQL text only passes through.</summary>
        private const int Capacity = 128;

        private readonly Dictionary<string, LinkedListNode<ReusableCommand>> _byText = new(StringComparer.Ordinal);
        private readonly LinkedList<ReusableCommand> _recent = new();

        public SqliteConnection Connection => connection;

        public int Generation => generation;

        /// <summary>
        /// The command for <paramref name="text"/>, prepared from an earlier run when there was one, or
        /// null when the kept one is still being read (a reader left open), so the caller makes its own.
        /// </summary>
        public ReusableCommand? Statement(string text)
        {
            if (_byText.TryGetValue(text, out var node))
            {
                if (node.Value.Reading)
                    return null;
                _recent.Remove(node);
                _recent.AddFirst(node);
                return node.Value;
            }
            if (_byText.Count >= Capacity)
            {
                var oldest = _recent.Last!;
                if (oldest.Value.Reading)
                    return null;
                _recent.RemoveLast();
                _byText.Remove(oldest.Value.CommandText);
                oldest.Value.Dispose();
            }
            var command = new ReusableCommand(connection, text);
            _byText[text] = _recent.AddFirst(command);
            return command;
        }

        public void Dispose()
        {
            // Closing the connection finalizes its commands' statements.
            _byText.Clear();
            _recent.Clear();
            connection.Dispose();
        }
    }

    /// <summary>A Microsoft.Data.Sqlite command run again with new parameters; it keeps its statements prepared between runs.</summary>
    private sealed class ReusableCommand : SqliteCommand
    {
        public ReusableCommand(SqliteConnection connection, string text)
        {
            Connection = connection;
            CommandText = text;
        }

        /// <summary>A reader of its last run is still open, so it cannot run again yet.</summary>
        public bool Reading => DataReader is not null;
    }

    /// <summary>
    /// One caller's use of a kept connection. Disposing (or closing) it gives the connection back, rolling
    /// back a transaction left open; a connection in any doubtful state is closed instead.
    /// </summary>
    private sealed class LeasedConnection(SqliteConnections owner, PreparedConnection prepared) : DbConnection
    {
        private PreparedConnection? _prepared = prepared;
        private SqliteTransaction? _transaction;

        private PreparedConnection Prepared => _prepared ?? throw new InvalidOperationException("The connection was given back to its pool.");

        internal SqliteConnection Inner => Prepared.Connection;

        internal ReusableCommand? Statement(string text) => Prepared.Statement(text);

        [AllowNull]
        public override string ConnectionString
        {
            get => Inner.ConnectionString;
            set => throw new NotSupportedException("A pooled connection's settings are the pool's.");
        }

        public override string Database => Inner.Database;

        public override string DataSource => Inner.DataSource;

        public override string ServerVersion => Inner.ServerVersion;

        public override ConnectionState State => _prepared is null ? ConnectionState.Closed : Inner.State;

        public override void ChangeDatabase(string databaseName) => Inner.ChangeDatabase(databaseName);

        public override void Open()
        {
            if (State != ConnectionState.Open)
                throw new InvalidOperationException("A pooled connection is opened by its pool; rent another.");
        }

        public override void Close() => GiveBack();

        protected override DbTransaction BeginDbTransaction(IsolationLevel isolationLevel) => _transaction = Inner.BeginTransaction(isolationLevel);

        protected override DbCommand CreateDbCommand() => new PreparedCommand(this);

        protected override void Dispose(bool disposing)
        {
            if (disposing)
                GiveBack();
            base.Dispose(disposing);
        }

        public override ValueTask DisposeAsync()
        {
            GiveBack();
            return base.DisposeAsync();
        }

        private void GiveBack()
        {
            var prepared = Interlocked.Exchange(ref _prepared, null);
            if (prepared is null)
                return;
            var reusable = prepared.Connection.State == ConnectionState.Open;
            try
            {
                // A completed transaction has no connection; one still open is rolled back.
                if (_transaction?.Connection is not null)
                    _transaction.Dispose();
            }
            catch (SqliteException)
            {
                reusable = false;
            }
            _transaction = null;
            owner.Return(prepared, reusable);
        }
    }

    /// <summary>
    /// The command Dapper and the stores see: it collects the text, parameters and transaction, and runs
    /// them on the connection's kept command for that text (or on one of its own when that is busy).
    /// </summary>
    private sealed class PreparedCommand(LeasedConnection connection) : DbCommand
    {
        private readonly ParameterList _parameters = new();
        private SqliteCommand? _running;
        private SqliteCommand? _own;

        [AllowNull]
        public override string CommandText { get; set; } = "";

        public override int CommandTimeout { get; set; } = 30;

        public override CommandType CommandType
        {
            get => CommandType.Text;
            set
            {
                if (value != CommandType.Text)
                    throw new ArgumentException($"SQLite runs only text commands, not {value}.", nameof(value));
            }
        }

        public override bool DesignTimeVisible { get; set; }

        public override UpdateRowSource UpdatedRowSource { get; set; }

        protected override DbConnection? DbConnection
        {
            get => connection;
            set
            {
                if (!ReferenceEquals(value, connection))
                    throw new NotSupportedException("A pooled connection's command stays on that connection.");
            }
        }

        protected override DbParameterCollection DbParameterCollection => _parameters;

        protected override DbTransaction? DbTransaction { get; set; }

        public override void Cancel()
        {
        }

        public override void Prepare()
        {
        }

        protected override DbParameter CreateDbParameter() => new SqliteParameter();

        public override int ExecuteNonQuery() => Ready().ExecuteNonQuery();

        public override object? ExecuteScalar() => Ready().ExecuteScalar();

        protected override DbDataReader ExecuteDbDataReader(CommandBehavior behavior) => Ready().ExecuteReader(behavior);

        /// <summary>The kept command for this text, set up with this command's parameters and transaction.</summary>
        private SqliteCommand Ready()
        {
            Detach();
            SqliteCommand command = connection.Statement(CommandText) ?? (_own = new SqliteCommand(CommandText, connection.Inner));
            command.Transaction = (SqliteTransaction?)DbTransaction;
            command.CommandTimeout = CommandTimeout;
            command.Parameters.Clear();
            foreach (SqliteParameter parameter in _parameters)
            {
                parameter.ParameterName = ParameterNames.Prefixed(parameter.ParameterName);
                command.Parameters.Add(parameter);
            }
            _running = command;
            return command;
        }

        /// <summary>Leaves the kept command holding none of this call's values.</summary>
        private void Detach()
        {
            if (_running is ReusableCommand { Reading: false } kept)
            {
                kept.Parameters.Clear();
                kept.Transaction = null;
            }
            _running = null;
            _own?.Dispose();
            _own = null;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
                Detach();
            base.Dispose(disposing);
        }

        private sealed class ParameterList : SqliteParameterCollection;
    }
}

/// <summary>
/// Dapper names its parameters without a prefix (<c>Reference</c> for <c>@Reference</c>), and
/// Microsoft.Data.Sqlite then looks each one up four times (as given, then with <c>@</c>, <c>$</c> and
/// <c>:</c>, building each name anew) on every run. The suite's SQL writes every parameter as
/// <c>@Name</c>, so the name is given that prefix once and found at the first look.
/// </summary>
internal static class ParameterNames
{
    /// <summary>Far more than the suite's SQL names; names past it (long expanded lists) are prefixed on each use.</summary>
    private const int MaxKept = 4_096;

    private static readonly ConcurrentDictionary<string, string> Kept = new(StringComparer.Ordinal);

    public static string Prefixed(string name)
    {
        if (name.Length == 0 || name[0] is '@' or '$' or ':')
            return name;
        if (Kept.TryGetValue(name, out var prefixed))
            return prefixed;
        prefixed = "@" + name;
        if (Kept.Count < MaxKept)
            Kept.TryAdd(name, prefixed);
        return prefixed;
    }
}
