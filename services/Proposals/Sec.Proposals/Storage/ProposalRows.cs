using Sec.BuildingBlocks.Domain;
using Sec.Proposals.Domain;

namespace Sec.Proposals.Storage;

/// <summary>A proposal as stored: its columns, named as in <c>proposals.Proposal</c>.</summary>
public sealed record ProposalRow
{
    public string Id { get; init; } = "";
    public string Reference { get; init; } = "";
    public string Series { get; init; } = "";
    public int Number { get; init; }
    public string Alternate { get; init; } = "";
    public string Title { get; init; } = "";
    public string ProblemStatement { get; init; } = "";
    public string ProposerName { get; init; } = "";
    public string ProposerOrganisation { get; init; } = "";
    public DateOnly RaisedOn { get; init; }
    public int Stage { get; init; }
    public string Phase { get; init; } = "";
    public string Status { get; init; } = "";
    public int Path { get; init; }
    public bool Urgent { get; init; }
    public bool OnHold { get; init; }
    public DateOnly? WithdrawalEndsOn { get; init; }
    public string? TargetRelease { get; init; }
    public int Version { get; init; }
    public int ExpectedVersion { get; init; }
    public DateTimeOffset Now { get; init; }

    public static ProposalRow From(Proposal p, DateTimeOffset now) => new()
    {
        Id = p.Id,
        Reference = p.Reference.Value,
        Series = ProposalRepository.SeriesOf(p.Reference),
        Number = p.Reference.Number,
        Alternate = p.Reference.Alternate,
        Title = p.Title,
        ProblemStatement = p.ProblemStatement,
        ProposerName = p.ProposerName,
        ProposerOrganisation = p.ProposerOrganisation,
        RaisedOn = p.RaisedOn,
        Stage = (int)p.State.Stage,
        Phase = p.Phase.ToString(),
        Status = p.Status,
        Path = (int)p.State.Path,
        Urgent = p.State.Urgent,
        OnHold = p.State.OnHold,
        WithdrawalEndsOn = p.State.WithdrawalEndsOn,
        TargetRelease = p.TargetRelease,
        Version = p.Version,
        Now = now,
    };

    public Proposal ToDomain(IReadOnlyList<HistoryEntry> history) => new()
    {
        Id = Id,
        Reference = ModificationReference.Parse(Reference, "reference"),
        Title = Title,
        ProblemStatement = ProblemStatement,
        ProposerName = ProposerName,
        ProposerOrganisation = ProposerOrganisation,
        RaisedOn = RaisedOn,
        State = StateColumns.ToState(Stage, Path, Urgent, OnHold, WithdrawalEndsOn),
        TargetRelease = TargetRelease,
        Version = Version,
        History = history,
    };
}

/// <summary>One history entry as stored in <c>proposals.ProposalHistory</c>.</summary>
public sealed record HistoryRow
{
    public string ProposalId { get; init; } = "";
    public string Reference { get; init; } = "";
    public string Step { get; init; } = "";
    public DateOnly EffectiveOn { get; init; }
    public DateTimeOffset RecordedAt { get; init; }
    public string ActorName { get; init; } = "";
    public string ActorOrganisation { get; init; } = "";
    public string Reason { get; init; } = "";
    public int Stage { get; init; }
    public string Phase { get; init; } = "";
    public string Status { get; init; } = "";
    public int Path { get; init; }
    public bool Urgent { get; init; }
    public bool OnHold { get; init; }
    public DateOnly? WithdrawalEndsOn { get; init; }

    public static HistoryRow From(string proposalId, HistoryEntry e) => new()
    {
        ProposalId = proposalId,
        Reference = e.Reference,
        Step = e.Step,
        EffectiveOn = e.EffectiveOn,
        RecordedAt = e.RecordedAt,
        ActorName = e.ActorName,
        ActorOrganisation = e.ActorOrganisation,
        Reason = e.Reason,
        Stage = (int)e.State.Stage,
        Phase = e.Phase.ToString(),
        Status = e.Status,
        Path = (int)e.State.Path,
        Urgent = e.State.Urgent,
        OnHold = e.State.OnHold,
        WithdrawalEndsOn = e.State.WithdrawalEndsOn,
    };

    public HistoryEntry ToDomain() => new()
    {
        Reference = Reference,
        Step = Step,
        EffectiveOn = EffectiveOn,
        RecordedAt = RecordedAt,
        ActorName = ActorName,
        ActorOrganisation = ActorOrganisation,
        Reason = Reason,
        State = StateColumns.ToState(Stage, Path, Urgent, OnHold, WithdrawalEndsOn),
    };
}

/// <summary>A proposal's state as both tables store it.</summary>
internal static class StateColumns
{
    public static ProposalState ToState(int stage, int path, bool urgent, bool onHold, DateOnly? withdrawalEndsOn) => new()
    {
        Stage = (Stage)stage,
        Path = (DecisionPath)path,
        Urgent = urgent,
        OnHold = onHold,
        WithdrawalEndsOn = withdrawalEndsOn,
    };
}
