namespace Sec.Proposals.Storage;

/// <summary>
/// A proposal's state as both tables store it: the stage, path and flags, with the phase and status
/// they give kept beside them for the register's filters and counts.
/// </summary>
public abstract record StateColumns
{
    protected StateColumns()
    {
    }

    protected StateColumns(ProposalState state)
    {
        Stage = (int)state.Stage;
        Phase = state.Phase.ToString();
        Status = state.Status;
        Path = (int)state.Path;
        Urgent = state.Urgent;
        OnHold = state.OnHold;
        WithdrawalEndsOn = state.WithdrawalEndsOn;
    }

    public int Stage { get; init; }
    public string Phase { get; init; } = "";
    public string Status { get; init; } = "";
    public int Path { get; init; }
    public bool Urgent { get; init; }
    public bool OnHold { get; init; }
    public DateOnly? WithdrawalEndsOn { get; init; }

    public ProposalState ToState() => new()
    {
        Stage = (Domain.Stage)Stage,
        Path = (DecisionPath)Path,
        Urgent = Urgent,
        OnHold = OnHold,
        WithdrawalEndsOn = WithdrawalEndsOn,
    };
}

/// <summary>A proposal as stored: its columns, named as in <c>proposals.Proposal</c>.</summary>
public sealed record ProposalRow : StateColumns
{
    public ProposalRow()
    {
    }

    private ProposalRow(Proposal p, DateTimeOffset now) : base(p.State)
    {
        Id = p.Id;
        Reference = p.Reference.Value;
        Series = ProposalRepository.SeriesOf(p.Reference);
        Number = p.Reference.Number;
        Alternate = p.Reference.Alternate;
        Title = p.Title;
        ProblemStatement = p.ProblemStatement;
        ProposerName = p.ProposerName;
        ProposerOrganisation = p.ProposerOrganisation;
        RaisedOn = p.RaisedOn;
        TargetRelease = p.TargetRelease;
        Version = p.Version;
        Now = now;
    }

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
    public string? TargetRelease { get; init; }
    public int Version { get; init; }
    public int ExpectedVersion { get; init; }
    public DateTimeOffset Now { get; init; }

    public static ProposalRow From(Proposal p, DateTimeOffset now) => new(p, now);

    public Proposal ToDomain(IReadOnlyList<HistoryEntry> history) => new()
    {
        Id = Id,
        Reference = ModificationReference.Parse(Reference, "reference"),
        Title = Title,
        ProblemStatement = ProblemStatement,
        ProposerName = ProposerName,
        ProposerOrganisation = ProposerOrganisation,
        RaisedOn = RaisedOn,
        State = ToState(),
        TargetRelease = TargetRelease,
        Version = Version,
        History = history,
    };
}

/// <summary>One history entry as stored in <c>proposals.ProposalHistory</c>: the entry's own fields, then its state's columns.</summary>
public sealed record HistoryRow : StateColumns
{
    public HistoryRow()
    {
    }

    private HistoryRow(string proposalId, HistoryEntry e) : base(e.State)
    {
        ProposalId = proposalId;
        Reference = e.Reference;
        Step = e.Step;
        EffectiveOn = e.EffectiveOn;
        RecordedAt = e.RecordedAt;
        ActorName = e.ActorName;
        ActorOrganisation = e.ActorOrganisation;
        Reason = e.Reason;
    }

    public string ProposalId { get; init; } = "";
    public string Reference { get; init; } = "";
    public string Step { get; init; } = "";
    public DateOnly EffectiveOn { get; init; }
    public DateTimeOffset RecordedAt { get; init; }
    public string ActorName { get; init; } = "";
    public string ActorOrganisation { get; init; } = "";
    public string Reason { get; init; } = "";

    public static HistoryRow From(string proposalId, HistoryEntry e) => new(proposalId, e);

    public HistoryEntry ToDomain() => new()
    {
        Reference = Reference,
        Step = Step,
        EffectiveOn = EffectiveOn,
        RecordedAt = RecordedAt,
        ActorName = ActorName,
        ActorOrganisation = ActorOrganisation,
        Reason = Reason,
        State = ToState(),
    };
}
