using Dapper;
using Sec.BuildingBlocks.Storage;

namespace Sec.Proposals.Storage;

/// <summary>Working Groups, their meetings and agendas.</summary>
public sealed class WorkingGroupRepository(ProposalsStore store)
{
    public async Task<bool> ExistsAsync(DbConnection connection, DbTransaction tx, string name) =>
        await connection.ExecuteScalarAsync<int>(CountGroupSql(store.Schema), new { Name = name }, tx) > 0;

    public Task InsertAsync(DbConnection connection, DbTransaction tx, string name, string theme) =>
        connection.ExecuteAsync(InsertGroupSql(store.Schema), new { Name = name, Theme = theme }, tx);

    /// <summary>
    /// Adds a meeting with its agenda (the proposals' ids). A second meeting of the group on the same
    /// date is another meeting, numbered after the first; it never replaces it. Returns the meeting as numbered.
    /// </summary>
    public async Task<WorkingGroupMeeting> AddMeetingAsync(DbConnection connection, DbTransaction tx, WorkingGroupMeeting meeting, IEnumerable<string> agendaProposalIds)
    {
        var number = await connection.ExecuteScalarAsync<int>(NextNumberSql(store.Schema), new { meeting.WorkingGroup, meeting.MeetingOn }, tx);
        var id = NewIds.Row();
        await connection.ExecuteAsync(InsertMeetingSql(store.Schema),
            new { Id = id, meeting.WorkingGroup, meeting.MeetingOn, Number = number, Kind = (int)meeting.Kind, meeting.AgendaConfirmedOn, meeting.Outcome }, tx);
        await connection.ExecuteAsync(InsertAgendaItemSql(store.Schema), agendaProposalIds.Select(p => new { MeetingId = id, ProposalId = p }), tx);
        return meeting with { Number = number };
    }

    /// <summary>The group's meetings on a date, in the order they were numbered.</summary>
    public async Task<IReadOnlyList<WorkingGroupMeeting>> OnDateAsync(DbConnection connection, DbTransaction tx, string group, DateOnly meetingOn, CancellationToken ct) =>
        (await MeetingsAsync(connection, tx, SelectMeetingsSql(store.Schema), new { WorkingGroup = group, From = meetingOn, To = meetingOn }, ct)).ToList();

    /// <summary>Records a meeting's outcome, replacing an earlier one.</summary>
    public Task SaveOutcomeAsync(DbConnection connection, DbTransaction tx, WorkingGroupMeeting meeting) =>
        connection.ExecuteAsync(UpdateOutcomeSql(store.Schema), new { meeting.WorkingGroup, meeting.MeetingOn, meeting.Number, meeting.Outcome }, tx);

    /// <summary>Meetings by date, group and number, for one group or all, between two dates (either may be open).</summary>
    public async Task<IReadOnlyList<WorkingGroupMeeting>> ListAsync(string? group, DateOnly? from, DateOnly? to, CancellationToken ct)
    {
        await using var connection = await store.OpenAsync(ct);
        return (await MeetingsAsync(connection, null, SelectMeetingsSql(store.Schema), new { WorkingGroup = group, From = from, To = to }, ct)).ToList();
    }

    /// <summary>Every group with its last and next meeting on <paramref name="asOf"/>; only those two meetings of each group are read.</summary>
    public async Task<IReadOnlyList<WorkingGroupSchedule>> ScheduleOnAsync(DateOnly asOf, CancellationToken ct)
    {
        await using var connection = await store.OpenAsync(ct);
        var groups = await connection.QueryAsync<(string Name, string Theme)>(new CommandDefinition(SelectGroupsSql(store.Schema), cancellationToken: ct));
        var meetings = (await MeetingsAsync(connection, null, SelectLastAndNextMeetingsSql(store.Schema), new { AsOf = asOf }, ct)).ToLookup(m => m.WorkingGroup);
        return groups.Select(g => WorkingGroupSchedule.On(g.Name, g.Theme, meetings[g.Name], asOf)).ToList();
    }

    /// <summary>The first meeting after <paramref name="after"/> with the proposal on its agenda.</summary>
    public async Task<DateOnly?> NextMeetingForAsync(string proposalId, DateOnly after, CancellationToken ct) =>
        await store.ReadAsync(c => c.QueryFirstOrDefaultAsync<DateOnly?>(new CommandDefinition(NextMeetingForSql(store.Schema), new { ProposalId = proposalId, After = after }, cancellationToken: ct)));

    private static async Task<IEnumerable<WorkingGroupMeeting>> MeetingsAsync(DbConnection connection, DbTransaction? tx, string sql, object parameters, CancellationToken ct)
    {
        var rows = await connection.QueryAsync<MeetingRow>(new CommandDefinition(sql, parameters, tx, cancellationToken: ct));
        return rows.GroupBy(r => r.Id).Select(g =>
        {
            var first = g.First();
            return new WorkingGroupMeeting(first.WorkingGroup, first.MeetingOn, (MeetingKind)first.Kind,
                g.Where(r => r.Reference is not null).Select(r => r.Reference!).Order().ToList(), first.AgendaConfirmedOn, first.Number, first.Outcome);
        });
    }

