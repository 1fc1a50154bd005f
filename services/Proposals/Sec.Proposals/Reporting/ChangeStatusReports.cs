using Sec.BuildingBlocks.Hosting;
using Sec.BuildingBlocks.Storage;
using Sec.Proposals.Storage;
using Sec.Proposals.V1;
using AssessmentsClient = Sec.Assessments.V1.AssessmentsService.AssessmentsServiceClient;
using ChangeBoardClient = Sec.ChangeBoard.V1.ChangeBoardService.ChangeBoardServiceClient;
using ReleasesClient = Sec.Releases.V1.ReleasesService.ReleasesServiceClient;

namespace Sec.Proposals.Reporting;

/// <summary>
/// The Change Status Report as the API and the register's page return it: composed, then rendered
/// as Markdown, HTML and CSV once, and served again from the <see cref="ReportCache"/> while no
/// context's data has changed since.
/// </summary>
public sealed class ChangeStatusReports(
    ChangeStatusReporter reporter,
    ReportCache cache,
    ProposalsStore store,
    AssessmentsClient assessments,
    ChangeBoardClient changeBoard,
    ReleasesClient releases,
    ICurrentActor actor)
{
    public async Task<GetChangeStatusReportResponse> GetAsync(DateOnly month, DateOnly? periodEnd, DateOnly? asOf, ReportStageNames stageNames, CancellationToken ct)
    {
        var caller = actor.Caller();
        var key = new ReportKey(month, periodEnd, asOf, stageNames, ChangeStatusReporter.SeesDiscrepancies(caller));
        while (true)
        {
            // The versions are read before anything the report is built from, so a write made while it
            // is composed changes the next request's versions: a kept response is never older than its versions.
            var versions = await VersionsAsync(ct);
            try
            {
                return await cache.GetOrComposeAsync(key, versions, () => ComposeAsync(month, periodEnd, asOf, stageNames, ct));
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                // The caller whose composition this caller shared gave up; compose for this one.
            }
        }
    }

    /// <summary>The four contexts' data versions, as one string: equal strings, same data.</summary>
    public async Task<string> VersionsAsync(CancellationToken ct)
    {
        var request = new Common.V1.GetDataVersionRequest();
        var all = await Task.WhenAll(
            DataVersion.OfAsync(store, ct),
            Version(assessments.GetDataVersionAsync(request, cancellationToken: ct).ResponseAsync),
            Version(changeBoard.GetDataVersionAsync(request, cancellationToken: ct).ResponseAsync),
            Version(releases.GetDataVersionAsync(request, cancellationToken: ct).ResponseAsync));
        return string.Join('|', all);

        static async Task<string> Version(Task<Common.V1.GetDataVersionResponse> call) => (await call).Version;
    }

    private async Task<GetChangeStatusReportResponse> ComposeAsync(DateOnly month, DateOnly? periodEnd, DateOnly? asOf, ReportStageNames stageNames, CancellationToken ct)
    {
        var report = await reporter.ComposeAsync(month, periodEnd, asOf, stageNames, ct);
        return Render(report);
    }

    /// <summary>The response for a composed report: the report with its Markdown, HTML page and CSV files.</summary>
    public static GetChangeStatusReportResponse Render(ChangeStatusReport report)
    {
        var markdown = ReportRendering.Markdown(report);
        var response = new GetChangeStatusReportResponse { Report = report, Markdown = markdown, Html = ReportHtml.Page(report, markdown) };
        foreach (var (file, text) in ReportRendering.Csv(report))
            response.Csv.Add(file, text);
        return response;
    }
}
