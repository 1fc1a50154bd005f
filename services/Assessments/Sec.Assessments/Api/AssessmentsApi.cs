using Microsoft.Extensions.DependencyInjection;
using Sec.Assessments.V1;
using static Sec.Assessments.Api.AssessmentsMapping;

namespace Sec.Assessments.Api;

/// <summary>The Assessments context's gRPC surface, and through transcoding the DCC's JSON door.</summary>
public sealed partial class AssessmentsApi(
    AssessmentRequests requests,
    DccPosts dcc,
    AssessmentQueries queries,
    LegalWorkingDays legal,
    ConsistencyQueries consistency,
    [FromKeyedServices("assessments")] DiscrepancyApi discrepancies,
    [FromKeyedServices("assessments")] DataVersionApi dataVersion,
    IClock clock) : AssessmentsService.AssessmentsServiceBase
{
    [Authorize(Roles = SecRoles.Secas)]
    public override async Task<RequestAssessmentResponse> RequestAssessment(RequestAssessmentRequest request, ServerCallContext context)
    {
        var checks = new FieldChecks();
        var reference = Reference(request.Reference, "reference.value", checks);
        var kind = Kind(request.Kind, "kind", checks);
        var requestedOn = NotFuture(checks.Date(request.RequestedOn, "requested_on"), "requested_on", checks);
        checks.ThrowIfAny();
        var assessment = await requests.RequestAsync(new AssessmentRequest(reference!, kind!.Value, requestedOn), context.CancellationToken);
        return new RequestAssessmentResponse { Assessment = assessment.ToProto(legal) };
    }

    [Authorize(Roles = SecRoles.Secas)]
    public override async Task<ReRequestAssessmentResponse> ReRequestAssessment(ReRequestAssessmentRequest request, ServerCallContext context)
    {
        var checks = new FieldChecks();
        checks.RequiredText(request.AssessmentId, "assessment_id", 36);
        var requestedOn = NotFuture(checks.Date(request.RequestedOn, "requested_on"), "requested_on", checks);
        checks.ThrowIfAny();
        var renewed = await requests.ReRequestAsync(new AssessmentReRequest(request.AssessmentId, requestedOn), context.CancellationToken);
        return new ReRequestAssessmentResponse { Assessment = renewed.ToProto(legal) };
    }

    [Authorize(Roles = SecRoles.Secas)]
    public override async Task<WithdrawAssessmentResponse> WithdrawAssessment(WithdrawAssessmentRequest request, ServerCallContext context)
    {
        var checks = new FieldChecks();
        var assessment = Named(request.Assessment, checks);
        var withdrawnOn = NotFuture(checks.Date(request.WithdrawnOn, "withdrawn_on"), "withdrawn_on", checks);
        checks.RequiredText(request.Reason, "reason", 1000);
        checks.ThrowIfAny();
        var withdrawn = await requests.WithdrawAsync(new AssessmentWithdrawal(assessment!, withdrawnOn, request.Reason.Trim()), context.CancellationToken);
        return new WithdrawAssessmentResponse { Assessment = withdrawn.ToProto(legal) };
    }

    [Authorize(Roles = SecRoles.Readers)]
    public override async Task<GetAssessmentResponse> GetAssessment(GetAssessmentRequest request, ServerCallContext context)
    {
        new FieldChecks().RequiredText(request.AssessmentId, "assessment_id", 36).ThrowIfAny();
        return new GetAssessmentResponse { Assessment = (await queries.GetAsync(request.AssessmentId.Trim(), context.CancellationToken)).ToProto(legal) };
    }

    [Authorize(Roles = SecRoles.Readers)]
    public override async Task<ListAssessmentsResponse> ListAssessments(ListAssessmentsRequest request, ServerCallContext context)
    {
        var reference = ModificationReference.Parse(request.Reference?.Value, "reference.value");
        var response = new ListAssessmentsResponse();
        response.Assessments.AddRange((await queries.ListAsync(reference, context.CancellationToken)).Select(a => a.ToProto(legal)));
        return response;
    }

    [Authorize(Roles = SecRoles.Readers)]
    public override async Task<GetTimescalesResponse> GetTimescales(GetTimescalesRequest request, ServerCallContext context)
    {
        var checks = new FieldChecks();
        var periodEnd = checks.IsoDate(request.PeriodEnd, "period_end");
        var asOf = checks.IsoDate(request.AsOf, "as_of");
        checks.ThrowIfAny();
        return (await queries.TimescalesAsync(periodEnd, asOf, context.CancellationToken)).ToProto();
    }

    [Authorize(Roles = SecRoles.Readers)]
    public override async Task<GetKnownModificationResponse> GetKnownModification(GetKnownModificationRequest request, ServerCallContext context) =>
        new() { Modification = (await queries.KnownModificationAsync(ModificationReference.Parse(request.Reference?.Value, "reference.value"), context.CancellationToken)).ToProto() };

    /// <summary>A date the caller reports as past: SECAS and the DCC record what happened, never what will.</summary>
    private DateOnly NotFuture(DateOnly date, string field, FieldChecks checks)
    {
        if (date != default)
            checks.Check(date <= clock.Today, field, $"{date:yyyy-MM-dd} is in the future");
        return date;
    }
}
