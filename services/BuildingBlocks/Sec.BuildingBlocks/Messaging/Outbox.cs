using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization;
using Sec.Contracts;

namespace Sec.BuildingBlocks.Messaging;

/// <summary>
/// The transactional outbox: an event is written in the same transaction as the state change that
/// caused it, and the relay publishes it later. Nothing is published that was not committed, and
/// nothing committed is lost.
/// </summary>
public static class Outbox
{
    /// <summary>Payloads are written with enums as numbers, which stay valid when a member is renamed.</summary>
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Reads payloads of either form: rows written before the events' enums were typed carry their names.</summary>
    internal static readonly JsonSerializerOptions ReadJson = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    /// <summary>Adds <paramref name="message"/> to <paramref name="schema"/>'s outbox inside <paramref name="tx"/>.</summary>
    public static Task EnqueueAsync(DbConnection connection, DbTransaction tx, string schema, IIntegrationEvent message, DateTimeOffset now)
    {
        return connection.ExecuteAsync(EnqueueSql(schema), new
        {
            Id = message.MessageId.ToString("D"),
            MessageType = message.GetType().FullName,
            Payload = JsonSerializer.Serialize(message, message.GetType(), Json),
            // Carries the caller's trace across the outbox, so the consumer's span joins the request's trace.
            TraceParent = Activity.Current?.Id,
            OccurredAt = now,
        }, tx);
    }

    [SqlText]
    public static string EnqueueSql(string schema) => $"""
        INSERT INTO {schema}.OutboxMessage (Id, MessageType, Payload, TraceParent, OccurredAt, Attempts)
        VALUES (@Id, @MessageType, @Payload, @TraceParent, @OccurredAt, 0)
        """;

    /// <summary>Records why a publish failed, counting the attempt, unless another relay has sent the row meanwhile.</summary>
    [SqlText] public static string RecordErrorSql(string schema) => $"UPDATE {schema}.OutboxMessage SET LastError = @Error, Attempts = Attempts + 1 WHERE Id = @Id AND SentAt IS NULL";

    /// <summary>Gives back every unsent row this relay holds, after a failure or when it stops.</summary>
    [SqlText] public static string ReleaseSql(string schema) =>
        $"UPDATE {schema}.OutboxMessage SET LockedUntil = NULL, LockedBy = NULL WHERE LockedBy = @Relay AND SentAt IS NULL";

    /// <summary>The backlog: how many rows wait, the oldest one's time and the most attempts any has taken.</summary>
    [SqlText] public static string BacklogSql(string schema) => $"""
        SELECT COUNT(*) AS Unsent, MIN(OccurredAt) AS OldestOccurredAt, MAX(Attempts) AS MostAttempts
        FROM {schema}.OutboxMessage WHERE SentAt IS NULL
        """;

    /// <summary>Resolves an outbox row's type name to the contract type.</summary>
    internal static Type? ContractType(string messageType) => typeof(IIntegrationEvent).Assembly.GetType(messageType);
}
