using Dapper;
using Sec.BuildingBlocks.Storage;

namespace Sec.Proposals.Storage;

/// <summary>
/// Stores the register: proposals with their history, the number counter, and the imports already
/// made. Writes run inside the caller's transaction; an update is guarded by the row version.
/// </summary>
public sealed class ProposalRepository(ProposalsStore store)
{
    /// <summary>DP and MP numbers come from one counter, so DP119 becomes MP119 on conversion.</summary>
    public const string ProposalNumberCounter = "proposal-number";

    /// <summary>Takes the next DP number.</summary>
    public async Task<int> TakeNextNumberAsync(DbConnection connection, DbTransaction tx) =>
        checked((int)await connection.ExecuteScalarAsync<long>(store.Dialect.TakeNextNumber(store.Schema), new { Name = ProposalNumberCounter }, tx));

    /// <summary>Moves the counter up to <paramref name="number"/> if it is behind, so new raises never collide with it.</summary>
    public Task MoveNumberPastAsync(DbConnection connection, DbTransaction tx, int number) =>
        connection.ExecuteAsync(RaiseCounterSql(store.Schema), new { Name = ProposalNumberCounter, Number = number }, tx);

    /// <summary>The proposal an earlier import with this idempotency key stored, if there was one.</summary>
    public async Task<Proposal?> FindImportedAsync(DbConnection connection, DbTransaction tx, string idempotencyKey, CancellationToken ct)
    {
        var id = await connection.ExecuteScalarAsync<string?>(FindImportSql(store.Schema), new { IdempotencyKey = idempotencyKey }, tx);
        return id is null ? null : await LoadByIdAsync(connection, tx, id, ct);
    }

    /// <summary>The stored reference with the same number as <paramref name="reference"/> (DP or MP alike), if any.</summary>
    public Task<string?> FindByNumberAsync(DbConnection connection, DbTransaction tx, ModificationReference reference) =>
        connection.ExecuteScalarAsync<string?>(FindByNumberSql(store.Schema), new { Series = SeriesOf(reference), reference.Number, reference.Alternate }, tx);

    /// <summary>The alternates raised beside an MP original (MP102A, MP102B), with their titles, by letter.</summary>
    public async Task<IReadOnlyList<(ModificationReference Reference, string Title)>> AlternatesOfAsync(DbConnection connection, DbTransaction? tx, ModificationReference original, CancellationToken ct) =>
        (await connection.QueryAsync<(string Reference, string Title)>(new CommandDefinition(AlternatesSql(store.Schema),
            new { Series = SeriesOf(original), original.Number }, tx, cancellationToken: ct)))
        .Select(r => (ModificationReference.Parse(r.Reference, "reference"), r.Title)).ToList();

    public Task<IReadOnlyList<(ModificationReference Reference, string Title)>> AlternatesOfAsync(ModificationReference original, CancellationToken ct) =>
        store.ReadAsync(c => AlternatesOfAsync(c, null, original, ct), ct);

    /// <summary>Records that the import with this idempotency key stored <paramref name="proposalId"/>.</summary>
    public Task RecordImportAsync(DbConnection connection, DbTransaction tx, string idempotencyKey, string proposalId, DateTimeOffset now) =>
        connection.ExecuteAsync(InsertImportSql(store.Schema), new { IdempotencyKey = idempotencyKey, ProposalId = proposalId, ImportedAt = now }, tx);

    public async Task<Proposal> GetAsync(ModificationReference reference, CancellationToken ct)
    {
        await using var connection = await store.OpenAsync(ct);
        return await LoadAsync(connection, null, reference, ct);
    }

    /// <summary>Finds a proposal by any form of its reference; DP119 finds MP119 once converted.</summary>
    public async Task<Proposal> LoadAsync(DbConnection connection, DbTransaction? tx, ModificationReference reference, CancellationToken ct)
    {
        var row = await connection.QuerySingleOrDefaultAsync<ProposalRow>(new CommandDefinition(
            SelectProposalSql(store.Schema), new { Series = SeriesOf(reference), reference.Number, reference.Alternate }, tx, cancellationToken: ct))
            ?? throw new NotFound($"{reference} is not in the register.");
        var history = await HistoryRow.QueryAsync(connection, new CommandDefinition(
            SelectHistorySql(store.Schema), new { ProposalId = row.Id }, tx, cancellationToken: ct));
        var voided = await HistoryRow.QueryVoidedAsync(connection, new CommandDefinition(
            SelectVoidedSql(store.Schema), new { ProposalId = row.Id }, tx, cancellationToken: ct));
        return row.ToDomain(history.ToList()) with { Voided = voided };
    }

