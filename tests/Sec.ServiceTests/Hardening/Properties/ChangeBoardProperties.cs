using Sec.ChangeBoard.V1;
using Sec.ServiceTests.ChangeBoard;
using static Sec.ServiceTests.Hardening.Properties.BadValues;

namespace Sec.ServiceTests.Hardening.Properties;

/// <summary>The Change Board refuses every bad request cleanly and writes nothing for it.</summary>
public sealed class ChangeBoardProperties : BadRequestProperty
{
    /// <summary>A vote goes with the member's own token: only a member may cast it.</summary>
    private const string Voter = "Alex Jones";

    [Fact]
    public async Task Every_bad_change_board_request_is_refused_cleanly_and_writes_nothing()
    {
        var board = await new Board(Suite).AwaitingAsync(D(2026, 11, 2), DecisionPath.SelfGovernance, "MP100");
        var member = await board.MemberAsync(Voter, VotingGroup.LargeSupplier);
        var meeting = await board.MeetingAsync(D(2026, 12, 3));
        var item = (await board.VoteItemAsync(meeting, "MP100", DecisionPath.SelfGovernance)).ItemId;
        var c = board.Client;
        var voter = board.Member(member);

        var add = new BadRequestsOf<AddMemberRequest>("AddMember",
            () => new() { Name = "Sam Patel", Organisation = "Gas Network Ltd", VotingGroup = VotingGroup.GasNetwork, From = D(2026, 1, 1) },
            (r, o) => c.AddMemberAsync(r, o).ResponseAsync)
            .Break("name", RequiredText, (r, v) => r.Name = v)
            .Break("organisation", RequiredText, (r, v) => r.Organisation = v)
            .Break("voting_group", Enum<VotingGroup>(), (r, v) => r.VotingGroup = v)
            .Break("from", RequiredDate, (r, v) => r.From = v)
            .Break("to", Date, (r, v) => r.To = v);
        var schedule = new BadRequestsOf<ScheduleMeetingRequest>("ScheduleMeeting", () => new() { MeetingOn = D(2027, 1, 7) },
            (r, o) => c.ScheduleMeetingAsync(r, o).ResponseAsync)
            .Break("meeting_on", RequiredDate, (r, v) => r.MeetingOn = v);
        var agenda = new BadRequestsOf<AddAgendaItemRequest>("AddAgendaItem",
            () => new() { MeetingId = meeting, Reference = Ref("MP100"), Kind = AgendaItemKind.ImpactAssessmentRequest },
            (r, o) => c.AddAgendaItemAsync(r, o).ResponseAsync)
            .Break("meeting_id", Id, (r, v) => r.MeetingId = v)
            .Break("reference", Reference, (r, v) => r.Reference = Ref(v))
            .Break("reference", Missing<ModificationReference>(), (r, v) => r.Reference = v)
            .Break("kind", Enum<AgendaItemKind>(), (r, v) => r.Kind = v)
            .Break("path", Enum<DecisionPath>(unspecified: false), (r, v) => r.Path = v);
        var carry = new BadRequestsOf<CarryForwardRequest>("CarryForward", () => new() { ItemId = item, ToMeetingId = meeting },
            (r, o) => c.CarryForwardAsync(r, o).ResponseAsync)
            .Break("item_id", Id, (r, v) => r.ItemId = v)
            .Break("to_meeting_id", Id, (r, v) => r.ToMeetingId = v);
        var vote = new BadRequestsOf<CastVoteRequest>("CastVote", () => new() { ItemId = item, MemberId = member, Value = VoteValue.Approve },
            (r, o) => voter.CastVoteAsync(r, o).ResponseAsync)
            .Break("item_id", Id, (r, v) => r.ItemId = v)
            .Break("member_id", Id, (r, v) => r.MemberId = v)
            .Break("value", Enum<VoteValue>(), (r, v) => r.Value = v);
        var close = new BadRequestsOf<CloseVoteRequest>("CloseVote", () => new() { ItemId = item },
            (r, o) => c.CloseVoteAsync(r, o).ResponseAsync)
            .Break("item_id", Id, (r, v) => r.ItemId = v);
        var refer = new BadRequestsOf<ReferDecisionRequest>("ReferDecision", () => new() { ItemId = item, ReferredBy = "Gas Network Ltd", ReferredOn = Today },
            (r, o) => c.ReferDecisionAsync(r, o).ResponseAsync)
            .Break("item_id", Id, (r, v) => r.ItemId = v)
            .Break("referred_by", RequiredText, (r, v) => r.ReferredBy = v)
            .Break("referred_on", RequiredDate, (r, v) => r.ReferredOn = v);
        var determine = new BadRequestsOf<DetermineReferralRequest>("DetermineReferral", () => new() { ItemId = item, Upheld = true, DeterminedOn = Today },
            (r, o) => c.DetermineReferralAsync(r, o).ResponseAsync)
            .Break("item_id", Id, (r, v) => r.ItemId = v)
            .Break("determined_on", RequiredDate, (r, v) => r.DeterminedOn = v);
        var authority = new BadRequestsOf<RecordAuthorityDecisionRequest>("RecordAuthorityDecision",
            () => new() { ItemId = item, Outcome = Outcome.Approved, DecidedOn = Today },
            (r, o) => c.RecordAuthorityDecisionAsync(r, o).ResponseAsync)
            .Break("item_id", Id, (r, v) => r.ItemId = v)
            .Break("outcome", Enum<Outcome>(), (r, v) => r.Outcome = v)
            .Break("decided_on", RequiredDate, (r, v) => r.DecidedOn = v);
        var impact = new BadRequestsOf<DecideImpactAssessmentRequestRequest>("DecideImpactAssessmentRequest",
            () => new() { ItemId = item, Outcome = Outcome.Approved },
            (r, o) => c.DecideImpactAssessmentRequestAsync(r, o).ResponseAsync)
            .Break("item_id", Id, (r, v) => r.ItemId = v)
            .Break("outcome", Enum<Outcome>(), (r, v) => r.Outcome = v);

        var votes = Period<ListVotesRequest>("ListVotes", (r, o) => c.ListVotesAsync(r, o).ResponseAsync, (r, from, to) => (r.From, r.To) = (from, to));
        var decisions = Period<ListDecisionsRequest>("ListDecisions", (r, o) => c.ListDecisionsAsync(r, o).ResponseAsync, (r, from, to) => (r.From, r.To) = (from, to));
        var meetings = Period<ListMeetingsRequest>("ListMeetings", (r, o) => c.ListMeetingsAsync(r, o).ResponseAsync, (r, from, to) => (r.From, r.To) = (from, to));
        var next = new BadRequestsOf<GetNextMeetingRequest>("GetNextMeeting", () => new() { AsOf = "2026-11-20" },
            (r, o) => c.GetNextMeetingAsync(r, o).ResponseAsync)
            .Break("as_of", DateText, (r, v) => r.AsOf = v);
        var get = new BadRequestsOf<GetAgendaItemRequest>("GetAgendaItem", () => new() { ItemId = item },
            (r, o) => c.GetAgendaItemAsync(r, o).ResponseAsync)
            .Break("item_id", Id, (r, v) => r.ItemId = v);
        var items = new BadRequestsOf<ListModificationItemsRequest>("ListModificationItems", () => new() { Reference = Ref("MP100") },
            (r, o) => c.ListModificationItemsAsync(r, o).ResponseAsync)
            .Break("reference", Reference, (r, v) => r.Reference = Ref(v));

        await EveryBadRequestIsRefusedAsync(add.Breaks, schedule.Breaks, agenda.Breaks, carry.Breaks, vote.Breaks, close.Breaks, refer.Breaks,
            determine.Breaks, authority.Breaks, impact.Breaks, votes.Breaks, decisions.Breaks, meetings.Breaks, next.Breaks, get.Breaks, items.Breaks);
    }

    /// <summary>A list over a period (from and to, yyyy-mm-dd), broken at either end.</summary>
    private static BadRequestsOf<TRequest> Period<TRequest>(string rpc, Func<TRequest, CallOptions, Task> send, Action<TRequest, string, string> set)
        where TRequest : IMessage, new() =>
        new BadRequestsOf<TRequest>(rpc, () => { var r = new TRequest(); set(r, "2026-01-01", "2026-11-20"); return r; }, send)
            .Break("from", DateText, (r, v) => set(r, v, "2026-11-20"))
            .Break("to", DateText, (r, v) => set(r, "2026-01-01", v));
}
