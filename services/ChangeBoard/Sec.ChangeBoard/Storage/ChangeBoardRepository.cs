using System.Data;
using System.Text.Json;
using Dapper;
using Sec.BuildingBlocks.Storage;

namespace Sec.ChangeBoard.Storage;

/// <summary>Members, meetings and agenda items, read and written inside the caller's transaction; an item's change is guarded by its row version.</summary>
public sealed class ChangeBoardRepository(ChangeBoardStore store, IClock clock)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    static ChangeBoardRepository() => SqlMapper.AddTypeHandler(new BreakdownColumn());

    public Task InsertMemberAsync(DbConnection c, DbTransaction tx, Member member) =>
        c.ExecuteAsync(InsertMemberSql(store.Schema), new { member.Id, member.Name, member.Organisation, VotingGroup = (int)member.Group, FromDate = member.From, ToDate = member.To }, tx);

    public async Task<Member> MemberAsync(DbConnection c, DbTransaction? tx, string id, CancellationToken ct)
    {
        var row = await c.QuerySingleOrDefaultAsync<MemberRow>(new CommandDefinition(SelectMemberSql(store.Schema), new { Id = id }, tx, cancellationToken: ct))
            ?? throw new NotFound($"There is no Change Board member {id}.");
        return new Member(row.Id, row.Name, row.Organisation, (VotingGroup)row.VotingGroup, row.FromDate, row.ToDate);
    }

    /// <summary>The id of the meeting on a date, if there is one.</summary>
    public Task<string?> MeetingOnAsync(DbConnection c, DbTransaction tx, DateOnly on) =>
        c.ExecuteScalarAsync<string?>(MeetingOnSql(store.Schema), new { MeetingOn = on }, tx);

    public Task InsertMeetingAsync(DbConnection c, DbTransaction tx, string id, DateOnly on) =>
        c.ExecuteAsync(InsertMeetingSql(store.Schema), new { Id = id, MeetingOn = on }, tx);

    public async Task<DateOnly> MeetingDateAsync(DbConnection c, DbTransaction? tx, string meetingId, CancellationToken ct) =>
        await c.QuerySingleOrDefaultAsync<DateOnly?>(new CommandDefinition(MeetingDateSql(store.Schema), new { Id = meetingId }, tx, cancellationToken: ct))
        ?? throw new NotFound($"There is no Change Board meeting {meetingId}.");

    /// <summary>Remembers the path the register gave, replacing any earlier one.</summary>
    public Task RecordReadyAsync(DbConnection c, DbTransaction tx, string reference, DecisionPath path, DateOnly readyOn) =>
        c.ExecuteAsync(UpsertReadySql(store.Schema), new { Reference = reference, Path = (int)path, ReadyOn = readyOn }, tx);

    public async Task InsertItemAsync(DbConnection c, DbTransaction tx, AgendaItem item)
    {
        await c.ExecuteAsync(InsertItemSql(store.Schema), Parameters(item), tx);
        await SaveVotesAsync(c, tx, item, 0);
    }

    public async Task<AgendaItem> LoadItemAsync(DbConnection c, DbTransaction? tx, string id, CancellationToken ct)
    {
        var item = await c.QuerySingleOrDefaultAsync<AgendaItem>(new CommandDefinition(SelectItemSql(store.Schema) + " WHERE i.Id = @Id", new { Id = id }, tx, cancellationToken: ct))
            ?? throw new NotFound($"There is no agenda item {id}.");
        var votes = await c.QueryAsync<VoteRow>(new CommandDefinition(SelectVotesSql(store.Schema), new { ItemId = id }, tx, cancellationToken: ct));
        return item with { Votes = Votes(votes) };
    }

    /// <summary>One item, read on its own connection.</summary>
    public Task<AgendaItem> ItemAsync(string id, CancellationToken ct) => store.ReadAsync(c => LoadItemAsync(c, null, id, ct), ct);

    /// <summary>The open items of a modification.</summary>
    public async Task<IReadOnlyList<string>> OpenItemIdsAsync(DbConnection c, DbTransaction tx, string reference, CancellationToken ct) =>
        (await c.QueryAsync<string>(new CommandDefinition(OpenItemIdsSql(store.Schema), new { Reference = reference }, tx, cancellationToken: ct))).ToList();

    /// <summary>The items of a modification that the withdrawal on a date cancelled.</summary>
    public async Task<IReadOnlyList<string>> CancelledItemIdsAsync(DbConnection c, DbTransaction tx, string reference, DateOnly withdrawnOn, CancellationToken ct) =>
        (await c.QueryAsync<string>(new CommandDefinition(CancelledItemIdsSql(store.Schema), new { Reference = reference, WithdrawnOn = withdrawnOn }, tx, cancellationToken: ct))).ToList();

    /// <summary>Every vote that says something about the register (open, decided, referred, with the Authority or final), for the consistency check.</summary>
    public Task<IReadOnlyList<AgendaItem>> StandingVotesAsync(CancellationToken ct) => ItemsAsync(Filters.StandingVotes, new { }, ct);

    /// <summary>The votes closed at meetings in a period.</summary>
    public Task<IReadOnlyList<AgendaItem>> VotesAsync(DateOnly from, DateOnly to, CancellationToken ct) => ItemsAsync(Filters.VotesIn, new { From = from, To = to }, ct);

    /// <summary>The items that became final in a period.</summary>
    public Task<IReadOnlyList<AgendaItem>> FinalAsync(DateOnly from, DateOnly to, CancellationToken ct) => ItemsAsync(Filters.FinalIn, new { From = from, To = to }, ct);

    /// <summary>Decisions still in their referral window on a date, and referred ones.</summary>
    public Task<IReadOnlyList<AgendaItem>> PendingReferralsAsync(DateOnly asOf, CancellationToken ct) => ItemsAsync(Filters.PendingReferrals, new { AsOf = asOf }, ct);

    public Task<IReadOnlyList<AgendaItem>> WithAuthorityAsync(CancellationToken ct) => ItemsAsync(Filters.WithAuthority, new { }, ct);

    public Task<IReadOnlyList<AgendaItem>> AgendaAsync(string meetingId, CancellationToken ct) => ItemsAsync(Filters.OnMeeting, new { MeetingId = meetingId }, ct);

    /// <summary>Every item of one modification, by meeting date.</summary>
    public Task<IReadOnlyList<AgendaItem>> ItemsOfAsync(string reference, CancellationToken ct) => ItemsAsync(Filters.OfModification, new { Reference = reference }, ct);

    /// <summary>Items matching a filter (a fixed WHERE clause of this class), with their votes read in one more query, not one per item.</summary>
    private async Task<IReadOnlyList<AgendaItem>> ItemsAsync(string where, object parameters, CancellationToken ct)
    {
        await using var c = await store.OpenAsync(ct);
        var items = (await c.QueryAsync<AgendaItem>(new CommandDefinition(FilteredItemsSql(store.Schema, where), parameters, cancellationToken: ct))).ToList();
        if (items.Count == 0)
            return [];
        var votes = (await c.QueryAsync<VoteRow>(new CommandDefinition(FilteredVotesSql(store.Schema, where), parameters, cancellationToken: ct))).ToLookup(v => v.ItemId);
        return items.Select(item => item with { Votes = Votes(votes[item.Id]) }).ToList();
    }

    /// <summary>Saves a changed item with its new votes; a concurrent change makes this Aborted.</summary>
    public async Task SaveAsync(DbConnection c, DbTransaction tx, AgendaItem before, AgendaItem after)
    {
        var changed = await c.ExecuteAsync(UpdateItemSql(store.Schema), Parameters(after, before.Version), tx);
        Concurrency.EnsureUpdated(changed, $"Agenda item {after.Reference}", before.Version);
        // A member's new vote supersedes the votes that member cast before; it is inserted after.
        await c.ExecuteAsync(SupersedeSql(store.Schema), after.Votes.Skip(before.Votes.Count).Select(v => new { ItemId = after.Id, v.MemberId }), tx);
        await SaveVotesAsync(c, tx, after, before.Votes.Count);
    }

    private Task SaveVotesAsync(DbConnection c, DbTransaction tx, AgendaItem item, int already) =>
        c.ExecuteAsync(InsertVoteSql(store.Schema), item.Votes.Skip(already).Select(v => new
        {
            ItemId = item.Id, v.MemberId, v.MemberName, VotingGroup = (int)v.Group, Value = (int)v.Value, v.Superseded, CastAt = clock.UtcNow, v.CastOn,
        }), tx);

    /// <summary>The first meeting after <paramref name="asOf"/>, if one is scheduled.</summary>
    public async Task<(string Id, DateOnly MeetingOn)?> NextMeetingAsync(DateOnly asOf, CancellationToken ct)
    {
        var row = await store.ReadAsync(c => c.QueryFirstOrDefaultAsync<MeetingRow>(new CommandDefinition(NextMeetingSql(store.Schema), new { AsOf = asOf }, cancellationToken: ct)));
        return row is null ? null : (row.Id, row.MeetingOn);
    }

    /// <summary>Every member, by name.</summary>
    public async Task<IReadOnlyList<Member>> MembersAsync(CancellationToken ct) =>
        (await store.ReadAsync(c => c.QueryAsync<MemberRow>(new CommandDefinition(SelectMembersSql(store.Schema), cancellationToken: ct))))
        .Select(row => new Member(row.Id, row.Name, row.Organisation, (VotingGroup)row.VotingGroup, row.FromDate, row.ToDate)).ToList();

    /// <summary>The meetings in a period, by date.</summary>
    public async Task<IReadOnlyList<(string Id, DateOnly MeetingOn)>> MeetingsAsync(DateOnly from, DateOnly to, CancellationToken ct) =>
        (await store.ReadAsync(c => c.QueryAsync<MeetingRow>(new CommandDefinition(MeetingsInSql(store.Schema), new { From = from, To = to }, cancellationToken: ct))))
        .Select(row => (row.Id, row.MeetingOn)).ToList();

    /// <summary>The agenda items of every meeting in a period.</summary>
    public Task<IReadOnlyList<AgendaItem>> AgendasAsync(DateOnly from, DateOnly to, CancellationToken ct) => ItemsAsync(Filters.MeetingsIn, new { From = from, To = to }, ct);

    private sealed record MeetingRow
    {
        public string Id { get; init; } = "";
        public DateOnly MeetingOn { get; init; }
    }

    private sealed record MemberRow
    {
        public string Id { get; init; } = "";
        public string Name { get; init; } = "";
        public string Organisation { get; init; } = "";
        public int VotingGroup { get; init; }
        public DateOnly FromDate { get; init; }
        public DateOnly? ToDate { get; init; }
    }

    private sealed record VoteRow
    {
        public string ItemId { get; init; } = "";
        public string MemberId { get; init; } = "";
        public string MemberName { get; init; } = "";
        public int VotingGroup { get; init; }
        public int Value { get; init; }
        public bool Superseded { get; init; }
        public DateOnly? CastOn { get; init; }
    }

    /// <summary>The item's own properties are its columns (Dapper binds those the SQL names); a change carries the version it expects.</summary>
    private static DynamicParameters Parameters(AgendaItem item, int? expectedVersion = null)
    {
        var parameters = new DynamicParameters(item);
        if (expectedVersion is { } expected)
            parameters.Add("ExpectedVersion", expected);
        return parameters;
    }

    private static IReadOnlyList<Vote> Votes(IEnumerable<VoteRow> votes) =>
        votes.Select(v => new Vote(v.MemberId, v.MemberName, (VotingGroup)v.VotingGroup, (VoteValue)v.Value, v.Superseded, v.CastOn)).ToList();

    /// <summary>A counted vote's breakdown is stored as JSON text; an item not yet counted has none (NULL).</summary>
    private sealed class BreakdownColumn : SqlMapper.TypeHandler<IReadOnlyList<GroupTally>>
    {
        public override void SetValue(IDbDataParameter parameter, IReadOnlyList<GroupTally>? value)
        {
            parameter.DbType = DbType.String;
            parameter.Value = value is null || value.Count == 0 ? DBNull.Value : JsonSerializer.Serialize(value, Json);
        }

        public override IReadOnlyList<GroupTally> Parse(object value) => JsonSerializer.Deserialize<List<GroupTally>>((string)value, Json)!;
    }

    [SqlText]
    public static string InsertMemberSql(string schema) =>
        $"INSERT INTO {schema}.Member (Id, Name, Organisation, VotingGroup, FromDate, ToDate) VALUES (@Id, @Name, @Organisation, @VotingGroup, @FromDate, @ToDate)";

    [SqlText] public static string SelectMemberSql(string schema) => $"SELECT Id, Name, Organisation, VotingGroup, FromDate, ToDate FROM {schema}.Member WHERE Id = @Id";
    [SqlText] public static string MeetingOnSql(string schema) => $"SELECT Id FROM {schema}.Meeting WHERE MeetingOn = @MeetingOn";
    [SqlText] public static string InsertMeetingSql(string schema) => $"INSERT INTO {schema}.Meeting (Id, MeetingOn) VALUES (@Id, @MeetingOn)";
    [SqlText] public static string MeetingDateSql(string schema) => $"SELECT MeetingOn FROM {schema}.Meeting WHERE Id = @Id";

    [SqlText]
    public static string UpsertReadySql(string schema) => $"""
        DELETE FROM {schema}.ReadyForDecision WHERE Reference = @Reference;
        INSERT INTO {schema}.ReadyForDecision (Reference, Path, ReadyOn) VALUES (@Reference, @Path, @ReadyOn);
        """;

    [SqlText]
    public static string InsertItemSql(string schema) => $"""
        INSERT INTO {schema}.AgendaItem (Id, MeetingId, Reference, Kind, Path, Status, Outcome, Breakdown, CountingRule, ReferralWindowEndsOn,
                                         ReferredBy, ReferredOn, FinalOutcome, FinalOn, CarriedTo, DecidedOn, Version)
        VALUES (@Id, @MeetingId, @Reference, @Kind, @Path, @Status, @Outcome, @Breakdown, @CountingRule, @ReferralWindowEndsOn,
                @ReferredBy, @ReferredOn, @FinalOutcome, @FinalOn, @CarriedTo, @DecidedOn, @Version)
        """;

    [SqlText]
    public static string UpdateItemSql(string schema) => $"""
        UPDATE {schema}.AgendaItem
        SET Status = @Status, Outcome = @Outcome, Breakdown = @Breakdown, CountingRule = @CountingRule, ReferralWindowEndsOn = @ReferralWindowEndsOn,
            ReferredBy = @ReferredBy, ReferredOn = @ReferredOn, FinalOutcome = @FinalOutcome, FinalOn = @FinalOn, CarriedTo = @CarriedTo, CancelledOn = @CancelledOn, DecidedOn = @DecidedOn, Version = @Version
        WHERE Id = @Id AND Version = @ExpectedVersion
        """;

    [SqlText]
    public static string SelectItemSql(string schema) => $"""
        SELECT i.Id, i.MeetingId, m.MeetingOn, i.Reference, i.Kind, i.Path, i.Status, i.Outcome, i.Breakdown, i.CountingRule, i.ReferralWindowEndsOn,
               i.ReferredBy, i.ReferredOn, i.FinalOutcome, i.FinalOn, i.CarriedTo, i.CancelledOn, i.DecidedOn, i.Version
        FROM {schema}.AgendaItem i JOIN {schema}.Meeting m ON m.Id = i.MeetingId
        """;

    [SqlText] public static string SelectVotesSql(string schema) => $"SELECT ItemId, MemberId, MemberName, VotingGroup, Value, Superseded, CastOn FROM {schema}.Vote WHERE ItemId = @ItemId ORDER BY Sequence";

    [SqlText]
    public static string InsertVoteSql(string schema) =>
        $"INSERT INTO {schema}.Vote (ItemId, MemberId, MemberName, VotingGroup, Value, Superseded, CastAt, CastOn) VALUES (@ItemId, @MemberId, @MemberName, @VotingGroup, @Value, @Superseded, @CastAt, @CastOn)";

    [SqlText] public static string SupersedeSql(string schema) => $"UPDATE {schema}.Vote SET Superseded = 1 WHERE ItemId = @ItemId AND MemberId = @MemberId";

    [SqlText] public static string OpenItemIdsSql(string schema) => $"SELECT i.Id FROM {schema}.AgendaItem i {Filters.OpenFor}";

    [SqlText] public static string CancelledItemIdsSql(string schema) =>
        $"SELECT Id FROM {schema}.AgendaItem WHERE Reference = @Reference AND Status = 7 AND CancelledOn = @WithdrawnOn";

    [SqlText] public static string SelectMembersSql(string schema) => $"SELECT Id, Name, Organisation, VotingGroup, FromDate, ToDate FROM {schema}.Member ORDER BY Name, FromDate";
    [SqlText] public static string MeetingsInSql(string schema) => $"SELECT Id, MeetingOn FROM {schema}.Meeting WHERE MeetingOn >= @From AND MeetingOn <= @To ORDER BY MeetingOn";

    [SqlText] public static string NextMeetingSql(string schema) => $"SELECT Id, MeetingOn FROM {schema}.Meeting WHERE MeetingOn > @AsOf ORDER BY MeetingOn";

    /// <summary>The fixed filters the queries use with <see cref="ItemsAsync"/>.</summary>
    public static class Filters
    {
        public const string VotesIn = "WHERE i.Kind = 1 AND i.Status IN (3, 4, 5, 6) AND m.MeetingOn >= @From AND m.MeetingOn <= @To";
        public const string FinalIn = "WHERE i.Status = 5 AND i.FinalOn >= @From AND i.FinalOn <= @To";
        public const string PendingReferrals = "WHERE (i.Status = 3 AND i.ReferralWindowEndsOn >= @AsOf) OR i.Status = 4";
        public const string WithAuthority = "WHERE i.Status = 6";
        public const string OnMeeting = "WHERE i.MeetingId = @MeetingId";
        public const string OpenFor = "WHERE i.Reference = @Reference AND i.Status = 1";
        public const string StandingVotes = "WHERE i.Kind = 1 AND i.Status IN (1, 3, 4, 5, 6)";
        public const string MeetingsIn = "WHERE m.MeetingOn >= @From AND m.MeetingOn <= @To";
        public const string OfModification = "WHERE i.Reference = @Reference";

        public static readonly string[] All = [VotesIn, FinalIn, PendingReferrals, WithAuthority, OnMeeting, OpenFor, StandingVotes, MeetingsIn, OfModification];
    }

    public static string FilteredItemsSql(string schema, string where) => $"{SelectItemSql(schema)} {where} ORDER BY m.MeetingOn, i.Reference";

    /// <summary>The votes on the items a filter picks, each item's in the order cast.</summary>
    public static string FilteredVotesSql(string schema, string where) => $"""
        SELECT v.ItemId, v.MemberId, v.MemberName, v.VotingGroup, v.Value, v.Superseded, v.CastOn
        FROM {schema}.Vote v
        WHERE v.ItemId IN (SELECT i.Id FROM {schema}.AgendaItem i JOIN {schema}.Meeting m ON m.Id = i.MeetingId {where})
        ORDER BY v.ItemId, v.Sequence
        """;

    /// <summary>Every filtered item query, so the SQL Server parser sees each one whole.</summary>
    [SqlText]
    public static string FilteredItemsSql(string schema) => string.Join(";\n", Filters.All.Select(f => FilteredItemsSql(schema, f)));

    /// <summary>Every filtered votes query, so the SQL Server parser sees each one whole.</summary>
    [SqlText]
    public static string FilteredVotesSql(string schema) => string.Join(";\n", Filters.All.Select(f => FilteredVotesSql(schema, f)));
}
