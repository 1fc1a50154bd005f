using Dapper;
using Sec.ChangeBoard.Storage;
using Sec.ChangeBoard.V1;
using Sec.Contracts;
using Sec.Identity;
using DecisionPath = Sec.ChangeBoard.V1.DecisionPath;

namespace Sec.ServiceTests.ChangeBoard;

/// <summary>
/// Issue 15: every Change Board decision carries its own date. A vote cast by correspondence, a vote
/// closed or an Impact Assessment request decided after the meeting takes effect on that date (the
/// referral window runs from it, the events and the audit carry it); the meeting's date otherwise.
/// </summary>
public sealed class DecisionDateTests() : SuiteTests(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero))
{
    private Board? _board;

    private Board Board => _board ??= new Board(Suite);

    /// <summary>The call is refused as invalid, naming the field, and writes nothing in any context; returns its message.</summary>
    private async Task<string> InvalidAsync(Func<Task> call) => (await RefusedWritingNothingAsync(StatusCode.InvalidArgument, call)).Status.Detail;

    private Task<IEnumerable<string?>> AuditedOnAsync(string operation) =>
        Suite.Get<ChangeBoardStore>().ReadAsync(c => c.QueryAsync<string?>(
            "SELECT EffectiveOn FROM changeboard.AuditEntry WHERE Operation = @Operation ORDER BY Sequence", new { Operation = operation }));

    [Fact]
    public async Task A_vote_closed_a_week_after_its_meeting_counts_a_vote_by_correspondence_and_opens_its_window_from_the_close()
    {
        await Board.AwaitingAsync(D(2026, 10, 20), DecisionPath.SelfGovernance, "MP160");
        var members = await Board.OneMemberPerGroupAsync();
        var item = await Board.VoteItemAsync(await Board.MeetingAsync(D(2026, 10, 28)), "MP160", DecisionPath.SelfGovernance);
        await Board.VoteAsync(item, members.Where(m => m.Key != VotingGroup.Consumer).Select(m => m.Value), VoteValue.Approve);
        var consumer = members[VotingGroup.Consumer];
        var byLetter = (await Board.Member(consumer).CastVoteAsync(new CastVoteRequest
        {
            ItemId = item.ItemId, MemberId = consumer, Value = VoteValue.Approve, CastOn = D(2026, 11, 3),
        })).Item;

        var beforeTheLetter = await InvalidAsync(() => Board.Client.CloseVoteAsync(new CloseVoteRequest { ItemId = item.ItemId, ClosedOn = D(2026, 11, 2) }).ResponseAsync);
        var beforeTheMeeting = await InvalidAsync(() => Board.Client.CloseVoteAsync(new CloseVoteRequest { ItemId = item.ItemId, ClosedOn = D(2026, 10, 27) }).ResponseAsync);
        var tomorrow = await InvalidAsync(() => Board.Client.CloseVoteAsync(new CloseVoteRequest { ItemId = item.ItemId, ClosedOn = D(2026, 11, 26) }).ResponseAsync);
        var voteBeforeTheMeeting = await InvalidAsync(() => Board.Member(consumer).CastVoteAsync(new CastVoteRequest
        {
            ItemId = item.ItemId, MemberId = consumer, Value = VoteValue.Reject, CastOn = D(2026, 10, 27),
        }).ResponseAsync);
        var closed = (await Board.Client.CloseVoteAsync(new CloseVoteRequest { ItemId = item.ItemId, ClosedOn = D(2026, 11, 4) })).Item;

        Assert.Contains("closed_on: 2026-11-02 is before a vote it counts, cast on 2026-11-03", beforeTheLetter);
        Assert.Contains("closed_on: 2026-10-27 is before the meeting of 2026-10-28", beforeTheMeeting);
        Assert.Contains("closed_on: 2026-11-26 is in the future (today is 2026-11-25)", tomorrow);
        Assert.Contains("cast_on: 2026-10-27 is before the meeting of 2026-10-28", voteBeforeTheMeeting);
        Assert.Equal([D(2026, 10, 28), D(2026, 10, 28), D(2026, 10, 28), D(2026, 10, 28), D(2026, 10, 28), D(2026, 11, 3)], byLetter.Votes.Select(v => v.CastOn));
        Assert.Equal((AgendaItemStatus.Decided, Outcome.Approved), (closed.Status, closed.Outcome));
        Assert.Equal(D(2026, 11, 4), closed.DecidedOn);
        // Ten working days from 4 November, not from the meeting (which would end on 11 November).
        Assert.Equal(D(2026, 11, 18), closed.ReferralWindowEndsOn);
        await Eventually.PublishedAsync<ModificationApproved>(Suite.Harness, m => m.Context.Message.Reference == "MP160" && m.Context.Message.EffectiveOn == new DateOnly(2026, 11, 18));
        Assert.Equal(["2026-11-04"], await AuditedOnAsync("CloseVote"));
        Assert.Contains("2026-11-03", await AuditedOnAsync("CastVote"));
    }

