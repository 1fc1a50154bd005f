using System.Globalization;
using Grpc.Core;
using Sec.BuildingBlocks.Api;
using Sec.BuildingBlocks.Domain;
using Sec.Proposals.Reporting;
using Sec.Proposals.V1;

namespace Sec.Proposals.Api;

/// <summary>The monthly Change Status Report.</summary>
public sealed partial class ProposalsApi
{
    public override async Task<GetChangeStatusReportResponse> GetChangeStatusReport(GetChangeStatusReportRequest request, ServerCallContext context)
    {
        var checks = new FieldChecks();
        if (!DateOnly.TryParseExact(request.Month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month))
            checks.Add("month", $"'{request.Month}' is not a month in the form yyyy-mm");
        DateOnly? periodEnd = string.IsNullOrEmpty(request.PeriodEnd) ? null : checks.IsoDate(request.PeriodEnd, "period_end");
        DateOnly? asOf = string.IsNullOrEmpty(request.AsOf) ? null : checks.IsoDate(request.AsOf, "as_of");
        checks.ThrowIfAny();
        var report = await reporter.ComposeAsync(month, periodEnd, asOf, context.CancellationToken);
        var markdown = ReportRendering.Markdown(report);
        var response = new GetChangeStatusReportResponse { Report = report, Markdown = markdown, Html = ReportHtml.Page(report, markdown) };
        foreach (var (file, text) in ReportRendering.Csv(report))
            response.Csv.Add(file, text);
        return response;
    }
}
