using Dapper;
using Sec.BuildingBlocks.Storage;

namespace Sec.Proposals.Storage;

/// <summary>Refinement and Modification Report Consultations, and their responses.</summary>
public sealed class ConsultationRepository(ProposalsStore store)
{
    /// <summary>The proposal's consultation of this kind, if it has one.</summary>
    public async Task<Consultation?> FindAsync(DbConnection connection, DbTransaction? tx, string proposalId, ConsultationKind kind, CancellationToken ct) =>
        (await QueryAsync(connection, tx, proposalId, kind, ct)).SingleOrDefault();

    /// <summary>Stores the proposal's consultation of this kind with these dates, creating it the first time.</summary>
    public async Task SaveAsync(DbConnection connection, DbTransaction tx, string proposalId, ConsultationKind kind, DateOnly? expectedWeek, DateOnly? issuedOn, DateOnly? closesOn)
    {
        var id = await connection.ExecuteScalarAsync<string?>(FindSql(store.Schema), new { ProposalId = proposalId, Kind = (int)kind }, tx);
        var values = new
        {
            Id = id ?? NewIds.Row(),
            ProposalId = proposalId,
            Kind = (int)kind,
            ExpectedWeekCommencing = expectedWeek,
            IssuedOn = issuedOn,
            ClosesOn = closesOn,
        };
        await connection.ExecuteAsync(id is null ? InsertSql(store.Schema) : UpdateSql(store.Schema), values, tx);
    }

    /// <summary>Adds a response to the proposal's consultation of this kind.</summary>
    public async Task AddResponseAsync(DbConnection connection, DbTransaction tx, string proposalId, ConsultationKind kind, ConsultationResponse response)
    {
        var id = await connection.ExecuteScalarAsync<string>(FindSql(store.Schema), new { ProposalId = proposalId, Kind = (int)kind }, tx);
        await connection.ExecuteAsync(InsertResponseSql(store.Schema), new
        {
            ConsultationId = id,
            Respondent = response.Respondent.Trim(),
            Organisation = response.Organisation.Trim(),
            PartyCategory = response.PartyCategory.Trim(),
            response.ReceivedOn,
            Position = response.Position == ResponsePosition.None ? (int?)null : (int)response.Position,
            Text = response.Text.Trim().Length == 0 ? null : response.Text.Trim(),
        }, tx);
    }

    /// <summary>Stores the cancellation of the proposal's consultation of this kind.</summary>
    public Task CancelAsync(DbConnection connection, DbTransaction tx, string proposalId, ConsultationKind kind, DateOnly cancelledOn, string reason) =>
        connection.ExecuteAsync(CancelSql(store.Schema), new { ProposalId = proposalId, Kind = (int)kind, CancelledOn = cancelledOn, CancellationReason = reason }, tx);

    public async Task<IReadOnlyList<Consultation>> AllAsync(CancellationToken ct)
    {
        await using var connection = await store.OpenAsync(ct);
        return await QueryAsync(connection, null, null, null, ct);
    }

    /// <summary>
    /// The consultations still current on <paramref name="asOf"/>: not yet issued, or issued and not
    /// closed before it, and not cancelled by then. Those that closed or were cancelled earlier are history the report does not list.
    /// </summary>
    public async Task<IReadOnlyList<Consultation>> CurrentOnAsync(DateOnly asOf, CancellationToken ct)
    {
        await using var connection = await store.OpenAsync(ct);
        return await ReadAsync(connection, null, SelectCurrentSql(store.Schema), new { AsOf = asOf }, ct);
    }

    /// <summary>When the proposal's open consultation closes, if one is open on <paramref name="asOf"/>.</summary>
    public async Task<DateOnly?> OpenClosingDateAsync(string proposalId, DateOnly asOf, CancellationToken ct)
    {
        await using var connection = await store.OpenAsync(ct);
        var all = await QueryAsync(connection, null, proposalId, null, ct);
        return all.Where(c => c.IsOpen(asOf)).Select(c => c.ClosesOn).FirstOrDefault();
    }

    private Task<IReadOnlyList<Consultation>> QueryAsync(DbConnection connection, DbTransaction? tx, string? proposalId, ConsultationKind? kind, CancellationToken ct) =>
        ReadAsync(connection, tx, SelectSql(store.Schema), new { ProposalId = proposalId, Kind = (int?)kind }, ct);

