namespace Sec.RegisterGenerator;

/// <summary>What to generate: how many modifications, how much history each, over which years, from which seed.</summary>
public sealed record RegisterShape
{
    public int Modifications { get; init; } = 10_000;

    /// <summary>History rows per modification on average; the total is exactly this times <see cref="Modifications"/>.</summary>
    public int HistoryRowsPerModification { get; init; } = 50;

    /// <summary>The same seed and shape give the same register, row for row.</summary>
    public int Seed { get; init; } = 2020;

    public DateOnly RaisedFrom { get; init; } = new(2016, 1, 1);

    public DateOnly RaisedTo { get; init; } = new(2020, 12, 31);

    /// <summary>The register's today: nothing takes effect after it; meetings and releases are scheduled beyond it.</summary>
    public DateOnly RegisterDate { get; init; } = new(2020, 12, 31);

    /// <summary>Modifications raised before this date are legacy (SECMPnnnn); later ones are Draft Proposals (DPnnn).</summary>
    public DateOnly DraftProposalsFrom { get; init; } = new(2018, 1, 1);

    public void Check()
    {
        if (Modifications < 1)
            throw new ArgumentException("At least one modification is needed.", nameof(Modifications));
        if (HistoryRowsPerModification < 1)
            throw new ArgumentException("At least one history row per modification is needed.", nameof(HistoryRowsPerModification));
        if (RaisedTo < RaisedFrom || RegisterDate < RaisedTo)
            throw new ArgumentException("The raised dates must run forwards and end by the register date.");
    }
}

/// <summary>What a generation wrote, table by table.</summary>
public sealed record GeneratedCounts
{
    public int Modifications { get; init; }
    public int HistoryRows { get; init; }
    public int WorkingGroups { get; init; }
    public int WorkingGroupMeetings { get; init; }
    public int WorkingGroupAgendaItems { get; init; }
    public int Consultations { get; init; }
    public int ConsultationResponses { get; init; }
    public int Assessments { get; init; }
    public int ClockStops { get; init; }
    public int ChangeBoardMembers { get; init; }
    public int ChangeBoardMeetings { get; init; }
    public int ChangeBoardItems { get; init; }
    public int Votes { get; init; }
    public int Releases { get; init; }
    public int ScopeEntries { get; init; }
    public TimeSpan Took { get; init; }

    public override string ToString() =>
        $"{Modifications} modifications, {HistoryRows} history rows, {WorkingGroups} Working Groups with {WorkingGroupMeetings} meetings " +
        $"and {WorkingGroupAgendaItems} agenda items, {Consultations} consultations with {ConsultationResponses} responses, " +
        $"{Assessments} assessments ({ClockStops} clock stops), {ChangeBoardMembers} Change Board members, {ChangeBoardMeetings} meetings, " +
        $"{ChangeBoardItems} agenda items and {Votes} votes, {Releases} releases with {ScopeEntries} scope entries, in {Took.TotalSeconds:0.0} s";
}
