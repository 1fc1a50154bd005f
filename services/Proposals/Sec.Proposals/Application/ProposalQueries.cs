using Sec.Proposals.Storage;

namespace Sec.Proposals.Application;

/// <summary>A proposal as the register shows it: with what happens next and the working days it has spent on hold.</summary>
public sealed record ProposalView(Proposal Proposal, NextStep Next, int WorkingDaysOnHold)
{
    /// <summary>The original this alternate was raised beside (MP102 for MP102A), if it is one.</summary>
    public ModificationReference? AlternateOf { get; init; }

    /// <summary>The alternates raised beside this original, with their titles.</summary>
    public IReadOnlyList<(ModificationReference Reference, string Title)> Alternates { get; init; } = [];
}

/// <summary>The register's queries: one proposal now or on a past date, searches, and counts by phase.</summary>
public sealed class ProposalQueries(
    ProposalRepository proposals,
    RegisterQueries register,
    WorkingGroupRepository workingGroups,
    ConsultationRepository consultations,
    LegalWorkingDays workingDays,
    IClock clock)
{
    public async Task<ProposalView> GetAsync(ModificationReference reference, CancellationToken ct) =>
        await ViewAsync(await proposals.GetAsync(reference, ct), ct);

    /// <summary>The proposal as the register shows it today: its next Working Group meeting or consultation closing, and its time on hold.</summary>
    public async Task<ProposalView> ViewAsync(Proposal proposal, CancellationToken ct)
    {
        var today = clock.Today;
        // Only the dates the next step can show: a Draft Proposal has no meeting and no consultation to look up.
        var (meeting, consultation) = NextStep.Needs(proposal);
        var next = NextStep.For(proposal,
            meeting ? await workingGroups.NextMeetingForAsync(proposal.Id, today, ct) : null,
            consultation ? await consultations.OpenClosingDateAsync(proposal.Id, today, ct) : null);
        return new ProposalView(proposal, next, proposal.WorkingDaysOnHold(workingDays, today))
        {
            AlternateOf = Domain.Alternates.OriginalOf(proposal.Reference),
            Alternates = proposal.Reference.Kind == ReferenceKind.ModificationProposal && proposal.Reference.Alternate.Length == 0
                ? await proposals.AlternatesOfAsync(proposal.Reference, ct) : [],
        };
    }

    /// <summary>The proposal's history entry in force on <paramref name="asOf"/> and its title then; NotFound before it was raised.</summary>
    public async Task<(HistoryEntry Entry, string Title)> AsOfAsync(ModificationReference reference, DateOnly asOf, CancellationToken ct)
    {
        var proposal = await proposals.GetAsync(reference, ct);
        var entry = proposal.AsOf(asOf)
            ?? throw new NotFound($"{proposal.Reference} was raised on {proposal.RaisedOn:d MMMM yyyy}; it was not in the register on {asOf:d MMMM yyyy}.");
        return (entry, proposal.TitleOn(asOf));
    }

    public Task<(IReadOnlyList<RegisterLine> Lines, int Total)> SearchAsync(RegisterFilter filter, int offset, int limit, CancellationToken ct) =>
        register.SearchAsync(filter, offset, limit, ct);

    /// <summary>Every matching line, read as it streams.</summary>
    public IAsyncEnumerable<RegisterLine> StreamAsync(RegisterFilter filter, CancellationToken ct) => register.StreamAsync(filter, ct);

    /// <summary>How many proposals were in each phase on <paramref name="asOf"/>.</summary>
    public Task<IReadOnlyDictionary<Phase, int>> PhaseCountsAsync(DateOnly asOf, CancellationToken ct) => register.PhaseCountsAsync(asOf, ct);

    /// <summary>Every proposal as the register holds it now, for the consistency check.</summary>
    public Task<IReadOnlyList<RegisterState>> StatesNowAsync(CancellationToken ct) => register.StatesNowAsync(ct);
}
