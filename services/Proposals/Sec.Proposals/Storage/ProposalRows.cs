using Dapper;

namespace Sec.Proposals.Storage;

/// <summary>
/// A proposal's state as both tables store it: the stage, path and flags, with the phase and status
/// they give kept beside them for the register's filters and counts.
/// </summary>
public record StateColumns
{
    public StateColumns()
    {
    }

    public StateColumns(ProposalState state)
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
        Stage = (Sec.Contracts.Stage)Stage,
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

/// <summary>
/// History entries as <c>proposals.ProposalHistory</c> stores them: the entry's own fields in columns
/// of the same names, then its state's columns from <c>Stage</c> on.
/// </summary>
public static class HistoryRow
{
    /// <summary>The parameters that store <paramref name="e"/> in <paramref name="proposalId"/>'s history.</summary>
    public static DynamicParameters From(string proposalId, HistoryEntry e)
    {
        var parameters = new DynamicParameters(new { ProposalId = proposalId, e.Reference, e.Step, e.EffectiveOn, e.RecordedAt, e.ActorName, e.ActorOrganisation, e.Reason, e.PreviousTitle });
        parameters.AddDynamicParams(new StateColumns(e.State));
        return parameters;
    }

    /// <summary>Reads entries whose columns end with the state's, from <c>Stage</c> on.</summary>
    public static Task<IEnumerable<HistoryEntry>> QueryAsync(DbConnection connection, CommandDefinition command) =>
        connection.QueryAsync<HistoryEntry, StateColumns, HistoryEntry>(command, WithState, splitOn: nameof(StateColumns.Stage));

    /// <summary>Reads entries that start with their proposal's id, for the whole register at once.</summary>
    public static async Task<ILookup<string, HistoryEntry>> QueryByProposalAsync(DbConnection connection, CommandDefinition command) =>
        (await connection.QueryAsync<string, HistoryEntry, StateColumns, (string ProposalId, HistoryEntry Entry)>(command,
            (id, e, state) => (id, WithState(e, state)), splitOn: $"{nameof(HistoryEntry.Reference)},{nameof(StateColumns.Stage)}"))
        .ToLookup(h => h.ProposalId, h => h.Entry);

    /// <summary>Reads voided steps: the voiding's columns, then the entry's, then its state's.</summary>
    public static async Task<IReadOnlyList<VoidedStep>> QueryVoidedAsync(DbConnection connection, CommandDefinition command) =>
        (await connection.QueryAsync<VoidingColumns, HistoryEntry, StateColumns, VoidedStep>(command,
            (v, e, state) => new VoidedStep(WithState(e, state), v.VoidedAt, new Actor(v.VoidedByName, v.VoidedByOrganisation), v.VoidReason),
            splitOn: $"{nameof(HistoryEntry.Reference)},{nameof(StateColumns.Stage)}")).ToList();

    private sealed record VoidingColumns
    {
        public DateTimeOffset VoidedAt { get; init; }
        public string VoidedByName { get; init; } = "";
        public string VoidedByOrganisation { get; init; } = "";
        public string VoidReason { get; init; } = "";
    }

    private static HistoryEntry WithState(HistoryEntry e, StateColumns state) => e with { State = state.ToState() };
}
