using System.Globalization;
using System.Text;
using CsvHelper;
using Sec.Proposals.V1;
using Board = Sec.ChangeBoard.V1;
using Rel = Sec.Releases.V1;

namespace Sec.Proposals.Reporting;

/// <summary>
/// The report as Markdown a person reads, and as CSV files, one per section. Every modification is
/// named with its title and linked to its page on the register, as the papers link each one to its
/// modification page.
/// </summary>
public static class ReportRendering
{
    private static string D(Google.Type.Date? d) => d is null || d.Year == 0 ? "" : new DateOnly(d.Year, d.Month, d.Day).ToString("d MMM yyyy", CultureInfo.InvariantCulture);
    private static string Iso(Google.Type.Date? d) => d is null || d.Year == 0 ? "" : $"{d.Year:0000}-{d.Month:00}-{d.Day:00}";
    private static string Kind(Sec.Assessments.V1.AssessmentKind k) => k == Sec.Assessments.V1.AssessmentKind.Preliminary ? "PA" : "IA";
    private static string Phase(V1.Phase p) => p.ToString();

    /// <summary>A reference as a Markdown link to its modification page.</summary>
    private static string Ref(string reference) => $"[{reference}]({ChangeStatusReporter.ModificationPage(reference)})";

    private static string Named(string reference, string title) => title.Length == 0 ? Ref(reference) : $"{Ref(reference)} ‘{title}’";

    private static string Title(ChangeStatusReport r, string reference) => r.Titles.TryGetValue(reference, out var t) ? t : "";

    private static string Named(ChangeStatusReport r, string reference) => Named(reference, Title(r, reference));

    private static string Scope(Rel.ScopeEntry e) => $"{Named(e.Reference.Value, e.Title)}{(e.Part == 0 ? "" : $" part {e.Part}")}{(e.Kind == Rel.ScopeKind.Targeted ? " (targeted)" : "")}";

    private static bool HasImpacts(Rel.ScopeEntry e) => e.PotentialDocumentImpacts.Count > 0 || e.PotentialSystemImpacts.Count > 0;

    private static string Outcome(Board.Outcome o) => o switch
    {
        Board.Outcome.Approved => "approved",
        Board.Outcome.Rejected => "rejected",
        Board.Outcome.Deferred => "deferred",
        Board.Outcome.SentBack => "sent back",
        _ => "pending",
    };

    private static bool SelfGoverned(Board.AgendaItem i) => i.Path is Board.DecisionPath.SelfGovernance or Board.DecisionPath.FastTrackSelfGovernance;

    private static bool IsReferred(Board.AgendaItem i) => i.ReferredBy.Length > 0 || i.Status == Board.AgendaItemStatus.Referred;

    /// <summary>Where an approved modification is to be implemented, as the report's release section has it.</summary>
    private static string Release(ChangeStatusReport r, string reference)
    {
        var release = r.Release.Upcoming.Concat(r.Release.Implemented).FirstOrDefault(x => x.Scope.Any(s => s.Reference.Value == reference))?.Release;
        return release switch
        {
            null => "",
            { Type: Rel.ReleaseType.Standalone } => $" for implementation on {D(release.ImplementationDate)} as a standalone release",
            _ => $" for implementation in the {release.Name}",
        };
    }

    /// <summary>
    /// A decision as the papers word it: a Self-Governance vote is the Change Board's decision; on
    /// Paths 1 and 2 the vote is only a recommendation, and the Authority decides.
    /// </summary>
    private static string Decision(ChangeStatusReport r, Board.AgendaItem d)
    {
        var name = Named(r, d.Reference.Value);
        if (SelfGoverned(d))
            return $"{name} was {Outcome(d.Outcome)} under Self-Governance on {D(d.MeetingOn)}{(d.Outcome == Board.Outcome.Approved ? Release(r, d.Reference.Value) : "")}"
                + (IsReferred(d) ? ". This decision has since been referred to the Panel" : "");
        var recommendation = $"the Change Board recommended {(d.Outcome == Board.Outcome.Approved ? "approval" : d.Outcome == Board.Outcome.Rejected ? "rejection" : "no decision")} on {D(d.MeetingOn)}";
        return d.FinalOutcome is Board.Outcome.Unspecified
            ? $"{name}: {recommendation}; with the Authority for decision"
            : $"{name} was {Outcome(d.FinalOutcome)} by the Authority on {D(d.FinalOn)} ({recommendation}){(d.FinalOutcome == Board.Outcome.Approved ? Release(r, d.Reference.Value) : "")}";
    }

