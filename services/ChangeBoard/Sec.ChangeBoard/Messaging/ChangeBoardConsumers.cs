using System.Data.Common;
using Dapper;
using Sec.BuildingBlocks.Domain;
using Sec.BuildingBlocks.Messaging;
using Sec.BuildingBlocks.Timers;
using Sec.ChangeBoard.Domain;
using Sec.ChangeBoard.Storage;
using Sec.Contracts;

namespace Sec.ChangeBoard.Messaging;

/// <summary>The register sent a modification for decision: remember its path for the vote.</summary>
public sealed class ModificationReadyForDecisionConsumer(ChangeBoardStore store, IClock clock)
    : InboxConsumer<ChangeBoardStore, ModificationReadyForDecision>(store, clock)
{
    protected override Task HandleAsync(ModificationReadyForDecision message, DbConnection connection, DbTransaction tx, CancellationToken ct) =>
        connection.ExecuteAsync(ChangeBoardRepository.UpsertReadySql(Store.Schema), new
        {
            message.Reference,
            Path = (int)message.Path,
            ReadyOn = message.EffectiveOn,
        }, tx);
}

/// <summary>A withdrawn modification's open agenda items are cancelled, once.</summary>
public sealed class ModificationWithdrawnConsumer(ChangeBoardStore store, ChangeBoardRepository board, IClock clock)
    : InboxConsumer<ChangeBoardStore, ModificationWithdrawn>(store, clock)
{
    protected override async Task HandleAsync(ModificationWithdrawn message, DbConnection connection, DbTransaction tx, CancellationToken ct)
    {
        var ids = await connection.QueryAsync<string>(new CommandDefinition(
            ChangeBoardRepository.OpenItemIdsSql(Store.Schema), new { message.Reference }, tx, cancellationToken: ct));
        foreach (var id in ids)
        {
            var before = await board.LoadItemAsync(connection, tx, id, ct);
            if (before.Cancel() is { } after)
                await board.SaveAsync(connection, tx, before, after, []);
        }
    }
}

/// <summary>
/// When a Self-Governance decision's referral window ends with no referral, the decision stands and
/// is published. A durable timer, so it fires after a restart too.
/// </summary>
public sealed class ReferralWindowEnded(ChangeBoardRepository board) : ITimerHandler<ChangeBoardStore>
{
    public const string Kind = "referral-window";

    /// <summary>The window includes its last day: it ends at midnight after it, UK time.</summary>
    public static DateTimeOffset DueAt(DateOnly lastDay) => UkTime.StartOf(lastDay.AddDays(1));

    string ITimerHandler<ChangeBoardStore>.Kind => Kind;

    public async Task FireAsync(DueTimer timer, DbConnection connection, DbTransaction tx, CancellationToken ct)
    {
        var before = await board.LoadItemAsync(connection, tx, timer.SubjectKey, ct);
        if (before.WindowEnded() is { } after)
            await board.SaveAsync(connection, tx, before, after, [Decisions.Final(after)]);
    }
}

/// <summary>The events a final vote publishes.</summary>
public static class Decisions
{
    public static IIntegrationEvent Final(AgendaItem item) => item.FinalOutcome == Outcome.Approved
        ? new ModificationApproved(Guid.NewGuid(), item.Reference, item.FinalOn!.Value, "Change Board")
        : new ModificationRejected(Guid.NewGuid(), item.Reference, item.FinalOn!.Value, "Change Board");
}
