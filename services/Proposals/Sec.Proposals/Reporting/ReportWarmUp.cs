using Grpc.Core;
using Sec.BuildingBlocks.Api;
using Sec.BuildingBlocks.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Sec.BuildingBlocks.Storage;
using Sec.Identity;
using Sec.Proposals.Application;
using Sec.Proposals.Storage;
using Sec.Proposals.V1;
using AssessmentsClient = Sec.Assessments.V1.AssessmentsService.AssessmentsServiceClient;
using ChangeBoardClient = Sec.ChangeBoard.V1.ChangeBoardService.ChangeBoardServiceClient;
using ReleasesClient = Sec.Releases.V1.ReleasesService.ReleasesServiceClient;

namespace Sec.Proposals.Reporting;

/// <summary>
/// The report, once in the background after start (see <see cref="Sec.BuildingBlocks.Hosting.WarmUp"/>),
/// so the first caller's report is not composed on cold code and pages. A host that holds the suite's
/// signing key composes the whole report a reader most likely asks for next, every context's section
/// as a reader's request would, and keeps it in the <see cref="ReportCache"/>. A host that only
/// validates tokens cannot ask the other contexts for their sections: it does the report's own part
/// (the register's reads for this month, the data version, a report rendered and serialised, and a
/// connection to each other context) and keeps nothing.
/// </summary>
public static class ReportWarmUp
{
    /// <summary>
    /// The report runs about ten register reads side by side, each blocking a pool thread (SQLite
    /// answers synchronously), while the other contexts' reads block theirs. A new process has as
    /// many pool threads as cores and adds more only slowly, so its first report queued its reads
    /// behind each other for a second or more; a floor of 32 threads lets them start at once.
    /// </summary>
    public static void AllowParallelReads()
    {
        ThreadPool.GetMinThreads(out var workers, out var io);
        if (workers < MinWorkerThreads)
            ThreadPool.SetMinThreads(MinWorkerThreads, io);
    }

    private const int MinWorkerThreads = 32;

    /// <summary>Who the warm-up reads as: a reader, so it sees what any caller may.</summary>
    public static readonly Principal Reader = new("Report warm-up", "SECAS", [SecRoles.Reader]);

    public static async Task RunAsync(IServiceProvider services, CancellationToken ct)
    {
        var today = services.GetRequiredService<IClock>().Today;
        var register = services.GetRequiredService<ReportQueries>();
        if (services.GetService<IHostTokens>()?.Issue(Reader, TimeSpan.FromMinutes(5)) is { } token)
        {
            var next = NextReportMonth(await register.LatestEffectiveOnAsync(ct), today);
            using (ForwardedBearer.ActingAsHost(token))
                await services.GetRequiredService<ChangeStatusReports>().GetAsync(next, null, null, ReportStageNames.Unspecified, ct);
            return;
        }

        var month = today.AddDays(1 - today.Day);
        var (from, to, end, on) = ChangeStatusReporter.Dates(month, null, null);
        await DataVersion.OfAsync(services.GetRequiredService<ProposalsStore>(), ct);
        // The same reads as a report, side by side, each on a connection of its own as a report does.
        var states = Task.Run(() => register.StatesOnAsync(on, ct), ct);
        await Task.WhenAll(
            states,
            Task.Run(() => register.StagesBetweenAsync(from, to, ct), ct),
            Task.Run(() => register.RaisedBetweenAsync(from, to, on, ct), ct),
            Task.Run(() => register.StepsBetweenAsync(from, to, "Change Sub-Committee", ct), ct),
            Task.Run(() => register.FirstReachedBetweenAsync(ProposalTimescalesFigures.Concluding, end.AddMonths(-12).AddDays(1), end, ct), ct),
            Task.Run(() => register.ConsultationsCurrentOnAsync(on, ct), ct),
            Task.Run(() => register.WorkingGroupsOnAsync(on, ct), ct),
            Task.Run(() => register.MeetingsBetweenAsync(from, on.AddMonths(3), ct), ct),
            Task.Run(() => register.CoverAsync(month, ct), ct));
        await register.LinesAsync((await states).Take(50).Select(s => s.Sequence), ct);

        // The renderers and the response's serialisation, on a report with one line in its lists.
        var line = new ReportProposal { Reference = new Common.V1.ModificationReference { Value = "MP1" }, Title = "Warm-up", Detail = "", Link = ChangeStatusReporter.ModificationPage("MP1"), On = on.ToProto() };
        var report = new ChangeStatusReport
        {
            Month = month.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture),
            Activity = new Common.V1.DateRange { From = from.ToProto(), To = to.ToProto() },
            PeriodEnd = end.ToProto(),
            AsOf = on.ToProto(),
            Summary = new ReportSummary { PresentedForConversion = { line }, Withdrawn = { line } },
            Define = new ReportDefine { NewDraftProposals = { line }, CscDecisions = { line } },
            Refine = new ReportRefine { AssessmentTimescales = new Sec.Assessments.V1.GetTimescalesResponse() },
            Opine = new ReportOpine { Timescales = new V1.ProposalTimescales() },
            Release = new ReportRelease(),
        };
        report.Summary.Phases.AddRange(Enum.GetValues<Sec.Contracts.Phase>().Select(p => new PhaseCount { Phase = (V1.Phase)(int)p, Count = 1 }));
        GetChangeStatusReportResponse.Parser.ParseFrom(Google.Protobuf.MessageExtensions.ToByteArray(ChangeStatusReports.Render(report)));

        // A connection to each other context; without a caller's token each refuses, which is enough to connect.
        var request = new Common.V1.GetDataVersionRequest();
        await Connect(services.GetRequiredService<AssessmentsClient>().GetDataVersionAsync(request, cancellationToken: ct).ResponseAsync);
        await Connect(services.GetRequiredService<ChangeBoardClient>().GetDataVersionAsync(request, cancellationToken: ct).ResponseAsync);
        await Connect(services.GetRequiredService<ReleasesClient>().GetDataVersionAsync(request, cancellationToken: ct).ResponseAsync);

        static async Task Connect(Task call)
        {
            try
            {
                await call;
            }
            catch (RpcException e) when (e.StatusCode is StatusCode.Unauthenticated or StatusCode.PermissionDenied)
            {
            }
        }
    }

    /// <summary>
    /// The report a reader most likely asks for next: the one whose activity month holds the register's
    /// latest entry, and no later than this month's (a live register's latest entries are this month's).
    /// </summary>
    public static DateOnly NextReportMonth(DateOnly? latestEntry, DateOnly today)
    {
        var thisMonth = new DateOnly(today.Year, today.Month, 1);
        if (latestEntry is not { } latest)
            return thisMonth;
        var month = new DateOnly(latest.Year, latest.Month, 1).AddMonths(1);
        return month < thisMonth ? month : thisMonth;
    }
}