    private static async Task<IReadOnlyList<Consultation>> ReadAsync(DbConnection connection, DbTransaction? tx, string sql, object parameters, CancellationToken ct)
    {
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(sql, parameters, tx, cancellationToken: ct));
        return rows.GroupBy(r => r.Id).Select(g =>
        {
            var c = g.First();
            var responses = g.Where(r => r.Respondent is not null)
                .Select(r => new ConsultationResponse(r.Respondent!, r.Organisation!, r.PartyCategory!, r.ReceivedOn!.Value, (ResponsePosition)(r.Position ?? 0), r.Text ?? "")).ToList();
            return new Consultation(c.Reference, c.Title, (ConsultationKind)c.Kind, c.ExpectedWeekCommencing, c.IssuedOn, c.ClosesOn, responses, c.CancelledOn, c.CancellationReason);
        }).ToList();
    }

    private sealed record Row
    {
        public string Id { get; init; } = "";
        public string Reference { get; init; } = "";
        public string Title { get; init; } = "";
        public int Kind { get; init; }
        public DateOnly? ExpectedWeekCommencing { get; init; }
        public DateOnly? IssuedOn { get; init; }
        public DateOnly? ClosesOn { get; init; }
        public DateOnly? CancelledOn { get; init; }
        public string? CancellationReason { get; init; }
        public string? Respondent { get; init; }
        public string? Organisation { get; init; }
        public string? PartyCategory { get; init; }
        public DateOnly? ReceivedOn { get; init; }
        public int? Position { get; init; }
        public string? Text { get; init; }
    }

    [SqlText] public static string FindSql(string schema) => $"SELECT Id FROM {schema}.Consultation WHERE ProposalId = @ProposalId AND Kind = @Kind";

    [SqlText]
    public static string InsertSql(string schema) => $"""
        INSERT INTO {schema}.Consultation (Id, ProposalId, Kind, ExpectedWeekCommencing, IssuedOn, ClosesOn)
        VALUES (@Id, @ProposalId, @Kind, @ExpectedWeekCommencing, @IssuedOn, @ClosesOn)
        """;

    /// <summary>Recording new dates on a cancelled consultation expects it afresh, so the cancellation is cleared.</summary>
    [SqlText]
    public static string UpdateSql(string schema) => $"""
        UPDATE {schema}.Consultation
        SET ExpectedWeekCommencing = @ExpectedWeekCommencing, IssuedOn = @IssuedOn, ClosesOn = @ClosesOn, CancelledOn = NULL, CancellationReason = NULL
        WHERE Id = @Id
        """;

    [SqlText]
    public static string CancelSql(string schema) =>
        $"UPDATE {schema}.Consultation SET CancelledOn = @CancelledOn, CancellationReason = @CancellationReason WHERE ProposalId = @ProposalId AND Kind = @Kind";

    [SqlText]
    public static string InsertResponseSql(string schema) => $"""
        INSERT INTO {schema}.ConsultationResponse (ConsultationId, Respondent, Organisation, PartyCategory, ReceivedOn, Position, Text)
        VALUES (@ConsultationId, @Respondent, @Organisation, @PartyCategory, @ReceivedOn, @Position, @Text)
        """;

    private static string Select(string schema, string where) => $"""
        SELECT c.Id, p.Reference, p.Title, c.Kind, c.ExpectedWeekCommencing, c.IssuedOn, c.ClosesOn, c.CancelledOn, c.CancellationReason,
               r.Respondent, r.Organisation, r.PartyCategory, r.ReceivedOn, r.Position, r.Text
        FROM {schema}.Consultation c
        JOIN {schema}.Proposal p ON p.Id = c.ProposalId
        LEFT JOIN {schema}.ConsultationResponse r ON r.ConsultationId = c.Id
        WHERE {where}
        ORDER BY p.Reference, c.Kind, r.Sequence
        """;

    [SqlText]
    public static string SelectSql(string schema) => Select(schema, "(@ProposalId IS NULL OR c.ProposalId = @ProposalId) AND (@Kind IS NULL OR c.Kind = @Kind)");

    [SqlText]
    public static string SelectCurrentSql(string schema) =>
        Select(schema, "(c.IssuedOn IS NULL OR c.IssuedOn > @AsOf OR c.ClosesOn IS NULL OR c.ClosesOn >= @AsOf) AND (c.CancelledOn IS NULL OR c.CancelledOn > @AsOf)");
}
