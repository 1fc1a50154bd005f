using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Sec.Proposals.Web;

/// <summary>The list's filters as the form carries them, already checked.</summary>
public sealed record RegisterListQuery(string? Text, Phase? Phase, string? Status, DecisionPath? Path, string? Organisation,
    string? WorkingGroup, DateOnly? ImplementationFrom, DateOnly? ImplementationTo, string? Priority = null);

/// <summary>
/// Every page of the register on the web, rendered on the server: one layout with landmarks (banner,
/// navigation, main, contentinfo), labelled form fields, tables with headers and captions, a print
/// stylesheet that drops the navigation and forms, and no script. Every value is encoded, so a title
/// cannot inject markup.
/// </summary>
public static partial class RegisterHtml
{
    private const string Style = """
        body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;max-width:68rem;margin:0 auto;padding:0 1rem;color:#1b1f24;line-height:1.5}
        header{border-bottom:3px solid #005a9c;padding:.6rem 0;display:flex;gap:2rem;align-items:baseline;flex-wrap:wrap}
        header .name{font-weight:700;font-size:1.2rem}nav ul{list-style:none;display:flex;gap:1.2rem;margin:0;padding:0}
        a{color:#005a9c}a:focus,input:focus,select:focus,button:focus{outline:3px solid #ffbf47;outline-offset:1px}
        h1{margin-top:1rem}h2{color:#005a9c;margin-top:2rem}
        table{border-collapse:collapse;margin:.5rem 0 1rem;width:100%}caption{text-align:left;font-weight:600;padding:.3rem 0}
        th,td{border:1px solid #c8ced6;padding:.3rem .6rem;text-align:left;vertical-align:top}th{background:#eef3f8}
        form.filters{display:grid;grid-template-columns:repeat(auto-fill,minmax(14rem,1fr));gap:.6rem 1rem;margin:1rem 0;padding:1rem;background:#f5f7fa}
        form.filters label{display:block;font-weight:600}form.filters input,form.filters select{width:100%;padding:.25rem}
        dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}dl.facts dt{font-weight:600}
        .refusal{border-left:4px solid #b10e1e;padding:.5rem 1rem;background:#fbeaea}
        footer{margin-top:3rem;border-top:1px solid #c8ced6;padding:.6rem 0;color:#555;font-size:.9rem}
        @media print{nav,form,.no-print{display:none}body{max-width:none;font-size:10pt}a{color:inherit;text-decoration:none}
        table{page-break-inside:auto}tr{page-break-inside:avoid}h2{page-break-after:avoid}header{border-bottom:1px solid #000}}
        """;

