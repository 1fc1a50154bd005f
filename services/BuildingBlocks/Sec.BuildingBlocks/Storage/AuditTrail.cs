namespace Sec.BuildingBlocks.Storage;

/// <summary>One write as the audit trail keeps it.</summary>
public sealed record AuditEntry(string Operation, string Subject, string? Reference, DateOnly? EffectiveOn, DateTimeOffset RecordedAt,
    string ActorName, string ActorOrganisation, string Roles);

/// <summary>Stores a context's audit trail: one row a write, in the write's own transaction.</summary>
public static class AuditTrail
{
    public static Task RecordAsync(DbConnection connection, DbTransaction tx, string schema, AuditEntry entry) =>
        connection.ExecuteAsync(InsertSql(schema), entry, tx);

    [SqlText]
    public static string InsertSql(string schema) => $"""
        INSERT INTO {schema}.AuditEntry (Operation, Subject, Reference, EffectiveOn, RecordedAt, ActorName, ActorOrganisation, Roles)
        VALUES (@Operation, @Subject, @Reference, @EffectiveOn, @RecordedAt, @ActorName, @ActorOrganisation, @Roles)
        """;
}
