using Sec.BuildingBlocks.Application;
using Sec.BuildingBlocks.Hosting;
using Sec.Proposals.Storage;

namespace Sec.Proposals.Application;

/// <summary>Refinement and Modification Report Consultations: recording them, their responses, and listing them.</summary>
public sealed class ConsultationUseCases(ProposalsStore store, ConsultationRepository consultations, ProposalRepository proposals, ICurrentActor actor, IClock clock)
{
    /// <summary>Records the expected week and/or the issue of a consultation, creating it the first time; dates not given keep their recorded values.</summary>
    public Task<Consultation> RecordAsync(ModificationReference reference, ConsultationKind kind, DateOnly? expectedWeek, DateOnly? issuedOn, DateOnly? closesOn, CancellationToken ct) =>
        store.InTransactionAsync(async (connection, tx) =>
        {
            var proposal = await proposals.LoadAsync(connection, tx, reference, ct);
            ConsultationRules.CheckPhase(proposal, kind, issuedOn ?? expectedWeek!.Value);
            var existing = await consultations.FindAsync(connection, tx, proposal.Id, kind, ct);
            await consultations.SaveAsync(connection, tx, proposal.Id, kind,
                expectedWeek ?? existing?.ExpectedWeekCommencing, issuedOn ?? existing?.IssuedOn, closesOn ?? existing?.ClosesOn);
            return await SavedAsync(connection, tx, "RecordConsultation", proposal, kind, issuedOn ?? expectedWeek!.Value, ct);
        }, ct);

    /// <summary>Adds a response to an issued consultation, received on or after its issue.</summary>
    public Task<Consultation> AddResponseAsync(ModificationReference reference, ConsultationKind kind, ConsultationResponse response, CancellationToken ct) =>
        store.InTransactionAsync(async (connection, tx) =>
        {
            var proposal = await proposals.LoadAsync(connection, tx, reference, ct);
            var consultation = await consultations.FindAsync(connection, tx, proposal.Id, kind, ct)
                ?? throw new NotFound($"{proposal.Reference} has no {ConsultationRules.Describe(kind)}.");
            var checks = new FieldChecks();
            ConsultationRules.CheckResponse(consultation, response, checks);
            checks.ThrowIfAny();
            await consultations.AddResponseAsync(connection, tx, proposal.Id, kind, response);
            return await SavedAsync(connection, tx, "AddConsultationResponse", proposal, kind, response.ReceivedOn, ct);
        }, ct);

    /// <summary>Cancels an expected consultation that will not be issued, with a reason; it no longer shows as late from that date.</summary>
    public Task<Consultation> CancelAsync(ModificationReference reference, ConsultationKind kind, DateOnly cancelledOn, string reason, CancellationToken ct) =>
        store.InTransactionAsync(async (connection, tx) =>
        {
            var proposal = await proposals.LoadAsync(connection, tx, reference, ct);
            var consultation = await consultations.FindAsync(connection, tx, proposal.Id, kind, ct)
                ?? throw new NotFound($"{proposal.Reference} has no {ConsultationRules.Describe(kind)} expected.");
            var cancelled = ConsultationRules.Cancel(consultation, cancelledOn, reason);
            await consultations.CancelAsync(connection, tx, proposal.Id, kind, cancelled.CancelledOn!.Value, reason);
            return await SavedAsync(connection, tx, "CancelConsultation", proposal, kind, cancelledOn, ct);
        }, ct);

    public Task<IReadOnlyList<Consultation>> AllAsync(CancellationToken ct) => consultations.AllAsync(ct);

    /// <summary>Attributes the caller's write to the consultation and reads it back as saved.</summary>
    private async Task<Consultation> SavedAsync(DbConnection connection, DbTransaction tx, string operation, Proposal proposal, ConsultationKind kind, DateOnly effectiveOn, CancellationToken ct)
    {
        var reference = proposal.Reference.Value;
        await store.AttributeAsync(connection, tx, new Attribution(operation, reference, reference, effectiveOn), actor.Caller(), clock.UtcNow);
        return (await consultations.FindAsync(connection, tx, proposal.Id, kind, ct))!;
    }
}
