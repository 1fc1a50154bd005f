using Google.Protobuf;
using Sec.Proposals.V1;

namespace Sec.Cli.Commands;

/// <summary>
/// The modification page: <c>sec show REF</c> prints it (the register's record with every other
/// context's part); <c>sec document</c>, <c>sec plan</c> and <c>sec priority</c> keep its documents, plan and priority.
/// </summary>
internal static class ModificationPageCommands
{
    /// <summary>Prints the page as a person reads it: the register's header and timeline first, then each context's part.</summary>
    public static async Task PrintAsync(TextWriter o, ModificationView view)
    {
        var proposal = view.Proposal;
        await o.WriteLineAsync($"{proposal.Reference.Value}  {proposal.Title}");
        await o.WriteLineAsync($"  raised {Show(proposal.RaisedOn)} by {proposal.Proposer.Name} ({proposal.Proposer.Organisation})");
        await o.WriteLineAsync($"  {proposal.Phase.ToString().Replace("Phase", "", StringComparison.Ordinal)}: {proposal.Status}");
        var next = view.NextStep;
        await o.WriteLineAsync($"  next: {next.Step}{(next.On is null ? "" : $" ({Show(next.On)}{(next.DateFrom is "" or "register" ? "" : $", from the {next.DateFrom}")})")}");
        if (view.Priority?.Current is { } priority)
            await o.WriteLineAsync($"  priority: {priority.Category.Name}, determined by {priority.DeterminedBy} on {Show(priority.DeterminedOn)}{(priority.Review ? " (review)" : "")}");
        await o.WriteLineAsync("  timeline:");
        foreach (var h in proposal.History)
            await o.WriteLineAsync($"    {Show(h.EffectiveOn),-12} {h.Reference.Value,-10} {h.Step} — {h.Status} ({h.Actor.Name})"
                + (h.Voided is { } v ? $" [voided by {v.VoidedBy.Name}: {v.Reason}]" : ""));
        await SectionAsync(o, "Working Group meetings", view.WorkingGroupMeetings.Select(m =>
            $"{Show(m.MeetingOn),-12} {m.WorkingGroup}{(m.Number > 1 ? $" (meeting {m.Number})" : "")}{(m.Outcome.Length == 0 ? "" : $": {m.Outcome}")}"));
        await SectionAsync(o, "consultations", view.Consultations.Select(c =>
            $"{(c.Kind == ConsultationKind.Refinement ? "Refinement Consultation" : "Modification Report Consultation")}: "
            + (c.IssuedOn is null ? c.CancelledOn is null ? $"expected w/c {Show(c.ExpectedWeekCommencing)}" : $"cancelled {Show(c.CancelledOn)}" : $"issued {Show(c.IssuedOn)}, closes {Show(c.ClosesOn)}")
            + $", {c.Responses.Count} response{(c.Responses.Count == 1 ? "" : "s")}"));
        await SectionAsync(o, "assessments", view.Assessments.Select(AssessmentCommands.Summary));
        await SectionAsync(o, "Change Board", view.ChangeBoardItems.Select(ChangeBoardCommands.Line));
        await SectionAsync(o, "releases", view.Releases.SelectMany(r => r.Scope.Select(e =>
            $"{r.Release.Name} ({Show(r.Release.ImplementationDate)}, {r.Release.Status.ToString().ToLowerInvariant()}){(e.Part == 0 ? "" : $": part {e.Part}")}")));
        await SectionAsync(o, "alternates", view.Alternates.Select(a => $"{a.Reference.Value,-10} {a.Status,-36} {a.Title}"));
        if (view.Plan is { } plan)
            await SectionAsync(o, $"plan (revision {plan.Revision}, {Show(plan.PlannedOn)})", plan.Milestones.Select(m =>
                $"{Name(m.Milestone),-9} planned {Show(m.PlannedOn),-12}"
                + (m.ActualOn is null ? m.Overdue ? $" not reached, {m.SlippageDays} days late" : "" : $" actual {Show(m.ActualOn),-12} {Slip(m.SlippageDays)} ({m.ActualFrom})")));
        if (view.NotYetHeardBy.Count > 0)
            await o.WriteLineAsync($"  (not yet heard of it: {string.Join(", ", view.NotYetHeardBy)}; their parts follow once they have)");
        await SectionAsync(o, "documents", view.Documents.Select(d =>
            $"{Show(d.DatedOn),-12} {d.Title}{(d.Version.Length == 0 ? "" : $" v{d.Version}")} [{Kind(d.Kind)}] "
            + (d.Url.Length > 0 ? d.Url : $"{d.FileName}, {d.SizeBytes:N0} bytes, sha256 {d.Sha256} (id {d.DocumentId})")
            + (d.SupersededBy.Length == 0 ? "" : " (superseded)")));
    }

