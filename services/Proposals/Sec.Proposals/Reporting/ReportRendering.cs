using System.Globalization;
using System.Text;
using Sec.Proposals.V1;

namespace Sec.Proposals.Reporting;

/// <summary>The report as Markdown a person reads, and as CSV files, one per table.</summary>
public static class ReportRendering
{
    private static string D(Google.Type.Date? d) => d is null || d.Year == 0 ? "" : new DateOnly(d.Year, d.Month, d.Day).ToString("d MMM yyyy", CultureInfo.InvariantCulture);
    private static string Iso(Google.Type.Date? d) => d is null || d.Year == 0 ? "" : $"{d.Year:0000}-{d.Month:00}-{d.Day:00}";
    private static string Kind(Sec.Assessments.V1.AssessmentKind k) => k == Sec.Assessments.V1.AssessmentKind.Preliminary ? "PA" : "IA";
    private static string Phase(V1.Phase p) => p.ToString();
    private static string Scope(Sec.Releases.V1.ScopeEntry e) => $"{e.Reference.Value} '{e.Title}'{(e.Part == 0 ? "" : $" part {e.Part}")}{(e.Kind == Sec.Releases.V1.ScopeKind.Targeted ? " (targeted)" : "")}";
    private static string Outcome(Sec.ChangeBoard.V1.AgendaItem i) => i.Outcome switch
    {
        Sec.ChangeBoard.V1.Outcome.Approved => "approved",
        Sec.ChangeBoard.V1.Outcome.Rejected => "rejected",
        Sec.ChangeBoard.V1.Outcome.Deferred => "deferred",
        _ => "pending",
    };

    private static string Referred(Sec.ChangeBoard.V1.AgendaItem i) =>
        i.ReferredBy.Length == 0 ? "" : "; this decision has since been referred to the Panel";

    private static string Agenda(Proto.WorkingGroupMeeting m) =>
        (m.Kind, m.Agenda.Count) switch
        {
            (Proto.MeetingKind.AdHoc, 0) => " (ad hoc)",
            (Proto.MeetingKind.AdHoc, _) => $" (ad hoc: {string.Join(", ", m.Agenda.Select(a => a.Value))})",
            (_, 0) => "",
            _ => $" ({string.Join(", ", m.Agenda.Select(a => a.Value))})",
        };

