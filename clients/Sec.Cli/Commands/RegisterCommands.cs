using Grpc.Core;
using Sec.Proposals.V1;

namespace Sec.Cli.Commands;

/// <summary>The register: <c>sec raise</c>, <c>sec show</c> and <c>sec list</c>.</summary>
internal static class RegisterCommands
{
    public static IEnumerable<Command> Build(CliContext cli)
    {
        // sec raise
        var title = new Option<string>("--title") { Description = "The proposal's title.", Required = true };
        var problem = new Option<string>("--problem") { Description = "The problem statement.", Required = true };
        var proposer = new Option<string>("--proposer") { Description = "The proposer's name.", Required = true };
        var organisation = new Option<string>("--organisation") { Description = "The proposer's organisation.", Required = true };
        var raisedOn = new Option<DateOnly?>("--raised-on") { Description = "The date it was raised (yyyy-mm-dd); today if left out." };
        var fastTrack = new Option<bool>("--fast-track") { Description = "The Panel raises a Fast-Track Self-Governance Modification Proposal (it skips Refinement)." };
        var raise = new Command("raise", "Raise a Draft Proposal (or, for the Panel, a Fast-Track Modification Proposal).") { title, problem, proposer, organisation, raisedOn, fastTrack };
        raise.SetAction((p, ct) => cli.Guard(async () =>
        {
            var on = p.GetValue(raisedOn) ?? DateOnly.FromDateTime(DateTime.Today);
            var raised = (await cli.Proposals(p).RaiseDraftProposalAsync(new RaiseDraftProposalRequest
            {
                Title = p.GetValue(title)!,
                ProblemStatement = p.GetValue(problem)!,
                Proposer = new Proposer { Name = p.GetValue(proposer)!, Organisation = p.GetValue(organisation)! },
                RaisedOn = Date(on),
                FastTrack = p.GetValue(fastTrack),
            }, cancellationToken: ct)).Proposal;
            await cli.PrintAsync(p, raised, $"{raised.Reference.Value} raised: '{raised.Title}'");
        }));
        yield return raise;

        // sec alternate MP102 --title ... : raised beside its original
        var original = ReferenceArgument("The original Modification Proposal, for example MP102.");
        var alternateOn = new Option<DateOnly?>("--on") { Description = "The date it was raised (yyyy-mm-dd); today if left out." };
        var alternate = new Command("alternate", "Raise an alternate (MP102A) beside an original in the Refinement Process or the Report Phase.") { original, title, problem, proposer, organisation, alternateOn };
        alternate.SetAction((p, ct) => cli.Guard(async () =>
        {
            var raised = (await cli.Proposals(p).RaiseAlternateAsync(new RaiseAlternateRequest
            {
                Original = Reference(p.GetValue(original)!),
                Title = p.GetValue(title)!,
                ProblemStatement = p.GetValue(problem)!,
                Proposer = new Proposer { Name = p.GetValue(proposer)!, Organisation = p.GetValue(organisation)! },
                RaisedOn = Date(p.GetValue(alternateOn) ?? DateOnly.FromDateTime(DateTime.Today)),
            }, cancellationToken: ct)).Proposal;
            await cli.PrintAsync(p, raised, $"{raised.Reference.Value} raised beside {raised.AlternateOf.Value}: '{raised.Title}', {raised.Status}");
        }));
        yield return alternate;

        // sec show MP122
        var reference = ReferenceArgument("A reference in any form: MP122, mp78, SECMP67.");
        var asOf = new Option<DateOnly?>("--as-of") { Description = "Only its phase and status on this date (yyyy-mm-dd)." };
        var show = new Command("show", "Show a modification's page: its timeline, meetings, consultations, assessments, Change Board items, releases, documents, plan and priority; or its phase and status on a date.") { reference, asOf };
        show.SetAction((p, ct) => cli.Guard(async () =>
        {
            if (p.GetValue(asOf) is { } date)
            {
                var then = await cli.Proposals(p).GetProposalAsOfAsync(new GetProposalAsOfRequest { Reference = Reference(p.GetValue(reference)!), AsOf = Iso(date) }, cancellationToken: ct);
                await cli.PrintAsync(p, then, $"{then.Reference.Value} on {Show(Date(date))}: {then.Phase.ToString().Replace("Phase", "", StringComparison.Ordinal)}, {then.Status}");
                return;
            }
            // The page across all four contexts; --json gives it whole.
            var view = (await cli.Proposals(p).GetModificationViewAsync(new GetModificationViewRequest { Reference = Reference(p.GetValue(reference)!) }, cancellationToken: ct)).View;
            if (cli.WantsJson(p))
            {
                await cli.Output.WriteLineAsync(FormatJson(view));
                return;
            }
            await ModificationPageCommands.PrintAsync(cli.Output, view);
        }));
        yield return show;

        // sec list
        var text = new Option<string?>("--text") { Description = "Words in the title or problem statement." };
        var phase = new Option<Phase?>("--phase") { Description = "A phase: Define, Refine, Opine, Release, Implemented, Rejected, Withdrawn." };
        var status = new Option<string?>("--status") { Description = "An exact status, for example \"Awaiting Authority Decision\"." };
        var byOrganisation = new Option<string?>("--organisation") { Description = "The proposer's organisation." };
        var from = new Option<DateOnly?>("--raised-from") { Description = "Raised on or after (yyyy-mm-dd)." };
        var to = new Option<DateOnly?>("--raised-to") { Description = "Raised on or before (yyyy-mm-dd)." };
        var workingGroup = new Option<string?>("--working-group") { Description = "On an agenda of this Working Group." };
        var release = new Option<string?>("--release") { Description = "Targeted at this SEC Release." };
        var list = new Command("list", "Search the register; every filter combines.") { text, phase, status, byOrganisation, from, to, workingGroup, release };
        list.SetAction((p, ct) => cli.Guard(async () =>
        {
            var request = new SearchProposalsRequest
            {
                Text = p.GetValue(text) ?? "",
                Status = p.GetValue(status) ?? "",
                ProposerOrganisation = p.GetValue(byOrganisation) ?? "",
                WorkingGroup = p.GetValue(workingGroup) ?? "",
                TargetRelease = p.GetValue(release) ?? "",
                Raised = p.GetValue(from) is null && p.GetValue(to) is null ? null : new Common.V1.DateRange { From = Date(p.GetValue(from)), To = Date(p.GetValue(to)) },
            };
            if (p.GetValue(phase) is { } ph)
                request.Phases.Add(ph);
            using var call = cli.Proposals(p).StreamProposals(request, cancellationToken: ct);
            await foreach (var line in call.ResponseStream.ReadAllAsync(ct))
                await cli.Output.WriteLineAsync(cli.WantsJson(p) ? FormatJson(line).ReplaceLineEndings(" ") : $"{line.Reference.Value,-10} {line.Status,-36} {line.Title}");
        }));
        yield return list;
    }
}
