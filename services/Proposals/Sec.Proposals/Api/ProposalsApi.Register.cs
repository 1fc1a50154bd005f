using System.Globalization;
using Sec.Proposals.V1;

namespace Sec.Proposals.Api;

/// <summary>The register's searches and counts, and the monthly Change Status Report.</summary>
public sealed partial class ProposalsApi
{
    private const int DefaultPageSize = 50;
    private const int MaxPageSize = 500;

    [Authorize(Roles = SecRoles.Readers)]
    public override async Task<SearchProposalsResponse> SearchProposals(SearchProposalsRequest request, ServerCallContext context)
    {
        var filter = Filter(request);
        var size = request.Page?.PageSize is > 0 ? Math.Min(request.Page.PageSize, MaxPageSize) : DefaultPageSize;
        var offset = 0;
        if (!string.IsNullOrEmpty(request.Page?.PageToken) && (!int.TryParse(request.Page.PageToken, NumberStyles.None, CultureInfo.InvariantCulture, out offset) || offset < 0))
            throw new InvalidFields("page.page_token", "is not a token this service gave out");
        var (lines, total) = await register.SearchAsync(filter, offset, size, context.CancellationToken);
        var response = new SearchProposalsResponse
        {
            Page = new Common.V1.PageResponse
            {
                TotalSize = total,
                NextPageToken = offset + lines.Count < total ? (offset + lines.Count).ToString(CultureInfo.InvariantCulture) : "",
            },
        };
        response.Proposals.AddRange(lines.Select(ToProto));
        return response;
    }

    [Authorize(Roles = SecRoles.Readers)]
    public override async Task StreamProposals(SearchProposalsRequest request, IServerStreamWriter<ProposalSummary> responseStream, ServerCallContext context)
    {
        await foreach (var line in register.StreamAsync(Filter(request), context.CancellationToken))
            await responseStream.WriteAsync(ToProto(line), context.CancellationToken);
    }

    [Authorize(Roles = SecRoles.Readers)]
    public override async Task<GetPhaseCountsResponse> GetPhaseCounts(GetPhaseCountsRequest request, ServerCallContext context)
    {
        var asOf = ProtoFieldChecks.RequireIsoDate(request.AsOf, "as_of");
        var counts = await register.PhaseCountsAsync(asOf, context.CancellationToken);
        var response = new GetPhaseCountsResponse();
        response.Counts.AddRange(Enum.GetValues<Phase>().Select(p => new PhaseCount { Phase = ToProto(p), Count = counts.GetValueOrDefault(p) }));
        return response;
    }

    private static RegisterFilter Filter(SearchProposalsRequest request)
    {
        var checks = new FieldChecks();
        DateOnly? from = request.Raised?.From is { } f ? checks.Date(f, "raised.from") : null;
        DateOnly? to = request.Raised?.To is { } t ? checks.Date(t, "raised.to") : null;
        if (from is { } a && to is { } b)
            checks.Check(a <= b, "raised.to", "must not be before raised.from");
        var phases = new List<Phase>();
        foreach (var phase in request.Phases)
        {
            if (FromProto(phase) is { } p)
                phases.Add(p);
            else
                checks.Add("phases", $"{phase} is not a phase");
        }
        DecisionPath? path = request.Path == Proto.DecisionPath.Unspecified ? null : PathOf(request.Path, checks, allowNone: false);
        checks.OptionalText(request.Text, "text", 200);
        checks.ThrowIfAny();
        return new RegisterFilter
        {
            Text = request.Text,
            Phases = phases,
            Status = request.Status,
            Path = path,
            ProposerOrganisation = request.ProposerOrganisation,
            RaisedFrom = from,
            RaisedTo = to,
            WorkingGroup = request.WorkingGroup,
            TargetRelease = request.TargetRelease,
        };
    }

    // The monthly Change Status Report.

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
