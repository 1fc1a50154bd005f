using Sec.Proposals.V1;

namespace Sec.Proposals.Api;

/// <summary>Correcting the record: voiding or replacing a mistaken step, amending a title, and sending a modification back to Refinement.</summary>
public sealed partial class ProposalsApi
{
    [Authorize(Roles = SecRoles.Secas)]
    public override async Task<VoidStepResponse> VoidStep(VoidStepRequest request, ServerCallContext context)
    {
        // The step's own date names it; it may lie in the past like any step's.
        var step = Step(request.Reference, request.ExpectedVersion, request.StepEffectiveOn, request.Reason, "step_effective_on");
        step.Checks.RequiredText(request.Step, "step", DraftProposalRules.MaxReasonLength)
                   .RequiredText(request.Reason, "reason", DraftProposalRules.MaxReasonLength);
        Domain.StepReplacement? replacement = null;
        if (request.ReplaceWith is { } replace)
        {
            var on = step.Checks.Date(replace.EffectiveOn, "replace_with.effective_on");
            if (on != default)
                step.Checks.Check(on <= clock.Today, "replace_with.effective_on", $"{on:yyyy-MM-dd} is in the future");
            step.Checks.OptionalText(replace.Reason, "replace_with.reason", DraftProposalRules.MaxReasonLength);
            replacement = new Domain.StepReplacement(on, replace.Reason);
        }
        return new() { Proposal = await RunAsync(step, (s, ct) => proposals.VoidStepAsync(s, request.Step, replacement, ct), context) };
    }

    [Authorize(Roles = SecRoles.Secas)]
    public override async Task<AmendTitleResponse> AmendTitle(AmendTitleRequest request, ServerCallContext context)
    {
        var step = Step(request.Reference, request.ExpectedVersion, request.EffectiveOn, request.Reason);
        step.Checks.RequiredText(request.Title, "title", DraftProposalRules.MaxTitleLength);
        return new() { Proposal = await RunAsync(step, (s, ct) => proposals.AmendTitleAsync(s, request.Title, ct), context) };
    }

    [Authorize(Roles = SecRoles.Panel + "," + SecRoles.Secas)]
    public override async Task<ReturnToRefinementResponse> ReturnToRefinement(ReturnToRefinementRequest request, ServerCallContext context) =>
        new() { Proposal = await RunAsync(Step(request.Reference, request.ExpectedVersion, request.EffectiveOn, request.Reason), proposals.ReturnToRefinementAsync, context) };
}
