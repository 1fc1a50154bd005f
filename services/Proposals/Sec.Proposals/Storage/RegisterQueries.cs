using System.Runtime.CompilerServices;
using Dapper;
using Sec.BuildingBlocks.Storage;

namespace Sec.Proposals.Storage;

/// <summary>The register's read side: search, streaming, and counts on any date.</summary>
public sealed partial class RegisterQueries(ProposalsStore store)
{
    private static readonly int PhaseSlots = Enum.GetValues<Phase>().Length;

    public async Task<(IReadOnlyList<RegisterLine> Lines, int Total)> SearchAsync(RegisterFilter filter, int offset, int limit, CancellationToken ct)
    {
        await using var connection = await store.OpenAsync(ct);
        var parameters = Parameters(filter, offset, limit);
        var total = await connection.ExecuteScalarAsync<int>(new CommandDefinition(CountSql(store.Schema), parameters, cancellationToken: ct));
        var lines = await connection.QueryAsync<RegisterLine>(new CommandDefinition(SearchSql(store.Schema) + "\n" + store.Dialect.Page, parameters, cancellationToken: ct));
        return (lines.ToList(), total);
    }

    /// <summary>Every matching line, read as it streams.</summary>
    public async IAsyncEnumerable<RegisterLine> StreamAsync(RegisterFilter filter, [EnumeratorCancellation] CancellationToken ct)
    {
        await using var connection = await store.OpenAsync(ct);
        await foreach (var line in connection.QueryUnbufferedAsync<RegisterLine>(SearchSql(store.Schema), Parameters(filter, 0, int.MaxValue)).WithCancellation(ct))
            yield return line;
    }

    /// <summary>How many proposals were in each phase on <paramref name="asOf"/>, from their history.</summary>
    public async Task<IReadOnlyDictionary<Phase, int>> PhaseCountsAsync(DateOnly asOf, CancellationToken ct)
    {
        var rows = await store.ReadAsync(c => c.QueryAsync<(string Phase, int Count)>(new CommandDefinition(PhaseCountsSql(store.Schema), new { AsOf = asOf }, cancellationToken: ct)));
        return rows.ToDictionary(r => Enum.Parse<Phase>(r.Phase), r => r.Count);
    }

    /// <summary>Every proposal's reference, version, stage and status now, read from its own row alone (the consistency check needs no history).</summary>
    public async Task<IReadOnlyList<RegisterState>> StatesNowAsync(CancellationToken ct) =>
        (await store.ReadAsync(c => c.QueryAsync<(string Reference, int Version, int Stage, string Status)>(new CommandDefinition(StatesNowSql(store.Schema), cancellationToken: ct)), ct))
        .Select(r => new RegisterState(r.Reference, r.Version, (Stage)r.Stage, r.Status)).ToList();

    [SqlText]
    public static string StatesNowSql(string schema) => $"SELECT Reference, Version, Stage, Status FROM {schema}.Proposal ORDER BY Reference";

    /// <summary>Every proposal with its whole history: the register entire, for checks and exports. The report reads by date instead.</summary>
    public async Task<IReadOnlyList<Proposal>> AllWithHistoryAsync(CancellationToken ct)
    {
        await using var connection = await store.OpenAsync(ct);
        var rows = await connection.QueryAsync<ProposalRow>(new CommandDefinition(AllProposalsSql(store.Schema), cancellationToken: ct));
        var history = await HistoryRow.QueryByProposalAsync(connection, new CommandDefinition(AllHistorySql(store.Schema), cancellationToken: ct));
        return rows.Select(r => r.ToDomain(history[r.Id].ToList())).ToList();
    }

    [SqlText]
    public static string AllProposalsSql(string schema) => $"""
        SELECT Id, Reference, Title, ProblemStatement, ProposerName, ProposerOrganisation, RaisedOn, Stage, Path, Urgent,
               OnHold, WithdrawalEndsOn, TargetRelease, Version
        FROM {schema}.Proposal ORDER BY Series DESC, Number, Alternate
        """;

    [SqlText]
    public static string AllHistorySql(string schema) => $"""
        SELECT ProposalId, Reference, Step, EffectiveOn, RecordedAt, ActorName, ActorOrganisation, Reason, PreviousTitle, Stage, Path, Urgent, OnHold, WithdrawalEndsOn
        FROM {schema}.ProposalHistory ORDER BY Sequence
        """;

