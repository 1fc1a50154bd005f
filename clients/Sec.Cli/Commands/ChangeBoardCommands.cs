using System.Globalization;
using Grpc.Core;
using System.Text.RegularExpressions;
using Sec.ChangeBoard.V1;

namespace Sec.Cli.Commands;

/// <summary>
/// The Change Board: <c>sec vote --meeting DATE --ref MP103 --member NAME --value approve|reject|abstain</c>, and
/// <c>sec board</c> for members, meetings, agendas, closing votes, referrals, the Authority's decisions, IA
/// requests and the lists. A meeting is named by its date, a member by name, an item by meeting and
/// modification; the ids still work.
/// </summary>
internal static class ChangeBoardCommands
{
    public static IEnumerable<Command> Build(CliContext cli)
    {
        yield return Vote(cli);

        var item = new ItemAddress();
        var board = new Command("board", "The Change Board: members, meetings and agendas, decisions, referrals, the Authority, and the lists.")
            { Members(cli), Meetings(cli), Agenda(cli), Vote(cli), MemberList(cli), MeetingList(cli) };
        foreach (var command in Decisions(cli, item).Concat(Lists(cli)))
            board.Subcommands.Add(command);
        yield return board;
    }

    /// <summary><c>vote</c> (and <c>board vote</c>): the item by id or by meeting date and modification, the member by name or id.</summary>
    private static Command Vote(CliContext cli)
    {
        var item = new ItemAddress();
        var member = new Option<string>("--member") { Description = "The voting member's name (or id).", Required = true };
        var value = OneOf("--value", "approve, reject or abstain.", "approve", "reject", "abstain");
        var castOn = DecidedOn("cast (by correspondence after the meeting)");
        var vote = new Command("vote", "Cast (or change) a Change Board member's vote, on an item named by --meeting DATE --ref REFERENCE (or its id).") { member, value, castOn };
        item.AddTo(vote);
        vote.SetAction((p, ct) => cli.Guard(async () =>
        {
            var (itemId, meetingOn) = await item.ResolveAsync(cli, p, AgendaItemKind.ModificationVote, ct);
            var cast = (await cli.ChangeBoard(p).CastVoteAsync(new CastVoteRequest
            {
                ItemId = itemId,
                MemberId = await MemberIdAsync(cli, p, p.GetValue(member)!, meetingOn, ct),
                Value = p.GetValue(value) switch { "approve" => VoteValue.Approve, "reject" => VoteValue.Reject, _ => VoteValue.Abstain },
                CastOn = p.GetValue(castOn) is { } d ? Date(d) : null,
            }, cancellationToken: ct)).Item;
            await cli.PrintAsync(p, cast, $"{cast.Reference.Value}: {cast.Votes.Count(v => !v.Superseded)} votes cast");
        }));
        return vote;
    }

    private static Command MemberList(CliContext cli)
    {
        var members = new Command("members", "Every Change Board member, past and present: name, organisation, voting group, from and to.");
        members.SetAction((p, ct) => cli.Guard(async () =>
        {
            var answer = await cli.ChangeBoard(p).ListMembersAsync(new ListMembersRequest(), cancellationToken: ct);
            await cli.PrintAsync(p, answer, answer.Members.Count == 0 ? "No Change Board members."
                : string.Join(Environment.NewLine, answer.Members.Select(m =>
                    $"{m.Name} ({m.Organisation}), {GroupName(m.VotingGroup)}, from {Show(m.From)}{(m.To is null ? "" : $" to {Show(m.To)}")}")));
        }));
        return members;
    }

