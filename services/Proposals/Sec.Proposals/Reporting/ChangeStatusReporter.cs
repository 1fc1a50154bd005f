using Sec.BuildingBlocks.Api;
using Sec.BuildingBlocks.Domain;
using Sec.Calendar;
using Sec.Proposals.Api;
using Sec.Proposals.Domain;
using Sec.Proposals.Storage;
using Sec.Proposals.V1;
using AssessmentsClient = Sec.Assessments.V1.AssessmentsService.AssessmentsServiceClient;
using ChangeBoardClient = Sec.ChangeBoard.V1.ChangeBoardService.ChangeBoardServiceClient;
using HistoryEntry = Sec.Proposals.Domain.HistoryEntry;
using Phase = Sec.Proposals.Domain.Phase;
using ReleasesClient = Sec.Releases.V1.ReleasesService.ReleasesServiceClient;

namespace Sec.Proposals.Reporting;

/// <summary>
/// Composes the monthly Change Status Report. The register's own sections come from this context's
/// data; each other context answers for its section over gRPC, computing its own figures.
/// </summary>
public sealed class ChangeStatusReporter(
    RegisterQueries register,
    WorkingGroupRepository workingGroups,
    ConsultationRepository consultations,
    AssessmentsClient assessments,
    ChangeBoardClient changeBoard,
    ReleasesClient releases)
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
        bool InMonth(DateOnly d) => d >= from && d <= to;

        var all = await register.AllWithHistoryAsync(ct);
        var counts = await register.PhaseCountsAsync(on, ct);
        var consulting = await consultations.AllAsync(ct);
        var decisions = (await changeBoard.ListDecisionsAsync(new() { From = Iso(from), To = Iso(to) }, cancellationToken: ct)).Items;
        var votes = (await changeBoard.ListVotesAsync(new() { From = Iso(from), To = Iso(to) }, cancellationToken: ct)).Items;
        var withAuthority = (await changeBoard.ListPendingAuthorityDecisionsAsync(new(), cancellationToken: ct)).Items;
        var timescales = await assessments.GetTimescalesAsync(new() { PeriodEnd = Iso(end), AsOf = Iso(on) }, cancellationToken: ct);
        var implemented = (await releases.ListImplementedInMonthAsync(new() { Month = from.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture) }, cancellationToken: ct)).Releases;
        var upcoming = (await releases.ListUpcomingReleasesAsync(new() { AsOf = Iso(on) }, cancellationToken: ct)).Releases;

        static ReportProposal Line(Domain.Proposal p, HistoryEntry e, string detail) => new()
        {
            Reference = new Common.V1.ModificationReference { Value = e.Reference },
            Title = p.Title,
            Proposer = new V1.Proposer { Name = p.ProposerName, Organisation = p.ProposerOrganisation },
            On = e.EffectiveOn.ToProto(),
            Detail = detail,
        };
        static ReportProposal Raised(Domain.Proposal p, HistoryEntry now)
        {
            var line = Line(p, now, p.ProblemStatement);
            line.On = p.RaisedOn.ToProto();
            return line;
        }
        IEnumerable<ReportProposal> Steps(Func<HistoryEntry, bool> which) =>
            all.SelectMany(p => p.History.Where(h => InMonth(h.EffectiveOn) && which(h)).Select(h => Line(p, h, h.Step)));
        // The Panel's own month: what the register shows happening at this month's meeting.
        var monthEnd = month.AddMonths(1).AddDays(-1);
        bool InReportMonth(DateOnly d) => d >= month && d <= monthEnd;
        IEnumerable<ReportProposal> Moves(Stage from, Stage to) => all.SelectMany(p => p.History.Zip(p.History.Skip(1))
            .Where(pair => InReportMonth(pair.Second.EffectiveOn) && pair.Second.State.Stage == to && Lifecycle.PhaseOf(pair.First.State.Stage) == Lifecycle.PhaseOf(from))
            .Select(pair => Line(p, pair.Second, pair.Second.Step)));
        // Expected consultations are listed up to the end of the report's month; later expectations wait for their report.
        bool Visible(Domain.Consultation c, Domain.ConsultationKind kind) => c.Kind == kind && (c.IsOpen(on)
            || (c.IssuedOn is null || c.IssuedOn > on) && c.ExpectedWeekCommencing is { } week && week <= monthEnd);
        bool SelfGoverned(Sec.ChangeBoard.V1.AgendaItem v) => v.Path is Sec.ChangeBoard.V1.DecisionPath.SelfGovernance or Sec.ChangeBoard.V1.DecisionPath.FastTrackSelfGovernance;
        bool AuthorityPath(Sec.ChangeBoard.V1.AgendaItem d) => d.Path is Sec.ChangeBoard.V1.DecisionPath.AuthorityLed or Sec.ChangeBoard.V1.DecisionPath.AuthorityDetermination;

        var summary = new ReportSummary
        {
            PresentedForConversion = { all.Where(p => p.AsOf(on)?.State.Stage == Stage.ReadyForConversion).Select(p => Line(p, p.AsOf(on)!, "Ready for conversion")) },
            ModificationReports = { Moves(Stage.Refinement, Stage.ReportPhase) },
            RecommendedToRefinement = { Moves(Stage.DraftRaised, Stage.Refinement).Concat(Moves(Stage.ReportPhase, Stage.Refinement)) },
            Decisions =
            {
                votes.Where(v => SelfGoverned(v) && v.Status != Sec.ChangeBoard.V1.AgendaItemStatus.Referred)
                    .Concat(decisions.Where(d => d.Kind == Sec.ChangeBoard.V1.AgendaItemKind.ModificationVote && AuthorityPath(d))),
            },
        };
        summary.Phases.AddRange(Enum.GetValues<Phase>().Select(p => new PhaseCount { Phase = (V1.Phase)(int)p, Count = counts.GetValueOrDefault(p) }));

        var figures = ProposalTimescalesFigures.Of(all, end.AddMonths(-12).AddDays(1), end, on, Published);
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
                NewDraftProposals = { all.Where(p => InMonth(p.RaisedOn)).Select(p => Raised(p, p.AsOf(on) ?? p.History[0])) },
                CscDecisions = { Steps(h => h.Step.StartsWith("Change Sub-Committee", StringComparison.Ordinal)) },
            },
            Refine = new ReportRefine
            {
                // Groups that met in the last 12 months or have a meeting planned; dormant 2016 groups drop out.
                WorkingGroups = { (await workingGroups.ScheduleOnAsync(on, ct)).Where(g => g.Next is not null || g.LastHeld?.MeetingOn > on.AddMonths(-12)).Select(ProposalsApi.ToProto) },
                RefinementConsultations = { consulting.Where(c => Visible(c, Domain.ConsultationKind.Refinement)).Select(c => ProposalsApi.ToProto(c, on)) },
                ImpactAssessmentRequests = { decisions.Where(d => d.Kind == Sec.ChangeBoard.V1.AgendaItemKind.ImpactAssessmentRequest) },
                AssessmentTimescales = timescales,
            },
            Opine = new ReportOpine
            {
                ModificationReportConsultations = { consulting.Where(c => Visible(c, Domain.ConsultationKind.ModificationReport)).Select(c => ProposalsApi.ToProto(c, on)) },
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
        };
    }
}
