using Sec.Assessments.V1;

namespace Sec.Cli.Commands;

/// <summary>The DCC's posts: <c>sec dcc REF accept|stop|restart|return --kind pa|ia --key KEY --on DATE</c>.</summary>
internal static class DccCommands
{
    public static Command Build(CliContext cli)
    {
        var reference = ReferenceArgument();
        var action = new Argument<string>("post") { Description = "accept, stop (from --on, to --until if known), restart (--on is the last day stopped) or return." };
        action.AcceptOnlyFromAmong("accept", "stop", "restart", "return");
        var on = new Option<DateOnly>("--on") { Description = "The business date of the post (yyyy-mm-dd); for restart, the last day the clock was stopped.", Required = true };
        var reason = new Option<string?>("--reason") { Description = "Stop: why the clock stopped." };
        var kind = OneOf("--kind", "pa or ia.", "pa", "ia");
        var key = new Option<string>("--key") { Description = "The DCC's idempotency key for this post.", Required = true };
        var target = new Option<int?>("--target") { Description = "Accept: the target in working days (defaults PA 15, IA 40)." };
        var until = new Option<DateOnly?>("--until") { Description = "Stop: the last day the clock was stopped; leave it out while it is still stopped, and restart it later." };
        var costs = new Option<string?>("--costs") { Description = "Return: a JSON file of the costs (an AssessmentCosts message, pence per activity)." };
        var dcc = new Command("dcc", "Post as the DCC: accept, stop or restart the clock, or return an assessment (repeats with the same key change nothing).") { reference, action, kind, key, on, target, until, reason, costs };
        dcc.SetAction((p, ct) => cli.Guard(async () =>
        {
            var client = cli.Assessments(p);
            var which = new DccAssessmentKey
            {
                Reference = Reference(p.GetValue(reference)!),
                Kind = p.GetValue(kind) == "pa" ? AssessmentKind.Preliminary : AssessmentKind.Impact,
            };
            Assessment assessment;
            switch (p.GetValue(action))
            {
                case "accept":
                    var accept = new AcceptAssessmentRequest { IdempotencyKey = p.GetValue(key)!, Assessment = which, AcceptedOn = Date(p.GetValue(on)) };
                    if (p.GetValue(target) is { } days)
                        accept.TargetWorkingDays = days;
                    assessment = (await client.AcceptAssessmentAsync(accept, cancellationToken: ct)).Assessment;
                    break;
                case "stop":
                    assessment = (await client.StopClockAsync(new StopClockRequest
                    {
                        IdempotencyKey = p.GetValue(key)!,
                        Assessment = which,
                        Stop = new ClockStop { From = Date(p.GetValue(on)), To = Date(p.GetValue(until)), Reason = p.GetValue(reason) ?? "" },
                    }, cancellationToken: ct)).Assessment;
                    break;
                case "restart":
                    assessment = (await client.RestartClockAsync(new RestartClockRequest
                    {
                        IdempotencyKey = p.GetValue(key)!, Assessment = which, StoppedUntil = Date(p.GetValue(on)),
                    }, cancellationToken: ct)).Assessment;
                    break;
                default:
                    assessment = (await client.ReturnAssessmentAsync(new ReturnAssessmentRequest
                    {
                        IdempotencyKey = p.GetValue(key)!, Assessment = which, ReturnedOn = Date(p.GetValue(on)),
                        Costs = p.GetValue(costs) is { } file ? ReadJson<AssessmentCosts>(file) : new(),
                    }, cancellationToken: ct)).Assessment;
                    break;
            }
            await cli.PrintAsync(p, assessment, $"{assessment.Reference.Value} {p.GetValue(kind)!.ToUpperInvariant()}: {assessment.Status}");
        }));
        return dcc;
    }
}