    public static string Markdown(ChangeStatusReport r)
    {
        var month = DateOnly.ParseExact(r.Month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture).ToString("MMMM yyyy", CultureInfo.InvariantCulture);
        var md = new StringBuilder();
        md.AppendLine($"# Change Status Report – {month}").AppendLine();
        md.AppendLine($"Activity from {D(r.Activity.From)} to {D(r.Activity.To)}; timescales cover the 12 months to {D(r.PeriodEnd)}; open lists as of {D(r.AsOf)}.").AppendLine();

        md.AppendLine("## 1. Summary").AppendLine().AppendLine("| Phase | Proposals |").AppendLine("| --- | ---: |");
        foreach (var c in r.Summary.Phases)
            md.AppendLine($"| {Phase(c.Phase)} | {c.Count} |");
        md.AppendLine();
        List(md, "Draft Proposals for conversion", r.Summary.PresentedForConversion.Select(p => $"{p.Reference.Value} '{p.Title}'"));
        List(md, "Recommended to proceed to the Refinement Process", r.Summary.RecommendedToRefinement.Select(p => $"{p.Reference.Value} '{p.Title}'"));
        List(md, "Modification Reports presented (recommended to proceed to the Report Phase)", r.Summary.ModificationReports.Select(p => $"{p.Reference.Value} '{p.Title}'"));
        List(md, "Decisions", r.Summary.Decisions.Select(d => $"{d.Reference.Value} {Outcome(d)}{Referred(d)}"));

        md.AppendLine("## 2. Define").AppendLine();
        List(md, "New Draft Proposals", r.Define.NewDraftProposals.Select(p => $"{p.Reference.Value} '{p.Title}', raised by {p.Proposer.Name} ({p.Proposer.Organisation}) on {D(p.On)}. {p.Detail}"));
        List(md, "Change Sub-Committee decisions", r.Define.CscDecisions.Select(p => $"{p.Reference.Value} '{p.Title}': {p.Detail}"));

        md.AppendLine("## 3. Refine").AppendLine();
        List(md, "Working Group meetings", r.Refine.WorkingGroups.Select(g =>
            $"{g.WorkingGroup}: last held {(g.LastHeld is null ? "never" : D(g.LastHeld.MeetingOn) + Agenda(g.LastHeld))}; next {(g.Next is null ? "not yet scheduled" : D(g.Next.MeetingOn) + Agenda(g.Next))}{(g.Next?.AgendaConfirmedOn is null ? "" : $", agenda confirmed {D(g.Next.AgendaConfirmedOn)}")}"));
        List(md, "Refinement Consultations", r.Refine.RefinementConsultations.Select(c => $"{c.Reference.Value} '{c.Title}' {(c.Open ? "open" : c.Late ? "late" : "expected")}"));
        List(md, "Impact Assessment requests", r.Refine.ImpactAssessmentRequests.Select(d => $"{d.Reference.Value} {Outcome(d)}"));
        var t = r.Refine.AssessmentTimescales;
        md.AppendLine("### DCC assessment timescales").AppendLine().AppendLine("| Assessment | Total | Average duration |").AppendLine("| --- | ---: | ---: |");
        foreach (var s in t.Summary)
        {
            var name = s.Kind == Sec.Assessments.V1.AssessmentKind.Preliminary ? "Preliminary Assessments" : "Impact Assessments";
            md.AppendLine($"| {name} open | {s.OpenCount} | {s.OpenAverageWorkingDays} WD |");
            md.AppendLine($"| {name} completed in the last 12 months | {s.CompletedCount} | {s.CompletedAverageWorkingDays} WD |");
        }
        md.AppendLine().AppendLine("| Modification | Type | Accepted | Target duration | Current duration |").AppendLine("| --- | --- | --- | ---: | ---: |");
        foreach (var o in t.Open)
            md.AppendLine($"| {o.Reference.Value} | {Kind(o.Kind)} | {D(o.AcceptedOn)} | {o.TargetWorkingDays} WD | {o.CurrentWorkingDays} WD |");
        md.AppendLine().AppendLine("| Modification | Type | Returned | Target duration | Actual duration |").AppendLine("| --- | --- | --- | ---: | ---: |");
        foreach (var c in t.Completed)
            md.AppendLine($"| {c.Reference.Value} | {Kind(c.Kind)} | {D(c.ReturnedOn)} | {c.TargetWorkingDays} WD | {c.ActualWorkingDays} WD |");
        md.AppendLine();

        md.AppendLine("## 4. Opine").AppendLine();
        List(md, "Modification Report Consultations", r.Opine.ModificationReportConsultations.Select(c => $"{c.Reference.Value} '{c.Title}' {(c.Open ? "open" : c.Late ? "late" : "expected")}"));
        List(md, "Change Board votes", r.Opine.ChangeBoardVotes.Select(v => $"{v.Reference.Value} {Outcome(v)} on {D(v.MeetingOn)}{(v.Status == Sec.ChangeBoard.V1.AgendaItemStatus.Referred ? ", since referred to the Panel" : "")}"));
        List(md, "Authority decisions", r.Opine.AuthorityDecisions.Select(d => $"{d.Reference.Value} {d.FinalOutcome.ToString().ToLowerInvariant()} on {D(d.FinalOn)}"));
        List(md, "With the Authority for decision", r.Opine.WithTheAuthority.Select(d => d.Reference.Value));
        var pt = r.Opine.Timescales;
        md.AppendLine("| Status | Total | Average duration |").AppendLine("| --- | ---: | ---: |");
        md.AppendLine($"| Proposals open (pre-decision) | {pt.OpenCount} | {pt.OpenAverageWorkingDays} WD |");
        md.AppendLine($"| Proposals concluded in the last 12 months | {pt.ConcludedCount} | {pt.ConcludedAverageWorkingDays} WD |").AppendLine();

        md.AppendLine("## 5. Release").AppendLine();
        List(md, "Implemented", r.Release.Implemented.SelectMany(x => x.Scope.Select(s => $"{Scope(s)} in the {x.Release.Name} on {D(x.Release.ImplementationDate)}")));
        foreach (var u in r.Release.Upcoming)
            List(md, $"{u.Release.Name} ({D(u.Release.ImplementationDate)})", u.Scope.Select(Scope));
        if (r.OpenDiscrepancies.Count > 0)
        {
            md.AppendLine("## Appendix: open discrepancies (for SECAS)").AppendLine();
            md.AppendLine("Events a context could not apply because its record contradicted them; retry or resolve each with `sec discrepancies`.").AppendLine();
            md.AppendLine("| Context | # | Event | Modification | Effective | First seen | Attempts | Reason |").AppendLine("| --- | ---: | --- | --- | --- | --- | ---: | --- |");
            foreach (var d in r.OpenDiscrepancies)
                md.AppendLine($"| {d.Context} | {d.Id} | {d.Event} | {d.Reference?.Value} | {D(d.EffectiveOn)} | {d.FirstSeenAt.ToDateTimeOffset():d MMM yyyy HH:mm} | {d.Attempts} | {d.Reason.Replace("|", "/", StringComparison.Ordinal)} |");
            md.AppendLine();
        }
        return md.ToString();
    }