    private static async Task SectionAsync(TextWriter o, string title, IEnumerable<string> lines)
    {
        var all = lines.ToList();
        if (all.Count == 0)
            return;
        await o.WriteLineAsync($"  {title}:");
        foreach (var line in all)
            await o.WriteLineAsync($"    {line}");
    }

    private static string Slip(int days) => days switch { 0 => "on time", > 0 => $"{days} days late", _ => $"{-days} days early" };

    public static string Name(Milestone m) => m switch
    {
        Milestone.Solution => "Solution",
        Milestone.PreliminaryAssessment => "PA",
        Milestone.ImpactAssessment => "IA",
        Milestone.Consultation => "Consult.",
        Milestone.DraftModificationReport => "DMR",
        Milestone.ChangeBoard => "CB",
        Milestone.Decision => "Decision",
        _ => m.ToString(),
    };

    private static string Kind(DocumentKind k) => k switch
    {
        DocumentKind.LegalText => "legal text",
        DocumentKind.ModificationReport => "Modification Report",
        DocumentKind.ConsultationDocument => "consultation",
        DocumentKind.ConsultationResponses => "consultation responses",
        DocumentKind.Rid => "RID",
        DocumentKind.Assessment => "assessment",
        DocumentKind.WebPage => "web page",
        _ => "other",
    };

    private static readonly Dictionary<string, DocumentKind> Kinds = new(StringComparer.OrdinalIgnoreCase)
    {
        ["legal-text"] = DocumentKind.LegalText, ["modification-report"] = DocumentKind.ModificationReport, ["consultation"] = DocumentKind.ConsultationDocument,
        ["consultation-responses"] = DocumentKind.ConsultationResponses, ["rid"] = DocumentKind.Rid, ["assessment"] = DocumentKind.Assessment,
        ["web-page"] = DocumentKind.WebPage, ["other"] = DocumentKind.Other,
    };

    private static readonly Dictionary<string, Milestone> Milestones = new(StringComparer.OrdinalIgnoreCase)
    {
        ["solution"] = Milestone.Solution, ["pa"] = Milestone.PreliminaryAssessment, ["ia"] = Milestone.ImpactAssessment, ["consultation"] = Milestone.Consultation,
        ["dmr"] = Milestone.DraftModificationReport, ["cb"] = Milestone.ChangeBoard, ["decision"] = Milestone.Decision,
    };

