using Microsoft.Extensions.Logging;
using Sec.BuildingBlocks.Application;
using Sec.BuildingBlocks.Hosting;

namespace Sec.Assessments.Application;

/// <summary>SECAS's requests for assessments, and what the Change Board's decisions and withdrawals do to them.</summary>
public sealed class AssessmentRequests(AssessmentsStore store, AssessmentRepository assessments, ICurrentActor actor, IClock clock, ILogger<AssessmentRequests> logger)
{
    public Task<Assessment> RequestAsync(AssessmentRequest command, CancellationToken ct) =>
        store.InTransactionAsync(async (c, tx) =>
        {
            var known = await assessments.KnownRowAsync(c, tx, command.Reference);
            return await AddAsync(c, tx, "RequestAssessment", Assessment.Request(known.Reference, known.RaisedOn, command.Kind, command.RequestedOn));
        }, ct);

    public Task<Assessment> ReRequestAsync(AssessmentReRequest command, CancellationToken ct) =>
        store.InTransactionAsync(async (c, tx) =>
        {
            var old = await assessments.LoadAsync(c, tx, command.AssessmentId, ct);
            // The register must still know the modification, as for a first request.
            var known = await assessments.KnownRowAsync(c, tx, ModificationReference.Parse(old.Reference, "assessment_id"), "assessment_id");
            return await AddAsync(c, tx, "ReRequestAssessment", old.ReRequest(known.RaisedOn, command.RequestedOn));
        }, ct);

    /// <summary>SECAS withdraws its request for the modification's latest assessment of the kind; the assessment closes on that date.</summary>
    public Task<Assessment> WithdrawAsync(AssessmentWithdrawal command, CancellationToken ct) =>
        store.InTransactionAsync(async (c, tx) =>
        {
            var before = await assessments.LatestAsync(c, tx, command.Assessment.Reference, command.Assessment.Kind, ct, "assessment.reference.value");
            var (after, effects) = before.Withdraw(command.WithdrawnOn, command.Reason);
            var now = clock.UtcNow;
            await assessments.SaveAsync(c, tx, before, after);
            await store.EnqueueAsync(c, tx, effects, now);
            await store.AttributeAsync(c, tx, new Attribution("WithdrawAssessment", after.Id, after.Reference, command.WithdrawnOn), actor.Caller(), now);
            return after;
        }, ct);

    /// <summary>The Change Board's decision on the modification's Impact Assessment request; a request already decided stays as it is.</summary>
    public async Task DecideImpactRequestWithinAsync(DbConnection c, DbTransaction tx, ImpactRequestDecision command, CancellationToken ct)
    {
        var before = await assessments.LatestAsync(c, tx, command.Reference, AssessmentKind.Impact, ct);
        if (!before.AwaitsImpactDecision)
        {
            logger.LogInformation("{Assessment} is already {Status}; the Change Board's decision changes nothing", before.Name, before.Status);
            return;
        }
        await assessments.SaveAsync(c, tx, before, before.DecideImpactRequest(command.Outcome, command.DecidedOn));
    }

    /// <summary>Cancels the withdrawn modification's open assessments; closed ones stay as they were.</summary>
    public async Task CancelForWithdrawalWithinAsync(DbConnection c, DbTransaction tx, ModificationWithdrawal command, CancellationToken ct)
    {
        foreach (var before in await assessments.OfAsync(c, tx, command.Reference, ct))
        {
            var (after, effects) = before.Cancel(command.WithdrawnOn);
            await assessments.SaveAsync(c, tx, before, after);
            await store.EnqueueAsync(c, tx, effects, clock.UtcNow);
        }
    }

    /// <summary>A withdrawal undone by a late adoption: the assessments it cancelled are open again as they were; inside the inbox's transaction.</summary>
    public async Task ReinstateAfterReversedWithdrawalWithinAsync(DbConnection c, DbTransaction tx, string reference, DateOnly withdrawnOn, CancellationToken ct)
    {
        foreach (var before in await assessments.OfAsync(c, tx, reference, ct))
            if (before.Reinstate(withdrawnOn) is { } after)
                await assessments.SaveAsync(c, tx, before, after);
    }

    /// <summary>Adds SECAS's request, enqueues what it caused, and attributes it to the caller as the RPC <paramref name="operation"/>.</summary>
    private async Task<Assessment> AddAsync(DbConnection c, DbTransaction tx, string operation, Changed<Assessment> requested)
    {
        var (assessment, effects) = requested;
        var now = clock.UtcNow;
        await assessments.AddAsync(c, tx, assessment);
        await store.EnqueueAsync(c, tx, effects, now);
        await store.AttributeAsync(c, tx, new Attribution(operation, assessment.Id, assessment.Reference, assessment.RequestedOn), actor.Caller(), now);
        return assessment;
    }
}
