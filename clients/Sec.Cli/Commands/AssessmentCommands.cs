using Sec.Assessments.V1;

namespace Sec.Cli.Commands;

/// <summary>
/// SECAS's side of the DCC assessments: <c>sec assessment request|re-request|show|list|timescales</c>.
/// The DCC's own posts are <c>sec dcc</c>.
/// </summary>
internal static class AssessmentCommands
{
    public static Command Build(CliContext cli)
    {
        var reference = ReferenceArgument();
        var on = new Option<DateOnly>("--on") { Description = "The date SECAS requested it (yyyy-mm-dd).", Required = true };

        var kind = OneOf("--kind", "pa (Preliminary) or ia (Impact; it then waits for the Change Board's approval).", "pa", "ia");
        var request = new Command("request", "SECAS requests a Preliminary or Impact Assessment from the DCC.") { reference, kind, on };
        request.SetAction((p, ct) => cli.Guard(async () =>
        {
            var requested = (await cli.Assessments(p).RequestAssessmentAsync(new RequestAssessmentRequest
            {
                Reference = Reference(p.GetValue(reference)!),
                Kind = p.GetValue(kind) == "pa" ? AssessmentKind.Preliminary : AssessmentKind.Impact,
                RequestedOn = Date(p.GetValue(on)),
            }, cancellationToken: ct)).Assessment;
            await cli.PrintAsync(p, requested, Line(requested));
        }));

        var id = new Argument<string>("assessment") { Description = "The assessment's id." };
        var reRequest = new Command("re-request", "SECAS re-requests a returned, rejected or cancelled assessment as a new one linked to it.") { id, on };
        reRequest.SetAction((p, ct) => cli.Guard(async () =>
        {
            var renewed = (await cli.Assessments(p).ReRequestAssessmentAsync(new ReRequestAssessmentRequest
            {
                AssessmentId = p.GetValue(id)!,
                RequestedOn = Date(p.GetValue(on)),
            }, cancellationToken: ct)).Assessment;
            await cli.PrintAsync(p, renewed, $"{Line(renewed)} (re-requests {renewed.ReRequests})");
        }));

        var show = new Command("show", "Show one assessment: its dates, clock stops and costs.") { id };
        show.SetAction((p, ct) => cli.Guard(async () =>
        {
            var a = (await cli.Assessments(p).GetAssessmentAsync(new GetAssessmentRequest { AssessmentId = p.GetValue(id)! }, cancellationToken: ct)).Assessment;
            await cli.PrintAsync(p, a, string.Join(Environment.NewLine, Details(a)));
        }));

        var list = new Command("list", "Every assessment of a modification, oldest first.") { reference };
        list.SetAction((p, ct) => cli.Guard(async () =>
        {
            var answer = await cli.Assessments(p).ListAssessmentsAsync(new ListAssessmentsRequest { Reference = Reference(p.GetValue(reference)!) }, cancellationToken: ct);
            await cli.PrintAsync(p, answer, answer.Assessments.Count == 0 ? $"{p.GetValue(reference)} has no assessments." : string.Join(Environment.NewLine, answer.Assessments.Select(Line)));
        }));

        var periodEnd = new Option<DateOnly>("--period-end") { Description = "The last day of the 12-month window (yyyy-mm-dd).", Required = true };
        var asOf = new Option<DateOnly?>("--as-of") { Description = "The date open durations are counted to (yyyy-mm-dd); the period end if left out." };
        var timescales = new Command("timescales", "The DCC assessment timescales the report prints: summary, open and completed lists.") { periodEnd, asOf };
        timescales.SetAction((p, ct) => cli.Guard(async () =>
        {
            var end = p.GetValue(periodEnd);
            var answer = await cli.Assessments(p).GetTimescalesAsync(new GetTimescalesRequest { PeriodEnd = Iso(end), AsOf = Iso(p.GetValue(asOf) ?? end) }, cancellationToken: ct);
            var lines = answer.Summary.Select(s =>
                    $"{KindName(s.Kind)}: {s.OpenCount} open (average {s.OpenAverageWorkingDays} working days), {s.CompletedCount} completed (average {s.CompletedAverageWorkingDays})")
                .Concat(answer.Open.Select(o =>
                    $"  open      {o.Reference.Value,-10} {Short(o.Kind)}  accepted {Show(o.AcceptedOn)}, {o.CurrentWorkingDays} of {o.TargetWorkingDays} working days{(o.Overdue ? ", overdue" : "")}"))
                .Concat(answer.Completed.Select(c =>
                    $"  completed {c.Reference.Value,-10} {Short(c.Kind)}  returned {Show(c.ReturnedOn)}, {c.ActualWorkingDays} working days (target {c.TargetWorkingDays})"));
            await cli.PrintAsync(p, answer, string.Join(Environment.NewLine, lines));
        }));

        return new Command("assessment", "DCC assessments: request, re-request, show, list, timescales.") { request, reRequest, show, list, timescales };
    }

    /// <summary>One line: the id, the modification, the kind and the status.</summary>
    public static string Line(Assessment a) => $"{a.AssessmentId}  {a.Reference.Value} {Short(a.Kind)}: {a.Status}";

    private static IEnumerable<string> Details(Assessment a)
    {
        yield return $"{a.Reference.Value} {KindName(a.Kind)} ({a.AssessmentId}): {a.Status}";
        yield return $"  requested {Show(a.RequestedOn)}";
        if (a.AcceptedOn is not null)
            yield return $"  accepted {Show(a.AcceptedOn)}, target {a.TargetWorkingDays} working days{(a.DueOn is null ? "" : $", due {Show(a.DueOn)}")}";
        foreach (var stop in a.ClockStops)
            yield return $"  clock stopped {Show(stop.From)} to {(stop.To is null ? "(still stopped)" : Show(stop.To))}{(stop.Reason.Length == 0 ? "" : $": {stop.Reason}")}";
        if (a.ReturnedOn is not null)
            yield return $"  returned {Show(a.ReturnedOn)}";
        if (a.Costs is { } costs && costs.Implementation.Count > 0)
            yield return $"  implementation costs {Pounds(costs.Implementation.Sum(c => c.Cost?.LowPence ?? 0), costs.Implementation.Sum(c => c.Cost?.HighPence ?? 0))}";
        if (a.ReRequests.Length > 0)
            yield return $"  re-requests {a.ReRequests}";
    }

    public static string Short(AssessmentKind kind) => kind == AssessmentKind.Impact ? "IA" : "PA";

    private static string KindName(AssessmentKind kind) => kind == AssessmentKind.Impact ? "Impact Assessment" : "Preliminary Assessment";
}
