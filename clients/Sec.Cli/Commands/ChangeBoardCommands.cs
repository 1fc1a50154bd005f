using System.Text.RegularExpressions;
using Sec.ChangeBoard.V1;

namespace Sec.Cli.Commands;

/// <summary>
/// The Change Board: <c>sec vote ITEM --member ID --value approve|reject|abstain</c>, and <c>sec board</c> for
/// members, meetings, agendas, closing votes, referrals, the Authority's decisions, IA requests and the lists.
/// </summary>
internal static class ChangeBoardCommands
{
    public static IEnumerable<Command> Build(CliContext cli)
    {
        var item = new Argument<string>("item") { Description = "The agenda item's id." };
        var member = new Option<string>("--member") { Description = "The voting member's id.", Required = true };
        var value = OneOf("--value", "approve, reject or abstain.", "approve", "reject", "abstain");
        var vote = new Command("vote", "Cast (or change) a Change Board member's vote.") { item, member, value };
        vote.SetAction((p, ct) => cli.Guard(async () =>
        {
            var cast = (await cli.ChangeBoard(p).CastVoteAsync(new CastVoteRequest
            {
                ItemId = p.GetValue(item)!,
                MemberId = p.GetValue(member)!,
                Value = p.GetValue(value) switch { "approve" => VoteValue.Approve, "reject" => VoteValue.Reject, _ => VoteValue.Abstain },
            }, cancellationToken: ct)).Item;
            await cli.PrintAsync(p, cast, $"{cast.Reference.Value}: {cast.Votes.Count(v => !v.Superseded)} votes cast");
        }));
        yield return vote;

        var board = new Command("board", "The Change Board: members, meetings and agendas, decisions, referrals, the Authority, and the lists.") { Members(cli), Meetings(cli), Agenda(cli) };
        foreach (var command in Decisions(cli, item).Concat(Lists(cli)))
            board.Subcommands.Add(command);
        yield return board;
    }

    private static Command Members(CliContext cli)
    {
        var name = new Option<string>("--name") { Description = "The member's name.", Required = true };
        var organisation = new Option<string>("--organisation") { Description = "The SEC party the member comes from.", Required = true };
        var group = OneOf("--group", "The voting group: " + string.Join(", ", Groups.Keys) + ".", [.. Groups.Keys]);
        var from = new Option<DateOnly>("--from") { Description = "The first day of membership (yyyy-mm-dd).", Required = true };
        var to = new Option<DateOnly?>("--to") { Description = "The last day of membership, if known (yyyy-mm-dd)." };
        var add = new Command("add", "Add a member to a voting group from a date.") { name, organisation, group, from, to };
        add.SetAction((p, ct) => cli.Guard(async () =>
        {
            var added = (await cli.ChangeBoard(p).AddMemberAsync(new AddMemberRequest
            {
                Name = p.GetValue(name)!,
                Organisation = p.GetValue(organisation)!,
                VotingGroup = Groups[p.GetValue(group)!],
                From = Date(p.GetValue(from)),
                To = Date(p.GetValue(to)),
            }, cancellationToken: ct)).Member;
            await cli.PrintAsync(p, added, $"{added.MemberId}  {added.Name} ({added.Organisation}), {GroupName(added.VotingGroup)}, from {Show(added.From)}{(added.To is null ? "" : $" to {Show(added.To)}")}");
        }));
        return new Command("member", "Change Board members.") { add };
    }

    private static Command Meetings(CliContext cli)
    {
        var on = new Option<DateOnly>("--on") { Description = "The meeting date (yyyy-mm-dd).", Required = true };
        var schedule = new Command("schedule", "Schedule a Change Board meeting; prints its id.") { on };
        schedule.SetAction((p, ct) => cli.Guard(async () =>
        {
            var scheduled = await cli.ChangeBoard(p).ScheduleMeetingAsync(new ScheduleMeetingRequest { MeetingOn = Date(p.GetValue(on)) }, cancellationToken: ct);
            await cli.PrintAsync(p, scheduled, $"{scheduled.MeetingId}  Change Board meeting on {Show(Date(p.GetValue(on)))}");
        }));

        var asOf = new Option<DateOnly?>("--as-of") { Description = "The date (yyyy-mm-dd); today if left out." };
        var next = new Command("next", "The next meeting after a date, with its agenda.") { asOf };
        next.SetAction((p, ct) => cli.Guard(async () =>
        {
            var meeting = await cli.ChangeBoard(p).GetNextMeetingAsync(new GetNextMeetingRequest { AsOf = Iso(p.GetValue(asOf) ?? Today) }, cancellationToken: ct);
            await cli.PrintAsync(p, meeting, string.Join(Environment.NewLine,
                meeting.Agenda.Select(Line).Prepend($"{meeting.MeetingId}  Change Board meeting on {Show(meeting.MeetingOn)}: {meeting.Agenda.Count} item{(meeting.Agenda.Count == 1 ? "" : "s")}")));
        }));
        return new Command("meeting", "Change Board meetings: schedule one, see the next.") { schedule, next };
    }

