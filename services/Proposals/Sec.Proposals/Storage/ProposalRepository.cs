using System.Data.Common;
using Dapper;
using Sec.BuildingBlocks.Domain;
using Sec.BuildingBlocks.Messaging;
using Sec.BuildingBlocks.Storage;
using Sec.Contracts;
using Sec.Proposals.Domain;

namespace Sec.Proposals.Storage;

/// <summary>
/// Reads and writes the register. Every write commits the new state, its history entries and its
/// outbox events in one transaction, guarded by the row version.
/// </summary>
public sealed class ProposalRepository(ProposalsStore store, IClock clock)
{
    /// <summary>DP and MP numbers come from one counter, so DP119 becomes MP119 on conversion.</summary>
    public const string ProposalNumberCounter = "proposal-number";

    /// <summary>What a step adds to its transaction besides the proposal itself: events, timers.</summary>
    public delegate Task AlsoWithin(Proposal before, Proposal after, DbConnection connection, DbTransaction tx);

    public Task<Proposal> RaiseAsync(RaiseDraftProposal command, bool fastTrack, Actor actor, CancellationToken ct) =>
        store.InTransactionAsync(async (connection, tx) =>
        {
            var number = await connection.ExecuteScalarAsync<long>(store.Dialect.TakeNextNumber(store.Schema), new { Name = ProposalNumberCounter }, tx);
            var now = clock.UtcNow;
            var reference = ModificationReference.Draft(checked((int)number));
            var proposal = fastTrack ? ProposalSteps.RaiseFastTrack(reference, command, actor, now) : Proposal.Raise(reference, command, actor, now);
            await InsertAsync(connection, tx, proposal, now);
            await Outbox.EnqueueAsync(connection, tx, store.Schema, new DraftProposalRaised(
                Guid.NewGuid(), proposal.Reference.Value, proposal.RaisedOn, proposal.Title, proposal.ProblemStatement,
                proposal.ProposerName, proposal.ProposerOrganisation, proposal.RaisedOn, now, actor.ToString()), now);
            await PublishStatusAsync(connection, tx, null, proposal, now);
            return proposal;
        }, ct);

    /// <summary>
    /// Applies one step: loads the proposal, checks the caller's version, runs the domain rule,
    /// and saves the result with its events, all in one transaction. A lost race is Aborted.
    /// </summary>
    public async Task<Proposal> ApplyAsync(ModificationReference reference, int expectedVersion, Func<Proposal, Proposal> step, AlsoWithin? also, CancellationToken ct)
    {
        var after = await store.InTransactionAsync(async (connection, tx) =>
        {
            var before = await LoadAsync(connection, tx, reference, ct);
            Concurrency.EnsureExpected(expectedVersion, before.Version, before.Reference.Value);
            var changed = step(before);
            await SaveStepAsync(connection, tx, before, changed, also);
            return changed;
        }, ct);
        return after;
    }

    /// <summary>Applies a step to a proposal found by id, inside a transaction the caller owns (consumers, timers).</summary>
    public async Task<Proposal?> ApplyWithinAsync(DbConnection connection, DbTransaction tx, ModificationReference reference, Func<Proposal, Proposal?> step, AlsoWithin? also, CancellationToken ct)
    {
        var before = await LoadAsync(connection, tx, reference, ct);
        var changed = step(before);
        if (changed is null)
            return null;
        await SaveStepAsync(connection, tx, before, changed, also);
        return changed;
    }