    [Fact]
    public async Task A_decision_closed_after_its_meeting_is_not_referred_before_it_was_made()
    {
        await Board.AwaitingAsync(D(2026, 10, 20), DecisionPath.SelfGovernance, "MP161");
        var item = await Board.VotedByEveryGroupAsync(D(2026, 11, 10), "MP161", DecisionPath.SelfGovernance, VoteValue.Approve);
        await Board.Client.CloseVoteAsync(new CloseVoteRequest { ItemId = item.ItemId, ClosedOn = D(2026, 11, 16) });

        // After the meeting, but before the vote was closed: there was no decision to refer yet.
        var beforeTheClose = await InvalidAsync(() => Board.Client.ReferDecisionAsync(new ReferDecisionRequest { ItemId = item.ItemId, ReferredBy = "A party", ReferredOn = D(2026, 11, 12) }).ResponseAsync);
        var referred = (await Board.Client.ReferDecisionAsync(new ReferDecisionRequest { ItemId = item.ItemId, ReferredBy = "A party", ReferredOn = D(2026, 11, 16) })).Item;

        Assert.Contains("referred_on: 2026-11-12 is before the decision on 2026-11-16", beforeTheClose);
        Assert.Equal((AgendaItemStatus.Referred, "A party"), (referred.Status, referred.ReferredBy));
    }

    [Fact]
    public async Task A_recommendation_closed_after_its_meeting_reaches_the_register_on_its_own_date()
    {
        await Board.AwaitingAsync(D(2026, 10, 20), DecisionPath.AuthorityDetermination, "MP162");
        var item = await Board.VotedByEveryGroupAsync(D(2026, 10, 28), "MP162", DecisionPath.AuthorityDetermination, VoteValue.Approve);

        var closed = (await Board.Client.CloseVoteAsync(new CloseVoteRequest { ItemId = item.ItemId, ClosedOn = D(2026, 10, 30) })).Item;

        Assert.Equal((AgendaItemStatus.WithAuthority, D(2026, 10, 30)), (closed.Status, closed.DecidedOn));
        await Eventually.PublishedAsync<ModificationRecommended>(Suite.Harness, m => m.Context.Message.Reference == "MP162" && m.Context.Message.EffectiveOn == new DateOnly(2026, 10, 30));
        // The Authority decides on the Change Board's recommendation, so not before it was made.
        var authority = new ChangeBoardService.ChangeBoardServiceClient(Suite.Channel("Ofgem decisions", "Ofgem", [SecRoles.Authority]));
        var beforeTheRecommendation = await InvalidAsync(() => authority.RecordAuthorityDecisionAsync(new RecordAuthorityDecisionRequest
        {
            ItemId = item.ItemId, Outcome = Outcome.Approved, DecidedOn = D(2026, 10, 29),
        }).ResponseAsync);
        Assert.Contains("decided_on: 2026-10-29 is before the Change Board's recommendation on 2026-10-30", beforeTheRecommendation);
    }

    [Fact]
    public async Task An_Impact_Assessment_request_decided_after_its_meeting_is_final_on_that_date_and_the_meeting_date_is_the_default()
    {
        foreach (var reference in new[] { "MP163", "MP164" })
            await Register.ImportAsync(reference, $"{reference} title", Board.RaisedOn, history: [Step(D(2026, 10, 1), "Refinement Process")]);
        await Board.RegisterSaysAsync("MP164", Stage.Refinement);
        await Board.RegisterSaysAsync("MP163", Stage.Refinement);
        var meeting = await Board.MeetingAsync(D(2026, 10, 28));
        AgendaItem Request(string reference) => Board.Client.AddAgendaItem(new AddAgendaItemRequest { MeetingId = meeting, Reference = Ref(reference), Kind = AgendaItemKind.ImpactAssessmentRequest }).Item;
        var (late, atTheMeeting) = (Request("MP163"), Request("MP164"));

        var early = await InvalidAsync(() => Board.Client.DecideImpactAssessmentRequestAsync(new DecideImpactAssessmentRequestRequest
        {
            ItemId = late.ItemId, Outcome = Outcome.Approved, DecidedOn = D(2026, 10, 27),
        }).ResponseAsync);
        var decided = (await Board.Client.DecideImpactAssessmentRequestAsync(new DecideImpactAssessmentRequestRequest
        {
            ItemId = late.ItemId, Outcome = Outcome.Approved, DecidedOn = D(2026, 11, 2),
        })).Item;
        var atMeeting = (await Board.Client.DecideImpactAssessmentRequestAsync(new DecideImpactAssessmentRequestRequest { ItemId = atTheMeeting.ItemId, Outcome = Outcome.Rejected })).Item;

        Assert.Contains("decided_on: 2026-10-27 is before the meeting of 2026-10-28", early);
        Assert.Equal((D(2026, 11, 2), D(2026, 11, 2)), (decided.FinalOn, decided.DecidedOn));
        Assert.Equal((D(2026, 10, 28), D(2026, 10, 28)), (atMeeting.FinalOn, atMeeting.DecidedOn));
        await Eventually.PublishedAsync<ImpactAssessmentRequestDecided>(Suite.Harness, m => m.Context.Message.Reference == "MP163" && m.Context.Message.EffectiveOn == new DateOnly(2026, 11, 2));
        Assert.Equal(["2026-11-02", "2026-10-28"], await AuditedOnAsync("DecideImpactAssessmentRequest"));
    }
}
