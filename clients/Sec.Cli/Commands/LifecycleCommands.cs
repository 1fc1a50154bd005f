using Sec.Proposals.V1;

namespace Sec.Cli.Commands;

/// <summary>
/// The lifecycle steps SECAS records: <c>sec csc</c>, <c>sec convert</c>, <c>sec step</c>, <c>sec path</c>,
/// <c>sec amend</c>, <c>sec title</c>, <c>sec adopt</c> and <c>sec void</c>.
/// </summary>
internal static class LifecycleCommands
{
    public static IEnumerable<Command> Build(CliContext cli)
    {
        var stepReference = ReferenceArgument("The proposal's reference.");
        var on = new Option<DateOnly>("--on") { Description = "The business date the step takes effect (yyyy-mm-dd).", Required = true };
        var reason = new Option<string?>("--reason") { Description = "Why, in the decider's words." };
        var expected = new Option<int>("--expected-version") { Description = "Refuse (Aborted) unless the proposal is still at this version; 0 skips the check." };

        var outcome = OneOf("--outcome", "ready (for conversion) or develop (needs further development).", "ready", "develop");
        var csc = new Command("csc", "Record the Change Sub-Committee's decision on a Draft Proposal.") { stepReference, on, reason, outcome, expected };
        csc.SetAction((p, ct) => cli.Guard(async () => await cli.PrintAsync(p, (await cli.Proposals(p).RecordCscDecisionAsync(new RecordCscDecisionRequest
        {
            Reference = Reference(p.GetValue(stepReference)!),
            EffectiveOn = Date(p.GetValue(on)),
            Reason = p.GetValue(reason) ?? "",
            Outcome = p.GetValue(outcome) == "ready" ? CscOutcome.ReadyForConversion : CscOutcome.NeedsFurtherDevelopment,
            ExpectedVersion = p.GetValue(expected),
        }, cancellationToken: ct)).Proposal)));
        yield return csc;

        var route = new Option<string>("--route") { Description = "refinement or report.", DefaultValueFactory = _ => "refinement" };
        route.AcceptOnlyFromAmong("refinement", "report");
        var path = new Option<int>("--path") { Description = "1 (Authority-led), 2 (Authority Determination) or 3 (Self-Governance).", Required = true };
        path.AcceptOnlyFromAmong("1", "2", "3");
        var urgent = new Option<bool>("--urgent") { Description = "The Panel treats it as Urgent." };
        var convert = new Command("convert", "The Panel converts a Draft Proposal to a Modification Proposal.") { stepReference, on, reason, route, path, urgent, expected };
        convert.SetAction((p, ct) => cli.Guard(async () => await cli.PrintAsync(p, (await cli.Proposals(p).ConvertToModificationProposalAsync(new ConvertToModificationProposalRequest
        {
            Reference = Reference(p.GetValue(stepReference)!),
            EffectiveOn = Date(p.GetValue(on)),
            Reason = p.GetValue(reason) ?? "",
            Route = p.GetValue(route) == "report" ? ConversionRoute.ReportPhase : ConversionRoute.RefinementProcess,
            Path = (DecisionPath)p.GetValue(path),
            Urgent = p.GetValue(urgent),
            ExpectedVersion = p.GetValue(expected),
        }, cancellationToken: ct)).Proposal)));
        yield return convert;

        var setPath = new Command("path", "The Panel sets (or changes) a modification's path and Urgent flag, in Refinement or the Report Phase.") { stepReference, on, reason, path, urgent, expected };
        setPath.SetAction((p, ct) => cli.Guard(async () =>
        {
            var after = (await cli.Proposals(p).SetPathAsync(new SetPathRequest
            {
                Reference = Reference(p.GetValue(stepReference)!),
                EffectiveOn = Date(p.GetValue(on)),
                Reason = p.GetValue(reason) ?? "",
                Path = (DecisionPath)p.GetValue(path),
                Urgent = p.GetValue(urgent),
                ExpectedVersion = p.GetValue(expected),
            }, cancellationToken: ct)).Proposal;
            await cli.PrintAsync(p, after, $"{after.Reference.Value}: {PathName(after.Path)}{(after.Urgent ? ", Urgent" : "")} ({after.Status})");
        }));
        yield return setPath;

        var problem = new Option<string>("--problem") { Description = "The amended problem statement.", Required = true };
        var amend = new Command("amend", "The proposer amends a Draft Proposal's problem statement.") { stepReference, problem, on, reason, expected };
        amend.SetAction((p, ct) => cli.Guard(async () =>
        {
            var after = (await cli.Proposals(p).AmendProblemStatementAsync(new AmendProblemStatementRequest
            {
                Reference = Reference(p.GetValue(stepReference)!),
                ProblemStatement = p.GetValue(problem)!,
                EffectiveOn = Date(p.GetValue(on)),
                Reason = p.GetValue(reason) ?? "",
                ExpectedVersion = p.GetValue(expected),
            }, cancellationToken: ct)).Proposal;
            await cli.PrintAsync(p, after, $"{after.Reference.Value}: problem statement amended ({after.Status})");
        }));
        yield return amend;

        var adopter = new Option<string>("--by") { Description = "The adopting party's name; it becomes the proposer.", Required = true };
        var adopterOrganisation = new Option<string>("--organisation") { Description = "The adopting party's organisation.", Required = true };
        var adopt = new Command("adopt", "Another party adopts a modification within its withdrawal period.") { stepReference, adopter, adopterOrganisation, on, expected };
        adopt.SetAction((p, ct) => cli.Guard(async () =>
        {
            var after = (await cli.Proposals(p).AdoptAsync(new AdoptRequest
            {
                Reference = Reference(p.GetValue(stepReference)!),
                Adopter = new Proposer { Name = p.GetValue(adopter)!, Organisation = p.GetValue(adopterOrganisation)! },
                EffectiveOn = Date(p.GetValue(on)),
                ExpectedVersion = p.GetValue(expected),
            }, cancellationToken: ct)).Proposal;
            await cli.PrintAsync(p, after, $"{after.Reference.Value}: adopted by {after.Proposer.Name} ({after.Proposer.Organisation}); {after.Status}");
        }));
        yield return adopt;

        var newTitle = new Option<string>("--to") { Description = "The amended title.", Required = true };
        var title = new Command("title", "Amend a proposal's title; the history keeps both.") { stepReference, newTitle, on, reason, expected };
        title.SetAction((p, ct) => cli.Guard(async () =>
        {
            var after = (await cli.Proposals(p).AmendTitleAsync(new AmendTitleRequest
            {
                Reference = Reference(p.GetValue(stepReference)!),
                Title = p.GetValue(newTitle)!,
                EffectiveOn = Date(p.GetValue(on)),
                Reason = p.GetValue(reason) ?? "",
                ExpectedVersion = p.GetValue(expected),
            }, cancellationToken: ct)).Proposal;
            await cli.PrintAsync(p, after, $"{after.Reference.Value}: title amended to \"{after.Title}\" ({after.Status})");
        }));
        yield return title;

        yield return VoidCommand(cli, stepReference, expected);

        var which = new Argument<string>("step") { Description = "progress, refine, issue-report, submit, hold, resume or withdraw." };
        which.AcceptOnlyFromAmong("progress", "refine", "issue-report", "submit", "hold", "resume", "withdraw");
        var step = new Command("step", "Take a proposal one step on: progress to the Report Phase, return to Refinement, issue the Modification Report, submit for decision, hold, resume or withdraw.") { stepReference, which, on, reason, expected };
        step.SetAction((p, ct) => cli.Guard(async () =>
        {
            var client = cli.Proposals(p);
            var r = Reference(p.GetValue(stepReference)!);
            var date = Date(p.GetValue(on));
            var why = p.GetValue(reason) ?? "";
            var version = p.GetValue(expected);
            Proposal after = p.GetValue(which) switch
            {
                "progress" => (await client.ProgressToReportPhaseAsync(new() { Reference = r, EffectiveOn = date, Reason = why, ExpectedVersion = version }, cancellationToken: ct)).Proposal,
                "refine" => (await client.ReturnToRefinementAsync(new() { Reference = r, EffectiveOn = date, Reason = why, ExpectedVersion = version }, cancellationToken: ct)).Proposal,
                "issue-report" => (await client.IssueModificationReportAsync(new() { Reference = r, EffectiveOn = date, Reason = why, ExpectedVersion = version }, cancellationToken: ct)).Proposal,
                "submit" => (await client.SubmitForDecisionAsync(new() { Reference = r, EffectiveOn = date, Reason = why, ExpectedVersion = version }, cancellationToken: ct)).Proposal,
                "hold" => (await client.PutOnHoldAsync(new() { Reference = r, EffectiveOn = date, Reason = why, ExpectedVersion = version }, cancellationToken: ct)).Proposal,
                "resume" => (await client.ResumeAsync(new() { Reference = r, EffectiveOn = date, Reason = why, ExpectedVersion = version }, cancellationToken: ct)).Proposal,
                _ => (await client.WithdrawAsync(new() { Reference = r, EffectiveOn = date, Reason = why, ExpectedVersion = version }, cancellationToken: ct)).Proposal,
            };
            await cli.PrintAsync(p, after);
        }));
        yield return step;
    }

