using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Sec.Proposals.V1;

namespace Sec.Proposals.Reporting;

/// <summary>
/// The report as a page a person reads: the Markdown's headings, lists and tables as HTML, a clean
/// stylesheet, and the phase counts as an inline SVG bar chart. Everything is encoded, so a title
/// cannot inject markup.
/// </summary>
public static partial class ReportHtml
{
    /// <summary>The page; every reference links to its modification's page on the register's web pages (/register/{reference}).</summary>
    public static string Page(ChangeStatusReport report, string markdown)
    {
        var html = new StringBuilder();
        html.Append("""
            <!DOCTYPE html>
            <html lang="en-GB"><head><meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            """);
        html.Append($"<title>{Encode(FirstHeading(markdown))}</title>");
        html.Append("""
            <style>
            body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1b1f24;line-height:1.5}
            h1{border-bottom:3px solid #005a9c;padding-bottom:.3rem}h2{color:#005a9c;margin-top:2rem}h3{margin-bottom:.3rem}
            table{border-collapse:collapse;margin:.5rem 0 1rem}th,td{border:1px solid #c8ced6;padding:.3rem .6rem;text-align:left}
            th{background:#eef3f8}td.n{text-align:right}ul{margin-top:.2rem}.chart{margin:1rem 0}
            </style></head><body>
            """);
        var inTable = false;
        var inList = false;
        var firstTableDone = false;
        foreach (var raw in markdown.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (!line.StartsWith('|') && inTable) { html.Append("</tbody></table>"); inTable = false; }
            if (!line.StartsWith("- ", StringComparison.Ordinal) && inList) { html.Append("</ul>"); inList = false; }
            if (line.StartsWith("# ", StringComparison.Ordinal)) html.Append($"<h1>{Encode(line[2..])}</h1>");
            else if (line.StartsWith("## ", StringComparison.Ordinal)) html.Append($"<h2>{Encode(line[3..])}</h2>");
            else if (line.StartsWith("### ", StringComparison.Ordinal)) html.Append($"<h3>{Encode(line[4..])}</h3>");
            else if (line.StartsWith("- ", StringComparison.Ordinal))
            {
                if (!inList) { html.Append("<ul>"); inList = true; }
                html.Append($"<li>{Inline(line[2..])}</li>");
            }
            else if (line.StartsWith('|'))
            {
                var cells = line.Trim('|').Split('|').Select(c => c.Trim()).ToArray();
                if (cells.All(c => Separator().IsMatch(c)))
                    continue;
                if (!inTable)
                {
                    if (!firstTableDone)
                    {
                        html.Append(Chart(report));
                        firstTableDone = true;
                    }
                    html.Append("<table><thead><tr>").Append(string.Concat(cells.Select(c => $"<th scope=\"col\">{Encode(c)}</th>"))).Append("</tr></thead><tbody>");
                    inTable = true;
                    continue;
                }
                html.Append("<tr>").Append(string.Concat(cells.Select(c => Number().IsMatch(c) ? $"<td class=\"n\">{Encode(c)}</td>" : $"<td>{Inline(c)}</td>"))).Append("</tr>");
            }
            else if (line.Length > 0) html.Append($"<p>{Inline(line)}</p>");
        }
        if (inTable) html.Append("</tbody></table>");
        if (inList) html.Append("</ul>");
        return html.Append("</body></html>").ToString();
    }

    /// <summary>Proposals in each phase as horizontal bars.</summary>
    public static string Chart(ChangeStatusReport report)
    {
        var phases = report.Summary.Phases.Where(p => p.Phase is V1.Phase.Define or V1.Phase.Refine or V1.Phase.Opine or V1.Phase.Release).ToList();
        var max = Math.Max(1, phases.Max(p => p.Count));
        const int barArea = 320, row = 28, label = 80;
        var svg = new StringBuilder($"<svg class=\"chart\" role=\"img\" aria-label=\"Proposals in each phase\" width=\"{label + barArea + 60}\" height=\"{row * phases.Count + 8}\" xmlns=\"http://www.w3.org/2000/svg\">");
        for (var i = 0; i < phases.Count; i++)
        {
            var p = phases[i];
            var width = (int)Math.Round(barArea * (double)p.Count / max);
            var y = i * row + 4;
            var name = p.Phase.ToString();
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"0\" y=\"{y + 17}\" font-size=\"14\">{name}</text>");
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{label}\" y=\"{y}\" width=\"{width}\" height=\"20\" fill=\"#005a9c\"><title>{name}: {p.Count}</title></rect>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{label + width + 6}\" y=\"{y + 15}\" font-size=\"13\">{p.Count}</text>");
        }
        return svg.Append("</svg>").ToString();
    }

    private static string FirstHeading(string markdown) => markdown.Split('\n').FirstOrDefault(l => l.StartsWith("# ", StringComparison.Ordinal))?[2..].Trim() ?? "Change Status Report";

    private static string Encode(string text) => WebUtility.HtmlEncode(text);

    /// <summary>Encoded text whose Markdown links to a modification page or autolinks to a web page become links; no other markup survives.</summary>
    private static string Inline(string text) =>
        WebLink().Replace(ModificationLink().Replace(Encode(text), m => $"<a href=\"{m.Groups[2].Value}\">{m.Groups[1].Value}</a>"), m => $"<a href=\"{m.Groups[1].Value}\">{m.Groups[1].Value}</a>");

    /// <summary>
    /// A Markdown autolink to a web page (an appendix, a document), as encoded: the report validated it
    /// as an absolute http or https URL, and encoding left no quote or angle bracket inside it.
    /// </summary>
    [GeneratedRegex(@"&lt;(https?://[^\s]+?)&gt;")]
    private static partial Regex WebLink();

    [GeneratedRegex(@"\[([A-Za-z0-9]+)\]\((/register/[A-Za-z0-9]+)\)")]
    private static partial Regex ModificationLink();

    [GeneratedRegex(@"^:?-{3,}:?$")]
    private static partial Regex Separator();

    [GeneratedRegex(@"^\d+( WD)?$")]
    private static partial Regex Number();
}
