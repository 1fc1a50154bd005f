namespace Sec.BuildingBlocks.Application;

/// <summary>What a write use case records of itself: the step, what it changed, and its business date.</summary>
public sealed record Attribution(string Operation, string Subject, string? Reference, DateOnly? EffectiveOn);

/// <summary>
/// Every write is attributed: a use case records who made it (the authenticated caller), when it was
/// recorded, and the date it takes effect, inside its own transaction.
/// </summary>
public static class AttributionWriter
{
    public static Task AttributeAsync(this ContextStore store, DbConnection connection, DbTransaction tx, Attribution what, Caller who, DateTimeOffset now) =>
        AuditTrail.RecordAsync(connection, tx, store.Schema, new AuditEntry(
            Cut(what.Operation, 100), Cut(what.Subject, 100), what.Reference, what.EffectiveOn, now,
            who.Actor.Name, who.Actor.Organisation, Cut(string.Join(",", who.Roles.Order(StringComparer.Ordinal)), 200)));

    private static string Cut(string value, int max) => value.Length <= max ? value : value[..max];
}
