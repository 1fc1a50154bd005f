using Sec.BuildingBlocks.Storage;

namespace Sec.ServiceTests.Proposals;

/// <summary>One row of a context's audit trail, as stored.</summary>
public sealed class AuditRow
{
    public string Operation { get; set; } = "";
    public string Subject { get; set; } = "";
    public string? Reference { get; set; }
    public DateOnly? EffectiveOn { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
    public string ActorName { get; set; } = "";
    public string ActorOrganisation { get; set; } = "";
    public string Roles { get; set; } = "";
}

/// <summary>Reads a context's audit trail straight from its store, in the order the writes were recorded.</summary>
public static class AuditTrailRows
{
    public static async Task<IReadOnlyList<AuditRow>> ReadAsync(ContextStore store) =>
        (await store.ReadAsync(c => c.QueryAsync<AuditRow>(
            $"SELECT Operation, Subject, Reference, EffectiveOn, RecordedAt, ActorName, ActorOrganisation, Roles FROM {store.Schema}.AuditEntry ORDER BY Sequence"))).ToList();
}
