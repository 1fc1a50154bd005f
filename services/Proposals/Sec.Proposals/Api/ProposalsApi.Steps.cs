using Sec.Proposals.V1;

namespace Sec.Proposals.Api;

/// <summary>The register's steps, from the Change Sub-Committee's review to adoption after a withdrawal.</summary>
public sealed partial class ProposalsApi
{
    [Authorize(Roles = SecRoles.Secas)]
    public override async Task<AmendProblemStatementResponse> AmendProblemStatement(AmendProblemStatementRequest request, ServerCallContext context)
    {
        var step = Step(request.Reference, request.ExpectedVersion, request.EffectiveOn, request.Reason);
        step.Checks.RequiredText(request.ProblemStatement, "problem_statement", DraftProposalRules.MaxProblemStatementLength);
        return new() { Proposal = await RunAsync(step, (s, ct) => proposals.AmendProblemStatementAsync(s, request.ProblemStatement, ct), context) };
    }

    [Authorize(Roles = SecRoles.Secas)]
    public override async Task<RecordCscDecisionResponse> RecordCscDecision(RecordCscDecisionRequest request, ServerCallContext context)
    {
        var step = Step(request.Reference, request.ExpectedVersion, request.EffectiveOn, request.Reason);
        var outcome = EnumOf(request.Outcome, step.Checks, "outcome", "must be ready for conversion or needs further development",
            (Proto.CscOutcome.ReadyForConversion, Domain.CscOutcome.ReadyForConversion), (Proto.CscOutcome.NeedsFurtherDevelopment, Domain.CscOutcome.NeedsFurtherDevelopment));
        return new() { Proposal = await RunAsync(step, (s, ct) => proposals.RecordCscDecisionAsync(s, outcome, ct), context) };
    }

    [Authorize(Roles = SecRoles.Panel)]
    public override async Task<ConvertToModificationProposalResponse> ConvertToModificationProposal(ConvertToModificationProposalRequest request, ServerCallContext context)
    {
        var step = Step(request.Reference, request.ExpectedVersion, request.EffectiveOn, request.Reason);
        var route = EnumOf(request.Route, step.Checks, "route", "must be the Refinement Process or the Report Phase",
            (Proto.ConversionRoute.RefinementProcess, Domain.ConversionRoute.RefinementProcess), (Proto.ConversionRoute.ReportPhase, Domain.ConversionRoute.ReportPhase));
        var path = PathOf(request.Path, step.Checks, allowNone: true);
        return new() { Proposal = await RunAsync(step, (s, ct) => proposals.ConvertAsync(s, route, path, request.Urgent, ct), context) };
    }

    [Authorize(Roles = SecRoles.Panel)]
    public override async Task<SetPathResponse> SetPath(SetPathRequest request, ServerCallContext context)
    {
        var step = Step(request.Reference, request.ExpectedVersion, request.EffectiveOn, request.Reason);
        var path = PathOf(request.Path, step.Checks, allowNone: false);
        return new() { Proposal = await RunAsync(step, (s, ct) => proposals.SetPathAsync(s, path, request.Urgent, ct), context) };
    }

    [Authorize(Roles = SecRoles.Secas)]
    public override async Task<ProgressToReportPhaseResponse> ProgressToReportPhase(ProgressToReportPhaseRequest request, ServerCallContext context) =>
        new() { Proposal = await RunAsync(Step(request.Reference, request.ExpectedVersion, request.EffectiveOn, request.Reason), proposals.ProgressToReportPhaseAsync, context) };

    [Authorize(Roles = SecRoles.Secas)]
    public override async Task<IssueModificationReportResponse> IssueModificationReport(IssueModificationReportRequest request, ServerCallContext context) =>
        new() { Proposal = await RunAsync(Step(request.Reference, request.ExpectedVersion, request.EffectiveOn, request.Reason), proposals.IssueModificationReportAsync, context) };

    [Authorize(Roles = SecRoles.Secas)]
    public override async Task<SubmitForDecisionResponse> SubmitForDecision(SubmitForDecisionRequest request, ServerCallContext context) =>
        new() { Proposal = await RunAsync(Step(request.Reference, request.ExpectedVersion, request.EffectiveOn, request.Reason), proposals.SubmitForDecisionAsync, context) };

    [Authorize(Roles = SecRoles.Secas)]
    public override async Task<PutOnHoldResponse> PutOnHold(PutOnHoldRequest request, ServerCallContext context) =>
        new() { Proposal = await RunAsync(Step(request.Reference, request.ExpectedVersion, request.EffectiveOn, request.Reason), proposals.PutOnHoldAsync, context) };

    [Authorize(Roles = SecRoles.Secas)]
    public override async Task<ResumeResponse> Resume(ResumeRequest request, ServerCallContext context) =>
        new() { Proposal = await RunAsync(Step(request.Reference, request.ExpectedVersion, request.EffectiveOn, request.Reason), proposals.ResumeAsync, context) };

    [Authorize(Roles = SecRoles.Secas)]
    public override async Task<WithdrawResponse> Withdraw(WithdrawRequest request, ServerCallContext context) =>
        new() { Proposal = await RunAsync(Step(request.Reference, request.ExpectedVersion, request.EffectiveOn, request.Reason), proposals.WithdrawAsync, context) };

    [Authorize(Roles = SecRoles.Secas)]
    public override async Task<AdoptResponse> Adopt(AdoptRequest request, ServerCallContext context)
    {
        var step = Step(request.Reference, request.ExpectedVersion, request.EffectiveOn, request.Reason);
        var adopter = ToDomain(request.Adopter);
        if (adopter is null)
            step.Checks.Add("adopter", "is required: the adopting party's name and organisation");
        else
            step.Checks.RequiredText(adopter.Name, "adopter.name", DraftProposalRules.MaxNameLength)
                       .RequiredText(adopter.Organisation, "adopter.organisation", DraftProposalRules.MaxNameLength);
        return new() { Proposal = await RunAsync(step, (s, ct) => proposals.AdoptAsync(s, adopter!, ct), context) };
    }

    /// <summary>The fields every step shares, checked together with the step's own.</summary>
    private sealed record StepRequest(ModificationReference? Reference, int ExpectedVersion, DateOnly EffectiveOn, string Reason, FieldChecks Checks);

    private StepRequest Step(Common.V1.ModificationReference? reference, int expectedVersion, Google.Type.Date? effectiveOn, string reason,
        string dateField = "effective_on")
    {
        var checks = new FieldChecks();
        var parsed = checks.Reference(reference, "reference.value");
        checks.Check(expectedVersion >= 0, "expected_version", "must not be negative")
              .OptionalText(reason, "reason", DraftProposalRules.MaxReasonLength);
        var on = checks.Date(effectiveOn, dateField);
        if (on != default)
            checks.Check(on <= clock.Today, dateField, $"{on:yyyy-MM-dd} is in the future");
        return new StepRequest(parsed, expectedVersion, on, reason, checks);
    }

    /// <summary>Refuses the request if any field broke a rule; otherwise runs the step and shows the proposal after it.</summary>
    private async Task<Proto.Proposal> RunAsync(StepRequest step, Func<ProposalStep, CancellationToken, Task<Domain.Proposal>> useCase, ServerCallContext context)
    {
        step.Checks.ThrowIfAny();
        var after = await useCase(new ProposalStep(step.Reference!, step.ExpectedVersion, step.EffectiveOn, step.Reason), context.CancellationToken);
        return await ToProtoAsync(after, context.CancellationToken);
    }
}
