using Grpc.Core;
using Microsoft.Extensions.Options;
using Sec.BuildingBlocks.Api;
using Sec.BuildingBlocks.Domain;
using Sec.BuildingBlocks.Hosting;
using Sec.BuildingBlocks.Messaging;
using Sec.BuildingBlocks.Timers;
using Sec.Calendar;
using Sec.Contracts;
using Sec.Proposals.Domain;
using Sec.Proposals.Messaging;
using Sec.Proposals.Storage;
using Sec.Proposals.V1;
using Proto = Sec.Proposals.V1;

namespace Sec.Proposals.Api;

/// <summary>
/// The register's gRPC surface: maps protos to domain steps and queries. Refusals become status
/// codes in the shared interceptor; nothing here catches them.
/// </summary>
public sealed partial class ProposalsApi(
    ProposalRepository proposals,
    RegisterQueries register,
    WorkingGroupRepository workingGroups,
    ConsultationRepository consultations,
    ProposalsStore store,
    LegalWorkingDays workingDays,
    IOptions<ProposalsOptions> options,
    Reporting.ChangeStatusReporter reporter,
    ICurrentActor actor,
    IClock clock) : ProposalsService.ProposalsServiceBase
{
    public override async Task<RaiseDraftProposalResponse> RaiseDraftProposal(RaiseDraftProposalRequest request, ServerCallContext context)
    {
        var checks = new FieldChecks();
        var raisedOn = checks.Date(request.RaisedOn, "raised_on");
        var command = new RaiseDraftProposal(request.Title, request.ProblemStatement, ToDomain(request.Proposer), raisedOn);
        DraftProposalRules.Check(command, clock.Today, checks);
        checks.ThrowIfAny();

        var proposal = await proposals.RaiseAsync(command, request.FastTrack, actor.Get(), context.CancellationToken);
        return new RaiseDraftProposalResponse { Proposal = await ToProtoAsync(proposal, context.CancellationToken) };
    }

    public override async Task<AmendProblemStatementResponse> AmendProblemStatement(AmendProblemStatementRequest request, ServerCallContext context)
    {
        var step = Step(request.Reference, request.ExpectedVersion, request.EffectiveOn, request.Reason);
        step.Checks.RequiredText(request.ProblemStatement, "problem_statement", DraftProposalRules.MaxProblemStatementLength);
        return new AmendProblemStatementResponse
        {
            Proposal = await ApplyAsync(step, (p, on, who, now) => ProposalSteps.AmendProblemStatement(p, request.ProblemStatement, on, request.Reason, who, now), null, context),
        };
    }

    public override async Task<RecordCscDecisionResponse> RecordCscDecision(RecordCscDecisionRequest request, ServerCallContext context)
    {
        var step = Step(request.Reference, request.ExpectedVersion, request.EffectiveOn, request.Reason);
        var outcome = Enum(request.Outcome, step.Checks, "outcome", "must be ready for conversion or needs further development",
            (Proto.CscOutcome.ReadyForConversion, Domain.CscOutcome.ReadyForConversion), (Proto.CscOutcome.NeedsFurtherDevelopment, Domain.CscOutcome.NeedsFurtherDevelopment));
        return new RecordCscDecisionResponse
        {
            Proposal = await ApplyAsync(step, (p, on, who, now) => ProposalSteps.RecordCscDecision(p, outcome, on, request.Reason, who, now), null, context),
        };
    }

    public override async Task<ConvertToModificationProposalResponse> ConvertToModificationProposal(ConvertToModificationProposalRequest request, ServerCallContext context)
    {
        var step = Step(request.Reference, request.ExpectedVersion, request.EffectiveOn, request.Reason);
        var route = Enum(request.Route, step.Checks, "route", "must be the Refinement Process or the Report Phase",
            (Proto.ConversionRoute.RefinementProcess, Domain.ConversionRoute.RefinementProcess), (Proto.ConversionRoute.ReportPhase, Domain.ConversionRoute.ReportPhase));
        var path = PathOf(request.Path, step.Checks, allowNone: true);
        return new ConvertToModificationProposalResponse
        {
            Proposal = await ApplyAsync(step, (p, on, who, now) => ProposalSteps.Convert(p, route, path, request.Urgent, on, request.Reason, who, now), null, context),
        };
    }

    public override async Task<SetPathResponse> SetPath(SetPathRequest request, ServerCallContext context)
    {
        var step = Step(request.Reference, request.ExpectedVersion, request.EffectiveOn, request.Reason);
        var path = PathOf(request.Path, step.Checks, allowNone: false);
        return new SetPathResponse
        {
            Proposal = await ApplyAsync(step, (p, on, who, now) => ProposalSteps.SetPath(p, path, request.Urgent, on, request.Reason, who, now), null, context),
        };
    }

    public override async Task<ProgressToReportPhaseResponse> ProgressToReportPhase(ProgressToReportPhaseRequest request, ServerCallContext context)
    {
        var step = Step(request.Reference, request.ExpectedVersion, request.EffectiveOn, request.Reason);
        return new ProgressToReportPhaseResponse
        {
            Proposal = await ApplyAsync(step, (p, on, who, now) => ProposalSteps.ProgressToReportPhase(p, on, request.Reason, who, now), null, context),
        };
    }

    public override async Task<IssueModificationReportResponse> IssueModificationReport(IssueModificationReportRequest request, ServerCallContext context)
    {
        var step = Step(request.Reference, request.ExpectedVersion, request.EffectiveOn, request.Reason);
        return new IssueModificationReportResponse
        {
            Proposal = await ApplyAsync(step, (p, on, who, now) => ProposalSteps.IssueModificationReport(p, on, request.Reason, who, now), null, context),
        };
    }

    public override async Task<SubmitForDecisionResponse> SubmitForDecision(SubmitForDecisionRequest request, ServerCallContext context)
    {
        var step = Step(request.Reference, request.ExpectedVersion, request.EffectiveOn, request.Reason);
        return new SubmitForDecisionResponse
        {
            Proposal = await ApplyAsync(step, (p, on, who, now) => ProposalSteps.SubmitForDecision(p, on, request.Reason, who, now),
                (_, after, connection, tx) => Outbox.EnqueueAsync(connection, tx, store.Schema, new ModificationReadyForDecision(
                    Guid.NewGuid(), after.Reference.Value, after.LastEffectiveOn, after.Title, after.State.Path, after.State.Urgent), clock.UtcNow), context),
        };
    }

    public override async Task<PutOnHoldResponse> PutOnHold(PutOnHoldRequest request, ServerCallContext context)
    {
        var step = Step(request.Reference, request.ExpectedVersion, request.EffectiveOn, request.Reason);
        return new PutOnHoldResponse
        {
            Proposal = await ApplyAsync(step, (p, on, who, now) => ProposalSteps.PutOnHold(p, on, request.Reason, who, now), null, context),
        };
    }

    public override async Task<ResumeResponse> Resume(ResumeRequest request, ServerCallContext context)
    {
        var step = Step(request.Reference, request.ExpectedVersion, request.EffectiveOn, request.Reason);
        return new ResumeResponse
        {
            Proposal = await ApplyAsync(step, (p, on, who, now) => ProposalSteps.Resume(p, on, request.Reason, who, now), null, context),
        };
    }

    /// <summary>The withdrawal period ends N legal working days after the withdrawal; a durable timer completes it then.</summary>
    public override async Task<WithdrawResponse> Withdraw(WithdrawRequest request, ServerCallContext context)
    {
        var step = Step(request.Reference, request.ExpectedVersion, request.EffectiveOn, request.Reason);
        return new WithdrawResponse
        {
            Proposal = await ApplyAsync(step,
                (p, on, who, now) => ProposalSteps.Withdraw(p, on, workingDays.AddWorkingDays(on, options.Value.WithdrawalPeriodWorkingDays), request.Reason, who, now),
                (_, after, connection, tx) => DurableTimers.ScheduleAsync(connection, tx, store.Schema, WithdrawalPeriodEnded.Kind, after.Id,
                    WithdrawalPeriodEnded.DueAt(after.State.WithdrawalEndsOn!.Value), after.Reference.Value, clock.UtcNow), context),
        };
    }

    public override async Task<AdoptResponse> Adopt(AdoptRequest request, ServerCallContext context)
    {
        var step = Step(request.Reference, request.ExpectedVersion, request.EffectiveOn, request.Reason);
        var adopter = ToDomain(request.Adopter);
        if (adopter is null)
            step.Checks.Add("adopter", "is required: the adopting party's name and organisation");
        else
            step.Checks.RequiredText(adopter.Name, "adopter.name", DraftProposalRules.MaxNameLength)
                       .RequiredText(adopter.Organisation, "adopter.organisation", DraftProposalRules.MaxNameLength);
        return new AdoptResponse
        {
            Proposal = await ApplyAsync(step, (p, on, who, now) => ProposalSteps.Adopt(p, adopter!, on, who, now),
                (_, after, connection, tx) => DurableTimers.CancelAsync(connection, tx, store.Schema, WithdrawalPeriodEnded.Kind, after.Id, clock.UtcNow), context),
        };
    }

    /// <summary>The fields every step shares, checked together with the step's own.</summary>
    private sealed record StepRequest(ModificationReference? Reference, int ExpectedVersion, DateOnly EffectiveOn, FieldChecks Checks);

    private StepRequest Step(Common.V1.ModificationReference? reference, int expectedVersion, Google.Type.Date? effectiveOn, string reason)
    {
        var checks = new FieldChecks();
        var parsed = ModificationReference.TryParse(reference?.Value, out var r) ? r : null;
        checks.Check(parsed is not null, "reference.value", $"'{reference?.Value}' is not a modification reference; expected a form such as DP119, MP122 or SECMP0067")
              .Check(expectedVersion >= 0, "expected_version", "must not be negative")
              .OptionalText(reason, "reason", 2000);
        var on = checks.Date(effectiveOn, "effective_on");
        if (on != default)
            checks.Check(on <= clock.Today, "effective_on", $"{on:yyyy-MM-dd} is in the future");
        return new StepRequest(parsed, expectedVersion, on, checks);
    }

    private async Task<Proto.Proposal> ApplyAsync(StepRequest step, Func<Domain.Proposal, DateOnly, Actor, DateTimeOffset, Domain.Proposal> rule,
        ProposalRepository.AlsoWithin? also, ServerCallContext context)
    {
        step.Checks.ThrowIfAny();
        var who = actor.Get();
        var after = await proposals.ApplyAsync(step.Reference!, step.ExpectedVersion, p => rule(p, step.EffectiveOn, who, clock.UtcNow), also, context.CancellationToken);
        return await ToProtoAsync(after, context.CancellationToken);
    }

    private static TDomain Enum<TProto, TDomain>(TProto value, FieldChecks checks, string field, string description, params (TProto Proto, TDomain Domain)[] map)
        where TProto : struct, System.Enum
    {
        foreach (var (proto, domain) in map)
            if (proto.Equals(value))
                return domain;
        checks.Add(field, $"{description} (got {value})");
        return default!;
    }

    private static DecisionPath PathOf(Proto.DecisionPath path, FieldChecks checks, bool allowNone)
    {
        DecisionPath? mapped = path switch
        {
            Proto.DecisionPath.Unspecified when allowNone => DecisionPath.None,
            Proto.DecisionPath.AuthorityLed => DecisionPath.AuthorityLed,
            Proto.DecisionPath.AuthorityDetermination => DecisionPath.AuthorityDetermination,
            Proto.DecisionPath.SelfGovernance => DecisionPath.SelfGovernance,
            Proto.DecisionPath.FastTrackSelfGovernance => DecisionPath.FastTrackSelfGovernance,
            _ => null,
        };
        if (mapped is null)
            checks.Add("path", $"must be Path 1, 2 or 3 (got {path})");
        return mapped ?? DecisionPath.None;
    }

    private static Domain.Proposer? ToDomain(Proto.Proposer? proposer) => proposer is null ? null : new Domain.Proposer(proposer.Name, proposer.Organisation);
}
