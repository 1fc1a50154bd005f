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

        var which = new Argument<string>("assessment") { Description = "The modification (with --kind: its latest assessment of that kind), or an assessment's id." };
        var kindOf = new Option<string?>("--kind") { Description = "pa or ia: which of the modification's assessments (its latest of that kind)." };
        kindOf.AcceptOnlyFromAmong("pa", "ia");
        var reRequest = new Command("re-request", "SECAS re-requests a returned, rejected, cancelled or withdrawn assessment as a new one linked to it.") { which, kindOf, on };
        reRequest.SetAction((p, ct) => cli.Guard(async () =>
        {
            var old = await FindAsync(cli, p, p.GetValue(which)!, p.GetValue(kindOf), ct);
            var renewed = (await cli.Assessments(p).ReRequestAssessmentAsync(new ReRequestAssessmentRequest
            {
                AssessmentId = old.AssessmentId,
                RequestedOn = Date(p.GetValue(on)),
            }, cancellationToken: ct)).Assessment;
            await cli.PrintAsync(p, renewed, $"{Line(renewed)} (re-requests the {Short(old.Kind)} requested {Show(old.RequestedOn)})");
        }));

        var show = new Command("show", "Show one assessment: its dates, past acceptances, clock stops, forecasts and costs.") { which, kindOf };
        show.SetAction((p, ct) => cli.Guard(async () =>
        {
            var a = await FindAsync(cli, p, p.GetValue(which)!, p.GetValue(kindOf), ct);
            await cli.PrintAsync(p, a, string.Join(Environment.NewLine, Details(a)));
        }));

        var withdrawKind = OneOf("--kind", "pa or ia: the modification's latest assessment of that kind.", "pa", "ia");
        var withdrawOn = new Option<DateOnly>("--on") { Description = "The date SECAS withdrew the request (yyyy-mm-dd).", Required = true };
        var reason = new Option<string>("--reason") { Description = "Why the request is withdrawn.", Required = true };
        var withdraw = new Command("withdraw", "SECAS withdraws its request for an assessment, with a reason; the assessment closes.") { reference, withdrawKind, withdrawOn, reason };
        withdraw.SetAction((p, ct) => cli.Guard(async () =>
        {
            var withdrawn = (await cli.Assessments(p).WithdrawAssessmentAsync(new WithdrawAssessmentRequest
            {
                Assessment = new DccAssessmentKey { Reference = Reference(p.GetValue(reference)!), Kind = p.GetValue(withdrawKind) == "pa" ? AssessmentKind.Preliminary : AssessmentKind.Impact },
                WithdrawnOn = Date(p.GetValue(withdrawOn)),
                Reason = p.GetValue(reason)!,
            }, cancellationToken: ct)).Assessment;
            await cli.PrintAsync(p, withdrawn, Summary(withdrawn));
        }));

        var list = new Command("list", "Every assessment of a modification, oldest first.") { reference };
        list.SetAction((p, ct) => cli.Guard(async () =>
        {
            var answer = await cli.Assessments(p).ListAssessmentsAsync(new ListAssessmentsRequest { Reference = Reference(p.GetValue(reference)!) }, cancellationToken: ct);
            await cli.PrintAsync(p, answer, answer.Assessments.Count == 0 ? $"{p.GetValue(reference)} has no assessments." : string.Join(Environment.NewLine, answer.Assessments.Select(Summary)));
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
                    $"  open      {o.Reference.Value,-10} {Short(o.Kind)}  accepted {Show(o.AcceptedOn)}, {o.CurrentWorkingDays} of {o.TargetWorkingDays} working days{(o.Overdue ? ", overdue" : "")}{(o.ForecastReturnOn is null ? "" : $", return forecast {Show(o.ForecastReturnOn)}")}"))
                .Concat(answer.Completed.Select(c =>
                    $"  completed {c.Reference.Value,-10} {Short(c.Kind)}  returned {Show(c.ReturnedOn)}, {c.ActualWorkingDays} working days (target {c.TargetWorkingDays})"));
            await cli.PrintAsync(p, answer, answer.Open.Count + answer.Completed.Count == 0 && answer.Summary.All(s => s.OpenCount == 0)
                ? $"No assessments open on {Iso(p.GetValue(asOf) ?? end)} or completed in the 12 months to {Iso(end)}."
                : string.Join(Environment.NewLine, lines));
        }));

        return new Command("assessment", "DCC assessments: request, re-request, withdraw, show, list, timescales.") { request, reRequest, withdraw, show, list, timescales };
    }

    /// <summary>
    /// The assessment a command names: an id as it is, or a modification with <c>--kind</c> (its
    /// latest assessment of that kind), so no one needs to copy an id.
    /// </summary>
    private static async Task<Assessment> FindAsync(CliContext cli, ParseResult p, string named, string? kind, CancellationToken ct)
    {
        var client = cli.Assessments(p);
        if (Guid.TryParse(named, out _))
            return (await client.GetAssessmentAsync(new GetAssessmentRequest { AssessmentId = named }, cancellationToken: ct)).Assessment;
        if (kind is null)
            throw new CliInputException($"give --kind pa or ia to say which of {named}'s assessments");
        var wanted = kind == "pa" ? AssessmentKind.Preliminary : AssessmentKind.Impact;
        var all = (await client.ListAssessmentsAsync(new ListAssessmentsRequest { Reference = Reference(named) }, cancellationToken: ct)).Assessments;
        return all.LastOrDefault(a => a.Kind == wanted)
            ?? throw new CliInputException($"{named} has no {KindName(wanted)}; request one with: sec assessment request {named} --kind {kind} --on DATE");
    }

    /// <summary>One line a person reads: the modification, the kind, the status and its dates.</summary>
    public static string Summary(Assessment a)
    {
        var parts = new List<string> { $"requested {Show(a.RequestedOn)}" };
        if (a.AcceptedOn is not null)
            parts.Add($"accepted {Show(a.AcceptedOn)}{(a.PastAcceptances.Count == 0 ? "" : $" (afresh; first {Show(a.PastAcceptances[0].AcceptedOn)})")}");
        if (a.ForecastReturnOn is not null && a.Status == AssessmentStatus.Accepted)
            parts.Add($"return forecast {Show(a.ForecastReturnOn)}");
        if (a.ReturnedOn is not null)
            parts.Add($"returned {Show(a.ReturnedOn)}");
        if (a.WithdrawnOn is not null)
            parts.Add($"withdrawn {Show(a.WithdrawnOn)}: {a.WithdrawalReason}");
        return $"{a.Reference.Value} {Short(a.Kind)}: {a.Status}; {string.Join(", ", parts)}";
    }

    /// <summary>One line: the id, the modification, the kind and the status.</summary>
    public static string Line(Assessment a) => $"{a.AssessmentId}  {a.Reference.Value} {Short(a.Kind)}: {a.Status}";

    private static IEnumerable<string> Details(Assessment a)
    {
        yield return $"{a.Reference.Value} {KindName(a.Kind)} ({a.AssessmentId}): {a.Status}";
        yield return $"  requested {Show(a.RequestedOn)}";
        foreach (var past in a.PastAcceptances)
            yield return $"  accepted {Show(past.AcceptedOn)}, target {past.TargetWorkingDays} working days; replaced on {Show(past.SupersededOn)}: {past.Reason}";
        if (a.AcceptedOn is not null)
            yield return $"  accepted {(a.PastAcceptances.Count == 0 ? "" : "afresh ")}{Show(a.AcceptedOn)}, target {a.TargetWorkingDays} working days{(a.DueOn is null ? "" : $", due {Show(a.DueOn)}")}";
        foreach (var forecast in a.Forecasts)
            yield return $"  the DCC forecast on {Show(forecast.MadeOn)} a return on {Show(forecast.ReturnOn)}";
        foreach (var stop in a.ClockStops)
            yield return $"  clock stopped {Show(stop.From)} to {(stop.To is null ? "(still stopped)" : Show(stop.To))}{(stop.Reason.Length == 0 ? "" : $": {stop.Reason}")}";
        if (a.ReturnedOn is not null)
            yield return $"  returned {Show(a.ReturnedOn)}";
        if (a.WithdrawnOn is not null)
            yield return $"  withdrawn {Show(a.WithdrawnOn)}: {a.WithdrawalReason}";
        if (a.Costs is { } costs && costs.Implementation.Count > 0)
            yield return $"  implementation costs {Pounds(costs.Implementation.Sum(c => c.Cost?.LowPence ?? 0), costs.Implementation.Sum(c => c.Cost?.HighPence ?? 0))}";
        if (a.ReRequests.Length > 0)
            yield return $"  re-requests {a.ReRequests}";
    }

    public static string Short(AssessmentKind kind) => kind == AssessmentKind.Impact ? "IA" : "PA";

    private static string KindName(AssessmentKind kind) => kind == AssessmentKind.Impact ? "Impact Assessment" : "Preliminary Assessment";
}
