using System.CommandLine;
using System.Globalization;
using Google.Protobuf;
using Google.Rpc;
using Grpc.Core;
using Grpc.Net.Client;
using Sec.Proposals.V1;

namespace Sec.Cli;

/// <summary>
/// The <c>sec</c> commands. Each one calls the gateway over gRPC; a refusal prints its status and
/// every field violation and exits non-zero, and <c>--json</c> prints the answer for scripts.
/// </summary>
public static class SecCli
{
    private static readonly JsonFormatter Json = new(JsonFormatter.Settings.Default.WithIndentation());

    /// <summary>Runs the CLI; <paramref name="channel"/> replaces the gateway connection in tests.</summary>
    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, Func<string, GrpcChannel>? channel = null)
    {
        var gateway = new Option<string>("--gateway") { Description = "The gateway's gRPC address.", DefaultValueFactory = _ => Environment.GetEnvironmentVariable("SEC_GATEWAY") ?? "http://localhost:5000", Recursive = true };
        var json = new Option<bool>("--json") { Description = "Print the answer as JSON, for scripts.", Recursive = true };
        var actor = new Option<string>("--actor") { Description = "Who is acting (recorded with every change).", DefaultValueFactory = _ => Environment.UserName, Recursive = true };
        var root = new RootCommand("The SEC change-management suite from the command line.") { gateway, json, actor };
        var connect = channel ?? (address => GrpcChannel.ForAddress(address));

        ProposalsService.ProposalsServiceClient Proposals(ParseResult p) => new(connect(p.GetValue(gateway)!));
        Metadata Who(ParseResult p) => new() { { "x-sec-actor", p.GetValue(actor) ?? "" } };

        async Task<int> Guard(Func<Task> work)
        {
            try
            {
                await work();
                return 0;
            }
            catch (RpcException ex)
            {
                await error.WriteLineAsync($"error: {ex.StatusCode}: {ex.Status.Detail}");
                foreach (var v in ex.GetRpcStatus()?.GetDetail<BadRequest>()?.FieldViolations ?? [])
                    await error.WriteLineAsync($"  {v.Field}: {v.Description}");
                return ex.StatusCode == StatusCode.InvalidArgument ? 2 : 1;
            }
        }

        // sec raise
        var title = new Option<string>("--title") { Description = "The proposal's title.", Required = true };
        var problem = new Option<string>("--problem") { Description = "The problem statement.", Required = true };
        var proposer = new Option<string>("--proposer") { Description = "The proposer's name.", Required = true };
        var organisation = new Option<string>("--organisation") { Description = "The proposer's organisation.", Required = true };
        var raisedOn = new Option<DateOnly?>("--raised-on") { Description = "The date it was raised (yyyy-mm-dd); today if left out." };
        var raise = new Command("raise", "Raise a Draft Proposal.") { title, problem, proposer, organisation, raisedOn };
        raise.SetAction((p, ct) => Guard(async () =>
        {
            var on = p.GetValue(raisedOn) ?? DateOnly.FromDateTime(DateTime.Today);
            var raised = (await Proposals(p).RaiseDraftProposalAsync(new RaiseDraftProposalRequest
            {
                Title = p.GetValue(title)!,
                ProblemStatement = p.GetValue(problem)!,
                Proposer = new Proposer { Name = p.GetValue(proposer)!, Organisation = p.GetValue(organisation)! },
                RaisedOn = new Google.Type.Date { Year = on.Year, Month = on.Month, Day = on.Day },
            }, Who(p), cancellationToken: ct)).Proposal;
            await output.WriteLineAsync(p.GetValue(json) ? Json.Format(raised) : $"{raised.Reference.Value} raised: '{raised.Title}'");
        }));

        // sec show MP122
        var reference = new Argument<string>("reference") { Description = "A reference in any form: MP122, mp78, SECMP67." };
        var show = new Command("show", "Show a proposal: its details and timeline.") { reference };
        show.SetAction((p, ct) => Guard(async () =>
        {
            var proposal = (await Proposals(p).GetProposalAsync(new GetProposalRequest { Reference = new() { Value = p.GetValue(reference)! } }, cancellationToken: ct)).Proposal;
            if (p.GetValue(json))
            {
                await output.WriteLineAsync(Json.Format(proposal));
                return;
            }
            await output.WriteLineAsync($"{proposal.Reference.Value}  {proposal.Title}");
            await output.WriteLineAsync($"  raised {D(proposal.RaisedOn)} by {proposal.Proposer.Name} ({proposal.Proposer.Organisation})");
            await output.WriteLineAsync($"  {proposal.Phase.ToString().Replace("Phase", "", StringComparison.Ordinal)}: {proposal.Status}");
            await output.WriteLineAsync($"  next: {proposal.NextStep}{(proposal.NextStepOn is null ? "" : $" ({D(proposal.NextStepOn)})")}");
            await output.WriteLineAsync("  timeline:");
            foreach (var h in proposal.History)
                await output.WriteLineAsync($"    {D(h.EffectiveOn),-12} {h.Reference.Value,-10} {h.Step} — {h.Status} ({h.Actor.Name})");
        }));

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
        list.SetAction((p, ct) => Guard(async () =>
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
            using var call = Proposals(p).StreamProposals(request, cancellationToken: ct);
            await foreach (var line in call.ResponseStream.ReadAllAsync(ct))
                await output.WriteLineAsync(p.GetValue(json) ? Json.Format(line).ReplaceLineEndings(" ") : $"{line.Reference.Value,-10} {line.Status,-36} {line.Title}");
        }));

        // sec report --month 2020-04 --format md|html|csv --out ...
        var month = new Option<string>("--month") { Description = "The report's month, yyyy-mm.", Required = true };
        var periodEnd = new Option<DateOnly?>("--period-end") { Description = "The last day of the 12-month timescale window." };
        var asOf = new Option<DateOnly?>("--as-of") { Description = "The date open lists are counted to." };
        var format = new Option<string>("--format") { Description = "md, html or csv.", DefaultValueFactory = _ => "md" };
        format.AcceptOnlyFromAmong("md", "html", "csv");
        var outPath = new Option<string?>("--out") { Description = "A file (md, html) or folder (csv); standard output if left out (md, html)." };
        var report = new Command("report", "The monthly Change Status Report.") { month, periodEnd, asOf, format, outPath };
        report.SetAction((p, ct) => Guard(async () =>
        {
            var answer = await Proposals(p).GetChangeStatusReportAsync(new GetChangeStatusReportRequest
            {
                Month = p.GetValue(month)!,
                PeriodEnd = Iso(p.GetValue(periodEnd)),
                AsOf = Iso(p.GetValue(asOf)),
            }, cancellationToken: ct);
            var target = p.GetValue(outPath);
            switch (p.GetValue(format))
            {
                case "csv":
                    var folder = target ?? ".";
                    Directory.CreateDirectory(folder);
                    foreach (var (file, csv) in answer.Csv)
                        await File.WriteAllTextAsync(Path.Combine(folder, file), csv, ct);
                    await output.WriteLineAsync($"{answer.Csv.Count} CSV files written to {Path.GetFullPath(folder)}");
                    break;
                default:
                    var body = p.GetValue(format) == "html" ? answer.Html : answer.Markdown;
                    if (target is null)
                        await output.WriteAsync(body);
                    else
                    {
                        await File.WriteAllTextAsync(target, body, ct);
                        await output.WriteLineAsync($"Report written to {Path.GetFullPath(target)}");
                    }
                    break;
            }
        }));

        // Lifecycle steps: sec csc, sec convert, sec step
        var stepReference = new Argument<string>("reference") { Description = "The proposal's reference." };
        var on = new Option<DateOnly>("--on") { Description = "The business date the step takes effect (yyyy-mm-dd).", Required = true };
        var reason = new Option<string?>("--reason") { Description = "Why, in the decider's words." };
        var outcome = new Option<string>("--outcome") { Description = "ready (for conversion) or develop (needs further development).", Required = true };
        outcome.AcceptOnlyFromAmong("ready", "develop");
        var csc = new Command("csc", "Record the Change Sub-Committee's decision on a Draft Proposal.") { stepReference, on, reason, outcome };
        csc.SetAction((p, ct) => Guard(async () => await Print(p, (await Proposals(p).RecordCscDecisionAsync(new RecordCscDecisionRequest
        {
            Reference = new() { Value = p.GetValue(stepReference)! },
            EffectiveOn = Date(p.GetValue(on)),
            Reason = p.GetValue(reason) ?? "",
            Outcome = p.GetValue(outcome) == "ready" ? CscOutcome.ReadyForConversion : CscOutcome.NeedsFurtherDevelopment,
        }, Who(p), cancellationToken: ct)).Proposal)));

        var route = new Option<string>("--route") { Description = "refinement or report.", DefaultValueFactory = _ => "refinement" };
        route.AcceptOnlyFromAmong("refinement", "report");
        var path = new Option<int>("--path") { Description = "1 (Authority-led), 2 (Authority Determination) or 3 (Self-Governance).", Required = true };
        path.AcceptOnlyFromAmong("1", "2", "3");
        var urgent = new Option<bool>("--urgent") { Description = "The Panel treats it as Urgent." };
        var convert = new Command("convert", "The Panel converts a Draft Proposal to a Modification Proposal.") { stepReference, on, reason, route, path, urgent };
        convert.SetAction((p, ct) => Guard(async () => await Print(p, (await Proposals(p).ConvertToModificationProposalAsync(new ConvertToModificationProposalRequest
        {
            Reference = new() { Value = p.GetValue(stepReference)! },
            EffectiveOn = Date(p.GetValue(on)),
            Reason = p.GetValue(reason) ?? "",
            Route = p.GetValue(route) == "report" ? ConversionRoute.ReportPhase : ConversionRoute.RefinementProcess,
            Path = (DecisionPath)p.GetValue(path),
            Urgent = p.GetValue(urgent),
        }, Who(p), cancellationToken: ct)).Proposal)));

        var which = new Argument<string>("step") { Description = "progress, issue-report, submit, hold, resume or withdraw." };
        which.AcceptOnlyFromAmong("progress", "issue-report", "submit", "hold", "resume", "withdraw");
        var step = new Command("step", "Take a proposal one step on: progress to the Report Phase, issue the Modification Report, submit for decision, hold, resume or withdraw.") { stepReference, which, on, reason };
        step.SetAction((p, ct) => Guard(async () =>
        {
            var client = Proposals(p);
            var r = new Common.V1.ModificationReference { Value = p.GetValue(stepReference)! };
            var date = Date(p.GetValue(on));
            var why = p.GetValue(reason) ?? "";
            var who = Who(p);
            Proposal after = p.GetValue(which) switch
            {
                "progress" => (await client.ProgressToReportPhaseAsync(new() { Reference = r, EffectiveOn = date, Reason = why }, who, cancellationToken: ct)).Proposal,
                "issue-report" => (await client.IssueModificationReportAsync(new() { Reference = r, EffectiveOn = date, Reason = why }, who, cancellationToken: ct)).Proposal,
                "submit" => (await client.SubmitForDecisionAsync(new() { Reference = r, EffectiveOn = date, Reason = why }, who, cancellationToken: ct)).Proposal,
                "hold" => (await client.PutOnHoldAsync(new() { Reference = r, EffectiveOn = date, Reason = why }, who, cancellationToken: ct)).Proposal,
                "resume" => (await client.ResumeAsync(new() { Reference = r, EffectiveOn = date, Reason = why }, who, cancellationToken: ct)).Proposal,
                _ => (await client.WithdrawAsync(new() { Reference = r, EffectiveOn = date, Reason = why }, who, cancellationToken: ct)).Proposal,
            };
            await Print(p, after);
        }));

        // The DCC's posts: sec dcc accept|stop|return REF --kind pa|ia --key KEY --on DATE
        var dccAction = new Argument<string>("post") { Description = "accept, stop (a closed clock stop from --on to --until) or return." };
        dccAction.AcceptOnlyFromAmong("accept", "stop", "return");
        var kind = new Option<string>("--kind") { Description = "pa or ia.", Required = true };
        kind.AcceptOnlyFromAmong("pa", "ia");
        var key = new Option<string>("--key") { Description = "The DCC's idempotency key for this post.", Required = true };
        var target = new Option<int?>("--target") { Description = "Accept: the target in working days (defaults PA 15, IA 40)." };
        var until = new Option<DateOnly?>("--until") { Description = "Stop: the last day the clock was stopped." };
        var dcc = new Command("dcc", "Post as the DCC: accept, stop the clock, or return an assessment (repeats with the same key change nothing).") { stepReference, dccAction, kind, key, on, target, until, reason };
        dcc.SetAction((p, ct) => Guard(async () =>
        {
            var client = new Sec.Assessments.V1.AssessmentsService.AssessmentsServiceClient(connect(p.GetValue(gateway)!));
            var which = new Sec.Assessments.V1.DccAssessmentKey
            {
                Reference = new() { Value = p.GetValue(stepReference)! },
                Kind = p.GetValue(kind) == "pa" ? Sec.Assessments.V1.AssessmentKind.Preliminary : Sec.Assessments.V1.AssessmentKind.Impact,
            };
            Sec.Assessments.V1.Assessment assessment;
            switch (p.GetValue(dccAction))
            {
                case "accept":
                    var accept = new Sec.Assessments.V1.AcceptAssessmentRequest { IdempotencyKey = p.GetValue(key)!, Assessment = which, AcceptedOn = Date(p.GetValue(on)) };
                    if (p.GetValue(target) is { } days)
                        accept.TargetWorkingDays = days;
                    assessment = (await client.AcceptAssessmentAsync(accept, cancellationToken: ct)).Assessment;
                    break;
                case "stop":
                    assessment = (await client.StopClockAsync(new Sec.Assessments.V1.StopClockRequest
                    {
                        IdempotencyKey = p.GetValue(key)!,
                        Assessment = which,
                        Stop = new Sec.Assessments.V1.ClockStop { From = Date(p.GetValue(on)), To = Date(p.GetValue(until)), Reason = p.GetValue(reason) ?? "" },
                    }, cancellationToken: ct)).Assessment;
                    break;
                default:
                    assessment = (await client.ReturnAssessmentAsync(new Sec.Assessments.V1.ReturnAssessmentRequest
                    {
                        IdempotencyKey = p.GetValue(key)!, Assessment = which, ReturnedOn = Date(p.GetValue(on)), Costs = new(),
                    }, cancellationToken: ct)).Assessment;
                    break;
            }
            await output.WriteLineAsync(p.GetValue(json) ? Json.Format(assessment) : $"{assessment.Reference.Value} {p.GetValue(kind)!.ToUpperInvariant()}: {assessment.Status}");
        }));

        // Change Board votes: sec vote ITEM --member ID --value approve|reject|abstain
        var item = new Argument<string>("item") { Description = "The agenda item's id." };
        var member = new Option<string>("--member") { Description = "The voting member's id.", Required = true };
        var value = new Option<string>("--value") { Description = "approve, reject or abstain.", Required = true };
        value.AcceptOnlyFromAmong("approve", "reject", "abstain");
        var vote = new Command("vote", "Cast (or change) a Change Board member's vote.") { item, member, value };
        vote.SetAction((p, ct) => Guard(async () =>
        {
            var client = new Sec.ChangeBoard.V1.ChangeBoardService.ChangeBoardServiceClient(connect(p.GetValue(gateway)!));
            var cast = (await client.CastVoteAsync(new Sec.ChangeBoard.V1.CastVoteRequest
            {
                ItemId = p.GetValue(item)!,
                MemberId = p.GetValue(member)!,
                Value = p.GetValue(value) switch { "approve" => Sec.ChangeBoard.V1.VoteValue.Approve, "reject" => Sec.ChangeBoard.V1.VoteValue.Reject, _ => Sec.ChangeBoard.V1.VoteValue.Abstain },
            }, cancellationToken: ct)).Item;
            await output.WriteLineAsync(p.GetValue(json) ? Json.Format(cast) : $"{cast.Reference.Value}: {cast.Votes.Count(v => !v.Superseded)} votes cast");
        }));

        async Task Print(ParseResult p, Proposal proposal) =>
            await output.WriteLineAsync(p.GetValue(json) ? Json.Format(proposal) : $"{proposal.Reference.Value}: {proposal.Status}");

        root.Subcommands.Add(raise);
        root.Subcommands.Add(csc);
        root.Subcommands.Add(convert);
        root.Subcommands.Add(step);
        root.Subcommands.Add(dcc);
        root.Subcommands.Add(vote);
        root.Subcommands.Add(show);
        root.Subcommands.Add(list);
        root.Subcommands.Add(report);
        return root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
    }

    private static string D(Google.Type.Date? d) => d is null || d.Year == 0 ? "" : new DateOnly(d.Year, d.Month, d.Day).ToString("d MMM yyyy", CultureInfo.InvariantCulture);

    private static string Iso(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";

    private static Google.Type.Date? Date(DateOnly? d) => d is { } v ? new Google.Type.Date { Year = v.Year, Month = v.Month, Day = v.Day } : null;
}