    private static string Consulting(Proto.Consultation c) =>
        c.Open ? $"{Named(c.Reference.Value, c.Title)}: out for consultation, closing on {D(c.ClosesOn)}"
        : c.Late ? $"{Named(c.Reference.Value, c.Title)}: expected in the week commencing {D(c.ExpectedWeekCommencing)}, not yet issued (late)"
        : $"{Named(c.Reference.Value, c.Title)}: expected to be issued in the week commencing {D(c.ExpectedWeekCommencing)}";

    private static string Status(Proto.Consultation c) => c.Open ? "open" : c.Late ? "late" : "expected";

    private static string Meeting(ReportMeeting m, bool held) =>
        $"{D(m.MeetingOn)}: {(m.Kind == Proto.MeetingKind.AdHoc ? "ad-hoc" : "monthly")} {m.WorkingGroup} meeting"
        + (m.Agenda.Count == 0 ? "" : $"{(held ? ", which included" : ", agenda")} {string.Join(", ", m.Agenda.Select(a => Named(a.Reference.Value, a.Title)))}")
        + (m.AgendaConfirmedOn is null ? "" : $"; the agenda will be confirmed on {D(m.AgendaConfirmedOn)}")
        + (m.Outcome.Length == 0 ? "" : $". Outcome: {m.Outcome}");

