using Sec.BuildingBlocks.Api;
using AssessmentsClient = Sec.Assessments.V1.AssessmentsService.AssessmentsServiceClient;
using ChangeBoardClient = Sec.ChangeBoard.V1.ChangeBoardService.ChangeBoardServiceClient;
using ReleasesClient = Sec.Releases.V1.ReleasesService.ReleasesServiceClient;

namespace Sec.Proposals.Reporting;

/// <summary>Every context's open discrepancies, the register's own and the others' over gRPC: the report's appendix and the consistency check both list them.</summary>
internal static class OpenDiscrepancies
{
    public static async Task<IReadOnlyList<Common.V1.Discrepancy>> InEveryContextAsync(
        DiscrepancyApi register, AssessmentsClient assessments, ChangeBoardClient changeBoard, ReleasesClient releases, CancellationToken ct)
    {
        var open = new Common.V1.ListDiscrepanciesRequest();
        var lists = await Task.WhenAll(
            register.ListAsync(open, ct),
            assessments.ListDiscrepanciesAsync(open, cancellationToken: ct).ResponseAsync,
            changeBoard.ListDiscrepanciesAsync(open, cancellationToken: ct).ResponseAsync,
            releases.ListDiscrepanciesAsync(open, cancellationToken: ct).ResponseAsync);
        return lists.SelectMany(l => l.Discrepancies).ToList();
    }
}
