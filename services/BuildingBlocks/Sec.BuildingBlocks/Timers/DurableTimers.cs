namespace Sec.BuildingBlocks.Timers;

/// <summary>A deadline that must fire even if the process restarts: a row in the context's schema.</summary>
public sealed class DueTimer
{
    public string Id { get; init; } = "";

    /// <summary>What the deadline is, for example "withdrawal-window".</summary>
    public string Kind { get; init; } = "";

    /// <summary>What it is about, for example a modification reference.</summary>
    public string SubjectKey { get; init; } = "";

    public DateTimeOffset DueAt { get; init; }

    /// <summary>Whatever the handler needs, as JSON.</summary>
    public string? Payload { get; init; }
}

/// <summary>
/// Schedules and cancels durable timers inside the caller's transaction, so a deadline exists exactly
/// when the state change that set it committed. One live timer per kind and subject: scheduling
/// again moves it.
/// </summary>
public static class DurableTimers
{
    public static async Task ScheduleAsync(DbConnection connection, DbTransaction tx, string schema,
        string kind, string subjectKey, DateTimeOffset dueAt, string? payload, DateTimeOffset now)
    {
        await connection.ExecuteAsync(DeleteSql(schema), new { Kind = kind, SubjectKey = subjectKey }, tx);
        await connection.ExecuteAsync(InsertSql(schema), new { Id = NewIds.Row(), Kind = kind, SubjectKey = subjectKey, DueAt = dueAt, Payload = payload, CreatedAt = now }, tx);
    }

    /// <summary>Cancels the live timer of a kind for a subject; returns whether there was one.</summary>
    public static async Task<bool> CancelAsync(DbConnection connection, DbTransaction tx, string schema, string kind, string subjectKey, DateTimeOffset now) =>
        await connection.ExecuteAsync(CancelSql(schema), new { Kind = kind, SubjectKey = subjectKey, Now = now }, tx) == 1;

    [SqlText]
    public static string DeleteSql(string schema) => $"DELETE FROM {schema}.DurableTimer WHERE Kind = @Kind AND SubjectKey = @SubjectKey";

    [SqlText]
    public static string InsertSql(string schema) => $"""
        INSERT INTO {schema}.DurableTimer (Id, Kind, SubjectKey, DueAt, Payload, CreatedAt, Attempts)
        VALUES (@Id, @Kind, @SubjectKey, @DueAt, @Payload, @CreatedAt, 0)
        """;

    [SqlText]
    public static string CancelSql(string schema) => $"""
        UPDATE {schema}.DurableTimer SET CancelledAt = @Now
        WHERE Kind = @Kind AND SubjectKey = @SubjectKey AND FiredAt IS NULL AND CancelledAt IS NULL
        """;

    [SqlText]
    public static string MarkFiredSql(string schema) =>
        $"UPDATE {schema}.DurableTimer SET FiredAt = @Now, LockedUntil = NULL WHERE Id = @Id AND FiredAt IS NULL AND CancelledAt IS NULL";

    [SqlText]
    public static string RecordErrorSql(string schema) => $"UPDATE {schema}.DurableTimer SET LastError = @Error WHERE Id = @Id";
}