    private static Command Agenda(CliContext cli)
    {
        var meeting = new Argument<string>("meeting") { Description = "The meeting's id." };
        var reference = ReferenceArgument();
        var kind = new Option<string>("--kind") { Description = "vote (a modification vote) or ia-request (an Impact Assessment request).", DefaultValueFactory = _ => "vote" };
        kind.AcceptOnlyFromAmong("vote", "ia-request");
        var path = new Option<int?>("--path") { Description = "For a vote: 1, 2, 3 or 4 (Fast-Track); left out, the path the register sent it for decision with." };
        path.AcceptOnlyFromAmong("1", "2", "3", "4");
        var add = new Command("add", "Put a modification vote or an Impact Assessment request on a meeting's agenda; prints the item's id.") { meeting, reference, kind, path };
        add.SetAction((p, ct) => cli.Guard(async () =>
        {
            var added = (await cli.ChangeBoard(p).AddAgendaItemAsync(new AddAgendaItemRequest
            {
                MeetingId = p.GetValue(meeting)!,
                Reference = Reference(p.GetValue(reference)!),
                Kind = p.GetValue(kind) == "ia-request" ? AgendaItemKind.ImpactAssessmentRequest : AgendaItemKind.ModificationVote,
                Path = (DecisionPath)(p.GetValue(path) ?? 0),
            }, cancellationToken: ct)).Item;
            await cli.PrintAsync(p, added, Line(added));
        }));

        var item = new Argument<string>("item") { Description = "The agenda item's id." };
        var to = new Option<string>("--to") { Description = "The later meeting's id.", Required = true };
        var carry = new Command("carry", "Carry an open item forward to a later meeting; prints the new item's id.") { item, to };
        carry.SetAction((p, ct) => cli.Guard(async () =>
        {
            var carried = (await cli.ChangeBoard(p).CarryForwardAsync(new CarryForwardRequest { ItemId = p.GetValue(item)!, ToMeetingId = p.GetValue(to)! }, cancellationToken: ct)).Item;
            await cli.PrintAsync(p, carried, Line(carried));
        }));

        var show = new Command("show", "Show one agenda item with its votes and decision.") { item };
        show.SetAction((p, ct) => cli.Guard(async () =>
        {
            var shown = (await cli.ChangeBoard(p).GetAgendaItemAsync(new GetAgendaItemRequest { ItemId = p.GetValue(item)! }, cancellationToken: ct)).Item;
            var lines = new List<string> { Line(shown) };
            lines.AddRange(shown.Votes.Select(v => $"  {v.MemberName,-30} {GroupName(v.VotingGroup),-20} {v.Value.ToString().ToLowerInvariant()}{(v.Superseded ? " (replaced)" : "")}"));
            lines.AddRange(shown.Breakdown.Where(g => g.Approve + g.Reject + g.Abstain > 0).Select(g =>
                $"  {GroupName(g.VotingGroup)}: {g.Approve} approve, {g.Reject} reject, {g.Abstain} abstain; position {(g.Position == Outcome.Unspecified ? "none" : Word(g.Position))}"));
            await cli.PrintAsync(p, shown, string.Join(Environment.NewLine, lines));
        }));
        return new Command("agenda", "Meeting agendas: add an item, carry one forward, show one.") { add, carry, show };
    }