    private async Task<Proposal> LoadByIdAsync(DbConnection connection, DbTransaction tx, string id, CancellationToken ct)
    {
        var reference = await connection.ExecuteScalarAsync<string>(new CommandDefinition(ReferenceByIdSql(store.Schema), new { Id = id }, tx, cancellationToken: ct));
        return await LoadAsync(connection, tx, ModificationReference.Parse(reference, "reference"), ct);
    }

    /// <summary>Inserts a new proposal with all its history (raising and importing).</summary>
    public async Task InsertAsync(DbConnection connection, DbTransaction tx, Proposal proposal, DateTimeOffset now)
    {
        await connection.ExecuteAsync(InsertProposalSql(store.Schema), ProposalRow.From(proposal, now), tx);
        await InsertHistoryAsync(connection, tx, proposal.Id, proposal.History);
    }

    /// <summary>Saves a step: the proposal's new state if it is still at <paramref name="before"/>'s version (else a conflict), and the history entries the step added.</summary>
    public async Task SaveAsync(DbConnection connection, DbTransaction tx, Proposal before, Proposal after, DateTimeOffset now)
    {
        var changed = await connection.ExecuteAsync(UpdateProposalSql(store.Schema), ProposalRow.From(after, now) with { ExpectedVersion = before.Version }, tx);
        Concurrency.EnsureUpdated(changed, before.Reference.Value, before.Version);
        foreach (var voided in after.Voided.Skip(before.Voided.Count))
        {
            var parameters = HistoryRow.From(after.Id, voided.Entry);
            parameters.AddDynamicParams(new { voided.VoidedAt, VoidedByName = voided.VoidedBy.Name, VoidedByOrganisation = voided.VoidedBy.Organisation, VoidReason = voided.Reason });
            await connection.ExecuteAsync(VoidHistorySql(store.Schema), parameters, tx);
        }
        // A step's voiding shortens the history, so what is new is what the proposal before did not have.
        await InsertHistoryAsync(connection, tx, after.Id, after.History.Where(e => !before.History.Contains(e)));
    }

    private Task InsertHistoryAsync(DbConnection connection, DbTransaction tx, string proposalId, IEnumerable<HistoryEntry> entries) =>
        connection.ExecuteAsync(InsertHistorySql(store.Schema), entries.Select(e => HistoryRow.From(proposalId, e)), tx);

    public static string SeriesOf(ModificationReference reference) => reference.Kind == ReferenceKind.Legacy ? "SECMP" : "MP";

    [SqlText] public static string FindImportSql(string schema) => $"SELECT ProposalId FROM {schema}.ImportRecord WHERE IdempotencyKey = @IdempotencyKey";
    [SqlText] public static string InsertImportSql(string schema) => $"INSERT INTO {schema}.ImportRecord (IdempotencyKey, ProposalId, ImportedAt) VALUES (@IdempotencyKey, @ProposalId, @ImportedAt)";
    [SqlText]
    public static string AlternatesSql(string schema) =>
        $"SELECT Reference, Title FROM {schema}.Proposal WHERE Series = @Series AND Number = @Number AND Alternate <> '' ORDER BY Alternate";

    [SqlText] public static string ReferenceByIdSql(string schema) => $"SELECT Reference FROM {schema}.Proposal WHERE Id = @Id";

    [SqlText]
    public static string FindByNumberSql(string schema) =>
        $"SELECT Reference FROM {schema}.Proposal WHERE Series = @Series AND Number = @Number AND Alternate = @Alternate";

    [SqlText]
    public static string RaiseCounterSql(string schema) => $"""
        INSERT INTO {schema}.Counter (Name, Value) SELECT @Name, 0 WHERE NOT EXISTS (SELECT 1 FROM {schema}.Counter WHERE Name = @Name);
        UPDATE {schema}.Counter SET Value = @Number WHERE Name = @Name AND Value < @Number;
        """;

