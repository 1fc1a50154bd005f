using Microsoft.Extensions.DependencyInjection;
using Sec.BuildingBlocks.Api;
using Sec.BuildingBlocks.Hosting;
using Sec.Proposals.Api;
using Sec.Proposals.V1;
using AssessmentsClient = Sec.Assessments.V1.AssessmentsService.AssessmentsServiceClient;
using ChangeBoardClient = Sec.ChangeBoard.V1.ChangeBoardService.ChangeBoardServiceClient;
using ReleasesClient = Sec.Releases.V1.ReleasesService.ReleasesServiceClient;

namespace Sec.Proposals.Reporting;

/// <summary>
/// Composes the monthly Change Status Report. The register's own sections come from this context's
/// data; each other context answers for its section over gRPC, computing its own figures.
/// </summary>
public sealed class ChangeStatusReporter(
    ReportQueries register,
    AssessmentsClient assessments,
    ChangeBoardClient changeBoard,
    ReleasesClient releases,
    [FromKeyedServices("proposals")] DiscrepancyApi discrepancies,
    ICurrentActor actor)
{
    private static readonly PublishedWeekdays Published = new();

    /// <summary>The report's dates: the activity month is the month before the report's month.</summary>
    public static (DateOnly From, DateOnly To, DateOnly PeriodEnd, DateOnly AsOf) Dates(DateOnly month, DateOnly? periodEnd, DateOnly? asOf)
    {
        var from = month.AddMonths(-1);
        var to = month.AddDays(-1);
        var end = periodEnd ?? to;
        return (from, to, end, asOf ?? end);
    }

    public async Task<ChangeStatusReport> ComposeAsync(DateOnly month, DateOnly? periodEnd, DateOnly? asOf, CancellationToken ct)
    {
        var (from, to, end, on) = Dates(month, periodEnd, asOf);
        string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        // The Panel's own month: what the register shows happening at this month's meeting.
        var monthEnd = month.AddMonths(1).AddDays(-1);
        var windowFrom = end.AddMonths(-12).AddDays(1);

        // The other contexts work on their sections while the register reads its own.
        var decisionsCall = changeBoard.ListDecisionsAsync(new() { From = Iso(from), To = Iso(to) }, cancellationToken: ct).ResponseAsync;
        var votesCall = changeBoard.ListVotesAsync(new() { From = Iso(from), To = Iso(to) }, cancellationToken: ct).ResponseAsync;
        var withAuthorityCall = changeBoard.ListPendingAuthorityDecisionsAsync(new(), cancellationToken: ct).ResponseAsync;
        var timescalesCall = assessments.GetTimescalesAsync(new() { PeriodEnd = Iso(end), AsOf = Iso(on) }, cancellationToken: ct).ResponseAsync;
        var implementedCall = releases.ListImplementedInMonthAsync(new() { Month = from.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture) }, cancellationToken: ct).ResponseAsync;
        var discrepanciesCall = OpenDiscrepanciesAsync(ct);
        var upcomingCall = releases.ListUpcomingReleasesAsync(new() { AsOf = Iso(on) }, cancellationToken: ct).ResponseAsync;

        // The register reads only what the report's dates need, each on its own connection. SQLite
        // answers synchronously even when asked asynchronously, so each read gets a thread of its own.
        var statesRead = Task.Run(() => register.StatesOnAsync(on, ct), ct);
        var movesRead = Task.Run(() => register.StagesBetweenAsync(month, monthEnd, ct), ct);
        var raisedRead = Task.Run(() => register.RaisedBetweenAsync(from, to, on, ct), ct);
        var cscRead = Task.Run(() => register.StepsBetweenAsync(from, to, "Change Sub-Committee", ct), ct);
        var concludedRead = Task.Run(() => register.FirstReachedBetweenAsync(ProposalTimescalesFigures.Concluding, windowFrom, end, ct), ct);
        var consultingRead = Task.Run(() => register.ConsultationsCurrentOnAsync(on, ct), ct);
        var groupsRead = Task.Run(() => register.WorkingGroupsOnAsync(on, ct), ct);

        var states = await statesRead;
        var counts = states.GroupBy(s => s.Phase).ToDictionary(g => Enum.Parse<Phase>(g.Key), g => g.Count());
        var ready = states.Where(s => s.Stage == (int)Stage.ReadyForConversion).Select(s => s.Sequence).ToHashSet();
        // The month's moves between phases, named as the register lists them; the summary picks its own from them.
        var moves = (await movesRead).Where(s => s.Previous is { } previous && Lifecycle.PhaseOf(previous) != Lifecycle.PhaseOf(s.Stage)).ToList();
        var lines = await register.LinesAsync(ready.Concat(moves.Select(s => s.Sequence)), ct);
        IEnumerable<ReportProposal> Moves(Stage from, Stage to)
        {
            var which = moves.Where(s => s.Stage == to && Lifecycle.PhaseOf(s.Previous!.Value) == Lifecycle.PhaseOf(from)).Select(s => s.Sequence).ToHashSet();
            return lines.Where(l => which.Contains(l.Sequence)).Select(l => Line(l, l.Step));
        }
        var consulting = await consultingRead;
        var decisions = (await decisionsCall).Items;
        var votes = (await votesCall).Items;
        var withAuthority = (await withAuthorityCall).Items;
        var timescales = await timescalesCall;
        var implemented = (await implementedCall).Releases;
        var upcoming = (await upcomingCall).Releases;

        static ReportProposal Line(ReportLine e, string detail) => new()
        {
            Reference = new Common.V1.ModificationReference { Value = e.Reference },
            Title = e.Title,
            Proposer = new V1.Proposer { Name = e.ProposerName, Organisation = e.ProposerOrganisation },
            On = e.EffectiveOn.ToProto(),
            Detail = detail,
        };
        static ReportProposal Raised(ReportLine now)
        {
            var line = Line(now, now.ProblemStatement);
            line.On = now.RaisedOn.ToProto();
            return line;
        }
        // Expected consultations are listed up to the end of the report's month; later expectations wait for their report.
        bool Visible(Domain.Consultation c, Domain.ConsultationKind kind) => c.Kind == kind && (c.IsOpen(on)
            || (c.IssuedOn is null || c.IssuedOn > on) && c.ExpectedWeekCommencing is { } week && week <= monthEnd);
        bool SelfGoverned(Sec.ChangeBoard.V1.AgendaItem v) => v.Path is Sec.ChangeBoard.V1.DecisionPath.SelfGovernance or Sec.ChangeBoard.V1.DecisionPath.FastTrackSelfGovernance;
        bool AuthorityPath(Sec.ChangeBoard.V1.AgendaItem d) => d.Path is Sec.ChangeBoard.V1.DecisionPath.AuthorityLed or Sec.ChangeBoard.V1.DecisionPath.AuthorityDetermination;

        var summary = new ReportSummary
        {
            PresentedForConversion = { lines.Where(l => ready.Contains(l.Sequence)).Select(l => Line(l, "Ready for conversion")) },
            ModificationReports = { Moves(Stage.Refinement, Stage.ReportPhase) },
            RecommendedToRefinement = { Moves(Stage.DraftRaised, Stage.Refinement).Concat(Moves(Stage.ReportPhase, Stage.Refinement)) },
            Decisions =
            {
                // A Self-Governance decision referred to the Panel is still the Change Board's decision, shown with its referral.
                votes.Where(SelfGoverned)
                    .Concat(decisions.Where(d => d.Kind == Sec.ChangeBoard.V1.AgendaItemKind.ModificationVote && AuthorityPath(d))),
            },
        };
        summary.Phases.AddRange(Enum.GetValues<Phase>().Select(p => new PhaseCount { Phase = (V1.Phase)(int)p, Count = counts.GetValueOrDefault(p) }));

        var figures = ProposalTimescalesFigures.Of(
            states.Where(s => ProposalTimescalesFigures.IsBeforeDecision(Lifecycle.PhaseOf((Stage)s.Stage))).Select(s => s.RaisedOn), await concludedRead, on, Published);
        return new ChangeStatusReport
        {
            Month = month.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture),
            Activity = new Common.V1.DateRange { From = from.ToProto(), To = to.ToProto() },
            PeriodEnd = end.ToProto(),
            AsOf = on.ToProto(),
            Summary = summary,
            Define = new ReportDefine
            {
                // Named as on the as-of date: MP135, raised and fast-tracked in the month, is listed as MP135.
                NewDraftProposals = { (await raisedRead).Select(Raised) },
                CscDecisions = { (await cscRead).Select(l => Line(l, l.Step)) },
            },
            Refine = new ReportRefine
            {
                // Groups that met in the last 12 months or have a meeting planned; dormant 2016 groups drop out.
                WorkingGroups = { (await groupsRead).Where(g => g.Next is not null || g.LastHeld?.MeetingOn > on.AddMonths(-12)).Select(ProposalsMapping.ToProto) },
                RefinementConsultations = { consulting.Where(c => Visible(c, Domain.ConsultationKind.Refinement)).Select(c => ProposalsMapping.ToProto(c, on)) },
                ImpactAssessmentRequests = { decisions.Where(d => d.Kind == Sec.ChangeBoard.V1.AgendaItemKind.ImpactAssessmentRequest) },
                AssessmentTimescales = timescales,
            },
            Opine = new ReportOpine
            {
                ModificationReportConsultations = { consulting.Where(c => Visible(c, Domain.ConsultationKind.ModificationReport)).Select(c => ProposalsMapping.ToProto(c, on)) },
                ChangeBoardVotes = { votes },
                AuthorityDecisions = { decisions.Where(AuthorityPath) },
                WithTheAuthority = { withAuthority.Where(w => w.MeetingOn.ToDateOnly("meeting_on") <= on) },
                Timescales = new V1.ProposalTimescales
                {
                    OpenCount = figures.OpenCount,
                    OpenAverageWorkingDays = figures.OpenAverage,
                    ConcludedCount = figures.ConcludedCount,
                    ConcludedAverageWorkingDays = figures.ConcludedAverage,
                },
            },
            // A release with nothing in scope yet has no contents to report.
            Release = new ReportRelease { Implemented = { implemented }, Upcoming = { upcoming.Where(u => u.Scope.Count > 0) } },
            OpenDiscrepancies = { await discrepanciesCall },
        };
    }

    /// <summary>The appendix for SECAS: every context's open discrepancies, for a caller who may list them.</summary>
    private async Task<IReadOnlyList<Common.V1.Discrepancy>> OpenDiscrepanciesAsync(CancellationToken ct)
    {
        var caller = actor.Caller();
        if (!caller.IsIn(SecRoles.Secas) && !caller.IsIn(SecRoles.Operator))
            return [];
        return await OpenDiscrepancies.InEveryContextAsync(discrepancies, assessments, changeBoard, releases, ct);
    }
}