    private static IEnumerable<Command> Decisions(CliContext cli, Argument<string> item)
    {
        var close = new Command("close", "Close a vote: the counting rule gives the outcome; Self-Governance then waits for the referral window, Paths 1 and 2 go to the Authority.") { item };
        close.SetAction((p, ct) => cli.Guard(async () =>
        {
            var closed = (await cli.ChangeBoard(p).CloseVoteAsync(new CloseVoteRequest { ItemId = p.GetValue(item)! }, cancellationToken: ct)).Item;
            await cli.PrintAsync(p, closed, Line(closed));
        }));
        yield return close;

        var by = new Option<string>("--by") { Description = "The party referring it.", Required = true };
        var on = new Option<DateOnly>("--on") { Description = "The date (yyyy-mm-dd).", Required = true };
        var refer = new Command("refer", "A party refers a Self-Governance decision to the Panel within its referral window.") { item, by, on };
        refer.SetAction((p, ct) => cli.Guard(async () =>
        {
            var referred = (await cli.ChangeBoard(p).ReferDecisionAsync(new ReferDecisionRequest
            {
                ItemId = p.GetValue(item)!, ReferredBy = p.GetValue(by)!, ReferredOn = Date(p.GetValue(on)),
            }, cancellationToken: ct)).Item;
            await cli.PrintAsync(p, referred, Line(referred));
        }));
        yield return refer;

        var determination = OneOf("--outcome", "upheld or overturned.", "upheld", "overturned");
        var determine = new Command("determine", "The Panel upholds or overturns a referred decision; it is then final.") { item, determination, on };
        determine.SetAction((p, ct) => cli.Guard(async () =>
        {
            var determined = (await cli.ChangeBoard(p).DetermineReferralAsync(new DetermineReferralRequest
            {
                ItemId = p.GetValue(item)!, Upheld = p.GetValue(determination) == "upheld", DeterminedOn = Date(p.GetValue(on)),
            }, cancellationToken: ct)).Item;
            await cli.PrintAsync(p, determined, Line(determined));
        }));
        yield return determine;

        var decision = OneOf("--outcome", "approved, rejected or sent-back.", "approved", "rejected", "sent-back");
        var authority = new Command("authority", "Record the Authority's decision on a Path 1 or 2 modification.") { item, decision, on };
        authority.SetAction((p, ct) => cli.Guard(async () =>
        {
            var decided = (await cli.ChangeBoard(p).RecordAuthorityDecisionAsync(new RecordAuthorityDecisionRequest
            {
                ItemId = p.GetValue(item)!,
                Outcome = p.GetValue(decision) switch { "approved" => Outcome.Approved, "rejected" => Outcome.Rejected, _ => Outcome.SentBack },
                DecidedOn = Date(p.GetValue(on)),
            }, cancellationToken: ct)).Item;
            await cli.PrintAsync(p, decided, Line(decided));
        }));
        yield return authority;

        var iaOutcome = OneOf("--outcome", "approved, rejected or deferred.", "approved", "rejected", "deferred");
        var iaRequest = new Command("ia-request", "Decide an Impact Assessment request on the agenda; Assessments then proceeds.") { item, iaOutcome };
        iaRequest.SetAction((p, ct) => cli.Guard(async () =>
        {
            var decided = (await cli.ChangeBoard(p).DecideImpactAssessmentRequestAsync(new DecideImpactAssessmentRequestRequest
            {
                ItemId = p.GetValue(item)!,
                Outcome = p.GetValue(iaOutcome) switch { "approved" => Outcome.Approved, "rejected" => Outcome.Rejected, _ => Outcome.Deferred },
            }, cancellationToken: ct)).Item;
            await cli.PrintAsync(p, decided, Line(decided));
        }));
        yield return iaRequest;
    }

    private static IEnumerable<Command> Lists(CliContext cli)
    {
        var from = new Option<DateOnly>("--from") { Description = "The first day (yyyy-mm-dd).", Required = true };
        var to = new Option<DateOnly>("--to") { Description = "The last day (yyyy-mm-dd).", Required = true };
        var votes = new Command("votes", "Votes closed in a period (the report's Change Board votes).") { from, to };
        votes.SetAction((p, ct) => cli.Guard(async () =>
        {
            var answer = await cli.ChangeBoard(p).ListVotesAsync(new ListVotesRequest { From = Iso(p.GetValue(from)), To = Iso(p.GetValue(to)) }, cancellationToken: ct);
            await cli.PrintAsync(p, answer, Lines(answer.Items, "No votes closed in that period."));
        }));
        yield return votes;

        var decisions = new Command("decisions", "Decisions that became final in a period.") { from, to };
        decisions.SetAction((p, ct) => cli.Guard(async () =>
        {
            var answer = await cli.ChangeBoard(p).ListDecisionsAsync(new ListDecisionsRequest { From = Iso(p.GetValue(from)), To = Iso(p.GetValue(to)) }, cancellationToken: ct);
            await cli.PrintAsync(p, answer, Lines(answer.Items, "No decisions became final in that period."));
        }));
        yield return decisions;

        var asOf = new Option<DateOnly?>("--as-of") { Description = "The date (yyyy-mm-dd); today if left out." };
        var referrals = new Command("referrals", "Self-Governance decisions still in their referral window, or referred and awaiting the Panel.") { asOf };
        referrals.SetAction((p, ct) => cli.Guard(async () =>
        {
            var answer = await cli.ChangeBoard(p).ListPendingReferralsAsync(new ListPendingReferralsRequest { AsOf = Iso(p.GetValue(asOf) ?? Today) }, cancellationToken: ct);
            await cli.PrintAsync(p, answer, Lines(answer.Items, "No referrals pending."));
        }));
        yield return referrals;

        var withAuthority = new Command("with-authority", "Modifications with the Authority for decision.");
        withAuthority.SetAction((p, ct) => cli.Guard(async () =>
        {
            var answer = await cli.ChangeBoard(p).ListPendingAuthorityDecisionsAsync(new ListPendingAuthorityDecisionsRequest(), cancellationToken: ct);
            await cli.PrintAsync(p, answer, Lines(answer.Items, "Nothing is with the Authority."));
        }));
        yield return withAuthority;
    }

