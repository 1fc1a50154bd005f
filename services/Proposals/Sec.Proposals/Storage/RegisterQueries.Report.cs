using Dapper;
using Sec.BuildingBlocks.Storage;

namespace Sec.Proposals.Storage;

/// <summary>
/// The register's reads for the monthly report. Each reads only what its period needs, through the
/// history's indexes, so the report costs what its month holds rather than what the register holds.
/// Lines come in register order (as the register lists proposals), each proposal's in history order.
/// They rely on what every step enforces: a proposal's history is appended in effective-date order.
/// </summary>
public sealed partial class RegisterQueries
{
    /// <summary>Every proposal's state on <paramref name="asOf"/>; proposals raised later have none and are left out.</summary>
    public async Task<IReadOnlyList<StateOn>> StatesOnAsync(DateOnly asOf, CancellationToken ct) =>
        (await store.ReadAsync(c => c.QueryAsync<StateOn>(new CommandDefinition(StatesOnSql(store.Schema), new { AsOf = asOf }, cancellationToken: ct)))).AsList();

    /// <summary>The lines for the given history entries.</summary>
    public async Task<IReadOnlyList<ReportLine>> LinesAsync(IEnumerable<long> sequences, CancellationToken ct)
    {
        var list = SqlDialect.NumberList(sequences);
        if (list == "[]")
            return [];
        return (await store.ReadAsync(c => c.QueryAsync<ReportLine>(new CommandDefinition(LinesSql(store.Schema, store.Dialect), new { Sequences = list }, cancellationToken: ct)))).AsList();
    }

    /// <summary>Proposals raised from <paramref name="from"/> to <paramref name="to"/>, each named by its entry on <paramref name="asOf"/> (or its first).</summary>
    public async Task<IReadOnlyList<ReportLine>> RaisedBetweenAsync(DateOnly from, DateOnly to, DateOnly asOf, CancellationToken ct) =>
        (await store.ReadAsync(c => c.QueryAsync<ReportLine>(new CommandDefinition(RaisedBetweenSql(store.Schema), new { From = from, To = to, AsOf = asOf }, cancellationToken: ct)))).AsList();

    /// <summary>History entries effective from <paramref name="from"/> to <paramref name="to"/> whose step starts with <paramref name="stepPrefix"/> (case as given).</summary>
    public async Task<IReadOnlyList<ReportLine>> StepsBetweenAsync(DateOnly from, DateOnly to, string stepPrefix, CancellationToken ct)
    {
        var like = string.Concat(stepPrefix.Select(ch => ch is '\\' or '%' or '_' or '[' ? $"\\{ch}" : ch.ToString())) + "%";
        var lines = await store.ReadAsync(c => c.QueryAsync<ReportLine>(new CommandDefinition(StepsBetweenSql(store.Schema), new { From = from, To = to, Prefix = like }, cancellationToken: ct)));
        // LIKE ignores case on both providers; the step's own case decides.
        return lines.Where(l => l.Step.StartsWith(stepPrefix, StringComparison.Ordinal)).ToList();
    }

    /// <summary>
    /// Every history entry effective from <paramref name="from"/> to <paramref name="to"/> with its
    /// stage and the previous entry's, read from the indexes alone: the moves between stages in a period.
    /// </summary>
    public async Task<IReadOnlyList<StageStep>> StagesBetweenAsync(DateOnly from, DateOnly to, CancellationToken ct)
    {
        await using var c = await store.OpenAsync(ct);
        var entries = await c.QueryAsync<EntryStage>(new CommandDefinition(StagesBetweenSql(store.Schema), new { From = from, To = to }, cancellationToken: ct));
        var before = (await c.QueryAsync<EntryStage>(new CommandDefinition(StagesBeforeSql(store.Schema), new { From = from, To = to }, cancellationToken: ct)))
            .ToDictionary(b => b.ProposalId, b => (Stage)b.Stage);
        var steps = new List<StageStep>();
        foreach (var proposal in entries.GroupBy(e => e.ProposalId))
        {
            Stage? previous = before.TryGetValue(proposal.Key, out var stage) ? stage : null;
            foreach (var entry in proposal.OrderBy(e => e.Sequence))
            {
                steps.Add(new StageStep(entry.Sequence, (Stage)entry.Stage, previous));
                previous = (Stage)entry.Stage;
            }
        }
        return steps;
    }

