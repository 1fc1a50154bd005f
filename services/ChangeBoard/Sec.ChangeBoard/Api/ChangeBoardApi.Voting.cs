using Sec.ChangeBoard.V1;
using static Sec.ChangeBoard.Api.ChangeBoardMapping;

namespace Sec.ChangeBoard.Api;

/// <summary>Votes and decisions: casting and closing votes, referrals, the Authority's decisions and Impact Assessment requests.</summary>
public sealed partial class ChangeBoardApi
{
    [Authorize(Roles = SecRoles.ChangeBoardMember)]
    public override async Task<CastVoteResponse> CastVote(CastVoteRequest request, ServerCallContext context)
    {
        var checks = new FieldChecks();
        checks.RequiredText(request.ItemId, "item_id", 36).RequiredText(request.MemberId, "member_id", 36);
        var value = ValueOf(request.Value);
        checks.Check(value is not null, "value", $"must be approve, reject or abstain (got {request.Value})");
        var castOn = checks.OptionalDate(request.CastOn, "cast_on");
        checks.ThrowIfAny();
        var item = await decisions.CastVoteAsync(new Application.CastVote(request.ItemId, request.MemberId, value!.Value, castOn), context.CancellationToken);
        return new CastVoteResponse { Item = item.ToProto() };
    }

    [Authorize(Roles = SecRoles.Secas)]
    public override async Task<CloseVoteResponse> CloseVote(CloseVoteRequest request, ServerCallContext context)
    {
        var closedOn = ItemOnOptional(request.ItemId, request.ClosedOn, "closed_on");
        return new CloseVoteResponse { Item = (await decisions.CloseVoteAsync(new Application.CloseVote(request.ItemId, closedOn), context.CancellationToken)).ToProto() };
    }

    [Authorize(Roles = SecRoles.Secas)]
    public override async Task<ReferDecisionResponse> ReferDecision(ReferDecisionRequest request, ServerCallContext context)
    {
        var checks = new FieldChecks();
        checks.RequiredText(request.ItemId, "item_id", 36).RequiredText(request.ReferredBy, "referred_by", 200);
        var on = checks.Date(request.ReferredOn, "referred_on");
        checks.ThrowIfAny();
        var item = await decisions.ReferDecisionAsync(new Application.ReferDecision(request.ItemId, request.ReferredBy, on), context.CancellationToken);
        return new ReferDecisionResponse { Item = item.ToProto() };
    }

    [Authorize(Roles = SecRoles.Panel)]
    public override async Task<DetermineReferralResponse> DetermineReferral(DetermineReferralRequest request, ServerCallContext context)
    {
        var on = ItemOn(request.ItemId, request.DeterminedOn, "determined_on");
        var item = await decisions.DetermineReferralAsync(new Application.DetermineReferral(request.ItemId, request.Upheld, on), context.CancellationToken);
        return new DetermineReferralResponse { Item = item.ToProto() };
    }

    [Authorize(Roles = SecRoles.Authority)]
    public override async Task<RecordAuthorityDecisionResponse> RecordAuthorityDecision(RecordAuthorityDecisionRequest request, ServerCallContext context)
    {
        var on = ItemOn(request.ItemId, request.DecidedOn, "decided_on");
        var item = await decisions.RecordAuthorityDecisionAsync(new Application.RecordAuthorityDecision(request.ItemId, OutcomeOf(request.Outcome), on), context.CancellationToken);
        return new RecordAuthorityDecisionResponse { Item = item.ToProto() };
    }

    [Authorize(Roles = SecRoles.Secas)]
    public override async Task<DecideImpactAssessmentRequestResponse> DecideImpactAssessmentRequest(DecideImpactAssessmentRequestRequest request, ServerCallContext context)
    {
        var decidedOn = ItemOnOptional(request.ItemId, request.DecidedOn, "decided_on");
        var item = await decisions.DecideImpactAssessmentRequestAsync(new Application.DecideImpactAssessmentRequest(request.ItemId, OutcomeOf(request.Outcome), decidedOn), context.CancellationToken);
        return new DecideImpactAssessmentRequestResponse { Item = item.ToProto() };
    }
}