    /// <summary>The shared page: skip link, banner with navigation, the main content and a footer.</summary>
    public static string Layout(string title, string main)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en-GB\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append($"<title>{E(title)} - SEC Modification Register</title><style>{Style}</style></head><body>")
            .Append("<a class=\"no-print\" href=\"#main\">Skip to content</a>")
            .Append("<header><span class=\"name\">SEC Modification Register</span><nav aria-label=\"Main\"><ul>")
            .Append("<li><a href=\"/register\">Register</a></li>")
            .Append("<li><a href=\"/register/reports\">Reports</a></li>")
            .Append("<li><a href=\"/v1/calendar.ics\">Calendar (.ics)</a></li>")
            .Append("<li><a href=\"/register/sign-in\">Sign in</a></li>")
            .Append("</ul></nav></header>")
            .Append($"<main id=\"main\">{main}</main>")
            .Append("<footer>The Smart Energy Code modification register, kept by SECAS.</footer></body></html>");
        return html.ToString();
    }

    /// <summary>The register's list with every filter and the proposals that match.</summary>
    public static string List(RegisterListQuery query, IReadOnlyList<RegisterLine> lines, int total, IReadOnlyList<string> workingGroups, IReadOnlyList<string> statuses,
        IReadOnlyList<(string Code, string Name)>? priorities = null)
    {
        var main = new StringBuilder("<h1>The modification register</h1>");
        main.Append("<form class=\"filters\" method=\"get\" action=\"/register\" role=\"search\" aria-label=\"Filter the register\">");
        main.Append(TextField("text", "Words in the title or problem", query.Text));
        main.Append(Select("phase", "Stage", query.Phase?.ToString(), Enum.GetValues<Phase>().Select(p => (p.ToString(), p.ToString()))));
        main.Append(Select("status", "Status", query.Status, statuses.Select(s => (s, s))));
        main.Append(Select("path", "Path", query.Path is { } path ? ((int)path).ToString(CultureInfo.InvariantCulture) : null,
            [("1", "Path 1: Authority-led"), ("2", "Path 2: Authority Determination"), ("3", "Path 3: Self-Governance"), ("4", "Fast-Track Self-Governance")]));
        main.Append(TextField("organisation", "Proposer's organisation", query.Organisation));
        main.Append(Select("working_group", "Working Group", query.WorkingGroup, workingGroups.Select(g => (g, g))));
        main.Append(DateField("implementation_from", "Planned implementation from", query.ImplementationFrom));
        main.Append(DateField("implementation_to", "Planned implementation to", query.ImplementationTo));
        main.Append(Select("priority", "Priority", query.Priority, (priorities ?? []).Select(p => (p.Code, p.Name))));
        main.Append("<div><button type=\"submit\">Filter</button> <a href=\"/register\">Clear</a></div></form>");
        main.Append(CultureInfo.InvariantCulture, $"<p role=\"status\">{total} {(total == 1 ? "modification" : "modifications")} match.</p>");
        main.Append("<table><caption>Modifications</caption><thead><tr>")
            .Append(string.Concat(new[] { "Reference", "Title", "Proposer", "Raised", "Stage", "Status", "Path", "Target release" }.Select(h => $"<th scope=\"col\">{h}</th>")))
            .Append("</tr></thead><tbody>");
        foreach (var line in lines)
            main.Append("<tr>")
                .Append($"<th scope=\"row\"><a href=\"/register/{E(line.Reference)}\">{E(line.Reference)}</a></th>")
                .Append($"<td>{E(line.Title)}</td><td>{E(line.ProposerName)} ({E(line.ProposerOrganisation)})</td><td>{Day(line.RaisedOn)}</td>")
                .Append($"<td>{E(line.Phase)}</td><td>{E(line.Status)}</td><td>{PathName(line.Path)}{(line.Urgent ? " (Urgent)" : "")}</td><td>{E(line.TargetRelease ?? "")}</td></tr>");
        main.Append("</tbody></table>");
        return Layout("Register", main.ToString());
    }

    /// <summary>One modification: its facts, next step, timeline, and what every context holds of it.</summary>
    public static string Modification(ModificationPage page)
    {
        var p = page.Proposal;
        var reference = p.Reference.Value;
        var main = new StringBuilder($"<h1>{E(reference)}: {E(p.Title)}</h1>");
        main.Append("<dl class=\"facts\">")
            .Append(Fact("Stage", p.Phase.ToString().Replace("Phase", "", StringComparison.Ordinal)))
            .Append(Fact("Status", p.Status + (p.OnHold ? " (on hold)" : "")))
            .Append(Fact("Path", PathName((int)p.Path) + (p.Urgent ? " (Urgent)" : "")))
            .Append(Fact("Proposer", $"{p.Proposer?.Name} ({p.Proposer?.Organisation})"))
            .Append(Fact("Raised", Day(p.RaisedOn)))
            .Append(Fact("Target release", p.TargetRelease))
            .Append(Fact("Next step", string.IsNullOrEmpty(p.NextStep) ? "" : p.NextStep + (p.NextStepOn is null ? "" : $", by {Day(p.NextStepOn)}")))
            .Append("</dl>");
        main.Append($"<h2 id=\"problem\">Problem statement</h2><p>{E(p.ProblemStatement)}</p>");
        main.Append($"<p class=\"no-print\"><a href=\"/v1/calendar.ics?modification={E(reference)}\">Follow {E(reference)}'s dates in a calendar (.ics)</a></p>");

        Section(main, "timeline", "Timeline", ["Effective", "Step", "Stage", "Status", "Recorded by", "Reason"],
            p.History.Select(h => new[]
            {
                Day(h.EffectiveOn), h.Step + (h.Voided is null ? "" : " (voided)"), h.Phase.ToString().Replace("Phase", "", StringComparison.Ordinal), h.Status,
                h.Actor is null ? "" : $"{h.Actor.Name} ({h.Actor.Organisation})", h.Reason,
            }));
        Section(main, "working-groups", "Working Group meetings", ["Meeting", "Working Group", "Kind", "Outcome"],
            page.WorkingGroupMeetings.Select(m => new[] { Day(m.MeetingOn), m.WorkingGroup, m.Kind.ToString(), m.Outcome ?? "" }));
        Section(main, "consultations", "Consultations", ["Consultation", "Expected week", "Issued", "Closes", "Responses"],
            page.Consultations.Select(c => new[]
            {
                c.Kind == Domain.ConsultationKind.Refinement ? "Refinement Consultation" : "Modification Report Consultation",
                Day(c.ExpectedWeekCommencing), Day(c.IssuedOn), Day(c.ClosesOn) + (c.CancelledOn is { } x ? $" (cancelled {Day(x)})" : ""),
                c.Responses.Count == 0 ? "none" : string.Join("; ", c.Responses.Select(r => $"{r.Organisation} ({r.PartyCategory}): {(r.Position == Domain.ResponsePosition.None ? "no position" : r.Position.ToString())}")),
            }));
        Section(main, "assessments", "DCC assessments", ["Assessment", "Requested", "Accepted", "Due", "Returned", "Status", "Costs"],
            page.Assessments.Select(a => new[]
            {
                a.Kind == Sec.Assessments.V1.AssessmentKind.Impact ? "Impact Assessment" : "Preliminary Assessment",
                Day(a.RequestedOn), Day(a.AcceptedOn), Day(a.DueOn), Day(a.ReturnedOn), Words(a.Status.ToString()), Costs(a.Costs),
            }));
        Section(main, "change-board", "Change Board", ["Meeting", "Item", "Status", "Outcome", "Final outcome", "Referral window ends"],
            page.ChangeBoardItems.Select(i => new[]
            {
                Day(i.MeetingOn), Words(i.Kind.ToString()), Words(i.Status.ToString()), Words(i.Outcome.ToString()),
                Words(i.FinalOutcome.ToString()) + (i.FinalOn is null ? "" : $" on {Day(i.FinalOn)}"), Day(i.ReferralWindowEndsOn),
            }));
        Section(main, "releases", "Releases", ["Release", "Implementation date", "Status", "Scope"],
            page.Releases.Select(r => new[]
            {
                r.Release.Name, Day(r.Release.ImplementationDate), Words(r.Release.Status.ToString()),
                string.Join("; ", r.Scope.Where(s => CalendarFeed(s.Reference.Value, reference)).Select(s => Words(s.Kind.ToString()) + (s.Part > 0 ? $", part {s.Part}" : ""))),
            }));
        if (page.View is { } view)
        {
            Section(main, "alternates", "Alternates", ["Modification", "Status", "Title"],
                view.Alternates.Select(a => new[] { $"<a href=\"/register/{E(a.Reference.Value)}\">{E(a.Reference.Value)}</a>", E(a.Status), E(a.Title) }), raw: true);
            Section(main, "documents", "Documents", ["Dated", "Document", "Kind", "Version", "Where"],
                view.Documents.Select(d => new[]
                {
                    E(Day(d.DatedOn)), E(d.Title) + (d.SupersededBy.Length == 0 ? "" : " (superseded)"), E(Words(d.Kind.ToString())), E(d.Version),
                    d.Url.Length > 0 ? $"<a href=\"{E(d.Url)}\">{E(d.Url)}</a>" : $"{E(d.FileName)}, {d.SizeBytes:N0} bytes, SHA-256 {E(d.Sha256)}",
                }), raw: true);
            if (view.Plan is { } plan)
                Section(main, "plan", $"Plan (revision {plan.Revision}, {Day(plan.PlannedOn)})", ["Milestone", "Planned", "Actual", "Slippage (days)"],
                    plan.Milestones.Select(m => new[]
                    {
                        Words(m.Milestone.ToString()), Day(m.PlannedOn), Day(m.ActualOn),
                        m.ActualOn is null ? m.Overdue ? $"{m.SlippageDays}, not reached" : "" : m.SlippageDays.ToString(CultureInfo.InvariantCulture),
                    }));
            if (view.Priority is { Current: { } priority })
                Section(main, "priority", "Priority", ["Category", "Determined by", "On", "Criteria"],
                    [[priority.Category.Name + (priority.Review ? " (review)" : ""), priority.DeterminedBy, Day(priority.DeterminedOn), priority.CriteriaNotes]]);
        }
        return Layout($"{reference} {p.Title}", main.ToString());
    }

    /// <summary>A refusal of a page's input, naming the field, or a modification not in the register.</summary>
    public static string Refusal(string title, string field, string message) =>
        Layout(title, $"<h1>{E(title)}</h1><div class=\"refusal\" role=\"alert\"><p><strong>{E(field)}</strong>: {E(message)}</p></div><p><a href=\"/register\">Back to the register</a></p>");

    /// <summary>The reports' index: pick a month; each report links every modification to its page.</summary>
    public static string Reports(DateOnly today)
    {
        var main = new StringBuilder("<h1>Change Status Reports</h1>");
        main.Append("<form method=\"get\" action=\"/register/reports/month\" aria-label=\"Open a report\">")
            .Append(TextField("month", "Report month (yyyy-mm)", today.ToString("yyyy-MM", CultureInfo.InvariantCulture)))
            .Append("<button type=\"submit\">Open the report</button></form><h2>Recent months</h2><ul>");
        for (var i = 0; i < 12; i++)
        {
            var month = new DateOnly(today.Year, today.Month, 1).AddMonths(-i).ToString("yyyy-MM", CultureInfo.InvariantCulture);
            main.Append($"<li><a href=\"/register/reports/{month}\">{month}</a></li>");
        }
        return Layout("Change Status Reports", main.Append("</ul>").ToString());
    }

    /// <summary>The sign-in page: paste the token <c>sec login</c> stored (or one the identity provider issued).</summary>
    public static string SignIn(string? error) => Layout("Sign in", $"""
        <h1>Sign in</h1>
        <p>The register's pages need the same bearer token as every other call. Paste yours (for a local suite, the contents of <code>~/.sec/token</code> after <code>sec login</code>); it is kept in a cookie for this site only.</p>
        {(error is null ? "" : $"<div class=\"refusal\" role=\"alert\"><p><strong>token</strong>: {E(error)}</p></div>")}
        <form method="post" action="/register/sign-in"><label for="token">Token</label><br>
        <textarea id="token" name="token" rows="6" cols="80" required></textarea><br><button type="submit">Sign in</button></form>
        """);

    /// <summary>A section with a captioned table; <paramref name="raw"/> cells are already encoded HTML (links).</summary>
    private static void Section(StringBuilder main, string id, string heading, string[] headers, IEnumerable<string[]> rows, bool raw = false)
    {
        var list = rows.ToList();
        main.Append($"<section aria-labelledby=\"{id}\"><h2 id=\"{id}\">{E(heading)}</h2>");
        if (list.Count == 0)
        {
            main.Append("<p>None recorded.</p></section>");
            return;
        }
        main.Append($"<table><caption>{E(heading)}</caption><thead><tr>").Append(string.Concat(headers.Select(h => $"<th scope=\"col\">{E(h)}</th>"))).Append("</tr></thead><tbody>");
        foreach (var row in list)
            main.Append("<tr>").Append(string.Concat(row.Select((cell, i) => i == 0 ? $"<th scope=\"row\">{(raw ? cell : E(cell))}</th>" : $"<td>{(raw ? cell : E(cell))}</td>"))).Append("</tr>");
        main.Append("</tbody></table></section>");
    }

    private static bool CalendarFeed(string written, string reference) =>
        ModificationReference.TryParse(reference, out var r) && Feeds.CalendarFeed.Same(written, r);

    private static string Costs(Sec.Assessments.V1.AssessmentCosts? costs)
    {
        if (costs is null)
            return "";
        long low = costs.Implementation.Sum(c => c.Cost?.LowPence ?? 0), high = costs.Implementation.Sum(c => c.Cost?.HighPence ?? 0);
        return low == high ? $"Implementation {Pounds(low)}" : $"Implementation {Pounds(low)} to {Pounds(high)}";
    }

    // The hosts run globalization-invariant, whose number format is the en-GB one for pounds.
    private static string Pounds(long pence) => "£" + (pence / 100m).ToString("#,##0", CultureInfo.InvariantCulture);

    private static string Fact(string name, string? value) => string.IsNullOrEmpty(value) ? "" : $"<dt>{E(name)}</dt><dd>{E(value)}</dd>";

    private static string TextField(string name, string label, string? value) =>
        $"<div><label for=\"{name}\">{E(label)}</label><input id=\"{name}\" name=\"{name}\" type=\"text\" value=\"{E(value ?? "")}\"></div>";

    private static string DateField(string name, string label, DateOnly? value) =>
        $"<div><label for=\"{name}\">{E(label)}</label><input id=\"{name}\" name=\"{name}\" type=\"date\" value=\"{(value is { } d ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "")}\"></div>";

    private static string Select(string name, string label, string? selected, IEnumerable<(string Value, string Text)> options) =>
        $"<div><label for=\"{name}\">{E(label)}</label><select id=\"{name}\" name=\"{name}\"><option value=\"\">Any</option>"
        + string.Concat(options.Select(o => $"<option value=\"{E(o.Value)}\"{(string.Equals(o.Value, selected, StringComparison.OrdinalIgnoreCase) ? " selected" : "")}>{E(o.Text)}</option>"))
        + "</select></div>";

    public static string PathName(int path) => path switch
    {
        1 => "Path 1",
        2 => "Path 2",
        3 => "Path 3",
        4 => "Fast-Track",
        _ => "",
    };

    private static string Day(DateOnly? day) => day is { } d ? d.ToString("d MMM yyyy", CultureInfo.InvariantCulture) : "";

    private static string Day(Google.Type.Date? date) => date is null || date.Year == 0 ? "" : Day(new DateOnly(date.Year, date.Month, date.Day));

    /// <summary>An enum's name as words: "ImpactAssessmentRequest" reads "Impact assessment request"; the unset value reads as nothing.</summary>
    private static string Words(string name) => name == "Unspecified" ? "" : CamelSplit().Replace(name, " $1").ToLowerInvariant() is var w && w.Length > 0 ? char.ToUpperInvariant(w[0]) + w[1..] : w;

    private static string E(string? text) => WebUtility.HtmlEncode(text ?? "");

    [GeneratedRegex("(?<=[a-z])([A-Z])")]
    private static partial Regex CamelSplit();
}
