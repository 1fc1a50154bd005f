using System.Text.Json;
using MassTransit;
using Sec.Contracts;

namespace Sec.BuildingBlocks.Messaging;

/// <summary>A consumer whose messages can be applied again from the discrepancy list, inside the caller's transaction.</summary>
public interface IReappliesMessages
{
    Task ReapplyAsync(object message, DbConnection connection, DbTransaction tx, CancellationToken ct);
}

/// <summary>An event a consumer could not apply, as the context keeps it until it is applied or resolved.</summary>
public sealed class Discrepancy
{
    public long Id { get; init; }
    public string Consumer { get; init; } = "";
    public string ConsumerType { get; init; } = "";
    public string MessageId { get; init; } = "";
    public string MessageType { get; init; } = "";
    public string? Reference { get; init; }
    public DateOnly? EffectiveOn { get; init; }
    public string Reason { get; init; } = "";
    public string Payload { get; init; } = "";
    public DateTimeOffset FirstSeenAt { get; init; }
    public DateTimeOffset LastTriedAt { get; init; }
    public int Attempts { get; init; }
    public DateTimeOffset? ResolvedAt { get; init; }
    public string? ResolvedBy { get; init; }
    public string? Resolution { get; init; }

    public bool IsOpen => ResolvedAt is null;

    /// <summary>The event's short name, for example "ModificationApproved".</summary>
    public string Event => MessageType[(MessageType.LastIndexOf('.') + 1)..];
}

/// <summary>
/// The durable list of what a context's consumers could not apply. A consumer that meets a refusal
/// (the context's record contradicts the event) records the event here with the refusal and marks
/// it received, in one transaction, instead of failing on for ever or dropping it: an operator
/// retries it once the record has caught up, or SECAS resolves it with a reason.
/// </summary>
public static class DiscrepancyLog
{
    /// <summary>Refusal texts are bounded, so one odd message cannot fill the table.</summary>
    public const int MaxReasonLength = 2000;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.General);

    [SqlText]
    public static string InsertSql(string schema) => $"""
        INSERT INTO {schema}.Discrepancy (Consumer, ConsumerType, MessageId, MessageType, Reference, EffectiveOn, Reason, Payload, FirstSeenAt, LastTriedAt, Attempts)
        SELECT @Consumer, @ConsumerType, @MessageId, @MessageType, @Reference, @EffectiveOn, @Reason, @Payload, @Now, @Now, 1
        WHERE NOT EXISTS (SELECT 1 FROM {schema}.Discrepancy WHERE Consumer = @Consumer AND MessageId = @MessageId)
        """;

    [SqlText]
    public static string SelectSql(string schema) => $"""
        SELECT Id, Consumer, ConsumerType, MessageId, MessageType, Reference, EffectiveOn, Reason, Payload, FirstSeenAt, LastTriedAt, Attempts, ResolvedAt, ResolvedBy, Resolution
        FROM {schema}.Discrepancy
        """;

    [SqlText]
    public static string RetriedSql(string schema) => $"""
        UPDATE {schema}.Discrepancy SET Attempts = Attempts + 1, LastTriedAt = @Now, Reason = @Reason WHERE Id = @Id AND ResolvedAt IS NULL
        """;

    [SqlText]
    public static string ResolveSql(string schema) => $"""
        UPDATE {schema}.Discrepancy SET ResolvedAt = @Now, ResolvedBy = @By, Resolution = @Resolution, Attempts = Attempts + @Tried, LastTriedAt = CASE WHEN @Tried = 1 THEN @Now ELSE LastTriedAt END
        WHERE Id = @Id AND ResolvedAt IS NULL
        """;

    [SqlText]
    public static string CountOpenSql(string schema) => $"SELECT COUNT(*) FROM {schema}.Discrepancy WHERE ResolvedAt IS NULL";

    /// <summary>Records what <paramref name="consumer"/> could not apply, with the inbox mark, so a redelivery changes nothing.</summary>
    public static Task RecordAsync<TMessage>(ContextStore store, IClock clock, string consumer, IReappliesMessages reapplier, Guid messageId, TMessage message, string reason, CancellationToken ct)
        where TMessage : class =>
        store.InTransactionAsync(async (connection, tx) =>
        {
            var now = clock.UtcNow;
            var first = await connection.ExecuteAsync(store.Dialect.InsertInboxIfAbsent(store.Schema), new
            {
                MessageId = messageId.ToString("D"), Consumer = consumer, MessageType = typeof(TMessage).FullName, ReceivedAt = now,
            }, tx) == 1;
            if (!first)
                return; // another delivery applied or recorded it meanwhile
            var business = message as IIntegrationEvent;
            await connection.ExecuteAsync(InsertSql(store.Schema), new
            {
                Consumer = consumer,
                ConsumerType = reapplier.GetType().AssemblyQualifiedName,
                MessageId = messageId.ToString("D"),
                MessageType = typeof(TMessage).FullName,
                Reference = business?.Reference is { Length: <= 20 } r ? r : null,
                EffectiveOn = business?.EffectiveOn,
                Reason = Bounded(reason),
                Payload = JsonSerializer.Serialize(message, Json),
                Now = now,
            }, tx);
        }, ct);

    public static async Task<IReadOnlyList<Discrepancy>> ListAsync(DbConnection connection, string schema, bool includeResolved, int limit) =>
        (await connection.QueryAsync<Discrepancy>(SelectSql(schema) + (includeResolved ? "" : " WHERE ResolvedAt IS NULL") + " ORDER BY Id"))
        .Take(limit).ToList();

    public static Task<Discrepancy?> FindAsync(DbConnection connection, DbTransaction? tx, string schema, long id) =>
        connection.QuerySingleOrDefaultAsync<Discrepancy>(SelectSql(schema) + " WHERE Id = @Id", new { Id = id }, tx);

    public static Task<int> CountOpenAsync(DbConnection connection, string schema) =>
        connection.ExecuteScalarAsync<int>(CountOpenSql(schema));

    /// <summary>A retry that met a refusal again: one more attempt, with the refusal it met now.</summary>
    public static Task RetriedAsync(DbConnection connection, DbTransaction tx, string schema, long id, string reason, DateTimeOffset now) =>
        connection.ExecuteAsync(RetriedSql(schema), new { Id = id, Reason = Bounded(reason), Now = now }, tx);

    /// <summary>Closes a discrepancy: applied on a retry (<paramref name="tried"/>), or resolved by someone with a reason.</summary>
    public static Task ResolveAsync(DbConnection connection, DbTransaction tx, string schema, long id, string by, string resolution, bool tried, DateTimeOffset now) =>
        connection.ExecuteAsync(ResolveSql(schema), new { Id = id, By = by, Resolution = Bounded(resolution), Tried = tried ? 1 : 0, Now = now }, tx);

    /// <summary>The event a discrepancy holds, as its consumer received it.</summary>
    public static object Message(Discrepancy d) =>
        JsonSerializer.Deserialize(d.Payload, typeof(IIntegrationEvent).Assembly.GetType(d.MessageType)
            ?? throw new MoveNotAllowed($"Discrepancy {d.Id} holds a {d.MessageType}, which this version of the suite no longer knows; resolve it with a reason."), Json)
        ?? throw new MoveNotAllowed($"Discrepancy {d.Id}'s event is empty; resolve it with a reason.");

    private static string Bounded(string reason) => reason.Length <= MaxReasonLength ? reason : reason[..(MaxReasonLength - 1)] + "…";
}
