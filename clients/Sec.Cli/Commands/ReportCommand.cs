using Sec.Proposals.V1;

namespace Sec.Cli.Commands;

/// <summary><c>sec report --month 2020-04 --format md|html|csv --out ...</c></summary>
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
        var report = new Command("report", "The monthly Change Status Report.") { month, periodEnd, asOf, format, stageNames, outPath };
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
}
