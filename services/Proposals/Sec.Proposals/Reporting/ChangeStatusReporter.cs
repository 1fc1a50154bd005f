using Microsoft.Extensions.DependencyInjection;
using Sec.BuildingBlocks.Api;
using Sec.BuildingBlocks.Hosting;
using Sec.Proposals.Api;
using Sec.Proposals.Application;
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
    ModificationPageUseCases pages,
    ModificationPage.ModificationViewComposer composer,
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

    /// <summary>
    /// Reports as of a date before this one count under the 2016 Modification Status Report's stage
    /// names unless asked otherwise: the December 2016 paper uses them, the 2020 reports the phases.
    /// </summary>
    public static readonly DateOnly PhasesNamedFrom = new(2018, 1, 1);

    /// <summary>Where a report links each modification: its page on the register.</summary>
    public static string ModificationPage(string reference) => $"/register/{Uri.EscapeDataString(reference)}";

    /// <summary>The 2016 stage names, in the paper's order, with today's stages under each.</summary>
    public static readonly IReadOnlyList<(string Name, Stage[] Stages)> LegacyStages =
    [
        ("Initial Modification Report", [Stage.DraftRaised, Stage.ReadyForConversion, Stage.NeedsFurtherDevelopment]),
        ("Refinement", [Stage.Refinement]),
        ("Modification Report", [Stage.ReportPhase, Stage.ModificationReportConsultation]),
        ("Change Board", [Stage.AwaitingChangeBoard]),
        ("Awaiting Authority Decision", [Stage.AwaitingAuthority]),
        ("Pending Implementation", [Stage.AwaitingImplementation]),
    ];

    /// <summary>Whether a report counts under the 2016 names: as asked, or by its as-of date.</summary>
    public static bool UsesLegacyStages(ReportStageNames names, DateOnly asOf) =>
        names == ReportStageNames._2016 || (names == ReportStageNames.Unspecified && asOf < PhasesNamedFrom);

    public Task<ChangeStatusReport> ComposeAsync(DateOnly month, DateOnly? periodEnd, DateOnly? asOf, CancellationToken ct) =>
        ComposeAsync(month, periodEnd, asOf, ReportStageNames.Unspecified, ct);

    public async Task<ChangeStatusReport> ComposeAsync(DateOnly month, DateOnly? periodEnd, DateOnly? asOf, ReportStageNames stageNames, CancellationToken ct)
    {
        var (from, to, end, on) = Dates(month, periodEnd, asOf);
        string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        // The Panel's own month: what the register shows happening at this month's meeting.
        var monthEnd = month.AddMonths(1).AddDays(-1);
        var windowFrom = end.AddMonths(-12).AddDays(1);

        // Should the report fail part-way, it stops every read and call it started and returns once they are over.
        await using var started = new SideBySide(ct);
        var pieces = started.Token;
        // The other contexts work on their sections while the register reads its own.
        var decisionsCall = started.Start(changeBoard.ListDecisionsAsync(new() { From = Iso(from), To = Iso(to) }, cancellationToken: pieces).ResponseAsync);
        var votesCall = started.Start(changeBoard.ListVotesAsync(new() { From = Iso(from), To = Iso(to) }, cancellationToken: pieces).ResponseAsync);
        var withAuthorityCall = started.Start(changeBoard.ListPendingAuthorityDecisionsAsync(new(), cancellationToken: pieces).ResponseAsync);
        var timescalesCall = started.Start(assessments.GetTimescalesAsync(new() { PeriodEnd = Iso(end), AsOf = Iso(on) }, cancellationToken: pieces).ResponseAsync);
        var implementedCall = started.Start(releases.ListImplementedInMonthAsync(new() { Month = from.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture) }, cancellationToken: pieces).ResponseAsync);
        var discrepanciesCall = started.Start(OpenDiscrepanciesAsync(pieces));
        var upcomingCall = started.Start(releases.ListUpcomingReleasesAsync(new() { AsOf = Iso(on) }, cancellationToken: pieces).ResponseAsync);

        // The register reads only what the report's dates need, each on its own connection. SQLite
        // answers synchronously even when asked asynchronously, so each read gets a thread of its own.
        var statesRead = started.Run(t => register.StatesOnAsync(on, t));
        var movesRead = started.Run(t => register.StagesBetweenAsync(month, monthEnd, t));
        var raisedRead = started.Run(t => register.RaisedBetweenAsync(from, to, on, t));
        var cscRead = started.Run(t => register.StepsBetweenAsync(from, to, "Change Sub-Committee", t));
        var concludedRead = started.Run(t => register.FirstReachedBetweenAsync(ProposalTimescalesFigures.Concluding, windowFrom, end, t));
        var consultingRead = started.Run(t => register.ConsultationsCurrentOnAsync(on, t));
        var groupsRead = started.Run(t => register.WorkingGroupsOnAsync(on, t));
        // Meetings from the activity month's start; those after the as-of date only as far as a
        // season ahead, so a group formed years later does not show as "next" in an old report.
        var meetingsRead = started.Run(t => register.MeetingsBetweenAsync(from < on ? from : on, on.AddMonths(3), t));
        var activityMovesRead = started.Run(t => register.StagesBetweenAsync(from, to, t));
        var coverRead = started.Run(t => register.CoverAsync(month, t));

        var states = await statesRead;
        var counts = states.GroupBy(s => s.Phase).ToDictionary(g => Enum.Parse<Phase>(g.Key), g => g.Count());
        var ready = states.Where(s => s.Stage == (int)Stage.ReadyForConversion).Select(s => s.Sequence).ToHashSet();
        // The month's moves between phases, named as the register lists them; the summary picks its own from them.
        var moves = (await movesRead).Where(s => s.Previous is { } previous && Lifecycle.PhaseOf(previous) != Lifecycle.PhaseOf(s.Stage)).ToList();
        var withdrawals = (await activityMovesRead).Where(s => s.Stage == Stage.Withdrawn && s.Previous != Stage.Withdrawn).Select(s => s.Sequence).ToHashSet();
        var lines = await register.LinesAsync(ready.Concat(moves.Select(s => s.Sequence)).Concat(withdrawals), ct);
        IEnumerable<ReportProposal> Moves(Stage from, Stage to, DateOnly until)
        {
            var which = moves.Where(s => s.Stage == to && Lifecycle.PhaseOf(s.Previous!.Value) == Lifecycle.PhaseOf(from)).Select(s => s.Sequence).ToHashSet();
            return lines.Where(l => which.Contains(l.Sequence) && l.EffectiveOn <= until).Select(l => Line(l, l.Step));
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
            Link = ModificationPage(e.Reference),
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

        static bool IsReferred(Sec.ChangeBoard.V1.AgendaItem v) => v.ReferredBy.Length > 0 || v.Status == Sec.ChangeBoard.V1.AgendaItemStatus.Referred;
        var summary = new ReportSummary
        {
            // A CSC decision that a Draft Proposal is ready is presented to the Panel that follows it:
            // one made in the activity month (or since, up to the as-of date). An older one has had its
            // Panel, so DP100, found ready in March 2020, is not presented again in August.
            PresentedForConversion = { lines.Where(l => ready.Contains(l.Sequence) && l.EffectiveOn >= from && l.EffectiveOn <= on).Select(l => Line(l, "Ready for conversion")) },
            // Modification Reports are named in advance for the month's Panel.
            ModificationReports = { Moves(Stage.Refinement, Stage.ReportPhase, monthEnd) },
            // A conversion is known from the day the Panel makes it; until then the proposal is a Draft Proposal for conversion.
            RecommendedToRefinement = { Moves(Stage.DraftRaised, Stage.Refinement, on).Concat(Moves(Stage.ReportPhase, Stage.Refinement, on)) },
            Decisions =
            {
                // The month's decisions: Self-Governance votes that stand (a referred one waits for the
                // Panel and is listed as referred) and the Authority's decisions on Paths 1 and 2.
                votes.Where(v => SelfGoverned(v) && !IsReferred(v))
                    .Concat(decisions.Where(d => d.Kind == Sec.ChangeBoard.V1.AgendaItemKind.ModificationVote && AuthorityPath(d))),
            },
            Referred = { votes.Where(v => SelfGoverned(v) && IsReferred(v)) },
            Withdrawn = { lines.Where(l => withdrawals.Contains(l.Sequence)).Select(l => Line(l, l.Step)) },
        };
        // The Refinement Process's modifications by what they await, from the assessments open on the as-of date.
        var refining = await register.LinesAsync(states.Where(s => s.Stage == (int)Stage.Refinement).Select(s => s.Sequence), ct);
        var breakdown = Domain.RefinementBreakdown.Of(refining.Select(l => l.Reference),
            timescales.Open.Select(o => (o.Reference.Value, o.Kind == Sec.Assessments.V1.AssessmentKind.Impact ? Domain.OpenAssessmentKind.Impact : Domain.OpenAssessmentKind.Preliminary)));
        summary.RefinementBreakdown = new V1.RefinementBreakdown
        {
            FurtherRefinement = breakdown.FurtherRefinement,
            AwaitingPreliminaryAssessment = breakdown.AwaitingPreliminary.Count,
            AwaitingImpactAssessment = breakdown.AwaitingImpact.Count,
            PreliminaryAssessment = { breakdown.AwaitingPreliminary.Select(ProposalsMapping.Reference) },
            ImpactAssessment = { breakdown.AwaitingImpact.Select(ProposalsMapping.Reference) },
        };
        if (UsesLegacyStages(stageNames, on))
            summary.LegacyStages.AddRange(LegacyStages.Select(s => new LegacyStageCount { Stage = s.Name, Count = states.Count(x => s.Stages.Contains((Stage)x.Stage)) }));
        // A modification split across releases counts once per part: the April 2020 paper's Release
        // figure, 4, is its four release lines (SECMP0053; SECMP0062 part 1; SECMP0062 part 2; MP081).
        var furtherParts = upcoming.SelectMany(u => u.Scope).Where(s => s.Part > 0 && s.Kind == Sec.Releases.V1.ScopeKind.Approved)
            .GroupBy(s => s.Reference.Value).Sum(g => g.Select(s => s.Part).Distinct().Count() - 1);
        counts[Phase.Release] = counts.GetValueOrDefault(Phase.Release) + furtherParts;
        summary.Phases.AddRange(Enum.GetValues<Phase>().Select(p => new PhaseCount { Phase = (V1.Phase)(int)p, Count = counts.GetValueOrDefault(p) }));

        var csc = await cscRead;
        var meetings = Meetings(await meetingsRead);
        var figures = ProposalTimescalesFigures.Of(
            states.Where(s => ProposalTimescalesFigures.IsBeforeDecision(Lifecycle.PhaseOf((Stage)s.Stage))).Select(s => s.RaisedOn), await concludedRead, on, Published);
        var report = new ChangeStatusReport
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
                CscDecisions = { csc.Select(l => Line(l, l.Step)) },
                ReadyForConversion = { csc.Where(l => l.Stage == (int)Stage.ReadyForConversion).Select(l => Line(l, l.Step)) },
                NeedingFurtherDevelopment = { csc.Where(l => l.Stage == (int)Stage.NeedsFurtherDevelopment).Select(l => Line(l, l.Step)) },
            },
            Refine = new ReportRefine
            {
                // Groups that met in the last 12 months or have a meeting planned; dormant 2016 groups drop out.
                WorkingGroups = { (await groupsRead).Where(g => g.Next is not null || g.LastHeld?.MeetingOn > on.AddMonths(-12)).Select(ProposalsMapping.ToProto) },
                RefinementConsultations = { consulting.Where(c => Visible(c, Domain.ConsultationKind.Refinement)).Select(c => ProposalsMapping.ToProto(c, on)) },
                ImpactAssessmentRequests = { decisions.Where(d => d.Kind == Sec.ChangeBoard.V1.AgendaItemKind.ImpactAssessmentRequest) },
                AssessmentTimescales = timescales,
                MeetingsHeld = { meetings.Where(m => m.MeetingOn.ToDateOnly("meeting_on") >= from && m.MeetingOn.ToDateOnly("meeting_on") <= on) },
                MeetingsPlanned = { Planned(meetings.Where(m => m.MeetingOn.ToDateOnly("meeting_on") > on)) },
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
            // A scheduled release with nothing in scope yet is still listed, as the December 2016 paper lists
            // the June and November 2017 releases; a standalone release exists only for what it implements.
            Release = new ReportRelease { Implemented = { implemented }, Upcoming = { upcoming.Where(u => u.Scope.Count > 0 || u.Release.Type != Sec.Releases.V1.ReleaseType.Standalone) } },
            OpenDiscrepancies = { await discrepanciesCall },
        };
        if (await coverRead is { } cover)
            report.Cover = ProposalsMapping.ToProto(cover);
        report.Documents.AddRange((await pages.DocumentsDatedAsync(from, to, ct)).Select(ProposalsMapping.ToProto));
        // Each planned modification's milestones against what happened by the as-of date, as its page composes them.
        foreach (var planned in await pages.PlannedByAsync(on, ct))
            if ((await composer.ComposeAsync(ModificationReference.Parse(planned, "reference"), on, ct)) is { Plan: { } plan } page)
                report.Plans.Add(new ReportPlan { Reference = page.Proposal.Reference, Title = page.Proposal.Title, Plan = plan });
        foreach (var (reference, title) in await TitlesAsync(report, ct))
            report.Titles[reference] = title;
        return report;
    }

    /// <summary>One meeting per row group, its agenda in register order.</summary>
    private static List<ReportMeeting> Meetings(IReadOnlyList<Storage.ReportMeetingRow> rows) =>
        rows.GroupBy(r => r.MeetingId).Select(g =>
        {
            var first = g.First();
            var meeting = new ReportMeeting
            {
                WorkingGroup = first.WorkingGroup,
                MeetingOn = first.MeetingOn.ToProto(),
                Kind = first.Kind == (int)Domain.MeetingKind.Monthly ? Proto.MeetingKind.Monthly : Proto.MeetingKind.AdHoc,
                AgendaConfirmedOn = first.AgendaConfirmedOn?.ToProto(),
                Outcome = first.Outcome ?? "",
            };
            meeting.Agenda.AddRange(g.Where(r => r.Reference is not null).Select(r => new ReportProposal
            {
                Reference = new Common.V1.ModificationReference { Value = r.Reference },
                Title = r.Title ?? "",
                Link = ModificationPage(r.Reference!),
            }));
            return meeting;
        }).ToList();

    /// <summary>Each group's next monthly meeting, and its ad-hoc meetings before that one.</summary>
    private static IEnumerable<ReportMeeting> Planned(IEnumerable<ReportMeeting> after) =>
        after.GroupBy(m => m.WorkingGroup).SelectMany(g =>
        {
            var nextMonthly = g.FirstOrDefault(m => m.Kind == Proto.MeetingKind.Monthly);
            return nextMonthly is null ? g : g.TakeWhile(m => m != nextMonthly).Append(nextMonthly);
        }).OrderBy(m => m.MeetingOn.ToDateOnly("meeting_on"));

    /// <summary>The titles of the modifications the other contexts' sections name by reference alone.</summary>
    private async Task<IEnumerable<(string Reference, string Title)>> TitlesAsync(ChangeStatusReport r, CancellationToken ct)
    {
        var references = r.Summary.Decisions.Concat(r.Summary.Referred).Concat(r.Opine.ChangeBoardVotes).Concat(r.Opine.AuthorityDecisions)
            .Concat(r.Opine.WithTheAuthority).Concat(r.Refine.ImpactAssessmentRequests).Select(i => i.Reference.Value)
            .Concat(r.Refine.AssessmentTimescales?.Open.Select(o => o.Reference.Value) ?? [])
            .Concat(r.Refine.AssessmentTimescales?.Completed.Select(c => c.Reference.Value) ?? [])
            .Concat(r.OpenDiscrepancies.Where(d => d.Reference is not null).Select(d => d.Reference.Value))
            .ToHashSet(StringComparer.Ordinal);
        var numbers = references.Select(Number).Where(n => n is not null).Select(n => n!.Value);
        return (await register.TitlesNumberedAsync(numbers, ct)).Where(t => references.Contains(t.Reference));

        static long? Number(string reference)
        {
            var digits = new string(reference.SkipWhile(c => !char.IsAsciiDigit(c)).TakeWhile(char.IsAsciiDigit).ToArray());
            return long.TryParse(digits, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : null;
        }
    }

    /// <summary>Whether the report shows <paramref name="caller"/> the discrepancies appendix: SECAS and operators may list them.</summary>
    public static bool SeesDiscrepancies(Caller caller) => caller.IsIn(SecRoles.Secas) || caller.IsIn(SecRoles.Operator);

    /// <summary>The appendix for SECAS: every context's open discrepancies, for a caller who may list them.</summary>
    private async Task<IReadOnlyList<Common.V1.Discrepancy>> OpenDiscrepanciesAsync(CancellationToken ct)
    {
        if (!SeesDiscrepancies(actor.Caller()))
            return [];
        return await OpenDiscrepancies.InEveryContextAsync(discrepancies, assessments, changeBoard, releases, ct);
    }
}