    public static string Markdown(ChangeStatusReport r)
    {
        var month = DateOnly.ParseExact(r.Month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture).ToString("MMMM yyyy", CultureInfo.InvariantCulture);
        var md = new StringBuilder();
        md.AppendLine($"# Change Status Report – {month}").AppendLine();
        // The cover, in the papers' words.
        md.AppendLine("## Purpose").AppendLine();
        md.AppendLine("This document is the Change Status Report, which provides information on the progress of Smart Energy Code (SEC) Modifications and Releases.").AppendLine();
        md.AppendLine("## Recommendations").AppendLine();
        md.AppendLine("The Panel is requested to NOTE the contents of this report.").AppendLine();
        if (r.Cover is { } cover)
        {
            md.AppendLine(cover.Author).AppendLine().AppendLine(D(cover.ReportDate)).AppendLine();
            if (cover.PaperReference.Length > 0)
                md.AppendLine($"Paper Reference: {cover.PaperReference}").AppendLine();
        }
        md.AppendLine($"Activity from {D(r.Activity.From)} to {D(r.Activity.To)}; timescales cover the 12 months to {D(r.PeriodEnd)}; open lists as of {D(r.AsOf)}.").AppendLine();

        md.AppendLine("## 1. Summary").AppendLine();
        Narrative(md, r, "summary");
        md.AppendLine("| Phase | Proposals |").AppendLine("| --- | ---: |");
        foreach (var c in r.Summary.Phases)
            md.AppendLine($"| {Phase(c.Phase)} | {c.Count} |");
        md.AppendLine();
        if (r.Summary.LegacyStages.Count > 0)
        {
            md.AppendLine("### Status of open Modification Proposals").AppendLine().AppendLine("| Stage | Modifications |").AppendLine("| --- | ---: |");
            foreach (var s in r.Summary.LegacyStages)
                md.AppendLine($"| {s.Stage} | {s.Count} |");
            md.AppendLine($"| Number of open modifications | {r.Summary.LegacyStages.Sum(s => s.Count)} |").AppendLine();
        }
        if (r.Summary.RefinementBreakdown is { } b)
        {
            // Under the stage table, as the December 2016 paper breaks its Refinement count down.
            md.AppendLine("### Modification Proposals in refinement").AppendLine().AppendLine("| Awaiting | Modifications | Which |").AppendLine("| --- | ---: | --- |");
            foreach (var (name, count, which) in Breakdown(b))
                md.AppendLine($"| {name} | {count} | {string.Join(", ", which.Select(Ref))} |");
            md.AppendLine();
        }
        List(md, "Draft Proposals for conversion", r.Summary.PresentedForConversion.Select(p => Named(p.Reference.Value, p.Title)));
        List(md, "Recommended to proceed to the Refinement Process", r.Summary.RecommendedToRefinement.Select(p => Named(p.Reference.Value, p.Title)));
        List(md, "Modification Reports presented (recommended to proceed to the Report Phase)", r.Summary.ModificationReports.Select(p => Named(p.Reference.Value, p.Title)));
        List(md, "Decisions", r.Summary.Decisions.Select(d => Decision(r, d)));
        List(md, "Decisions referred to the Panel", r.Summary.Referred.Select(d => Decision(r, d)));
        List(md, "Withdrawals", r.Summary.Withdrawn.Select(p => $"{Named(p.Reference.Value, p.Title)} was withdrawn on {D(p.On)}"));

        md.AppendLine("## 2. Define").AppendLine();
        Narrative(md, r, "define");
        List(md, "New Draft Proposals", r.Define.NewDraftProposals.Select(p => $"{Named(p.Reference.Value, p.Title)} was raised by {p.Proposer.Name} ({p.Proposer.Organisation}) on {D(p.On)}. {p.Detail}"));
        List(md, "Change Sub-Committee decisions: ready to be presented to the Panel for conversion", r.Define.ReadyForConversion.Select(p => Named(p.Reference.Value, p.Title)));
        List(md, "Change Sub-Committee decisions: need further development", r.Define.NeedingFurtherDevelopment.Select(p => Named(p.Reference.Value, p.Title)));

        md.AppendLine("## 3. Refine").AppendLine();
        Narrative(md, r, "refine");
        List(md, "Working Group meetings held", r.Refine.MeetingsHeld.Select(m => Meeting(m, held: true)));
        List(md, "Next Working Group meetings", r.Refine.MeetingsPlanned.Select(m => Meeting(m, held: false)));
        List(md, "Refinement Consultations", r.Refine.RefinementConsultations.Select(Consulting));
        List(md, "Impact Assessment requests", r.Refine.ImpactAssessmentRequests.Select(d => $"{Named(r, d.Reference.Value)}: {Outcome(d.Outcome)} at the Change Board meeting of {D(d.MeetingOn)}"));
        var t = r.Refine.AssessmentTimescales;
        md.AppendLine("### DCC assessment timescales").AppendLine().AppendLine($"The timescales below cover the 12-month period up to {D(r.PeriodEnd)}.").AppendLine();
        md.AppendLine("| Assessment | Total | Average duration |").AppendLine("| --- | ---: | ---: |");
        foreach (var s in t.Summary)
        {
            var name = s.Kind == Sec.Assessments.V1.AssessmentKind.Preliminary ? "Preliminary Assessments" : "Impact Assessments";
            md.AppendLine($"| {name} open | {s.OpenCount} | {s.OpenAverageWorkingDays} WD |");
            md.AppendLine($"| {name} completed in the last 12 months | {s.CompletedCount} | {s.CompletedAverageWorkingDays} WD |");
        }
        md.AppendLine().AppendLine("#### Open assessments").AppendLine();
        md.AppendLine("| Modification | Title | Type | Accepted | Target duration | Current duration |").AppendLine("| --- | --- | --- | --- | ---: | ---: |");
        foreach (var o in t.Open)
            md.AppendLine($"| {Ref(o.Reference.Value)} | {Cell(Title(r, o.Reference.Value))} | {Kind(o.Kind)} | {D(o.AcceptedOn)} | {o.TargetWorkingDays} WD | {o.CurrentWorkingDays} WD |");
        md.AppendLine().AppendLine("#### Assessments completed in the last 12 months").AppendLine();
        md.AppendLine("| Modification | Title | Type | Returned | Target duration | Actual duration |").AppendLine("| --- | --- | --- | --- | ---: | ---: |");
        foreach (var c in t.Completed)
            md.AppendLine($"| {Ref(c.Reference.Value)} | {Cell(Title(r, c.Reference.Value))} | {Kind(c.Kind)} | {D(c.ReturnedOn)} | {c.TargetWorkingDays} WD | {c.ActualWorkingDays} WD |");
        md.AppendLine();

        md.AppendLine("## 4. Opine").AppendLine();
        Narrative(md, r, "opine");
        List(md, "Modification Report Consultations", r.Opine.ModificationReportConsultations.Select(Consulting));
        List(md, "Change Board votes", r.Opine.ChangeBoardVotes.Select(v => Decision(r, v)));
        List(md, "Authority decisions", r.Opine.AuthorityDecisions.Select(d => Decision(r, d)));
        List(md, "With the Authority for decision", r.Opine.WithTheAuthority.Select(d => $"{Named(r, d.Reference.Value)} is currently with the Authority for decision"));
        var pt = r.Opine.Timescales;
        md.AppendLine("### Proposal timescales").AppendLine().AppendLine($"The timescales below cover the 12-month period up to {D(r.PeriodEnd)}.").AppendLine();
        md.AppendLine("| Status | Total | Average duration |").AppendLine("| --- | ---: | ---: |");
        md.AppendLine($"| Proposals open (pre-decision) | {pt.OpenCount} | {pt.OpenAverageWorkingDays} WD |");
        md.AppendLine($"| Proposals concluded in the last 12 months | {pt.ConcludedCount} | {pt.ConcludedAverageWorkingDays} WD |").AppendLine();

        md.AppendLine("## 5. Release").AppendLine();
        Narrative(md, r, "release");
        List(md, "Implemented", r.Release.Implemented.SelectMany(x => x.Scope.Select(s =>
            $"{Scope(s)} was implemented on {D(x.Release.ImplementationDate)}{(x.Release.Type == Rel.ReleaseType.Standalone ? " as a standalone release" : $" in the {x.Release.Name}")}")));
        foreach (var u in r.Release.Upcoming)
        {
            md.AppendLine($"### {u.Release.Name} ({D(u.Release.ImplementationDate)})").AppendLine();
            md.AppendLine(u.Scope.Count == 0 ? "No modifications are in its scope yet." : $"There are currently {u.Scope.Count} modifications (or parts) approved for or targeted at this release:").AppendLine();
            if (u.Scope.Any(HasImpacts))
            {
                // The December 2016 paper's table: each modification's status and its potential impacts.
                md.AppendLine("| Modification | Status | Potential impacts: SEC documents | Potential impacts: systems |").AppendLine("| --- | --- | --- | --- |");
                foreach (var s in u.Scope)
                    md.AppendLine($"| {Cell(Named(s.Reference.Value, s.Title))}{(s.Part == 0 ? "" : $" part {s.Part}")} | {(s.Kind == Rel.ScopeKind.Targeted ? "targeted" : "approved")} | {Cell(string.Join(", ", s.PotentialDocumentImpacts))} | {Cell(string.Join(", ", s.PotentialSystemImpacts))} |");
            }
            else
                foreach (var s in u.Scope)
                    md.AppendLine($"- {Scope(s)}");
            if (u.Scope.Count > 0)
                md.AppendLine();
        }
        if (!r.Release.Upcoming.Any(u => u.Release.Type == Rel.ReleaseType.Standalone && u.Scope.Count > 0))
            md.AppendLine("There are currently no modifications approved for implementation as standalone releases.").AppendLine();
        if (r.Documents.Count > 0)
        {
            md.AppendLine("## Documents of the month").AppendLine();
            foreach (var d in r.Documents)
                md.AppendLine($"- {D(d.DatedOn)}: {Ref(d.Reference.Value)} {DocumentKind(d.Kind)} ‘{d.Title}’{(d.Version.Length == 0 ? "" : $" version {d.Version}")}"
                    + $"{(d.Url.Length == 0 ? $" ({d.FileName}, SHA-256 {d.Sha256[..Math.Min(12, d.Sha256.Length)]}…)" : $" <{d.Url}>")}{(d.SupersededBy.Length == 0 ? "" : ", since superseded")}");
            md.AppendLine();
        }
        if (r.Plans.Count > 0)
        {
            md.AppendLine("## Plans against what happened").AppendLine();
            md.AppendLine($"Each planned milestone against its actual date as of {D(r.AsOf)}; slippage in calendar days.").AppendLine();
            md.AppendLine("| Modification | Milestone | Planned | Actual | Slippage |").AppendLine("| --- | --- | --- | --- | --- |");
            foreach (var p in r.Plans)
                foreach (var m in p.Plan.Milestones)
                    md.AppendLine($"| {Ref(p.Reference.Value)} | {MilestoneName(m.Milestone)} | {D(m.PlannedOn)} | {D(m.ActualOn)} | {Slippage(m)} |");
            md.AppendLine();
        }
        // The papers SECAS appends to the report, lettered in order: Appendix A is the DCC's progress report.
        foreach (var (appendix, i) in Appendices(r))
            md.AppendLine($"## Appendix {Domain.ReportCover.Letter(i)}: {appendix.Title}").AppendLine().AppendLine($"<{appendix.Url}>").AppendLine();
        if (r.OpenDiscrepancies.Count > 0)
        {
            md.AppendLine("## Appendix: open discrepancies (for SECAS)").AppendLine();
            md.AppendLine("Events a context could not apply because its record contradicted them; retry or resolve each with `sec discrepancies`.").AppendLine();
            md.AppendLine("| Context | # | Event | Modification | Effective | First seen | Attempts | Reason |").AppendLine("| --- | ---: | --- | --- | --- | --- | ---: | --- |");
            foreach (var d in r.OpenDiscrepancies)
                md.AppendLine($"| {d.Context} | {d.Id} | {d.Event} | {(d.Reference is null ? "" : Ref(d.Reference.Value))} | {D(d.EffectiveOn)} | {d.FirstSeenAt.ToDateTimeOffset():d MMM yyyy HH:mm} | {d.Attempts} | {Cell(d.Reason)} |");
            md.AppendLine();
        }
        return md.ToString();
    }