    /// <summary>One CSV file per table; dates as yyyy-mm-dd.</summary>
    public static IReadOnlyDictionary<string, string> Csv(ChangeStatusReport r)
    {
        var t = r.Refine.AssessmentTimescales;
        var files = new Dictionary<string, string>
        {
            ["phase-counts.csv"] = Table(["phase", "count"], r.Summary.Phases.Select(c => new[] { Phase(c.Phase), Num(c.Count) })),
            ["new-draft-proposals.csv"] = Table(["reference", "title", "proposer", "organisation", "raised", "summary"],
                r.Define.NewDraftProposals.Select(p => new[] { p.Reference.Value, p.Title, p.Proposer.Name, p.Proposer.Organisation, Iso(p.On), p.Detail })),
            ["assessment-summary.csv"] = Table(["kind", "open", "open_average_wd", "completed", "completed_average_wd"],
                t.Summary.Select(s => new[] { Kind(s.Kind), Num(s.OpenCount), Num(s.OpenAverageWorkingDays), Num(s.CompletedCount), Num(s.CompletedAverageWorkingDays) })),
            ["open-assessments.csv"] = Table(["reference", "kind", "accepted", "target_wd", "current_wd"],
                t.Open.Select(o => new[] { o.Reference.Value, Kind(o.Kind), Iso(o.AcceptedOn), Num(o.TargetWorkingDays), Num(o.CurrentWorkingDays) })),
            ["completed-assessments.csv"] = Table(["reference", "kind", "returned", "target_wd", "actual_wd"],
                t.Completed.Select(c => new[] { c.Reference.Value, Kind(c.Kind), Iso(c.ReturnedOn), Num(c.TargetWorkingDays), Num(c.ActualWorkingDays) })),
            ["change-board-votes.csv"] = Table(["reference", "meeting", "outcome", "status"],
                r.Opine.ChangeBoardVotes.Select(v => new[] { v.Reference.Value, Iso(v.MeetingOn), Outcome(v), v.Status.ToString() })),
            ["upcoming-releases.csv"] = Table(["release", "implementation_date", "reference", "part", "kind"],
                r.Release.Upcoming.SelectMany(u => u.Scope.Select(s => new[] { u.Release.Name, Iso(u.Release.ImplementationDate), s.Reference.Value, Num(s.Part), s.Kind.ToString() }))),
        };
        if (r.OpenDiscrepancies.Count > 0)
            files["open-discrepancies.csv"] = Table(["context", "id", "event", "reference", "effective_on", "first_seen_at", "attempts", "reason"],
                r.OpenDiscrepancies.Select(d => new[] { d.Context, d.Id.ToString(CultureInfo.InvariantCulture), d.Event, d.Reference?.Value ?? "", Iso(d.EffectiveOn),
                    d.FirstSeenAt.ToDateTimeOffset().ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture), Num(d.Attempts), d.Reason }));
        return files;
    }

    private static string Num(int n) => n.ToString(CultureInfo.InvariantCulture);

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

    private static string Table(string[] header, IEnumerable<string[]> rows)
    {
        var csv = new StringBuilder().AppendLine(string.Join(',', header));
        foreach (var row in rows)
            csv.AppendLine(string.Join(',', row.Select(Quote)));
        return csv.ToString();
    }

    /// <summary>RFC 4180: quote a field holding a comma, quote or line break, doubling its quotes.</summary>
    private static string Quote(string field) =>
        field.IndexOfAny([',', '"', '\n', '\r']) < 0 ? field : $"\"{field.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
}