    /// <summary>
    /// Proposals that first reached one of <paramref name="stages"/> from <paramref name="from"/> to
    /// <paramref name="to"/>: when they were raised and when they got there.
    /// </summary>
    public async Task<IReadOnlyList<(DateOnly RaisedOn, DateOnly ReachedOn)>> FirstReachedBetweenAsync(IEnumerable<Stage> stages, DateOnly from, DateOnly to, CancellationToken ct) =>
        (await store.ReadAsync(c => c.QueryAsync<Reached>(new CommandDefinition(FirstReachedBetweenSql(store.Schema, store.Dialect),
            new { Stages = SqlDialect.NumberList(stages.Select(s => (long)s)), From = from, To = to }, cancellationToken: ct))))
        .Select(r => (r.RaisedOn, r.ReachedOn)).ToList();

    /// <summary>The latest effective date in the register's history, if it holds any (from the effective-date index).</summary>
    public Task<DateOnly?> LatestEffectiveOnAsync(CancellationToken ct) =>
        store.ReadAsync(c => c.ExecuteScalarAsync<DateOnly?>(new CommandDefinition(LatestEffectiveOnSql(store.Schema), cancellationToken: ct)));

    /// <summary>
    /// Working Group meetings from <paramref name="from"/> to <paramref name="to"/>, one row per agenda
    /// item (or one with no reference for an empty agenda), each modification named by its entry on
    /// the meeting's date: DP109 on an agenda of 1 April 2020, before the Panel converted it.
    /// </summary>
    public async Task<IReadOnlyList<ReportMeetingRow>> MeetingsBetweenAsync(DateOnly from, DateOnly to, CancellationToken ct) =>
        (await store.ReadAsync(c => c.QueryAsync<ReportMeetingRow>(new CommandDefinition(MeetingsBetweenSql(store.Schema), new { From = from, To = to }, cancellationToken: ct)))).AsList();

    /// <summary>The reference and title of every proposal numbered one of <paramref name="numbers"/> (all series), for naming a report's other lines.</summary>
    public async Task<IReadOnlyList<(string Reference, string Title)>> TitlesNumberedAsync(IEnumerable<long> numbers, CancellationToken ct)
    {
        var list = SqlDialect.NumberList(numbers.Distinct());
        if (list == "[]")
            return [];
        return (await store.ReadAsync(c => c.QueryAsync<(string Reference, string Title)>(new CommandDefinition(TitlesNumberedSql(store.Schema, store.Dialect), new { Numbers = list }, cancellationToken: ct)))).AsList();
    }

    private sealed record EntryStage
    {
        public string ProposalId { get; init; } = "";
        public long Sequence { get; init; }
        public int Stage { get; init; }
    }

    private sealed record Reached
    {
        public DateOnly RaisedOn { get; init; }
        public DateOnly ReachedOn { get; init; }
    }

    private static string LineColumns(string schema) => $"""
        h.Sequence, h.Reference, h.Step, h.EffectiveOn, h.Stage, {TitleAt(schema, "h")} AS Title, p.ProposerName, p.ProposerOrganisation, p.ProblemStatement, p.RaisedOn
        """;

    /// <summary>
    /// The title as it stood at history entry <paramref name="entry"/> of proposal <c>p</c>: the title
    /// the next title step replaced, else today's. DP123's March 2020 decision shows its first title.
    /// </summary>
    private static string TitleAt(string schema, string entry) => $"""
        COALESCE((SELECT t.PreviousTitle FROM {schema}.ProposalHistory t WHERE t.Sequence = (
            SELECT MIN(x.Sequence) FROM {schema}.ProposalHistory x
            WHERE x.ProposalId = p.Id AND x.Sequence > {entry}.Sequence AND x.PreviousTitle IS NOT NULL)), p.Title)
        """;

    private const string RegisterOrder = "p.Series DESC, p.Number, p.Alternate";

    [SqlText]
    public static string LatestEffectiveOnSql(string schema) => $"SELECT MAX(EffectiveOn) FROM {schema}.ProposalHistory";

    [SqlText]
    public static string StatesOnSql(string schema) => $"""
        SELECT p.RaisedOn, h.Sequence, h.Stage, h.Phase
        FROM {schema}.Proposal p
        JOIN {schema}.ProposalHistory h ON h.Sequence = {LastEntryOn(schema, "p.Id", "@AsOf")}
        """;

    [SqlText]
    public static string LinesSql(string schema) => LinesSql(schema, SqlDialect.SqlServer);

    public static string LinesSql(string schema, SqlDialect dialect) => $"""
        SELECT {LineColumns(schema)}
        FROM {schema}.ProposalHistory h JOIN {schema}.Proposal p ON p.Id = h.ProposalId
        WHERE h.Sequence IN ({dialect.NumbersIn("@Sequences")})
        ORDER BY {RegisterOrder}, h.Sequence
        """;

