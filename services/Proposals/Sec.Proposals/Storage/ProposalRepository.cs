using System.Data.Common;
using Dapper;
using Sec.BuildingBlocks.Domain;
using Sec.BuildingBlocks.Messaging;
using Sec.BuildingBlocks.Storage;
using Sec.Contracts;
using Sec.Proposals.Domain;

namespace Sec.Proposals.Storage;

/// <summary>Reads and writes the register. Every write commits with its history and its outbox events.</summary>
public sealed class ProposalRepository(ProposalsStore store, IClock clock)
{
    /// <summary>DP and MP numbers come from one counter, so DP119 becomes MP119 on conversion.</summary>
    public const string ProposalNumberCounter = "proposal-number";

    public Task<Proposal> RaiseDraftProposalAsync(RaiseDraftProposal command, Actor actor, CancellationToken ct) =>
        store.InTransactionAsync(async (connection, tx) =>
        {
            var number = await connection.ExecuteScalarAsync<long>(store.Dialect.TakeNextNumber(store.Schema), new { Name = ProposalNumberCounter }, tx);
            var now = clock.UtcNow;
            var reference = ModificationReference.Draft(checked((int)number));
            var proposal = Proposal.Raise(reference, command, actor, now);
            await connection.ExecuteAsync(InsertProposalSql(store.Schema), new
            {
                proposal.Id,
                proposal.Reference,
                Series = SeriesOf(reference),
                reference.Number,
                reference.Alternate,
                proposal.Title,
                proposal.ProblemStatement,
                proposal.ProposerName,
                proposal.ProposerOrganisation,
                proposal.RaisedOn,
                Phase = proposal.Phase.ToString(),
                proposal.Status,
                proposal.Version,
                Now = now,
            }, tx);
            await InsertHistoryAsync(connection, tx, proposal.Id, proposal.History);
            await Outbox.EnqueueAsync(connection, tx, store.Schema, new DraftProposalRaised(
                Guid.NewGuid(), proposal.Reference, proposal.RaisedOn, proposal.Title, proposal.ProblemStatement,
                proposal.ProposerName, proposal.ProposerOrganisation, proposal.RaisedOn, now, actor.ToString()), now);
            return proposal;
        }, ct);

    public async Task<Proposal> AmendProblemStatementAsync(ModificationReference reference, AmendProblemStatement command, Actor actor, CancellationToken ct)
    {
        await store.InTransactionAsync(async (connection, tx) =>
        {
            var proposal = await LoadAsync(connection, tx, reference, ct);
            Concurrency.EnsureExpected(command.ExpectedVersion, proposal.Version, proposal.Reference);
            var now = clock.UtcNow;
            var entry = AmendmentRules.Apply(proposal, command, actor, now);
            var changed = await connection.ExecuteAsync(AmendProblemStatementSql(store.Schema), new
            {
                proposal.Id,
                ProblemStatement = command.ProblemStatement.Trim(),
                ExpectedVersion = proposal.Version,
                Now = now,
            }, tx);
            Concurrency.EnsureUpdated(changed, proposal.Reference, proposal.Version);
            await InsertHistoryAsync(connection, tx, proposal.Id, [entry]);
        }, ct);
        return await GetAsync(reference, ct);
    }

    /// <summary>Finds a proposal by any form of its reference; DP119 finds MP119 once converted.</summary>
    public async Task<Proposal> GetAsync(ModificationReference reference, CancellationToken ct)
    {
        await using var connection = await store.OpenAsync(ct);
        return await LoadAsync(connection, null, reference, ct);
    }

