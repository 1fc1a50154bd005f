using Sec.Common.V1;

namespace Sec.Assessments.Api;

/// <summary>This part: the context's discrepancies (what its consumers could not apply) and what it holds about each modification, for the consistency check.</summary>
public sealed partial class AssessmentsApi
{
    [Authorize(Roles = SecRoles.RecordKeepers)]
    public override Task<ListDiscrepanciesResponse> ListDiscrepancies(ListDiscrepanciesRequest request, ServerCallContext context) =>
        discrepancies.ListAsync(request, context.CancellationToken);

    [Authorize(Roles = SecRoles.RecordKeepers)]
    public override Task<RetryDiscrepancyResponse> RetryDiscrepancy(RetryDiscrepancyRequest request, ServerCallContext context) =>
        discrepancies.RetryAsync(request, context.CancellationToken);

    [Authorize(Roles = SecRoles.Secas)]
    public override Task<ResolveDiscrepancyResponse> ResolveDiscrepancy(ResolveDiscrepancyRequest request, ServerCallContext context) =>
        discrepancies.ResolveAsync(request, context.CancellationToken);

    [Authorize(Roles = SecRoles.RecordKeepers)]
    public override async Task<DescribeRegisterViewResponse> DescribeRegisterView(DescribeRegisterViewRequest request, ServerCallContext context)
    {
        var (views, claims) = await consistency.DescribeAsync(context.CancellationToken);
        return RegisterViewProtos.ToProto("assessments", views, claims);
    }

    [Authorize(Roles = SecRoles.Readers)]
    public override Task<GetDataVersionResponse> GetDataVersion(GetDataVersionRequest request, ServerCallContext context) =>
        dataVersion.GetAsync(context.CancellationToken);
}
