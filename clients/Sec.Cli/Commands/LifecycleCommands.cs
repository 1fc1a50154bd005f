using System.CommandLine;
using Sec.Proposals.V1;
using static Sec.Cli.CliContext;

namespace Sec.Cli.Commands;

/// <summary>The lifecycle steps SECAS records: <c>sec csc</c>, <c>sec convert</c> and <c>sec step</c>.</summary>
internal static class LifecycleCommands
{
    public static IEnumerable<Command> Build(CliContext cli)
    {
        var stepReference = new Argument<string>("reference") { Description = "The proposal's reference." };
        var on = new Option<DateOnly>("--on") { Description = "The business date the step takes effect (yyyy-mm-dd).", Required = true };
        var reason = new Option<string?>("--reason") { Description = "Why, in the decider's words." };

        var outcome = new Option<string>("--outcome") { Description = "ready (for conversion) or develop (needs further development).", Required = true };
        outcome.AcceptOnlyFromAmong("ready", "develop");
        var csc = new Command("csc", "Record the Change Sub-Committee's decision on a Draft Proposal.") { stepReference, on, reason, outcome };
        csc.SetAction((p, ct) => cli.Guard(async () => await cli.PrintAsync(p, (await cli.Proposals(p).RecordCscDecisionAsync(new RecordCscDecisionRequest
        {
            Reference = Reference(p.GetValue(stepReference)!),
            EffectiveOn = Date(p.GetValue(on)),
            Reason = p.GetValue(reason) ?? "",
            Outcome = p.GetValue(outcome) == "ready" ? CscOutcome.ReadyForConversion : CscOutcome.NeedsFurtherDevelopment,
        }, cli.Who(p), cancellationToken: ct)).Proposal)));
        yield return csc;

        var route = new Option<string>("--route") { Description = "refinement or report.", DefaultValueFactory = _ => "refinement" };
        route.AcceptOnlyFromAmong("refinement", "report");
        var path = new Option<int>("--path") { Description = "1 (Authority-led), 2 (Authority Determination) or 3 (Self-Governance).", Required = true };
        path.AcceptOnlyFromAmong("1", "2", "3");
        var urgent = new Option<bool>("--urgent") { Description = "The Panel treats it as Urgent." };
        var convert = new Command("convert", "The Panel converts a Draft Proposal to a Modification Proposal.") { stepReference, on, reason, route, path, urgent };
        convert.SetAction((p, ct) => cli.Guard(async () => await cli.PrintAsync(p, (await cli.Proposals(p).ConvertToModificationProposalAsync(new ConvertToModificationProposalRequest
        {
            Reference = Reference(p.GetValue(stepReference)!),
            EffectiveOn = Date(p.GetValue(on)),
            Reason = p.GetValue(reason) ?? "",
            Route = p.GetValue(route) == "report" ? ConversionRoute.ReportPhase : ConversionRoute.RefinementProcess,
            Path = (DecisionPath)p.GetValue(path),
            Urgent = p.GetValue(urgent),
        }, cli.Who(p), cancellationToken: ct)).Proposal)));
        yield return convert;

        var which = new Argument<string>("step") { Description = "progress, issue-report, submit, hold, resume or withdraw." };
        which.AcceptOnlyFromAmong("progress", "issue-report", "submit", "hold", "resume", "withdraw");
        var step = new Command("step", "Take a proposal one step on: progress to the Report Phase, issue the Modification Report, submit for decision, hold, resume or withdraw.") { stepReference, which, on, reason };
        step.SetAction((p, ct) => cli.Guard(async () =>
        {
            var client = cli.Proposals(p);
            var r = Reference(p.GetValue(stepReference)!);
            var date = Date(p.GetValue(on));
            var why = p.GetValue(reason) ?? "";
            var who = cli.Who(p);
            Proposal after = p.GetValue(which) switch
            {
                "progress" => (await client.ProgressToReportPhaseAsync(new() { Reference = r, EffectiveOn = date, Reason = why }, who, cancellationToken: ct)).Proposal,
                "issue-report" => (await client.IssueModificationReportAsync(new() { Reference = r, EffectiveOn = date, Reason = why }, who, cancellationToken: ct)).Proposal,
                "submit" => (await client.SubmitForDecisionAsync(new() { Reference = r, EffectiveOn = date, Reason = why }, who, cancellationToken: ct)).Proposal,
                "hold" => (await client.PutOnHoldAsync(new() { Reference = r, EffectiveOn = date, Reason = why }, who, cancellationToken: ct)).Proposal,
                "resume" => (await client.ResumeAsync(new() { Reference = r, EffectiveOn = date, Reason = why }, who, cancellationToken: ct)).Proposal,
                _ => (await client.WithdrawAsync(new() { Reference = r, EffectiveOn = date, Reason = why }, who, cancellationToken: ct)).Proposal,
            };
            await cli.PrintAsync(p, after);
        }));
        yield return step;
    }
}
