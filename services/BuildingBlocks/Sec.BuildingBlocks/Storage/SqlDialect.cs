using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;

namespace Sec.BuildingBlocks.Storage;

/// <summary>
/// The few places SQLite and SQL Server truly differ: returning a value from an update, upsert,
/// paging, locking hints and reading a list of numbers from one parameter. Everything else is the
/// same schema-qualified SQL on both.
/// </summary>
public abstract class SqlDialect
{
    public static readonly SqlDialect Sqlite = new SqliteDialect();
    public static readonly SqlDialect SqlServer = new SqlServerDialect();

    public static SqlDialect For(StorageProvider provider) =>
        provider == StorageProvider.SqlServer ? SqlServer : Sqlite;

    /// <summary>Ends a query with paging: <c>@Offset</c> and <c>@Limit</c> parameters; the query must have an ORDER BY.</summary>
    public abstract string Page { get; }

    /// <summary>
    /// Increments a named counter in <paramref name="schema"/> and returns the value taken. The row is
    /// created on first use. Parameters: <c>@Name</c>.
    /// </summary>
    public abstract string TakeNextNumber(string schema);

    /// <summary>Records a message as handled by a consumer, only if it is not recorded yet; one row affected means first time.</summary>
    public abstract string InsertInboxIfAbsent(string schema);

    /// <summary>
    /// Claims the first unsent outbox rows, in order, for this relay until <c>@LockedUntil</c>, but only
    /// while no other relay holds a live lease on any unsent row: one relay publishes a schema's events
    /// at a time, so their order holds across relays and no row is published by two at once.
    /// Parameters: <c>@Batch</c>, <c>@Now</c>, <c>@LockedUntil</c>, <c>@Relay</c>.
    /// </summary>
    public abstract string ClaimOutboxBatch(string schema);

    /// <summary>Claims a batch of due timers. Parameters: <c>@Batch</c>, <c>@Now</c>, <c>@LockedUntil</c>, <c>@Poller</c>.</summary>
    public abstract string ClaimDueTimers(string schema);

    /// <summary>
    /// A one-column table of the whole numbers in <paramref name="parameter"/>, a JSON array such as
    /// <c>[12,40]</c> (see <see cref="NumberList"/>): one parameter for any number of values, where an
    /// expanded <c>IN</c> list would hit SQL Server's parameter limit.
    /// </summary>
    public abstract string NumbersIn(string parameter);

    /// <summary>
    /// What a context's data version reads from the database (see <see cref="DataVersion"/>): the
    /// highest audit entry (every attributed write) and a mark of the inbox (every event applied,
    /// attributed or not), as columns <c>Audit</c> and <c>Inbox</c>.
    /// </summary>
    public abstract string DataVersionMarks(string schema);

    /// <summary>Whether <paramref name="ex"/> is this provider's refusal of a second row with the same unique key.</summary>
    public abstract bool IsDuplicateKey(DbException ex);

    /// <summary>
    /// Marks a relay's published rows sent in one statement, counting the attempt that sent each; their
    /// <c>Attempts</c> and any <c>LastError</c> stay, to show what it took. Parameters: <c>@Sequences</c>
    /// (a <see cref="NumberList"/>), <c>@SentAt</c>.
    /// </summary>
    public string MarkOutboxSent(string schema) => $"""
        UPDATE {schema}.OutboxMessage SET SentAt = @SentAt, Attempts = Attempts + 1, LockedUntil = NULL, LockedBy = NULL
        WHERE Sequence IN ({NumbersIn("@Sequences")}) AND SentAt IS NULL
        """;

    /// <summary>The parameter value <see cref="NumbersIn"/> reads.</summary>
    public static string NumberList(IEnumerable<long> numbers) => "[" + string.Join(",", numbers) + "]";

    /// <summary>Every SQL text this dialect can produce for a schema, so tests can parse them.</summary>
    public IEnumerable<string> AllStatements(string schema) =>
        [TakeNextNumber(schema), InsertInboxIfAbsent(schema), ClaimOutboxBatch(schema), MarkOutboxSent(schema), ClaimDueTimers(schema), $"SELECT 1 FROM {schema}.Counter ORDER BY Name {Page}",
         $"SELECT Name FROM {schema}.Counter WHERE Value IN ({NumbersIn("@Values")})", DataVersionMarks(schema)];

    private sealed class SqliteDialect : SqlDialect
    {
        public override string Page => "LIMIT @Limit OFFSET @Offset";

        // SQLITE_CONSTRAINT: a unique or primary key already holds the value.
        public override bool IsDuplicateKey(DbException ex) => ex is SqliteException { SqliteErrorCode: 19 };

        public override string NumbersIn(string parameter) => $"SELECT value FROM json_each({parameter})";

        // Both are single lookups: the audit's primary key and the inbox's highest rowid (rows only ever added).
        public override string DataVersionMarks(string schema) => $"""
            SELECT (SELECT COALESCE(MAX(Sequence), 0) FROM {schema}.AuditEntry) AS Audit,
                   (SELECT COALESCE(MAX(rowid), 0) FROM {schema}.InboxMessage) AS Inbox;
            """;

        public override string TakeNextNumber(string schema) => $"""
            INSERT INTO {schema}.Counter (Name, Value) VALUES (@Name, 0) ON CONFLICT (Name) DO NOTHING;
            UPDATE {schema}.Counter SET Value = Value + 1 WHERE Name = @Name RETURNING Value;
            """;