    private static Command MeetingList(CliContext cli)
    {
        var from = new Option<DateOnly?>("--from") { Description = "The first day (yyyy-mm-dd); every meeting before --to if left out." };
        var to = new Option<DateOnly?>("--to") { Description = "The last day (yyyy-mm-dd); every meeting from --from if left out." };
        var meetings = new Command("meetings", "Change Board meetings by date, each with its agenda.") { from, to };
        meetings.SetAction((p, ct) => cli.Guard(async () =>
        {
            var answer = await MeetingsAsync(cli, p, p.GetValue(from) ?? First, p.GetValue(to) ?? Last, ct);
            var period = (p.GetValue(from), p.GetValue(to)) switch
            {
                (null, null) => "",
                ({ } f, null) => $" from {Show(Date(f))}",
                (null, { } t) => $" to {Show(Date(t))}",
                ({ } f, { } t) => $" from {Show(Date(f))} to {Show(Date(t))}",
            };
            await cli.PrintAsync(p, answer, answer.Meetings.Count == 0 ? $"No Change Board meetings{period}."
                : string.Join(Environment.NewLine, answer.Meetings.SelectMany(MeetingLines)));
        }));
        return meetings;
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
            GetNextMeetingResponse meeting;
            try
            {
                meeting = await cli.ChangeBoard(p).GetNextMeetingAsync(new GetNextMeetingRequest { AsOf = Iso(p.GetValue(asOf) ?? Today) }, cancellationToken: ct);
            }
            catch (RpcException ex) when (ex.StatusCode == StatusCode.NotFound)
            {
                // Nothing scheduled is an answer, not a failure.
                await cli.Output.WriteLineAsync($"No Change Board meeting is scheduled after {Show(Date(p.GetValue(asOf) ?? Today))}.");
                return;
            }
            await cli.PrintAsync(p, meeting, string.Join(Environment.NewLine,
                meeting.Agenda.Select(Line).Prepend($"{meeting.MeetingId}  Change Board meeting on {Show(meeting.MeetingOn)}: {meeting.Agenda.Count} item{(meeting.Agenda.Count == 1 ? "" : "s")}")));
        }));
        return new Command("meeting", "Change Board meetings: schedule one, see the next.") { schedule, next };
    }

    private static Command Agenda(CliContext cli)
    {
        var meeting = new Argument<string>("meeting") { Description = "The meeting's date (yyyy-mm-dd) or id." };
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
                MeetingId = (await MeetingAsync(cli, p, p.GetValue(meeting)!, ct)).MeetingId,
                Reference = Reference(p.GetValue(reference)!),
                Kind = p.GetValue(kind) == "ia-request" ? AgendaItemKind.ImpactAssessmentRequest : AgendaItemKind.ModificationVote,
                Path = (DecisionPath)(p.GetValue(path) ?? 0),
            }, cancellationToken: ct)).Item;
            await cli.PrintAsync(p, added, Line(added));
        }));

        var item = new ItemAddress();
        var to = new Option<string>("--to") { Description = "The later meeting's date (yyyy-mm-dd) or id.", Required = true };
        var carry = new Command("carry", "Carry an open item forward to a later meeting; prints the new item's id.") { to };
        item.AddTo(carry);
        carry.SetAction((p, ct) => cli.Guard(async () =>
        {
            var (itemId, _) = await item.ResolveAsync(cli, p, null, ct);
            var toMeeting = (await MeetingAsync(cli, p, p.GetValue(to)!, ct)).MeetingId;
            var carried = (await cli.ChangeBoard(p).CarryForwardAsync(new CarryForwardRequest { ItemId = itemId, ToMeetingId = toMeeting }, cancellationToken: ct)).Item;
            await cli.PrintAsync(p, carried, Line(carried));
        }));

        var show = new Command("show", "Show one agenda item with its votes and decision.");
        item.AddTo(show);
        show.SetAction((p, ct) => cli.Guard(async () =>
        {
            var (itemId, _) = await item.ResolveAsync(cli, p, null, ct);
            var shown = (await cli.ChangeBoard(p).GetAgendaItemAsync(new GetAgendaItemRequest { ItemId = itemId }, cancellationToken: ct)).Item;
            var lines = new List<string> { Line(shown) };
            lines.AddRange(shown.Votes.Select(v => $"  {v.MemberName,-30} {GroupName(v.VotingGroup),-20} {v.Value.ToString().ToLowerInvariant()}{(v.Superseded ? " (replaced)" : "")}"
                + (v.CastOn is { } cast && !cast.Equals(shown.MeetingOn) ? $" on {Show(cast)}" : "")));
            lines.AddRange(shown.Breakdown.Where(g => g.Approve + g.Reject + g.Abstain > 0).Select(g =>
                $"  {GroupName(g.VotingGroup)}: {g.Approve} approve, {g.Reject} reject, {g.Abstain} abstain; position {(g.Position == Outcome.Unspecified ? "none" : Word(g.Position))}"));
            await cli.PrintAsync(p, shown, string.Join(Environment.NewLine, lines));
        }));
        var on = new Option<string>("--meeting") { Description = "The meeting's date (yyyy-mm-dd) or id, to list its agenda." };
        var agenda = new Command("agenda", "A meeting's agenda (--meeting DATE); add an item, carry one forward, show one.") { on, add, carry, show };
        agenda.SetAction((p, ct) => cli.Guard(async () =>
        {
            var named = p.GetValue(on) ?? throw new CliInputException("give --meeting DATE to list a meeting's agenda, or use add, carry or show");
            var listed = await MeetingAsync(cli, p, named, ct);
            await cli.PrintAsync(p, listed, string.Join(Environment.NewLine, MeetingLines(listed)));
        }));
        return agenda;
    }

    /// <summary>The optional date of a vote or decision made after its meeting.</summary>
    private static Option<DateOnly?> DecidedOn(string what) =>
        new("--on") { Description = $"The date it was {what} (yyyy-mm-dd); the meeting's date if left out." };

    private static IEnumerable<Command> Decisions(CliContext cli, ItemAddress item)
    {
        var closedOn = DecidedOn("closed");
        var close = new Command("close", "Close a vote: the counting rule gives the outcome; Self-Governance then waits for the referral window, Paths 1 and 2 go to the Authority.") { closedOn };
        item.AddTo(close);
        close.SetAction((p, ct) => cli.Guard(async () =>
        {
            var closed = (await cli.ChangeBoard(p).CloseVoteAsync(new CloseVoteRequest
            {
                ItemId = await item.IdAsync(cli, p, AgendaItemKind.ModificationVote, ct),
                ClosedOn = p.GetValue(closedOn) is { } d ? Date(d) : null,
            }, cancellationToken: ct)).Item;
            await cli.PrintAsync(p, closed, Line(closed));
        }));
        yield return close;

        var by = new Option<string>("--by") { Description = "The party referring it.", Required = true };
        var on = new Option<DateOnly>("--on") { Description = "The date (yyyy-mm-dd).", Required = true };
        var refer = new Command("refer", "A party refers a Self-Governance decision to the Panel within its referral window.") { by, on };
        item.AddTo(refer);
        refer.SetAction((p, ct) => cli.Guard(async () =>
        {
            var referred = (await cli.ChangeBoard(p).ReferDecisionAsync(new ReferDecisionRequest
            {
                ItemId = await item.IdAsync(cli, p, AgendaItemKind.ModificationVote, ct), ReferredBy = p.GetValue(by)!, ReferredOn = Date(p.GetValue(on)),
            }, cancellationToken: ct)).Item;
            await cli.PrintAsync(p, referred, Line(referred));
        }));
        yield return refer;

        var determination = OneOf("--outcome", "upheld or overturned.", "upheld", "overturned");
        var determine = new Command("determine", "The Panel upholds or overturns a referred decision; it is then final.") { determination, on };
        item.AddTo(determine);
        determine.SetAction((p, ct) => cli.Guard(async () =>
        {
            var determined = (await cli.ChangeBoard(p).DetermineReferralAsync(new DetermineReferralRequest
            {
                ItemId = await item.IdAsync(cli, p, AgendaItemKind.ModificationVote, ct), Upheld = p.GetValue(determination) == "upheld", DeterminedOn = Date(p.GetValue(on)),
            }, cancellationToken: ct)).Item;
            await cli.PrintAsync(p, determined, Line(determined));
        }));
        yield return determine;

        var decision = OneOf("--outcome", "approved, rejected or sent-back.", "approved", "rejected", "sent-back");
        var authority = new Command("authority", "Record the Authority's decision on a Path 1 or 2 modification.") { decision, on };
        item.AddTo(authority);
        authority.SetAction((p, ct) => cli.Guard(async () =>
        {
            var decided = (await cli.ChangeBoard(p).RecordAuthorityDecisionAsync(new RecordAuthorityDecisionRequest
            {
                ItemId = await item.IdAsync(cli, p, AgendaItemKind.ModificationVote, ct),
                Outcome = p.GetValue(decision) switch { "approved" => Outcome.Approved, "rejected" => Outcome.Rejected, _ => Outcome.SentBack },
                DecidedOn = Date(p.GetValue(on)),
            }, cancellationToken: ct)).Item;
            await cli.PrintAsync(p, decided, Line(decided));
        }));
        yield return authority;

        var iaOutcome = OneOf("--outcome", "approved, rejected or deferred.", "approved", "rejected", "deferred");
        var iaDecidedOn = DecidedOn("decided");
        var iaRequest = new Command("ia-request", "Decide an Impact Assessment request on the agenda; Assessments then proceeds.") { iaOutcome, iaDecidedOn };
        item.AddTo(iaRequest);
        iaRequest.SetAction((p, ct) => cli.Guard(async () =>
        {
            var decided = (await cli.ChangeBoard(p).DecideImpactAssessmentRequestAsync(new DecideImpactAssessmentRequestRequest
            {
                ItemId = await item.IdAsync(cli, p, AgendaItemKind.ImpactAssessmentRequest, ct),
                Outcome = p.GetValue(iaOutcome) switch { "approved" => Outcome.Approved, "rejected" => Outcome.Rejected, _ => Outcome.Deferred },
                DecidedOn = p.GetValue(iaDecidedOn) is { } d ? Date(d) : null,
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

    // Every business date lies in these bounds, so a list between them is every meeting.
    private static readonly DateOnly First = new(1990, 1, 1);
    private static readonly DateOnly Last = new(2100, 12, 31);

    private static Task<ListMeetingsResponse> MeetingsAsync(CliContext cli, ParseResult p, DateOnly from, DateOnly to, CancellationToken ct) =>
        cli.ChangeBoard(p).ListMeetingsAsync(new ListMeetingsRequest { From = Iso(from), To = Iso(to) }, cancellationToken: ct).ResponseAsync;

    /// <summary>The meeting a command names: by its date (the board meets at most once a day), or by its id.</summary>
    private static async Task<Meeting> MeetingAsync(CliContext cli, ParseResult p, string named, CancellationToken ct)
    {
        named = named.Trim();
        if (DateOnly.TryParseExact(named, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var on))
            return (await MeetingsAsync(cli, p, on, on, ct)).Meetings.FirstOrDefault()
                ?? throw new CliInputException($"no Change Board meeting on {Show(Date(on))}; schedule one with: sec board meeting schedule --on {Iso(on)}");
        if (!Guid.TryParse(named, out _))
            throw new CliInputException($"'{named}' is neither a meeting date (yyyy-mm-dd) nor a meeting id");
        return (await MeetingsAsync(cli, p, First, Last, ct)).Meetings.FirstOrDefault(m => m.MeetingId == named)
            ?? throw new CliInputException($"no Change Board meeting has the id {named}; sec board meetings lists them");
    }

    /// <summary>The member a command names: an id as it is, or a name (any case); of two members of that name, the one serving on the meeting's date.</summary>
    private static async Task<string> MemberIdAsync(CliContext cli, ParseResult p, string named, DateOnly? on, CancellationToken ct)
    {
        named = named.Trim();
        if (Guid.TryParse(named, out _))
            return named;
        var matches = (await cli.ChangeBoard(p).ListMembersAsync(new ListMembersRequest(), cancellationToken: ct)).Members
            .Where(m => string.Equals(m.Name, named, StringComparison.OrdinalIgnoreCase)).ToList();
        if (matches.Count > 1 && on is { } day)
            matches = matches.Where(m => Day(m.From) <= day && (m.To is null || Day(m.To) >= day)).ToList();
        return matches.Count switch
        {
            1 => matches[0].MemberId,
            0 => throw new CliInputException($"no Change Board member is named \"{named}\"{(on is null ? "" : $" on {Show(Date(on))}")}; sec board members lists them"),
            _ => throw new CliInputException($"{matches.Count} Change Board members are named \"{named}\"; give the member's id (sec board members --json shows it)"),
        };
    }

    private static DateOnly Day(Google.Type.Date d) => new(d.Year, d.Month, d.Day);

    /// <summary>
    /// An agenda item as a command names it: its id, or <c>--meeting DATE --ref REFERENCE</c> (the
    /// modification on that meeting's agenda), so no one copies an id from one command into another.
    /// </summary>
    private sealed class ItemAddress
    {
        private readonly Argument<string?> _id = new("item") { Description = "The agenda item's id; or name it with --meeting and --ref.", Arity = ArgumentArity.ZeroOrOne };
        private readonly Option<string?> _meeting = new("--meeting") { Description = "The meeting's date (yyyy-mm-dd) or id, with --ref." };
        private readonly Option<string?> _reference = new("--ref") { Description = "The modification on that meeting's agenda, for example MP103." };

        public void AddTo(Command command)
        {
            command.Arguments.Add(_id);
            command.Options.Add(_meeting);
            command.Options.Add(_reference);
        }

        public async Task<string> IdAsync(CliContext cli, ParseResult p, AgendaItemKind? kind, CancellationToken ct) => (await ResolveAsync(cli, p, kind, ct)).Id;

        /// <summary>The item's id, and its meeting's date when the command named it (a member is then picked as on that day).</summary>
        public async Task<(string Id, DateOnly? MeetingOn)> ResolveAsync(CliContext cli, ParseResult p, AgendaItemKind? kind, CancellationToken ct)
        {
            var (id, meeting, reference) = (p.GetValue(_id), p.GetValue(_meeting), p.GetValue(_reference));
            if (!string.IsNullOrWhiteSpace(id))
                return meeting is null && reference is null ? (id.Trim(), null) : throw new CliInputException("give the item's id, or --meeting and --ref, not both");
            if (meeting is null || reference is null)
                throw new CliInputException("name the agenda item with --meeting DATE and --ref REFERENCE (or give its id)");
            var listed = await MeetingAsync(cli, p, meeting, ct);
            var matches = listed.Agenda.Where(i => SameReference(i.Reference.Value, reference) && (kind is null || i.Kind == kind)).ToList();
            // An item carried forward lives on at the later meeting; what stayed here is only its trace.
            if (matches.Count > 1)
                matches = matches.Where(i => i.Status is not (AgendaItemStatus.CarriedForward or AgendaItemStatus.Cancelled)).ToList();
            return matches.Count switch
            {
                1 => (matches[0].ItemId, Day(listed.MeetingOn)),
                0 => throw new CliInputException($"{reference.Trim().ToUpperInvariant()} has no {(kind == AgendaItemKind.ImpactAssessmentRequest ? "IA request" : kind is null ? "item" : "vote")} on the agenda of the meeting on {Show(listed.MeetingOn)}; sec board agenda --meeting {Iso(Day(listed.MeetingOn))} lists it"),
                _ => throw new CliInputException($"{reference.Trim().ToUpperInvariant()} has {matches.Count} items on the agenda of the meeting on {Show(listed.MeetingOn)}; give the item's id"),
            };
        }
    }

    /// <summary>Two forms of one reference match: MP1, mp001 and MP001 are one modification; MP102A is its own.</summary>
    private static bool SameReference(string a, string b) => Canonical(a) == Canonical(b);

    private static string Canonical(string reference)
    {
        var m = Regex.Match(reference.Trim(), "^([A-Za-z]+)0*([0-9]+)([A-Za-z]*)$");
        return m.Success ? $"{m.Groups[1].Value.ToUpperInvariant()}{int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture)}{m.Groups[3].Value.ToUpperInvariant()}" : reference.Trim().ToUpperInvariant();
    }

    /// <summary>A meeting and its agenda, one item a line.</summary>
    private static IEnumerable<string> MeetingLines(Meeting m) =>
        m.Agenda.Select(i => $"  {i.Reference.Value} {What(i)}: {State(i)}")
            .Prepend($"Change Board meeting on {Show(m.MeetingOn)}: {(m.Agenda.Count == 0 ? "nothing on the agenda" : Count(m.Agenda.Count, "item"))}");

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
    public static string Line(AgendaItem i) => $"{i.ItemId}  {i.Reference.Value} {What(i)}, meeting of {Show(i.MeetingOn)}: {State(i)}{After(i)}";

    /// <summary>A decision made after the meeting (by correspondence) says when.</summary>
    private static string After(AgendaItem i) =>
        i.DecidedOn is { } on && !on.Equals(i.MeetingOn) ? $" (decided {Show(on)}, after the meeting)" : "";

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