    public static IEnumerable<Command> Build(CliContext cli)
    {
        // sec document attach MP122 --title ... --kind web-page --url https://... | --file path
        var reference = ReferenceArgument();
        var title = new Option<string>("--title") { Description = "The document's title.", Required = true };
        var kind = new Option<string>("--kind") { Description = $"One of: {string.Join(", ", Kinds.Keys)}.", Required = true };
        var version = new Option<string?>("--version") { Description = "Its version, for example 1.0." };
        var dated = new Option<DateOnly?>("--dated") { Description = "The date it bears (yyyy-mm-dd); today if left out." };
        var url = new Option<string?>("--url") { Description = "Link to it: an http or https URL." };
        var file = new Option<FileInfo?>("--file") { Description = "Keep this file in the register (within the size limit; its SHA-256 is recorded)." };
        var attach = new Command("attach", "Attach a document to a modification: a link (--url) or a file (--file).") { reference, title, kind, version, dated, url, file };
        attach.SetAction((p, ct) => cli.Guard(async () =>
        {
            if (!Kinds.TryGetValue(p.GetValue(kind)!, out var k))
                throw new CliInputException($"--kind must be one of {string.Join(", ", Kinds.Keys)}");
            var request = new AttachDocumentRequest
            {
                Reference = Reference(p.GetValue(reference)!), Title = p.GetValue(title)!, Kind = k, Version = p.GetValue(version) ?? "",
                DatedOn = Date(p.GetValue(dated) ?? DateOnly.FromDateTime(DateTime.Today)),
            };
            if (p.GetValue(file) is { } f)
                request.File = new DocumentFile { FileName = f.Name, Content = ByteString.CopyFrom(await File.ReadAllBytesAsync(f.FullName, ct)) };
            else if (p.GetValue(url) is { } u)
                request.Url = u;
            var document = (await cli.Proposals(p).AttachDocumentAsync(request, cancellationToken: ct)).Document;
            await cli.PrintAsync(p, document, $"{document.Reference.Value}: attached '{document.Title}' ({document.DocumentId})");
        }));
        yield return new Command("document", "A modification's documents: links and kept files.") { attach };

        // sec plan MP122 --on 2020-04-01 --milestone pa=2020-05-29 --milestone ia=2020-10-30
        var planReference = ReferenceArgument();
        var planned = new Option<string[]>("--milestone") { Description = "A milestone and its planned date, e.g. pa=2020-05-29 (solution, pa, ia, consultation, dmr, cb, decision); add @yyyy-mm-dd for the date a Solution was reached.", Required = true, AllowMultipleArgumentsPerToken = true };
        var on = new Option<DateOnly?>("--on") { Description = "The date the plan was made (yyyy-mm-dd); today if left out." };
        var reason = new Option<string?>("--reason") { Description = "Why it was re-planned." };
        var plan = new Command("plan", "Plan a modification's milestones; a new plan replaces the one in force, which is kept.") { planReference, planned, on, reason };
        plan.SetAction((p, ct) => cli.Guard(async () =>
        {
            var request = new PlanModificationRequest
            {
                Reference = Reference(p.GetValue(planReference)!), PlannedOn = Date(p.GetValue(on) ?? DateOnly.FromDateTime(DateTime.Today)), Reason = p.GetValue(reason) ?? "",
            };
            foreach (var text in p.GetValue(planned)!)
                request.Milestones.Add(ParseMilestone(text));
            var answer = (await cli.Proposals(p).PlanModificationAsync(request, cancellationToken: ct)).Plan;
            await cli.PrintAsync(p, answer, $"{p.GetValue(planReference)}: plan revision {answer.Revision} of {Show(answer.PlannedOn)}");
        }));
        yield return plan;

        // sec priority MP122 --category high --notes ... --by "SEC Panel" --on 2026-06-19 [--review]; sec priority categories
        var priorityReference = ReferenceArgument();
        var category = new Option<string>("--category") { Description = "The category's code (sec priority categories lists them).", Required = true };
        var notes = new Option<string>("--notes") { Description = "The criteria considered.", Required = true };
        var by = new Option<string>("--by") { Description = "Who determined it, for example \"SEC Panel\".", Required = true };
        var determinedOn = new Option<DateOnly?>("--on") { Description = "The date it was determined (yyyy-mm-dd); today if left out." };
        var review = new Option<bool>("--review") { Description = "This reviews an earlier determination." };
        var determine = new Command("determine", "Determine (or review) a modification's priority.") { priorityReference, category, notes, by, determinedOn, review };
        determine.SetAction((p, ct) => cli.Guard(async () =>
        {
            var answer = (await cli.Proposals(p).DeterminePriorityAsync(new DeterminePriorityRequest
            {
                Reference = Reference(p.GetValue(priorityReference)!), Category = p.GetValue(category)!, CriteriaNotes = p.GetValue(notes)!,
                DeterminedBy = p.GetValue(by)!, DeterminedOn = Date(p.GetValue(determinedOn) ?? DateOnly.FromDateTime(DateTime.Today)), Review = p.GetValue(review),
            }, cancellationToken: ct)).Priority;
            await cli.PrintAsync(p, answer, $"{p.GetValue(priorityReference)}: priority {answer.Current?.Category.Name ?? "none in force today"}");
        }));
        var categories = new Command("categories", "List the priority categories.");
        categories.SetAction((p, ct) => cli.Guard(async () =>
        {
            var answer = await cli.Proposals(p).ListPriorityCategoriesAsync(new ListPriorityCategoriesRequest(), cancellationToken: ct);
            await cli.PrintAsync(p, answer, string.Join(Environment.NewLine, answer.Categories.Select(c => $"{c.Code,-12} {c.Name}{(c.Retired ? " (retired)" : "")}: {c.Description}")));
        }));
        yield return new Command("priority", "A modification's priority under the harmonised prioritisation.") { determine, categories };
    }

    /// <summary>pa=2020-05-29, or solution=2020-04-01@2020-04-15 with the date it was reached.</summary>
    private static PlannedMilestone ParseMilestone(string text)
    {
        var parts = text.Split('=', 2);
        if (parts.Length != 2 || !Milestones.TryGetValue(parts[0].Trim(), out var milestone))
            throw new CliInputException($"--milestone {text}: give one of {string.Join(", ", Milestones.Keys)}, '=' and a date, e.g. pa=2020-05-29");
        var dates = parts[1].Split('@', 2);
        static DateOnly Parse(string d, string text) => DateOnly.TryParseExact(d.Trim(), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var v)
            ? v : throw new CliInputException($"--milestone {text}: '{d}' is not a date (yyyy-mm-dd)");
        return new PlannedMilestone
        {
            Milestone = milestone, PlannedOn = Date(Parse(dates[0], text)), ReachedOn = dates.Length == 2 ? Date(Parse(dates[1], text)) : null,
        };
    }
}