        public override string InsertInboxIfAbsent(string schema) => $"""
            INSERT INTO {schema}.InboxMessage (MessageId, Consumer, MessageType, ReceivedAt)
            VALUES (@MessageId, @Consumer, @MessageType, @ReceivedAt)
            ON CONFLICT (MessageId, Consumer) DO NOTHING;
            """;

        public override string ClaimOutboxBatch(string schema) => $"""
            UPDATE {schema}.OutboxMessage SET LockedUntil = @LockedUntil, LockedBy = @Relay
            WHERE Id IN (SELECT Id FROM {schema}.OutboxMessage WHERE SentAt IS NULL ORDER BY Sequence LIMIT @Batch)
              AND NOT EXISTS (SELECT 1 FROM {schema}.OutboxMessage
                              WHERE SentAt IS NULL AND LockedBy <> @Relay AND LockedUntil >= @Now)
            RETURNING Id, Sequence, MessageType, Payload, TraceParent, OccurredAt;
            """;

        public override string ClaimDueTimers(string schema) => $"""
            UPDATE {schema}.DurableTimer SET LockedUntil = @LockedUntil, LockedBy = @Poller, Attempts = Attempts + 1
            WHERE Id IN (SELECT Id FROM {schema}.DurableTimer
                         WHERE FiredAt IS NULL AND CancelledAt IS NULL AND DueAt <= @Now
                           AND (LockedUntil IS NULL OR LockedUntil < @Now)
                         ORDER BY DueAt LIMIT @Batch)
            RETURNING Id, Kind, SubjectKey, DueAt, Payload;
            """;
    }

    private sealed class SqlServerDialect : SqlDialect
    {
        public override string Page => "OFFSET @Offset ROWS FETCH NEXT @Limit ROWS ONLY";

        // 2627: primary key or unique constraint; 2601: unique index.
        public override bool IsDuplicateKey(DbException ex) => ex is SqlException { Number: 2627 or 2601 };

        public override string NumbersIn(string parameter) => $"SELECT CAST(value AS bigint) FROM OPENJSON({parameter})";

        // The inbox has no ordinal column here; its row count only grows (inbox rows are never deleted).
        public override string DataVersionMarks(string schema) => $"""
            SELECT (SELECT COALESCE(MAX(Sequence), 0) FROM {schema}.AuditEntry) AS Audit,
                   (SELECT COUNT_BIG(*) FROM {schema}.InboxMessage) AS Inbox;
            """;

        public override string TakeNextNumber(string schema) => $"""
            MERGE {schema}.Counter WITH (HOLDLOCK) AS target
            USING (SELECT @Name AS Name) AS source ON target.Name = source.Name
            WHEN MATCHED THEN UPDATE SET Value = target.Value + 1
            WHEN NOT MATCHED THEN INSERT (Name, Value) VALUES (source.Name, 1)
            OUTPUT inserted.Value;
            """;

        public override string InsertInboxIfAbsent(string schema) => $"""
            INSERT INTO {schema}.InboxMessage (MessageId, Consumer, MessageType, ReceivedAt)
            SELECT @MessageId, @Consumer, @MessageType, @ReceivedAt
            WHERE NOT EXISTS (SELECT 1 FROM {schema}.InboxMessage WITH (UPDLOCK, HOLDLOCK)
                              WHERE MessageId = @MessageId AND Consumer = @Consumer);
            """;

        // The application lock makes claims take turns, which READPAST alone would not: a second relay
        // would skip the first's locked rows and claim later ones, out of order.
        public override string ClaimOutboxBatch(string schema) => $"""
            BEGIN TRANSACTION;
            DECLARE @claimLock int;
            EXEC @claimLock = sp_getapplock @Resource = 'sec-outbox-{schema}', @LockMode = 'Exclusive', @LockOwner = 'Transaction', @LockTimeout = 5000;
            WITH batch AS (
                SELECT TOP (@Batch) * FROM {schema}.OutboxMessage WITH (UPDLOCK, ROWLOCK)
                WHERE SentAt IS NULL
                ORDER BY Sequence)
            UPDATE batch SET LockedUntil = @LockedUntil, LockedBy = @Relay
            OUTPUT inserted.Id, inserted.Sequence, inserted.MessageType, inserted.Payload, inserted.TraceParent, inserted.OccurredAt
            WHERE @claimLock >= 0
              AND NOT EXISTS (SELECT 1 FROM {schema}.OutboxMessage
                              WHERE SentAt IS NULL AND LockedBy <> @Relay AND LockedUntil >= @Now);
            COMMIT TRANSACTION;
            """;

        public override string ClaimDueTimers(string schema) => $"""
            WITH due AS (
                SELECT TOP (@Batch) * FROM {schema}.DurableTimer WITH (UPDLOCK, READPAST, ROWLOCK)
                WHERE FiredAt IS NULL AND CancelledAt IS NULL AND DueAt <= @Now
                  AND (LockedUntil IS NULL OR LockedUntil < @Now)
                ORDER BY DueAt)
            UPDATE due SET LockedUntil = @LockedUntil, LockedBy = @Poller, Attempts = Attempts + 1
            OUTPUT inserted.Id, inserted.Kind, inserted.SubjectKey, inserted.DueAt, inserted.Payload;
            """;
    }
}
