using Sec.Common.V1;

namespace Sec.Proposals.Api;

/// <summary>This part: the context's discrepancies (what its consumers could not apply), and the consistency check across every context.</summary>
public sealed partial class ProposalsApi
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
    public override Task<CheckConsistencyResponse> CheckConsistency(CheckConsistencyRequest request, ServerCallContext context) =>
        consistency.CheckAsync(context.CancellationToken);
}