    /// <summary>SECAS's narrative for a section, as paragraphs, where one was set.</summary>
    private static void Narrative(StringBuilder md, ChangeStatusReport r, string section)
    {
        if (r.Cover is null || !r.Cover.Narratives.TryGetValue(section, out var text))
            return;
        foreach (var paragraph in text.ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            md.AppendLine(paragraph).AppendLine();
    }

    private static string Cell(string text) => text.Replace("|", "/", StringComparison.Ordinal);

    /// <summary>One CSV file per section; dates as yyyy-mm-dd; every modification with its title and its page.</summary>
    public static IReadOnlyDictionary<string, string> Csv(ChangeStatusReport r)
    {
        var t = r.Refine.AssessmentTimescales;
        string Link(string reference) => ChangeStatusReporter.ModificationPage(reference);
        string[] Proposal(ReportProposal p) => [p.Reference.Value, p.Title, Iso(p.On), p.Detail, p.Link];
        string[] ProposalHeader = ["reference", "title", "on", "detail", "link"];
        string[] Item(Board.AgendaItem i) => [i.Reference.Value, Title(r, i.Reference.Value), Iso(i.MeetingOn), i.Kind == Board.AgendaItemKind.ImpactAssessmentRequest ? "" : i.Path.ToString(),
            Outcome(i.Outcome), IsReferred(i) ? "yes" : "no", i.FinalOutcome == Board.Outcome.Unspecified ? "" : Outcome(i.FinalOutcome), Iso(i.FinalOn), Link(i.Reference.Value)];
        string[] ItemHeader = ["reference", "title", "meeting", "path", "outcome", "referred", "final_outcome", "final_on", "link"];
        string[] Consulted(Proto.Consultation c) => [c.Reference.Value, c.Title, Status(c), Iso(c.ExpectedWeekCommencing), Iso(c.IssuedOn), Iso(c.ClosesOn), Link(c.Reference.Value)];
        string[] ConsultedHeader = ["reference", "title", "status", "expected_week_commencing", "issued_on", "closes_on", "link"];
        IEnumerable<string[]> Meetings(IEnumerable<ReportMeeting> meetings, string status) => meetings.SelectMany(m =>
            (m.Agenda.Count == 0 ? [new ReportProposal { Reference = new() { Value = "" } }] : m.Agenda.AsEnumerable()).Select(a => new[]
            {
                m.WorkingGroup, Iso(m.MeetingOn), m.Kind == Proto.MeetingKind.AdHoc ? "ad-hoc" : "monthly", status, Iso(m.AgendaConfirmedOn),
                a.Reference.Value, a.Title, a.Link, m.Outcome,
            }));
        IEnumerable<string[]> Scope(IEnumerable<Rel.ReleaseContents> releases) => releases.SelectMany(u => u.Scope.Select(s => new[]
            {
                u.Release.Name, u.Release.Type.ToString(), Iso(u.Release.ImplementationDate), s.Reference.Value, s.Title, Num(s.Part), s.Kind.ToString(), Link(s.Reference.Value),
                string.Join("; ", s.PotentialDocumentImpacts), string.Join("; ", s.PotentialSystemImpacts),
            }));
        string[] ScopeHeader = ["release", "type", "implementation_date", "reference", "title", "part", "kind", "link", "potential_document_impacts", "potential_system_impacts"];

        var files = new Dictionary<string, string>
        {
            ["phase-counts.csv"] = Table(["phase", "count"], r.Summary.Phases.Select(c => new[] { Phase(c.Phase), Num(c.Count) })),
            ["presented-for-conversion.csv"] = Table(ProposalHeader, r.Summary.PresentedForConversion.Select(Proposal)),
            ["recommended-to-refinement.csv"] = Table(ProposalHeader, r.Summary.RecommendedToRefinement.Select(Proposal)),
            ["modification-reports.csv"] = Table(ProposalHeader, r.Summary.ModificationReports.Select(Proposal)),
            ["decisions.csv"] = Table(ItemHeader, r.Summary.Decisions.Select(Item)),
            ["referred.csv"] = Table(ItemHeader, r.Summary.Referred.Select(Item)),
            ["withdrawn.csv"] = Table(ProposalHeader, r.Summary.Withdrawn.Select(Proposal)),
            ["new-draft-proposals.csv"] = Table(["reference", "title", "proposer", "organisation", "raised", "summary", "link"],
                r.Define.NewDraftProposals.Select(p => new[] { p.Reference.Value, p.Title, p.Proposer.Name, p.Proposer.Organisation, Iso(p.On), p.Detail, p.Link })),
            ["csc-decisions.csv"] = Table(["reference", "title", "decision", "on", "link"],
                r.Define.ReadyForConversion.Select(p => (p, "ready for conversion")).Concat(r.Define.NeedingFurtherDevelopment.Select(p => (p, "needs further development")))
                    .Select(x => new[] { x.p.Reference.Value, x.p.Title, x.Item2, Iso(x.p.On), x.p.Link })),
            ["working-group-meetings.csv"] = Table(["working_group", "meeting_on", "kind", "status", "agenda_confirmed_on", "reference", "title", "link", "outcome"],
                Meetings(r.Refine.MeetingsHeld, "held").Concat(Meetings(r.Refine.MeetingsPlanned, "planned"))),
            ["refinement-consultations.csv"] = Table(ConsultedHeader, r.Refine.RefinementConsultations.Select(Consulted)),
            ["impact-assessment-requests.csv"] = Table(ItemHeader, r.Refine.ImpactAssessmentRequests.Select(Item)),
            ["assessment-summary.csv"] = Table(["kind", "open", "open_average_wd", "completed", "completed_average_wd"],
                t.Summary.Select(s => new[] { Kind(s.Kind), Num(s.OpenCount), Num(s.OpenAverageWorkingDays), Num(s.CompletedCount), Num(s.CompletedAverageWorkingDays) })),
            ["open-assessments.csv"] = Table(["reference", "kind", "accepted", "target_wd", "current_wd", "title", "link"],
                t.Open.Select(o => new[] { o.Reference.Value, Kind(o.Kind), Iso(o.AcceptedOn), Num(o.TargetWorkingDays), Num(o.CurrentWorkingDays), Title(r, o.Reference.Value), Link(o.Reference.Value) })),
            ["completed-assessments.csv"] = Table(["reference", "kind", "returned", "target_wd", "actual_wd", "title", "link"],
                t.Completed.Select(c => new[] { c.Reference.Value, Kind(c.Kind), Iso(c.ReturnedOn), Num(c.TargetWorkingDays), Num(c.ActualWorkingDays), Title(r, c.Reference.Value), Link(c.Reference.Value) })),
            ["modification-report-consultations.csv"] = Table(ConsultedHeader, r.Opine.ModificationReportConsultations.Select(Consulted)),
            ["change-board-votes.csv"] = Table(ItemHeader, r.Opine.ChangeBoardVotes.Select(Item)),
            ["authority-decisions.csv"] = Table(ItemHeader, r.Opine.AuthorityDecisions.Select(Item)),
            ["with-the-authority.csv"] = Table(ItemHeader, r.Opine.WithTheAuthority.Select(Item)),
            ["proposal-timescales.csv"] = Table(["status", "total", "average_wd"],
            [
                ["open (pre-decision)", Num(r.Opine.Timescales.OpenCount), Num(r.Opine.Timescales.OpenAverageWorkingDays)],
                ["concluded in the last 12 months", Num(r.Opine.Timescales.ConcludedCount), Num(r.Opine.Timescales.ConcludedAverageWorkingDays)],
            ]),
            ["implemented.csv"] = Table(ScopeHeader, Scope(r.Release.Implemented)),
            ["upcoming-releases.csv"] = Table(ScopeHeader, Scope(r.Release.Upcoming)),
        };
        if (r.Documents.Count > 0)
            files["documents.csv"] = Table(["reference", "title", "kind", "document_title", "version", "dated_on", "url", "file_name", "sha256", "superseded", "link"],
                r.Documents.Select(d => new[] { d.Reference.Value, Title(r, d.Reference.Value), DocumentKind(d.Kind), d.Title, d.Version, Iso(d.DatedOn), d.Url, d.FileName, d.Sha256,
                    d.SupersededBy.Length == 0 ? "no" : "yes", Link(d.Reference.Value) }));
        if (r.Plans.Count > 0)
            files["plans.csv"] = Table(["reference", "title", "revision", "milestone", "planned_on", "actual_on", "slippage_days", "overdue", "link"],
                r.Plans.SelectMany(p => p.Plan.Milestones.Select(m => new[] { p.Reference.Value, p.Title, Num(p.Plan.Revision), MilestoneName(m.Milestone), Iso(m.PlannedOn), Iso(m.ActualOn),
                    m.ActualOn is null && !m.Overdue ? "" : Num(m.SlippageDays), m.Overdue ? "yes" : "no", Link(p.Reference.Value) })));
        if (r.Summary.RefinementBreakdown is { } breakdown)
            files["refinement-breakdown.csv"] = Table(["awaiting", "count", "references"],
                Breakdown(breakdown).Select(x => new[] { x.Name, Num(x.Count), string.Join(" ", x.Which) }));
        if (r.Summary.LegacyStages.Count > 0)
            files["stage-counts-2016.csv"] = Table(["stage", "count"], r.Summary.LegacyStages.Select(s => new[] { s.Stage, Num(s.Count) }));
        if (r.Cover?.Appendices.Count > 0)
            files["appendices.csv"] = Table(["appendix", "title", "url"], Appendices(r).Select(x => new[] { Domain.ReportCover.Letter(x.Index).ToString(), x.Appendix.Title, x.Appendix.Url }));
        if (r.OpenDiscrepancies.Count > 0)
            files["open-discrepancies.csv"] = Table(["context", "id", "event", "reference", "effective_on", "first_seen_at", "attempts", "reason"],
                r.OpenDiscrepancies.Select(d => new[] { d.Context, d.Id.ToString(CultureInfo.InvariantCulture), d.Event, d.Reference?.Value ?? "", Iso(d.EffectiveOn),
                    d.FirstSeenAt.ToDateTimeOffset().ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture), Num(d.Attempts), d.Reason }));
        return files;
    }