    /// <summary>
    /// Imports a modification with its past. The same idempotency key returns what the first import
    /// stored; the same reference under another key is AlreadyExists. The number counter moves past
    /// imported DP and MP numbers, so new raises never collide with them.
    /// </summary>
    public Task<Proposal> ImportAsync(string idempotencyKey, ImportModification import, Actor actor, CancellationToken ct) =>
        store.InTransactionAsync(async (connection, tx) =>
        {
            var earlier = await connection.ExecuteScalarAsync<string?>(FindImportSql(store.Schema), new { IdempotencyKey = idempotencyKey }, tx);
            if (earlier is not null)
                return await LoadByIdAsync(connection, tx, earlier, ct);
            var reference = import.Reference;
            var taken = await connection.ExecuteScalarAsync<string?>(FindByNumberSql(store.Schema),
                new { Series = SeriesOf(reference), reference.Number, reference.Alternate }, tx);
            if (taken is not null)
                throw new AlreadyExists($"{taken} is already in the register; an import with a new idempotency key cannot add it again.");
            var now = clock.UtcNow;
            var proposal = ProposalImport.Build(import, actor, now);
            await InsertAsync(connection, tx, proposal, now);
            await connection.ExecuteAsync(InsertImportSql(store.Schema), new { IdempotencyKey = idempotencyKey, ProposalId = proposal.Id, ImportedAt = now }, tx);
            if (reference.Kind != ReferenceKind.Legacy)
                await connection.ExecuteAsync(RaiseCounterSql(store.Schema), new { Name = ProposalNumberCounter, reference.Number }, tx);
            await Outbox.EnqueueAsync(connection, tx, store.Schema, new DraftProposalRaised(
                Guid.NewGuid(), proposal.Reference.Value, proposal.RaisedOn, proposal.Title, proposal.ProblemStatement,
                proposal.ProposerName, proposal.ProposerOrganisation, proposal.RaisedOn, now, actor.ToString()), now);
            await PublishStatusAsync(connection, tx, null, proposal, now);
            return proposal;
        }, ct);

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
        var history = await connection.QueryAsync<HistoryRow>(new CommandDefinition(
            SelectHistorySql(store.Schema), new { ProposalId = row.Id }, tx, cancellationToken: ct));
        return row.ToDomain(history.Select(h => h.ToDomain()).ToList());
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

    private async Task SaveStepAsync(DbConnection connection, DbTransaction tx, Proposal before, Proposal after, AlsoWithin? also)
    {
        var now = clock.UtcNow;
        var changed = await connection.ExecuteAsync(UpdateProposalSql(store.Schema), ProposalRow.From(after, now) with { ExpectedVersion = before.Version }, tx);
        Concurrency.EnsureUpdated(changed, before.Reference.Value, before.Version);
        await InsertHistoryAsync(connection, tx, after.Id, after.History.Skip(before.History.Count));
        await PublishStatusAsync(connection, tx, before, after, now);
        if (also is not null)
            await also(before, after, connection, tx);
    }

    private Task PublishStatusAsync(DbConnection connection, DbTransaction tx, Proposal? before, Proposal after, DateTimeOffset now)
    {
        var last = after.History[^1];
        return Outbox.EnqueueAsync(connection, tx, store.Schema, new ProposalStatusChanged(
            Guid.NewGuid(), after.Reference.Value, last.EffectiveOn, (before ?? after).Reference.Value, after.Title,
            after.Phase, after.Status, last.Step, after.State.Path, after.State.Urgent, after.RaisedOn), now);
    }

    private Task InsertHistoryAsync(DbConnection connection, DbTransaction tx, string proposalId, IEnumerable<HistoryEntry> entries) =>
        connection.ExecuteAsync(InsertHistorySql(store.Schema), entries.Select(e => HistoryRow.From(proposalId, e)), tx);

    public static string SeriesOf(ModificationReference reference) => reference.Kind == ReferenceKind.Legacy ? "SECMP" : "MP";

    [SqlText] public static string FindImportSql(string schema) => $"SELECT ProposalId FROM {schema}.ImportRecord WHERE IdempotencyKey = @IdempotencyKey";
    [SqlText] public static string InsertImportSql(string schema) => $"INSERT INTO {schema}.ImportRecord (IdempotencyKey, ProposalId, ImportedAt) VALUES (@IdempotencyKey, @ProposalId, @ImportedAt)";
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
                                              Reason, Stage, Phase, Status, Path, Urgent, OnHold, WithdrawalEndsOn)
        VALUES (@ProposalId, @Reference, @Step, @EffectiveOn, @RecordedAt, @ActorName, @ActorOrganisation,
                @Reason, @Stage, @Phase, @Status, @Path, @Urgent, @OnHold, @WithdrawalEndsOn)
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
        SELECT Reference, Step, EffectiveOn, RecordedAt, ActorName, ActorOrganisation, Reason, Stage, Path, Urgent, OnHold, WithdrawalEndsOn
        FROM {schema}.ProposalHistory
        WHERE ProposalId = @ProposalId
        ORDER BY Sequence
        """;
}
