using System.Data.Common;
using Dapper;
using Microsoft.Extensions.Logging;
using Sec.Assessments.Domain;
using Sec.Assessments.Storage;
using Sec.BuildingBlocks.Domain;
using Sec.BuildingBlocks.Messaging;
using Sec.Contracts;

namespace Sec.Assessments.Messaging;

/// <summary>A withdrawn modification's open assessments are cancelled, once.</summary>
public sealed class ModificationWithdrawnConsumer(AssessmentsStore store, AssessmentRepository assessments, IClock clock)
    : InboxConsumer<AssessmentsStore, ModificationWithdrawn>(store, clock)
{
    protected override async Task HandleAsync(ModificationWithdrawn message, DbConnection connection, DbTransaction tx, CancellationToken ct)
    {
        var ids = await connection.QueryAsync<string>(new CommandDefinition(AssessmentRepository.IdsOfSql(Store.Schema), new { message.Reference }, tx, cancellationToken: ct));
        foreach (var id in ids)
        {
            var before = await assessments.LoadAsync(connection, tx, id, ct);
            if (before.Cancel(message.EffectiveOn) is { } after)
                await assessments.SaveAsync(connection, tx, before, after, (_, a) =>
                    [new AssessmentCancelled(Guid.NewGuid(), a.Reference, message.EffectiveOn, a.Id, a.Kind)]);
        }
    }
}

/// <summary>The Change Board's decision on an Impact Assessment request lets it proceed, closes it, or defers it.</summary>
public sealed class ImpactAssessmentRequestDecidedConsumer(AssessmentsStore store, AssessmentRepository assessments, IClock clock,
    ILogger<ImpactAssessmentRequestDecidedConsumer> logger) : InboxConsumer<AssessmentsStore, ImpactAssessmentRequestDecided>(store, clock)
{
    protected override async Task HandleAsync(ImpactAssessmentRequestDecided message, DbConnection connection, DbTransaction tx, CancellationToken ct)
    {
        var before = await assessments.LatestAsync(connection, tx, ModificationReference.Parse(message.Reference, "reference"), AssessmentKind.Impact, ct);
        if (before.Status is not (AssessmentStatus.AwaitingApproval or AssessmentStatus.Deferred))
        {
            logger.LogInformation("{Assessment} is already {Status}; the Change Board's decision changes nothing", before.Name, before.Status);
            return;
        }
        var after = before.DecideImpactRequest(message.Outcome, message.EffectiveOn);
        await assessments.SaveAsync(connection, tx, before, after, (_, _) => []);
    }
}
