using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Sec.Identity;
using Sec.Proposals.V1;

namespace Sec.Proposals.Api;

/// <summary>The monthly Change Status Report.</summary>
public sealed partial class ProposalsApi
{
    [Authorize(Roles = SecRoles.Readers)]
    public override async Task<GetChangeStatusReportResponse> GetChangeStatusReport(GetChangeStatusReportRequest request, ServerCallContext context)
    {
        var checks = new FieldChecks();
        var month = checks.IsoMonth(request.Month, "month");
        DateOnly? periodEnd = string.IsNullOrEmpty(request.PeriodEnd) ? null : checks.IsoDate(request.PeriodEnd, "period_end");
        DateOnly? asOf = string.IsNullOrEmpty(request.AsOf) ? null : checks.IsoDate(request.AsOf, "as_of");
        checks.ThrowIfAny();
        var report = await reporter.ComposeAsync(month, periodEnd, asOf, context.CancellationToken);
        var markdown = Reporting.ReportRendering.Markdown(report);
        var response = new GetChangeStatusReportResponse { Report = report, Markdown = markdown, Html = Reporting.ReportHtml.Page(report, markdown) };
        foreach (var (file, text) in Reporting.ReportRendering.Csv(report))
            response.Csv.Add(file, text);
        return response;
    }
}