    private static DateOnly Today => DateOnly.FromDateTime(DateTime.Today);

    /// <summary>The voting groups by the names the CLI and register files use: the enum's names in kebab case ("large-supplier").</summary>
    internal static readonly IReadOnlyDictionary<string, VotingGroup> Groups = Enum.GetValues<VotingGroup>()
        .Where(g => g != VotingGroup.Unspecified)
        .ToDictionary(g => Regex.Replace(g.ToString(), "(?<!^)(?=[A-Z])", "-").ToLowerInvariant());

    private static string GroupName(VotingGroup group) => group switch
    {
        VotingGroup.LargeSupplier => "Large Supplier",
        VotingGroup.SmallSupplier => "Small Supplier",
        VotingGroup.ElectricityNetwork => "Electricity Network",
        VotingGroup.GasNetwork => "Gas Network",
        VotingGroup.OtherSecParties => "Other SEC Parties",
        VotingGroup.Consumer => "Consumer",
        _ => "no group",
    };

    private static string Lines(IEnumerable<AgendaItem> items, string none) => items.Any() ? string.Join(Environment.NewLine, items.Select(Line)) : none;

    /// <summary>One item: its id, what it is, and where it stands.</summary>
    public static string Line(AgendaItem i) => $"{i.ItemId}  {i.Reference.Value} {What(i)}, meeting of {Show(i.MeetingOn)}: {State(i)}";

    private static string What(AgendaItem i) => i.Kind == AgendaItemKind.ImpactAssessmentRequest ? "IA request" : i.Path switch
    {
        DecisionPath.AuthorityLed => "Path 1 vote",
        DecisionPath.AuthorityDetermination => "Path 2 vote",
        DecisionPath.SelfGovernance => "Self-Governance vote",
        DecisionPath.FastTrackSelfGovernance => "Fast-Track Self-Governance vote",
        _ => "vote",
    };

    private static string State(AgendaItem i) => i.Status switch
    {
        AgendaItemStatus.Open when i.Kind == AgendaItemKind.ModificationVote => $"open, {Count(i.Votes.Count(v => !v.Superseded), "vote")} cast",
        AgendaItemStatus.Open => "open",
        AgendaItemStatus.CarriedForward => "carried forward",
        AgendaItemStatus.Decided => $"{Word(i.Outcome)} ({Tally(i)}); referral window ends {Show(i.ReferralWindowEndsOn)}",
        AgendaItemStatus.Referred => $"{Word(i.Outcome)} ({Tally(i)}); referred to the Panel by {i.ReferredBy}",
        AgendaItemStatus.WithAuthority => $"with the Authority; the Change Board recommends {(i.Outcome == Outcome.Approved ? "approval" : "rejection")} ({Tally(i)})",
        AgendaItemStatus.Final when i.Kind == AgendaItemKind.ImpactAssessmentRequest => Word(i.FinalOutcome),
        AgendaItemStatus.Final => $"final, {Word(i.FinalOutcome)} on {Show(i.FinalOn)}",
        AgendaItemStatus.Cancelled => "cancelled (the modification was withdrawn)",
        _ => i.Status.ToString(),
    };

    private static string Tally(AgendaItem i) => i.CountingRule == "simple-majority"
        ? $"{Count(i.Votes.Count(v => !v.Superseded && v.Value == VoteValue.Approve), "member")} approve, {i.Votes.Count(v => !v.Superseded && v.Value == VoteValue.Reject)} reject"
        : $"{Count(i.Breakdown.Count(g => g.Position == Outcome.Approved), "group")} approve, {i.Breakdown.Count(g => g.Position == Outcome.Rejected)} reject";

    private static string Count(int n, string what) => $"{n} {what}{(n == 1 ? "" : "s")}";

    private static string Word(Outcome outcome) => outcome switch
    {
        Outcome.Approved => "approved",
        Outcome.Rejected => "rejected",
        Outcome.Deferred => "deferred",
        Outcome.SentBack => "sent back",
        _ => "undecided",
    };
}