    [SqlText]
    public static string RaisedBetweenSql(string schema) => $"""
        SELECT {LineColumns(schema)}
        FROM {schema}.Proposal p
        JOIN {schema}.ProposalHistory h ON h.Sequence = COALESCE({LastEntryOn(schema, "p.Id", "@AsOf")},
            (SELECT MIN(f.Sequence) FROM {schema}.ProposalHistory f WHERE f.ProposalId = p.Id))
        WHERE p.RaisedOn >= @From AND p.RaisedOn <= @To
        ORDER BY {RegisterOrder}
        """;

    [SqlText]
    public static string StepsBetweenSql(string schema) => $"""
        SELECT {LineColumns(schema)}
        FROM {schema}.ProposalHistory h JOIN {schema}.Proposal p ON p.Id = h.ProposalId
        WHERE h.EffectiveOn >= @From AND h.EffectiveOn <= @To AND h.Step LIKE @Prefix ESCAPE '\'
        ORDER BY {RegisterOrder}, h.Sequence
        """;

    /// <summary>The period's entries, from the (EffectiveOn, ProposalId, Stage) index.</summary>
    [SqlText]
    public static string StagesBetweenSql(string schema) => $"""
        SELECT h.ProposalId, h.Sequence, h.Stage
        FROM {schema}.ProposalHistory h
        WHERE h.EffectiveOn >= @From AND h.EffectiveOn <= @To
        """;

    /// <summary>For each proposal with entries in the period, the stage of the entry just before its first one there.</summary>
    [SqlText]
    public static string StagesBeforeSql(string schema) => $"""
        SELECT b.ProposalId, b.Stage
        FROM (SELECT h.ProposalId, MIN(h.Sequence) AS First
              FROM {schema}.ProposalHistory h
              WHERE h.EffectiveOn >= @From AND h.EffectiveOn <= @To
              GROUP BY h.ProposalId) f
        JOIN {schema}.ProposalHistory b ON b.Sequence = (
            SELECT MAX(x.Sequence) FROM {schema}.ProposalHistory x WHERE x.ProposalId = f.ProposalId AND x.Sequence < f.First)
        """;

    [SqlText]
    public static string MeetingsBetweenSql(string schema) => $"""
        SELECT m.Id AS MeetingId, m.WorkingGroup, m.MeetingOn, m.Number, m.Kind, m.AgendaConfirmedOn, m.Outcome, h.Reference, {TitleAt(schema, "h")} AS Title
        FROM {schema}.WorkingGroupMeeting m
        LEFT JOIN {schema}.AgendaItem a ON a.MeetingId = m.Id
        LEFT JOIN {schema}.Proposal p ON p.Id = a.ProposalId
        LEFT JOIN {schema}.ProposalHistory h ON h.Sequence = COALESCE({LastEntryOn(schema, "p.Id", "m.MeetingOn")},
            (SELECT MIN(f.Sequence) FROM {schema}.ProposalHistory f WHERE f.ProposalId = p.Id))
        WHERE m.MeetingOn >= @From AND m.MeetingOn <= @To
        ORDER BY m.MeetingOn, m.WorkingGroup, m.Number, p.Series DESC, p.Number, p.Alternate
        """;

    [SqlText]
    public static string TitlesNumberedSql(string schema) => TitlesNumberedSql(schema, SqlDialect.SqlServer);

    public static string TitlesNumberedSql(string schema, SqlDialect dialect) => $"""
        SELECT p.Reference, p.Title
        FROM {schema}.Proposal p
        WHERE p.Number IN ({dialect.NumbersIn("@Numbers")})
        """;

    [SqlText]
    public static string FirstReachedBetweenSql(string schema) => FirstReachedBetweenSql(schema, SqlDialect.SqlServer);

    /// <summary>The first entry in any of the stages is the earliest, as history runs in date order; the (Stage, ProposalId, EffectiveOn) index answers it.</summary>
    public static string FirstReachedBetweenSql(string schema, SqlDialect dialect) => $"""
        SELECT p.RaisedOn, r.ReachedOn
        FROM (SELECT h.ProposalId, MIN(h.EffectiveOn) AS ReachedOn
              FROM {schema}.ProposalHistory h
              WHERE h.Stage IN ({dialect.NumbersIn("@Stages")})
              GROUP BY h.ProposalId) r
        JOIN {schema}.Proposal p ON p.Id = r.ProposalId
        WHERE r.ReachedOn >= @From AND r.ReachedOn <= @To
        """;
}

/// <summary>A Working Group meeting with one of its agenda items, named as on the meeting's date (no reference for an empty agenda).</summary>
public sealed record ReportMeetingRow
{
    public string MeetingId { get; init; } = "";
    public string WorkingGroup { get; init; } = "";
    public DateOnly MeetingOn { get; init; }
    public int Number { get; init; }
    public int Kind { get; init; }
    public DateOnly? AgendaConfirmedOn { get; init; }
    public string? Outcome { get; init; }
    public string? Reference { get; init; }
    public string? Title { get; init; }
}
