using Sec.Proposals.V1;

namespace Sec.Cli.Commands;

/// <summary><c>sec report --month 2020-04 --format md|html|csv --out ...</c>, and <c>sec report cover</c> for SECAS's cover.</summary>
internal static class ReportCommand
{
    public static Command Build(CliContext cli)
    {
        var month = new Option<string>("--month") { Description = "The report's month, yyyy-mm.", Required = true };
        var periodEnd = new Option<DateOnly?>("--period-end") { Description = "The last day of the 12-month timescale window." };
        var asOf = new Option<DateOnly?>("--as-of") { Description = "The date open lists are counted to." };
        var format = new Option<string>("--format") { Description = "md, html or csv.", DefaultValueFactory = _ => "md" };
        format.AcceptOnlyFromAmong("md", "html", "csv");
        var stageNames = new Option<string>("--stage-names") { Description = "phases, 2016, or auto (by the as-of date).", DefaultValueFactory = _ => "auto" };
        stageNames.AcceptOnlyFromAmong("auto", "phases", "2016");
        var outPath = new Option<string?>("--out") { Description = "A file (md, html) or folder (csv); standard output if left out (md, html)." };
        var report = new Command("report", "The monthly Change Status Report.") { month, periodEnd, asOf, format, stageNames, outPath, Cover(cli) };
        report.SetAction((p, ct) => cli.Guard(async () =>
        {
            var answer = await cli.Proposals(p).GetChangeStatusReportAsync(new GetChangeStatusReportRequest
            {
                Month = p.GetValue(month)!,
                PeriodEnd = Iso(p.GetValue(periodEnd)),
                AsOf = Iso(p.GetValue(asOf)),
                StageNames = p.GetValue(stageNames) switch { "phases" => ReportStageNames.Phases, "2016" => ReportStageNames._2016, _ => ReportStageNames.Unspecified },
            }, cancellationToken: ct);
            var target = p.GetValue(outPath);
            switch (p.GetValue(format))
            {
                case "csv":
                    var folder = target ?? ".";
                    Directory.CreateDirectory(folder);
                    foreach (var (file, csv) in answer.Csv)
                        await File.WriteAllTextAsync(Path.Combine(folder, file), csv, ct);
                    await cli.Output.WriteLineAsync($"{answer.Csv.Count} CSV files written to {Path.GetFullPath(folder)}");
                    break;
                default:
                    var body = p.GetValue(format) == "html" ? answer.Html : answer.Markdown;
                    if (target is null)
                        await cli.Output.WriteAsync(body);
                    else
                    {
                        await File.WriteAllTextAsync(target, body, ct);
                        await cli.Output.WriteLineAsync($"Report written to {Path.GetFullPath(target)}");
                    }
                    break;
            }
        }));
        return report;
    }

    /// <summary>
    /// <c>sec report cover --month 2020-04 --date 2020-04-08 --author ... [--paper-reference ...]
    /// [--narrative SECTION=TEXT]... [--appendix TITLE=URL]...</c>: sets (replaces) the month's cover.
    /// </summary>
    private static Command Cover(CliContext cli)
    {
        var month = new Option<string>("--month") { Description = "The report's month, yyyy-mm.", Required = true };
        var date = new Option<DateOnly>("--date") { Description = "The date the report is dated (yyyy-mm-dd).", Required = true };
        var author = new Option<string>("--author") { Description = "Who wrote the report, e.g. \"Holly Burton, SECAS Team\".", Required = true };
        var paperReference = new Option<string?>("--paper-reference") { Description = "The Panel paper's reference, e.g. SECP_76_1701_12." };
        var narratives = new Option<string[]>("--narrative")
        {
            Description = "SECTION=TEXT: a narrative to open a section (summary, define, refine, opine, release); repeat for more.",
        };
        var appendices = new Option<string[]>("--appendix")
        {
            Description = "TITLE=URL: a paper appended to the report, lettered A, B, ... in the order given; repeat for more.",
        };
        var cover = new Command("cover", "Set the month's report cover, narratives and appendices (SECAS); replaces what was set.") { month, date, author, paperReference, narratives, appendices };
        cover.SetAction((p, ct) => cli.Guard(async () =>
        {
            var request = new SetReportCoverRequest
            {
                Month = p.GetValue(month)!, ReportDate = CliContext.Date(p.GetValue(date)), Author = p.GetValue(author)!, PaperReference = p.GetValue(paperReference) ?? "",
            };
            foreach (var text in p.GetValue(narratives) ?? [])
            {
                var (section, narrative) = Pair("--narrative", text, "SECTION=TEXT, e.g. refine=An ad-hoc meeting was held");
                request.Narratives[section] = narrative;
            }
            foreach (var text in p.GetValue(appendices) ?? [])
            {
                // The link starts at the first "=http": a title may hold an '=', and so may a link's query string.
                var at = text.IndexOf("=http", StringComparison.OrdinalIgnoreCase);
                var (title, url) = at > 0 ? (text[..at], text[(at + 1)..]) : Pair("--appendix", text, "TITLE=URL, e.g. \"DCC progress report=https://...\"");
                request.Appendices.Add(new ReportAppendix { Title = title, Url = url });
            }
            var answer = (await cli.Proposals(p).SetReportCoverAsync(request, cancellationToken: ct)).Cover;
            await cli.PrintAsync(p, answer, $"Cover of the {answer.Month} report set: {answer.Author}, dated {answer.ReportDate.Year:0000}-{answer.ReportDate.Month:00}-{answer.ReportDate.Day:00}"
                + $"{(answer.PaperReference.Length == 0 ? "" : $", {answer.PaperReference}")}; {answer.Narratives.Count} narratives, {answer.Appendices.Count} appendices");
        }));
        return cover;
    }

    private static (string Key, string Value) Pair(string option, string text, string shape)
    {
        var parts = text.Split('=', 2);
        return parts.Length == 2 && parts[0].Trim().Length > 0 ? (parts[0].Trim(), parts[1]) : throw new CliInputException($"{option} {text}: give {shape}");
    }
}
