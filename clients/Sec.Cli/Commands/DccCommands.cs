using Sec.Assessments.V1;

namespace Sec.Cli.Commands;

/// <summary>The DCC's posts: <c>sec dcc REF accept|accept-afresh|forecast|stop|restart|return --kind pa|ia --key KEY --on DATE</c>.</summary>
internal static class DccCommands
{
    public static Command Build(CliContext cli)
    {
        var reference = ReferenceArgument();
        var action = new Argument<string>("post")
        {
            Description = "accept; accept-afresh (--on is the new acceptance date, --made-on the day it was made); forecast (--on is the day the forecast is made, "
                + "--return-on the date forecast); stop (from --on, to --until if known); restart (--on is the last day stopped); or return.",
        };
        action.AcceptOnlyFromAmong("accept", "accept-afresh", "forecast", "stop", "restart", "return");
        var on = new Option<DateOnly>("--on") { Description = "The business date of the post (yyyy-mm-dd); for restart, the last day the clock was stopped.", Required = true };
        var reason = new Option<string?>("--reason") { Description = "Stop: why the clock stopped. Accept-afresh (required): why the DCC accepts it afresh." };
        var madeOn = new Option<DateOnly?>("--made-on") { Description = "Accept-afresh: the day the fresh acceptance was made, if later than --on (yyyy-mm-dd)." };
        var returnOn = new Option<DateOnly?>("--return-on") { Description = "Forecast: the date the DCC expects to return the assessment (yyyy-mm-dd)." };
        var kind = OneOf("--kind", "pa or ia.", "pa", "ia");
        var key = new Option<string>("--key") { Description = "The DCC's idempotency key for this post.", Required = true };
        var target = new Option<int?>("--target") { Description = "Accept: the target in working days (defaults PA 15, IA 40); accept-afresh: a new target (the current one stands if left out)." };
        var until = new Option<DateOnly?>("--until") { Description = "Stop: the last day the clock was stopped; leave it out while it is still stopped, and restart it later." };
        var costs = new Option<string?>("--costs") { Description = "Return: a JSON file of the costs (an AssessmentCosts message, pence per activity)." };
        var dcc = new Command("dcc", "Post as the DCC: accept, stop or restart the clock, or return an assessment (repeats with the same key change nothing).") { reference, action, kind, key, on, target, until, reason, costs, madeOn, returnOn };
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
                case "accept-afresh":
                    var afresh = new AcceptAssessmentAfreshRequest
                    {
                        IdempotencyKey = p.GetValue(key)!, Assessment = which, AcceptedOn = Date(p.GetValue(on)), MadeOn = Date(p.GetValue(madeOn)), Reason = p.GetValue(reason) ?? "",
                    };
                    if (p.GetValue(target) is { } fresh)
                        afresh.TargetWorkingDays = fresh;
                    assessment = (await client.AcceptAssessmentAfreshAsync(afresh, cancellationToken: ct)).Assessment;
                    break;
                case "forecast":
                    assessment = (await client.ForecastReturnAsync(new ForecastReturnRequest
                    {
                        IdempotencyKey = p.GetValue(key)!, Assessment = which, MadeOn = Date(p.GetValue(on)),
                        ForecastReturnOn = Date(p.GetValue(returnOn)) ?? throw new CliInputException("forecast needs --return-on, the date the DCC expects to return it"),
                    }, cancellationToken: ct)).Assessment;
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
            var post = p.GetValue(action);
            await cli.PrintAsync(p, assessment, post is "accept-afresh" or "forecast"
                ? AssessmentCommands.Summary(assessment)
                : $"{assessment.Reference.Value} {p.GetValue(kind)!.ToUpperInvariant()}: {assessment.Status}");
        }));
        return dcc;
    }
}
