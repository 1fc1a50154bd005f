using Sec.Assessments.V1;
using Sec.ChangeBoard.V1;
using Sec.Proposals.Api;
using AssessmentsClient = Sec.Assessments.V1.AssessmentsService.AssessmentsServiceClient;
using ChangeBoardClient = Sec.ChangeBoard.V1.ChangeBoardService.ChangeBoardServiceClient;
using ReleasesClient = Sec.Releases.V1.ReleasesService.ReleasesServiceClient;

namespace Sec.Proposals.ModificationPage;

/// <summary>
/// Composes one modification's page, as the report is composed: the register's own part from this
/// context, and each other context's part over gRPC with the caller's token, each context answering
/// from its own record. The plan's actual dates and the next step's date come from whichever record knows them.
/// </summary>
public sealed class ModificationViewComposer(
    ModificationPageUseCases page,
    AssessmentsClient assessments,
    ChangeBoardClient changeBoard,
    ReleasesClient releases)
{
    public async Task<Proto.ModificationView> ComposeAsync(ModificationReference reference, DateOnly asOf, CancellationToken ct)
    {
        // The register answers first: NotFound for an unknown reference before any other context is asked.
        var record = await page.RecordAsync(reference, ct);
        var p = record.View.Proposal;
        var asked = new Common.V1.ModificationReference { Value = p.Reference.Value };
        var assessed = assessments.ListAssessmentsAsync(new ListAssessmentsRequest { Reference = asked }, cancellationToken: ct).ResponseAsync;
        var items = changeBoard.ListModificationItemsAsync(new ListModificationItemsRequest { Reference = asked }, cancellationToken: ct).ResponseAsync;
        var released = releases.ListReleasesWithModificationAsync(new Releases.V1.ListReleasesWithModificationRequest { Reference = asked }, cancellationToken: ct).ResponseAsync;

        var proposal = ProposalsMapping.ToProto(record.View);
        var notYetHeard = new List<string>();
        var assessmentList = (await HeardAsync(assessed, "Assessments", notYetHeard))?.Assessments ?? [];
        var itemList = (await HeardAsync(items, "ChangeBoard", notYetHeard))?.Items ?? [];
        var releaseList = (await HeardAsync(released, "Releases", notYetHeard))?.Releases ?? [];

        var reached = Reached(proposal, record.Consultations, assessmentList, itemList);
        var progress = record.Plans.Count == 0 ? [] : PlanRules.Progress(record.Plans[^1], reached, asOf);

        var view = new Proto.ModificationView
        {
            Proposal = proposal,
            AsOf = asOf.ToProto(),
            WorkingGroupMeetings = { record.WorkingGroupMeetings.Select(ProposalsMapping.ToProto) },
            Consultations = { record.Consultations.Select(c => ProposalsMapping.ToProto(c, asOf)) },
            Assessments = { assessmentList },
            ChangeBoardItems = { itemList },
            Releases = { releaseList },
            Alternates = { record.Alternates.Select(ProposalsMapping.ToSummary) },
            NextStep = NextStep(record.View, itemList, releaseList, progress),
            Documents = { record.Documents.Select(ProposalsMapping.ToProto) },
            Plan = record.Plans.Count == 0 ? null : ProposalsMapping.ToProto(record.Plans, progress),
            Priority = record.Priority.Count == 0 ? null : ProposalsMapping.ToProto(record.Priority, asOf),
            NotYetHeardBy = { notYetHeard },
        };
        return view;
    }

    /// <summary>
    /// A context's part, or nothing when it has not yet heard of the modification: the register knows
    /// the reference, so a context's InvalidArgument on it means its copy of the register is behind.
    /// </summary>
    private static async Task<T?> HeardAsync<T>(Task<T> call, string context, List<string> notYetHeard) where T : class
    {
        try
        {
            return await call;
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.InvalidArgument)
        {
            notYetHeard.Add(context);
            return null;
        }
    }

    /// <summary>When each milestone was reached, by the record that knows it; the latest return of a re-requested assessment counts.</summary>
    private static Dictionary<Milestone, MilestoneReached> Reached(Proto.Proposal proposal, IReadOnlyList<Consultation> consultations,
        IEnumerable<Assessment> assessed, IEnumerable<AgendaItem> items)
    {
        var reached = new Dictionary<Milestone, MilestoneReached>();
        void Returned(AssessmentKind kind, Milestone milestone, string name)
        {
            var last = assessed.Where(a => a.Kind == kind && a.ReturnedOn is not null).Select(a => a.ReturnedOn.ToDateOnly("returned_on")).DefaultIfEmpty().Max();
            if (last != default)
                reached[milestone] = new(last, $"Assessments: {name} returned");
        }
        Returned(AssessmentKind.Preliminary, Milestone.PreliminaryAssessment, "PA");
        Returned(AssessmentKind.Impact, Milestone.ImpactAssessment, "IA");
        if (consultations.Where(c => c.Kind == ConsultationKind.Refinement && c.IssuedOn is not null).Select(c => c.IssuedOn!.Value).DefaultIfEmpty().Min() is var issued && issued != default)
            reached[Milestone.Consultation] = new(issued, "Register: Refinement Consultation issued");
        var report = proposal.History.FirstOrDefault(h => h.Voided is null && h.Phase == Proto.Phase.Opine);
        if (report is not null)
            reached[Milestone.DraftModificationReport] = new(report.EffectiveOn.ToDateOnly("effective_on"), $"Register: {report.Step}");
        var vote = items.Where(i => i.Kind == AgendaItemKind.ModificationVote && i.Status is not (AgendaItemStatus.Open or AgendaItemStatus.CarriedForward or AgendaItemStatus.Unspecified))
            .OrderBy(i => i.MeetingOn.ToDateOnly("meeting_on")).LastOrDefault();
        if (vote is not null)
            reached[Milestone.ChangeBoard] = new(vote.MeetingOn.ToDateOnly("meeting_on"), "Change Board: vote closed");
        if (vote?.FinalOn is { } final)
            reached[Milestone.Decision] = new(final.ToDateOnly("final_on"), vote.Path is ChangeBoard.V1.DecisionPath.AuthorityLed or ChangeBoard.V1.DecisionPath.AuthorityDetermination
                ? "Change Board: the Authority's decision" : "Change Board: decision final");
        return reached;
    }

    /// <summary>The register's next step, dated by the context that knows the date when the register does not: the meeting it is on, the release it goes live in, or the plan.</summary>
    private static Proto.ModificationNextStep NextStep(ProposalView view, IEnumerable<AgendaItem> items, IEnumerable<Releases.V1.ReleaseContents> released, IReadOnlyList<MilestoneProgress> progress)
    {
        var next = view.Next;
        var answer = new Proto.ModificationNextStep { Step = next.Step, On = next.On?.ToProto(), DateFrom = next.On is null ? "" : "register" };
        if (next.On is not null || view.Proposal.Phase is Phase.Implemented or Phase.Rejected or Phase.Withdrawn)
            return answer;
        var stage = view.Proposal.State.Stage;
        if (stage is Stage.AwaitingChangeBoard or Stage.ReportPhase
            && items.Where(i => i.Kind == AgendaItemKind.ModificationVote && i.Status == AgendaItemStatus.Open).OrderBy(i => i.MeetingOn.ToDateOnly("meeting_on")).FirstOrDefault() is { } open)
            return new() { Step = "Change Board vote", On = open.MeetingOn, DateFrom = "Change Board meeting" };
        if (stage is Stage.AwaitingImplementation
            && released.Where(r => r.Release.Status != Releases.V1.ReleaseStatus.Implemented).OrderBy(r => r.Release.ImplementationDate.ToDateOnly("implementation_date")).FirstOrDefault() is { } release)
            return new() { Step = $"Implementation in {release.Release.Name}", On = release.Release.ImplementationDate, DateFrom = "release" };
        if (PlanRules.NextPlanned(progress) is { } planned)
            return new() { Step = next.Step, On = planned.PlannedOn.ToProto(), DateFrom = $"plan: {planned.Milestone}" };
        return answer;
    }
}