    private static DynamicParameters Parameters(RegisterFilter f, int offset, int limit)
    {
        var p = new DynamicParameters();
        p.Add("Text", string.IsNullOrWhiteSpace(f.Text) ? null : $"%{f.Text.Trim()}%");
        p.Add("AnyPhase", f.Phases.Count == 0);
        // One parameter per phase (seven at most), so the SQL stays plain on both providers.
        var phases = f.Phases.Distinct().Select(x => x.ToString()).ToArray();
        for (var i = 0; i < PhaseSlots; i++)
            p.Add($"Phase{i}", i < phases.Length ? phases[i] : "-");
        p.Add("Status", string.IsNullOrWhiteSpace(f.Status) ? null : f.Status.Trim());
        p.Add("Path", f.Path is null ? null : (int?)f.Path);
        p.Add("Organisation", string.IsNullOrWhiteSpace(f.ProposerOrganisation) ? null : f.ProposerOrganisation.Trim());
        p.Add("RaisedFrom", f.RaisedFrom);
        p.Add("RaisedTo", f.RaisedTo);
        p.Add("WorkingGroup", string.IsNullOrWhiteSpace(f.WorkingGroup) ? null : f.WorkingGroup.Trim());
        p.Add("TargetRelease", string.IsNullOrWhiteSpace(f.TargetRelease) ? null : f.TargetRelease.Trim());
        p.Add("Offset", offset);
        p.Add("Limit", limit);
        return p;
    }

    private static string Where(string schema) => $"""
        WHERE (@Text IS NULL OR p.Title LIKE @Text OR p.ProblemStatement LIKE @Text)
          AND (@AnyPhase = 1 OR p.Phase IN (@Phase0, @Phase1, @Phase2, @Phase3, @Phase4, @Phase5, @Phase6))
          AND (@Status IS NULL OR p.Status = @Status)
          AND (@Path IS NULL OR p.Path = @Path)
          AND (@Organisation IS NULL OR p.ProposerOrganisation = @Organisation)
          AND (@RaisedFrom IS NULL OR p.RaisedOn >= @RaisedFrom)
          AND (@RaisedTo IS NULL OR p.RaisedOn <= @RaisedTo)
          AND (@TargetRelease IS NULL OR p.TargetRelease = @TargetRelease)
          AND (@WorkingGroup IS NULL OR EXISTS (
                SELECT 1 FROM {schema}.AgendaItem a JOIN {schema}.WorkingGroupMeeting m ON m.Id = a.MeetingId
                WHERE a.ProposalId = p.Id AND m.WorkingGroup = @WorkingGroup))
        """;

    [SqlText]
    public static string SearchSql(string schema) => $"""
        SELECT p.Reference, p.Title, p.ProposerName, p.ProposerOrganisation, p.RaisedOn, p.Phase, p.Status, p.Path, p.Urgent, p.TargetRelease
        FROM {schema}.Proposal p
        {Where(schema)}
        ORDER BY p.Series DESC, p.Number, p.Alternate
        """;

    [SqlText]
    public static string CountSql(string schema) => $"SELECT COUNT(*) FROM {schema}.Proposal p\n{Where(schema)}";

    /// <summary>
    /// Each proposal's last history entry on or before the date, found once per proposal through
    /// the (ProposalId, EffectiveOn) index rather than once per history row.
    /// </summary>
    [SqlText]
    public static string PhaseCountsSql(string schema) => $"""
        SELECT h.Phase, COUNT(*) AS Count
        FROM {schema}.Proposal p
        JOIN {schema}.ProposalHistory h ON h.Sequence = {LastEntryOn(schema, "p.Id", "@AsOf")}
        GROUP BY h.Phase
        """;

    /// <summary>
    /// The sequence of a proposal's last history entry on or before a date (null before it was
    /// raised): the last entry on the latest date, as history is appended in date order. Two seeks
    /// on the (ProposalId, EffectiveOn) index, however long the history.
    /// </summary>
    private static string LastEntryOn(string schema, string proposalId, string date) => $"""
        (SELECT MAX(x.Sequence) FROM {schema}.ProposalHistory x
         WHERE x.ProposalId = {proposalId} AND x.EffectiveOn = (
             SELECT MAX(y.EffectiveOn) FROM {schema}.ProposalHistory y WHERE y.ProposalId = {proposalId} AND y.EffectiveOn <= {date}))
        """;
}