    [SqlText]
    public static string InsertProposalSql(string schema) => $"""
        INSERT INTO {schema}.Proposal (Id, Reference, Series, Number, Alternate, Title, ProblemStatement, ProposerName,
                                       ProposerOrganisation, RaisedOn, Stage, Phase, Status, Path, Urgent, OnHold,
                                       WithdrawalEndsOn, TargetRelease, Version, CreatedAt, UpdatedAt)
        VALUES (@Id, @Reference, @Series, @Number, @Alternate, @Title, @ProblemStatement, @ProposerName,
                @ProposerOrganisation, @RaisedOn, @Stage, @Phase, @Status, @Path, @Urgent, @OnHold,
                @WithdrawalEndsOn, @TargetRelease, @Version, @Now, @Now)
        """;

    [SqlText]
    public static string UpdateProposalSql(string schema) => $"""
        UPDATE {schema}.Proposal
        SET Reference = @Reference, Series = @Series, Number = @Number, Alternate = @Alternate, Title = @Title,
            ProblemStatement = @ProblemStatement, ProposerName = @ProposerName, ProposerOrganisation = @ProposerOrganisation,
            Stage = @Stage, Phase = @Phase, Status = @Status, Path = @Path, Urgent = @Urgent, OnHold = @OnHold,
            WithdrawalEndsOn = @WithdrawalEndsOn, TargetRelease = @TargetRelease, Version = @Version, UpdatedAt = @Now
        WHERE Id = @Id AND Version = @ExpectedVersion
        """;

    [SqlText]
    public static string InsertHistorySql(string schema) => $"""
        INSERT INTO {schema}.ProposalHistory (ProposalId, Reference, Step, EffectiveOn, RecordedAt, ActorName, ActorOrganisation,
                                              Reason, PreviousTitle, Stage, Phase, Status, Path, Urgent, OnHold, WithdrawalEndsOn)
        VALUES (@ProposalId, @Reference, @Step, @EffectiveOn, @RecordedAt, @ActorName, @ActorOrganisation,
                @Reason, @PreviousTitle, @Stage, @Phase, @Status, @Path, @Urgent, @OnHold, @WithdrawalEndsOn)
        """;

    /// <summary>Moves the latest matching entry out of the history into the voided steps, marked.</summary>
    [SqlText]
    public static string VoidHistorySql(string schema) => $"""
        INSERT INTO {schema}.VoidedHistory (ProposalId, Reference, Step, EffectiveOn, RecordedAt, ActorName, ActorOrganisation,
                                            Reason, PreviousTitle, Stage, Phase, Status, Path, Urgent, OnHold, WithdrawalEndsOn,
                                            VoidedAt, VoidedByName, VoidedByOrganisation, VoidReason)
        VALUES (@ProposalId, @Reference, @Step, @EffectiveOn, @RecordedAt, @ActorName, @ActorOrganisation,
                @Reason, @PreviousTitle, @Stage, @Phase, @Status, @Path, @Urgent, @OnHold, @WithdrawalEndsOn,
                @VoidedAt, @VoidedByName, @VoidedByOrganisation, @VoidReason);
        DELETE FROM {schema}.ProposalHistory WHERE Sequence = (
            SELECT MAX(Sequence) FROM {schema}.ProposalHistory WHERE ProposalId = @ProposalId AND Step = @Step AND EffectiveOn = @EffectiveOn);
        """;

    [SqlText]
    public static string SelectVoidedSql(string schema) => $"""
        SELECT VoidedAt, VoidedByName, VoidedByOrganisation, VoidReason,
               Reference, Step, EffectiveOn, RecordedAt, ActorName, ActorOrganisation, Reason, PreviousTitle, Stage, Path, Urgent, OnHold, WithdrawalEndsOn
        FROM {schema}.VoidedHistory
        WHERE ProposalId = @ProposalId
        ORDER BY Sequence
        """;

    [SqlText]
    public static string SelectProposalSql(string schema) => $"""
        SELECT Id, Reference, Title, ProblemStatement, ProposerName, ProposerOrganisation, RaisedOn, Stage, Path, Urgent,
               OnHold, WithdrawalEndsOn, TargetRelease, Version
        FROM {schema}.Proposal
        WHERE Series = @Series AND Number = @Number AND Alternate = @Alternate
        """;

    [SqlText]
    public static string SelectHistorySql(string schema) => $"""
        SELECT Reference, Step, EffectiveOn, RecordedAt, ActorName, ActorOrganisation, Reason, PreviousTitle, Stage, Path, Urgent, OnHold, WithdrawalEndsOn
        FROM {schema}.ProposalHistory
        WHERE ProposalId = @ProposalId
        ORDER BY Sequence
        """;
}
