using System.Globalization;
using Sec.Proposals.V1;

namespace Sec.Proposals.Api;

/// <summary>The register's searches and counts, and the monthly Change Status Report.</summary>
public sealed partial class ProposalsApi
{
    private const int DefaultPageSize = 50;
    private const int MaxPageSize = 500;

    /// <summary>A search's text filters: longer than any title fragment, organisation, status or release name searched for.</summary>
    private const int MaxFilterLength = 200;

    /// <summary>There are seven phases; more than ten names is not a filter but a flood.</summary>
    private const int MaxPhases = 10;

    [Authorize(Roles = SecRoles.Readers)]
    public override async Task<SearchProposalsResponse> SearchProposals(SearchProposalsRequest request, ServerCallContext context)
    {
        var checks = new FieldChecks();
        var filter = Filter(request, checks);
        var size = request.Page?.PageSize ?? 0;
        checks.Check(size is >= 0 and <= MaxPageSize, "page.page_size", $"must be 0 for the default ({DefaultPageSize}) or from 1 to {MaxPageSize}");
        var offset = 0;
        if (!string.IsNullOrEmpty(request.Page?.PageToken) && (!int.TryParse(request.Page.PageToken, NumberStyles.None, CultureInfo.InvariantCulture, out offset) || offset < 0))
            checks.Add("page.page_token", "is not a token this service gave out");
        checks.ThrowIfAny();
        size = size == 0 ? DefaultPageSize : size;
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
        var checks = new FieldChecks();
        var filter = Filter(request, checks);
        checks.ThrowIfAny();
        await foreach (var line in register.StreamAsync(filter, context.CancellationToken))
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

    /// <summary>The search's filter, with every violation recorded in <paramref name="checks"/>.</summary>
    private static RegisterFilter Filter(SearchProposalsRequest request, FieldChecks checks)
    {
        DateOnly? from = request.Raised?.From is { } f ? checks.Date(f, "raised.from") : null;
        DateOnly? to = request.Raised?.To is { } t ? checks.Date(t, "raised.to") : null;
        if (from is { } a && to is { } b)
            checks.Check(a <= b, "raised.to", "must not be before raised.from");
        checks.Check(request.Phases.Count <= MaxPhases, "phases", $"must name at most {MaxPhases} phases (it names {request.Phases.Count:N0})");
        var phases = new List<Phase>();
        foreach (var phase in request.Phases.Take(MaxPhases))
        {
            if (FromProto(phase) is { } p)
                phases.Add(p);
            else
                checks.Add("phases", $"{phase} is not a phase");
        }
        DecisionPath? path = request.Path == Proto.DecisionPath.Unspecified ? null : PathOf(request.Path, checks, allowNone: false);
        checks.OptionalText(request.Text, "text", MaxFilterLength)
              .OptionalText(request.Status, "status", MaxFilterLength)
              .OptionalText(request.ProposerOrganisation, "proposer_organisation", MaxFilterLength)
              .OptionalText(request.WorkingGroup, "working_group", MaxFilterLength)
              .OptionalText(request.TargetRelease, "target_release", MaxFilterLength);
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
        // The report covers the month before its own, which must be within the register's dates too.
        checks.Check(month == default || month > ProtoConversions.EarliestBusinessDate, "month",
            $"{request.Month} would report on the month before it, outside the register's dates (from {ProtoConversions.EarliestBusinessDate:yyyy-MM-dd}); the earliest report is {ProtoConversions.EarliestBusinessDate.AddMonths(1):yyyy-MM}");
        DateOnly? periodEnd = string.IsNullOrEmpty(request.PeriodEnd) ? null : checks.IsoDate(request.PeriodEnd, "period_end");
        DateOnly? asOf = string.IsNullOrEmpty(request.AsOf) ? null : checks.IsoDate(request.AsOf, "as_of");
        checks.Check(Enum.IsDefined(request.StageNames), "stage_names", $"{(int)request.StageNames} is not a choice of stage names; use PHASES, 2016 or leave it unspecified to choose by the as-of date");
        checks.ThrowIfAny();
        return await reports.GetAsync(month, periodEnd, asOf, request.StageNames, context.CancellationToken);
    }

    [Authorize(Roles = SecRoles.Secas)]
    public override async Task<SetReportCoverResponse> SetReportCover(SetReportCoverRequest request, ServerCallContext context)
    {
        var checks = new FieldChecks();
        var month = checks.IsoMonth(request.Month, "month");
        var reportDate = request.ReportDate is null ? (DateOnly?)null : checks.Date(request.ReportDate, "report_date");
        checks.Check(request.ReportDate is not null, "report_date", "is required: the date the report is dated");
        var cover = await covers.SetAsync(month, request.Author, request.PaperReference, reportDate ?? month, request.Narratives,
            request.Appendices.Select(a => new Domain.ReportAppendix(a.Title, a.Url)).ToList(), checks, context.CancellationToken);
        return new SetReportCoverResponse { Cover = ProposalsMapping.ToProto(cover) };
    }
}