    private sealed record MeetingRow
    {
        public string Id { get; init; } = "";
        public string WorkingGroup { get; init; } = "";
        public DateOnly MeetingOn { get; init; }
        public int Kind { get; init; }
        public DateOnly? AgendaConfirmedOn { get; init; }
        public int Number { get; init; }
        public string? Outcome { get; init; }
        public string? Reference { get; init; }
    }

    [SqlText] public static string CountGroupSql(string schema) => $"SELECT COUNT(*) FROM {schema}.WorkingGroup WHERE Name = @Name";
    [SqlText] public static string InsertGroupSql(string schema) => $"INSERT INTO {schema}.WorkingGroup (Name, Theme) VALUES (@Name, @Theme)";
    [SqlText] public static string SelectGroupsSql(string schema) => $"SELECT Name, Theme FROM {schema}.WorkingGroup ORDER BY Name";
    [SqlText]
    public static string NextNumberSql(string schema) =>
        $"SELECT COALESCE(MAX(Number), 0) + 1 FROM {schema}.WorkingGroupMeeting WHERE WorkingGroup = @WorkingGroup AND MeetingOn = @MeetingOn";

    [SqlText]
    public static string InsertMeetingSql(string schema) => $"""
        INSERT INTO {schema}.WorkingGroupMeeting (Id, WorkingGroup, MeetingOn, Number, Kind, AgendaConfirmedOn, Outcome)
        VALUES (@Id, @WorkingGroup, @MeetingOn, @Number, @Kind, @AgendaConfirmedOn, @Outcome)
        """;

    [SqlText]
    public static string UpdateOutcomeSql(string schema) =>
        $"UPDATE {schema}.WorkingGroupMeeting SET Outcome = @Outcome WHERE WorkingGroup = @WorkingGroup AND MeetingOn = @MeetingOn AND Number = @Number";

    /// <summary>Meetings of one group or all (@WorkingGroup null), from and to dates that may be null, with their agendas.</summary>
    [SqlText]
    public static string SelectMeetingsSql(string schema) => $"""
        SELECT m.Id, m.WorkingGroup, m.MeetingOn, m.Number, m.Kind, m.AgendaConfirmedOn, m.Outcome, p.Reference
        FROM {schema}.WorkingGroupMeeting m
        LEFT JOIN {schema}.AgendaItem a ON a.MeetingId = m.Id
        LEFT JOIN {schema}.Proposal p ON p.Id = a.ProposalId
        WHERE (@WorkingGroup IS NULL OR m.WorkingGroup = @WorkingGroup)
          AND (@From IS NULL OR m.MeetingOn >= @From) AND (@To IS NULL OR m.MeetingOn <= @To)
        ORDER BY m.MeetingOn, m.WorkingGroup, m.Number
        """;
    [SqlText] public static string InsertAgendaItemSql(string schema) => $"INSERT INTO {schema}.AgendaItem (MeetingId, ProposalId) VALUES (@MeetingId, @ProposalId)";

    /// <summary>Each group's last meeting on or before the date and its first after it, with their agendas.</summary>
    [SqlText]
    public static string SelectLastAndNextMeetingsSql(string schema) => $"""
        SELECT m.Id, m.WorkingGroup, m.MeetingOn, m.Number, m.Kind, m.AgendaConfirmedOn, m.Outcome, p.Reference
        FROM {schema}.WorkingGroupMeeting m
        LEFT JOIN {schema}.AgendaItem a ON a.MeetingId = m.Id
        LEFT JOIN {schema}.Proposal p ON p.Id = a.ProposalId
        WHERE m.MeetingOn = (SELECT MAX(l.MeetingOn) FROM {schema}.WorkingGroupMeeting l WHERE l.WorkingGroup = m.WorkingGroup AND l.MeetingOn <= @AsOf)
           OR m.MeetingOn = (SELECT MIN(n.MeetingOn) FROM {schema}.WorkingGroupMeeting n WHERE n.WorkingGroup = m.WorkingGroup AND n.MeetingOn > @AsOf)
        ORDER BY m.MeetingOn, m.Number
        """;

    [SqlText]
    public static string NextMeetingForSql(string schema) => $"""
        SELECT m.MeetingOn FROM {schema}.WorkingGroupMeeting m
        JOIN {schema}.AgendaItem a ON a.MeetingId = m.Id
        WHERE a.ProposalId = @ProposalId AND m.MeetingOn > @After
        ORDER BY m.MeetingOn
        """;
}