    private async Task<Proposal> LoadAsync(DbConnection connection, DbTransaction? tx, ModificationReference reference, CancellationToken ct)
    {
        var proposal = await connection.QuerySingleOrDefaultAsync<Proposal>(new CommandDefinition(
            SelectProposalSql(store.Schema), new { Series = SeriesOf(reference), reference.Number, reference.Alternate }, tx, cancellationToken: ct))
            ?? throw new NotFound($"{reference} is not in the register.");
        var history = await connection.QueryAsync<HistoryEntry>(new CommandDefinition(
            SelectHistorySql(store.Schema), new { ProposalId = proposal.Id }, tx, cancellationToken: ct));
        return new Proposal
        {
            Id = proposal.Id,
            Reference = proposal.Reference,
            Title = proposal.Title,
            ProblemStatement = proposal.ProblemStatement,
            ProposerName = proposal.ProposerName,
            ProposerOrganisation = proposal.ProposerOrganisation,
            RaisedOn = proposal.RaisedOn,
            Phase = proposal.Phase,
            Status = proposal.Status,
            Version = proposal.Version,
            History = history.ToList(),
        };
    }

    private Task InsertHistoryAsync(DbConnection connection, DbTransaction tx, string proposalId, IEnumerable<HistoryEntry> entries) =>
        connection.ExecuteAsync(InsertHistorySql(store.Schema), entries.Select(e => new
        {
            ProposalId = proposalId,
            e.EffectiveOn,
            e.RecordedAt,
            e.ActorName,
            e.ActorOrganisation,
            e.Reason,
            Phase = e.Phase.ToString(),
            e.Status,
        }), tx);

    private static string SeriesOf(ModificationReference reference) => reference.Kind == ReferenceKind.Legacy ? "SECMP" : "MP";

    [SqlText]
    public static string InsertProposalSql(string schema) => $"""
        INSERT INTO {schema}.Proposal (Id, Reference, Series, Number, Alternate, Title, ProblemStatement, ProposerName,
                                       ProposerOrganisation, RaisedOn, Phase, Status, Version, CreatedAt, UpdatedAt)
        VALUES (@Id, @Reference, @Series, @Number, @Alternate, @Title, @ProblemStatement, @ProposerName,
                @ProposerOrganisation, @RaisedOn, @Phase, @Status, @Version, @Now, @Now)
        """;

    [SqlText]
    public static string InsertHistorySql(string schema) => $"""
        INSERT INTO {schema}.ProposalHistory (ProposalId, EffectiveOn, RecordedAt, ActorName, ActorOrganisation, Reason, Phase, Status)
        VALUES (@ProposalId, @EffectiveOn, @RecordedAt, @ActorName, @ActorOrganisation, @Reason, @Phase, @Status)
        """;

    [SqlText]
    public static string AmendProblemStatementSql(string schema) => $"""
        UPDATE {schema}.Proposal SET ProblemStatement = @ProblemStatement, Version = Version + 1, UpdatedAt = @Now
        WHERE Id = @Id AND Version = @ExpectedVersion
        """;

    [SqlText]
    public static string SelectProposalSql(string schema) => $"""
        SELECT Id AS {nameof(Proposal.Id)}, Reference AS {nameof(Proposal.Reference)}, Title AS {nameof(Proposal.Title)},
               ProblemStatement AS {nameof(Proposal.ProblemStatement)}, ProposerName AS {nameof(Proposal.ProposerName)},
               ProposerOrganisation AS {nameof(Proposal.ProposerOrganisation)}, RaisedOn AS {nameof(Proposal.RaisedOn)},
               Phase AS {nameof(Proposal.Phase)}, Status AS {nameof(Proposal.Status)}, Version AS {nameof(Proposal.Version)}
        FROM {schema}.Proposal
        WHERE Series = @Series AND Number = @Number AND Alternate = @Alternate
        """;

    [SqlText]
    public static string SelectHistorySql(string schema) => $"""
        SELECT EffectiveOn AS {nameof(HistoryEntry.EffectiveOn)}, RecordedAt AS {nameof(HistoryEntry.RecordedAt)},
               ActorName AS {nameof(HistoryEntry.ActorName)}, ActorOrganisation AS {nameof(HistoryEntry.ActorOrganisation)},
               Reason AS {nameof(HistoryEntry.Reason)}, Phase AS {nameof(HistoryEntry.Phase)}, Status AS {nameof(HistoryEntry.Status)}
        FROM {schema}.ProposalHistory
        WHERE ProposalId = @ProposalId
        ORDER BY EffectiveOn, Sequence
        """;
}