    /// <summary>
    /// <c>sec void REF --reason ...</c>: voids the latest standing step (or the one named by <c>--step</c>
    /// and <c>--on</c>), or with <c>--replace-on</c> records it again on the corrected date.
    /// </summary>
    private static Command VoidCommand(CliContext cli, Argument<string> stepReference, Option<int> expected)
    {
        var name = new Option<string?>("--step") { Description = "The step to void, as `sec show` lists it; the latest standing step if omitted." };
        var stepOn = new Option<DateOnly?>("--on") { Description = "The effective date of the step to void (yyyy-mm-dd); the latest standing step's if omitted." };
        var why = new Option<string>("--reason") { Description = "Why the step is voided; kept with it.", Required = true };
        var replaceOn = new Option<DateOnly?>("--replace-on") { Description = "Record the same step again on this corrected date (yyyy-mm-dd)." };
        var replaceReason = new Option<string?>("--replace-reason") { Description = "The corrected step's reason; the voided step's if omitted." };
        var command = new Command("void", "Correct the record: void a mistaken step (the latest standing one), or replace it with the same step on a corrected date.")
            { stepReference, name, stepOn, why, replaceOn, replaceReason, expected };
        command.SetAction((p, ct) => cli.Guard(async () =>
        {
            var client = cli.Proposals(p);
            var r = Reference(p.GetValue(stepReference)!);
            var (step, on) = (p.GetValue(name), p.GetValue(stepOn));
            if (step is null || on is null)
            {
                // Name the latest standing step, so nobody copies it from another command's output.
                var latest = (await client.GetProposalAsync(new GetProposalRequest { Reference = r }, cancellationToken: ct)).Proposal.History.Last(h => h.Voided is null);
                step ??= latest.Step;
                on ??= new DateOnly(latest.EffectiveOn.Year, latest.EffectiveOn.Month, latest.EffectiveOn.Day);
            }
            var request = new VoidStepRequest { Reference = r, Step = step, StepEffectiveOn = Date(on.Value), Reason = p.GetValue(why)!, ExpectedVersion = p.GetValue(expected) };
            if (p.GetValue(replaceOn) is { } corrected)
                request.ReplaceWith = new StepReplacement { EffectiveOn = Date(corrected), Reason = p.GetValue(replaceReason) ?? "" };
            var after = (await client.VoidStepAsync(request, cancellationToken: ct)).Proposal;
            await cli.PrintAsync(p, after, $"{after.Reference.Value}: \"{step}\" of {on:yyyy-MM-dd} voided{(request.ReplaceWith is null ? "" : $" and recorded again on {p.GetValue(replaceOn):yyyy-MM-dd}")}; {after.Status}");
        }));
        return command;
    }

    /// <summary>A path as the papers name it.</summary>
    public static string PathName(DecisionPath path) => path switch
    {
        DecisionPath.AuthorityLed => "Path 1 (Authority-led)",
        DecisionPath.AuthorityDetermination => "Path 2 (Authority Determination)",
        DecisionPath.SelfGovernance => "Path 3 (Self-Governance)",
        DecisionPath.FastTrackSelfGovernance => "Fast-Track Self-Governance",
        _ => "no path",
    };
}
