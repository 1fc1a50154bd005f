using Microsoft.Extensions.Options;
using Sec.BuildingBlocks.Application;
using Sec.BuildingBlocks.Hosting;
using Sec.BuildingBlocks.Storage;
using Sec.Identity;
using Sec.Proposals.Storage;

namespace Sec.Proposals.Application;

/// <summary>What every register step names: the proposal, the version the caller read (0 for none), when the step took effect, and why.</summary>
public sealed record ProposalStep(ModificationReference Reference, int ExpectedVersion, DateOnly EffectiveOn, string Reason);

/// <summary>
/// The register's use cases: raising and importing proposals, and every step of the process. Each
/// runs in one transaction: load the proposal, run the domain step, save it, enqueue the events
/// and timers the step returned, and attribute the write to its caller.
/// </summary>
public sealed class ProposalUseCases(
    ProposalsStore store,
    ProposalRepository proposals,
    LegalWorkingDays workingDays,
    IOptions<ProposalsOptions> options,
    WebhookUseCases webhooks,
    ICurrentActor actor,
    IClock clock)
{
    /// <summary>Raises a Draft Proposal under the next DP number, or a Fast-Track modification when the Panel asks for one.</summary>
    public Task<Proposal> RaiseAsync(RaiseDraftProposal command, bool fastTrack, CancellationToken ct)
    {
        var caller = actor.Caller();
        // The Panel raises Fast-Track modifications itself; whom the paper names as proposer does not make it the Panel.
        if (fastTrack && !caller.IsIn(SecRoles.Panel))
            throw new NotPermitted($"Fast-Track Self-Governance modifications are raised by the Panel; {caller.Actor.Name} acts as {string.Join(", ", caller.Roles.Order(StringComparer.Ordinal))}. Raise a Draft Proposal instead.");
        return store.InTransactionAsync(async (connection, tx) =>
        {
            var number = await proposals.TakeNextNumberAsync(connection, tx);
            // An import may have taken the series' last number (DP99999); the counter's step is then rolled back with the raise.
            if (number > ModificationReference.MaxNumber)
                throw new MoveNotAllowed($"Every DP and MP number up to {ModificationReference.MaxNumber:N0} has been given (an import moves the numbering past its own); the register cannot number another proposal.");
            var now = clock.UtcNow;
            var (proposal, effects) = ProposalSteps.Raise(ModificationReference.Draft(number), command, fastTrack, caller.Actor, now);
            await proposals.InsertAsync(connection, tx, proposal, now);
            await EnqueueAsync(connection, tx, effects, now);
            await AttributeAsync(connection, tx, "RaiseDraftProposal", proposal.Reference, proposal, command.RaisedOn, caller, now);
            return proposal;
        }, ct);
    }

    /// <summary>Raises the next alternate (MP102A) beside an original Modification Proposal, in one transaction with the letter it takes.</summary>
    public Task<Proposal> RaiseAlternateAsync(ModificationReference original, RaiseDraftProposal command, CancellationToken ct)
    {
        var caller = actor.Caller();
        return store.InTransactionAsync(async (connection, tx) =>
        {
            var of = await proposals.LoadAsync(connection, tx, original, ct);
            var taken = (await proposals.AlternatesOfAsync(connection, tx, of.Reference, ct)).Select(a => a.Reference.Alternate).ToList();
            var now = clock.UtcNow;
            var (proposal, effects) = Alternates.Raise(of, taken, command, caller.Actor, now);
            await proposals.InsertAsync(connection, tx, proposal, now);
            await EnqueueAsync(connection, tx, effects, now);
            await AttributeAsync(connection, tx, "RaiseAlternate", of.Reference, proposal, command.RaisedOn, caller, now);
            return proposal;
        }, ct);
    }

    /// <summary>
    /// Imports a modification with its past. The same idempotency key returns what the first import
    /// stored; the same reference under another key is AlreadyExists. The number counter moves past
    /// imported DP and MP numbers, so new raises never collide with them.
    /// </summary>
    public Task<Proposal> ImportAsync(string idempotencyKey, ImportModification import, CancellationToken ct)
    {
        var caller = actor.Caller();
        return store.InTransactionAsync(async (connection, tx) =>
        {
            if (await proposals.FindImportedAsync(connection, tx, idempotencyKey, ct) is { } earlier)
                return earlier;
            var reference = import.Reference;
            if (await proposals.FindByNumberAsync(connection, tx, reference) is { } taken)
                throw new AlreadyExists($"{taken} is already in the register; an import with a new idempotency key cannot add it again.");
            var now = clock.UtcNow;
            var (proposal, effects) = ProposalImport.Build(import, caller.Actor, now);
            await proposals.InsertAsync(connection, tx, proposal, now);
            await proposals.RecordImportAsync(connection, tx, idempotencyKey, proposal.Id, now);
            if (reference.Kind != ReferenceKind.Legacy)
                await proposals.MoveNumberPastAsync(connection, tx, reference.Number);
            await EnqueueAsync(connection, tx, effects, now);
            // The import brings the modification in as its last imported step left it.
            await AttributeAsync(connection, tx, "ImportModification", proposal.Reference, proposal, proposal.LastEffectiveOn, caller, now);
            return proposal;
        }, ct);
    }

    public Task<Proposal> AmendProblemStatementAsync(ProposalStep step, string problemStatement, CancellationToken ct) =>
        ApplyAsync("AmendProblemStatement", step, (p, who, now) => ProposalSteps.AmendProblemStatement(p, problemStatement, step.EffectiveOn, step.Reason, who, now), ct);

    public Task<Proposal> RecordCscDecisionAsync(ProposalStep step, CscOutcome outcome, CancellationToken ct) =>
        ApplyAsync("RecordCscDecision", step, (p, who, now) => ProposalSteps.RecordCscDecision(p, outcome, step.EffectiveOn, step.Reason, who, now), ct);

    public Task<Proposal> ConvertAsync(ProposalStep step, ConversionRoute route, DecisionPath path, bool urgent, CancellationToken ct) =>
        ApplyAsync("ConvertToModificationProposal", step, (p, who, now) => ProposalSteps.Convert(p, route, path, urgent, step.EffectiveOn, step.Reason, who, now), ct);

    public Task<Proposal> SetPathAsync(ProposalStep step, DecisionPath path, bool urgent, CancellationToken ct) =>
        ApplyAsync("SetPath", step, (p, who, now) => ProposalSteps.SetPath(p, path, urgent, step.EffectiveOn, step.Reason, who, now), ct);

    public Task<Proposal> ProgressToReportPhaseAsync(ProposalStep step, CancellationToken ct) =>
        ApplyAsync("ProgressToReportPhase", step, (p, who, now) => ProposalSteps.ProgressToReportPhase(p, step.EffectiveOn, step.Reason, who, now), ct);

    public Task<Proposal> IssueModificationReportAsync(ProposalStep step, CancellationToken ct) =>
        ApplyAsync("IssueModificationReport", step, (p, who, now) => ProposalSteps.IssueModificationReport(p, step.EffectiveOn, step.Reason, who, now), ct);

    public Task<Proposal> SubmitForDecisionAsync(ProposalStep step, CancellationToken ct) =>
        ApplyAsync("SubmitForDecision", step, (p, who, now) => ProposalSteps.SubmitForDecision(p, step.EffectiveOn, step.Reason, who, now), ct);

    public Task<Proposal> PutOnHoldAsync(ProposalStep step, CancellationToken ct) =>
        ApplyAsync("PutOnHold", step, (p, who, now) => ProposalSteps.PutOnHold(p, step.EffectiveOn, step.Reason, who, now), ct);

    public Task<Proposal> ResumeAsync(ProposalStep step, CancellationToken ct) =>
        ApplyAsync("Resume", step, (p, who, now) => ProposalSteps.Resume(p, step.EffectiveOn, step.Reason, who, now), ct);

    /// <summary>The withdrawal period ends the configured number of legal working days after the withdrawal.</summary>
    public Task<Proposal> WithdrawAsync(ProposalStep step, CancellationToken ct)
    {
        var endsOn = WithdrawalPeriod.EndsOn(workingDays, step.EffectiveOn, options.Value.WithdrawalPeriodWorkingDays);
        return ApplyAsync("Withdraw", step, (p, who, now) => ProposalSteps.Withdraw(p, step.EffectiveOn, endsOn, step.Reason, who, now), ct);
    }

    public Task<Proposal> AdoptAsync(ProposalStep step, Proposer adopter, CancellationToken ct) =>
        ApplyAsync("Adopt", step, (p, who, now) => ProposalSteps.Adopt(p, adopter, step.EffectiveOn, who, now), ct);

    public Task<Proposal> AmendTitleAsync(ProposalStep step, string title, CancellationToken ct) =>
        ApplyAsync("AmendTitle", step, (p, who, now) => ProposalSteps.AmendTitle(p, title, step.EffectiveOn, step.Reason, who, now), ct);

    public Task<Proposal> ReturnToRefinementAsync(ProposalStep step, CancellationToken ct) =>
        ApplyAsync("ReturnToRefinement", step, (p, who, now) => ProposalSteps.ReturnToRefinement(p, step.EffectiveOn, step.Reason, who, now), ct);

    /// <summary>
    /// Voids a mistaken step (the step's date and name in <paramref name="step"/>), or replaces it
    /// with the same step on a corrected date; attributed on the date the record now stands on.
    /// </summary>
    public Task<Proposal> VoidStepAsync(ProposalStep step, string stepName, StepReplacement? replacement, CancellationToken ct) =>
        ApplyAsync("VoidStep", step, (p, who, now) => Corrections.VoidStep(p, step.EffectiveOn, stepName, step.Reason, replacement, who, now), ct,
            attributedOn: replacement?.EffectiveOn ?? step.EffectiveOn);

    /// <summary>
    /// Applies a decision another context made, inside the caller's transaction (the inbox's).
    /// Returns the proposal and whether it changed: a decision it has already passed changes nothing.
    /// </summary>
    public async Task<(Proposal Proposal, bool Changed)> ApplyDecisionWithinAsync(DbConnection connection, DbTransaction tx, ModificationReference reference, ExternalDecision decision, CancellationToken ct)
    {
        var before = await proposals.LoadAsync(connection, tx, reference, ct);
        if (decision.IsPassed(before))
            return (before, false);
        var now = clock.UtcNow;
        return (await SaveAsync(connection, tx, before, decision.ApplyTo(before, ProposalSteps.Register, now), now), true);
    }

    /// <summary>The Change Board reopened its final decision, inside the caller's transaction (the inbox's); nothing if the register never recorded it.</summary>
    public async Task ReopenChangeBoardDecisionWithinAsync(DbConnection connection, DbTransaction tx, ModificationReference reference, DecisionOutcome outcome, string reason, CancellationToken ct)
    {
        var before = await proposals.LoadAsync(connection, tx, reference, ct);
        var now = clock.UtcNow;
        if (ProposalSteps.ReopenChangeBoardDecision(before, outcome, reason, ProposalSteps.Register, now) is { } reopened)
            await SaveAsync(connection, tx, before, reopened, now);
    }

    /// <summary>Ends a withdrawal period that ran out, inside the caller's transaction (the timer's); nothing if the modification was adopted.</summary>
    public async Task CompleteWithdrawalWithinAsync(DbConnection connection, DbTransaction tx, ModificationReference reference, CancellationToken ct)
    {
        var before = await proposals.LoadAsync(connection, tx, reference, ct);
        var now = clock.UtcNow;
        if (ProposalSteps.CompleteWithdrawal(before, ProposalSteps.Register, now) is { } withdrawn)
            await SaveAsync(connection, tx, before, withdrawn, now);
    }

    /// <summary>One step by the caller, the RPC <paramref name="operation"/>: the proposal must still be at the version they read (else Aborted).</summary>
    private Task<Proposal> ApplyAsync(string operation, ProposalStep step, Func<Proposal, Actor, DateTimeOffset, Changed<Proposal>> rule, CancellationToken ct,
        DateOnly? attributedOn = null)
    {
        var caller = actor.Caller();
        return store.InTransactionAsync(async (connection, tx) =>
        {
            var before = await proposals.LoadAsync(connection, tx, step.Reference, ct);
            Concurrency.EnsureExpected(step.ExpectedVersion, before.Version, before.Reference.Value);
            var now = clock.UtcNow;
            var after = await SaveAsync(connection, tx, before, rule(before, caller.Actor, now), now);
            await AttributeAsync(connection, tx, operation, before.Reference, after, attributedOn ?? step.EffectiveOn, caller, now);
            return after;
        }, ct);
    }

    /// <summary>Saves the step's proposal and enqueues what it caused, in the same transaction.</summary>
    private async Task<Proposal> SaveAsync(DbConnection connection, DbTransaction tx, Proposal before, Changed<Proposal> changed, DateTimeOffset now)
    {
        await proposals.SaveAsync(connection, tx, before, changed.State, now);
        await EnqueueAsync(connection, tx, changed.Effects, now);
        return changed.State;
    }

    /// <summary>
    /// Enqueues what a step caused (its events in the outbox, its timers) and its events' webhook
    /// deliveries, in the step's transaction. The register's own events reach the webhooks here, not
    /// back through the broker, so the webhook fan-out consumes only the other contexts' events.
    /// </summary>
    private async Task EnqueueAsync(DbConnection connection, DbTransaction tx, Effects effects, DateTimeOffset now)
    {
        await store.EnqueueAsync(connection, tx, effects, now);
        await webhooks.RecordPublishedWithinAsync(connection, tx, effects.Events, now);
    }

    /// <summary>
    /// Attributes the caller's write: the subject is the reference the caller named, the reference
    /// the one the proposal has after it (a conversion turns DP119 into MP119).
    /// </summary>
    private Task AttributeAsync(DbConnection connection, DbTransaction tx, string operation, ModificationReference subject, Proposal after,
        DateOnly effectiveOn, Caller caller, DateTimeOffset now) =>
        store.AttributeAsync(connection, tx, new Attribution(operation, subject.Value, after.Reference.Value, effectiveOn), caller, now);
}