    /// <summary>The refinement breakdown's rows, in the paper's words.</summary>
    private static IEnumerable<(string Name, int Count, IEnumerable<string> Which)> Breakdown(V1.RefinementBreakdown b) =>
    [
        ("Further refinement", b.FurtherRefinement, []),
        ("DCC Preliminary Assessments", b.AwaitingPreliminaryAssessment, b.PreliminaryAssessment.Select(x => x.Value)),
        ("DCC Impact Assessment", b.AwaitingImpactAssessment, b.ImpactAssessment.Select(x => x.Value)),
    ];

    private static IEnumerable<(V1.ReportAppendix Appendix, int Index)> Appendices(ChangeStatusReport r) =>
        r.Cover?.Appendices.Select((a, i) => (a, i)) ?? [];

    private static string Num(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static string Slippage(Proto.MilestoneProgress m) =>
        m.ActualOn is null ? m.Overdue ? $"not reached, {m.SlippageDays} days late" : "" : m.SlippageDays switch { 0 => "on time", > 0 => $"{m.SlippageDays} days late", _ => $"{-m.SlippageDays} days early" };

    private static string MilestoneName(Proto.Milestone m) => m switch
    {
        Proto.Milestone.Solution => "Solution",
        Proto.Milestone.PreliminaryAssessment => "Preliminary Assessment",
        Proto.Milestone.ImpactAssessment => "Impact Assessment",
        Proto.Milestone.Consultation => "Consultation",
        Proto.Milestone.DraftModificationReport => "Draft Modification Report",
        Proto.Milestone.ChangeBoard => "Change Board",
        Proto.Milestone.Decision => "Decision",
        _ => m.ToString(),
    };

    private static string DocumentKind(Proto.DocumentKind k) => k switch
    {
        Proto.DocumentKind.LegalText => "legal text",
        Proto.DocumentKind.ModificationReport => "Modification Report",
        Proto.DocumentKind.ConsultationDocument => "consultation document",
        Proto.DocumentKind.ConsultationResponses => "consultation responses",
        Proto.DocumentKind.Rid => "RID",
        Proto.DocumentKind.Assessment => "assessment",
        Proto.DocumentKind.WebPage => "web page",
        _ => "document",
    };

    private static void List(StringBuilder md, string heading, IEnumerable<string> lines)
    {
        md.AppendLine($"### {heading}").AppendLine();
        var any = false;
        foreach (var line in lines)
        {
            md.AppendLine($"- {line}");
            any = true;
        }
        if (!any)
            md.AppendLine("None.");
        md.AppendLine();
    }

    /// <summary>A header and its rows, RFC 4180 quoting (CsvHelper), one line ending per record.</summary>
    private static string Table(string[] header, IEnumerable<string[]> rows)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = CsvWriter.Create(text, new CsvWriterOptions { NewLine = "\n" }, leaveOpen: true))
        {
            csv.WriteHeader(header);
            foreach (var row in rows)
                csv.WriteRecord(row);
            csv.Flush();
        }
        return text.ToString();
    }
}
