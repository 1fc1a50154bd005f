using Sec.ChangeBoard.Storage;
using Sec.ChangeBoard.V1;
using Sec.Contracts;
using Sec.Identity;
using DecisionPath = Sec.ChangeBoard.V1.DecisionPath;

namespace Sec.ServiceTests.ChangeBoard;

/// <summary>
/// Issue 14, the Change Board's part: it refuses what the register contradicts, judged on each
/// command's business date, and names the modification's state; a referral effective inside its
/// window is taken whenever it is recorded, reopening a decision the window's timer made final.
/// </summary>
public sealed class RegisterAgreementTests() : SuiteTests(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero))
{
    private Board? _board;

    private Board Board => _board ??= new Board(Suite);

    /// <summary>A modification raised and in the Refinement Process since 1 October 2026, on a path.</summary>
    private async Task InRefinementAsync(string reference, DecisionPath path)
    {
        await Register.ImportAsync(reference, $"{reference} title", Board.RaisedOn, path: (Sec.Proposals.V1.DecisionPath)(int)path,
            history: [Step(D(2026, 10, 1), "Refinement Process")]);
        await Eventually.GetAsync(async () => await Board.Client.GetKnownModificationAsync(new() { Reference = Ref(reference) }));
    }

    /// <summary>The call is refused with <paramref name="code"/> and writes nothing in any context; returns its message.</summary>
    private async Task<string> RefusedAsync(StatusCode code, Func<Task> call) => (await RefusedWritingNothingAsync(code, call)).Status.Detail;

    private Task<AddAgendaItemResponse> VoteItemAsync(string meetingId, string reference, DecisionPath path = DecisionPath.Unspecified) =>
        Board.Client.AddAgendaItemAsync(new AddAgendaItemRequest { MeetingId = meetingId, Reference = Ref(reference), Kind = AgendaItemKind.ModificationVote, Path = path }).ResponseAsync;

    [Fact]
    public async Task Votes_on_modifications_never_submitted_for_decision_are_refused_naming_their_state()
    {
        await InRefinementAsync("MP140", DecisionPath.SelfGovernance);
        await InRefinementAsync("MP141", DecisionPath.SelfGovernance);
        var meeting = await Board.MeetingAsync(D(2026, 11, 25));

        var mp140 = await RefusedAsync(StatusCode.FailedPrecondition, () => VoteItemAsync(meeting, "MP140", DecisionPath.SelfGovernance));
        var mp141 = await RefusedAsync(StatusCode.FailedPrecondition, () => VoteItemAsync(meeting, "MP141"));

        Assert.Equal("MP140 is Refinement Process (Refine) on 25 November 2026 (since 1 October 2026); a Change Board vote needs it "
            + "Awaiting Change Board decision on 25 November 2026, submitted for decision on or before the meeting.", mp140);
        Assert.StartsWith("MP141 is Refinement Process (Refine) on 25 November 2026", mp141);
    }

    [Fact]
    public async Task A_vote_at_a_meeting_dated_before_the_submission_is_refused()
    {
        await Board.AwaitingAsync(D(2026, 11, 20), DecisionPath.SelfGovernance, "MP142");
        var earlier = await Board.MeetingAsync(D(2026, 11, 18));
        var later = await Board.MeetingAsync(D(2026, 11, 25));

        var refused = await RefusedAsync(StatusCode.FailedPrecondition, () => VoteItemAsync(earlier, "MP142"));
        var item = (await VoteItemAsync(later, "MP142")).Item;

        Assert.StartsWith("MP142 is Refinement Process (Refine) on 18 November 2026 (since 7 January 2019); a Change Board vote needs it Awaiting Change Board decision", refused);
        Assert.Equal(DecisionPath.SelfGovernance, item.Path);
    }

    [Fact]
    public async Task A_vote_on_another_path_than_the_registers_is_refused_naming_both()
    {
        await InRefinementAsync("MP146", DecisionPath.SelfGovernance);
        await Board.AwaitingAsync(D(2026, 11, 2), DecisionPath.SelfGovernance, "MP147");
        var meeting = await Board.MeetingAsync(D(2026, 11, 25));

        var inRefinement = await RefusedAsync(StatusCode.FailedPrecondition, () => VoteItemAsync(meeting, "MP146", DecisionPath.AuthorityLed));
        var otherPath = await RefusedAsync(StatusCode.FailedPrecondition, () => VoteItemAsync(meeting, "MP147", DecisionPath.AuthorityLed));

        Assert.StartsWith("MP146 is Refinement Process (Refine) on 25 November 2026", inRefinement);
        Assert.Equal("MP147 is on Path 3 (Self-Governance) in the register on 25 November 2026; a vote on Path 1 (Authority-led) contradicts it. "
            + "Give its own path, or none for the register's.", otherPath);
    }

    [Fact]
    public async Task An_Impact_Assessment_request_is_refused_for_a_concluded_modification()
    {
        await Register.ImportAsync("MP144", "MP144 title", Board.RaisedOn, path: Sec.Proposals.V1.DecisionPath.SelfGovernance,
            history: [Step(D(2026, 10, 1), "Refinement Process"), Step(D(2026, 11, 2), "Rejected")]);
        await Eventually.GetAsync(async () => await Board.Client.GetKnownModificationAsync(new() { Reference = Ref("MP144") }));
        var before = await Board.MeetingAsync(D(2026, 10, 28));
        var after = await Board.MeetingAsync(D(2026, 11, 25));
        AddAgendaItemRequest Request(string meeting) => new() { MeetingId = meeting, Reference = Ref("MP144"), Kind = AgendaItemKind.ImpactAssessmentRequest };

        var refused = await RefusedAsync(StatusCode.FailedPrecondition, () => Board.Client.AddAgendaItemAsync(Request(after)).ResponseAsync);
        var accepted = (await Board.Client.AddAgendaItemAsync(Request(before))).Item;

        Assert.StartsWith("MP144 is Rejected (Rejected) on 25 November 2026 (since 2 November 2026); an Impact Assessment request needs it", refused);
        Assert.Equal(AgendaItemStatus.Open, accepted.Status);
    }

    [Fact]
    public async Task The_Authoritys_decision_is_refused_for_a_modification_the_register_no_longer_has_with_the_Authority()
    {
        // The papers record the Authority's approval on 10 November; the board's vote of 4 November sent it there.
        await Register.ImportAsync("MP145", "MP145 title", Board.RaisedOn, path: Sec.Proposals.V1.DecisionPath.AuthorityDetermination,
            history: [Step(D(2026, 10, 1), "Refinement Process"), Step(D(2026, 11, 2), "Change Board"), Step(D(2026, 11, 4), "Awaiting Authority Decision"),
                Step(D(2026, 11, 10), "Approved, awaiting implementation")]);
        await Eventually.GetAsync(async () => await Board.Client.GetKnownModificationAsync(new() { Reference = Ref("MP145") }));
        var item = await Board.DecideByEveryGroupAsync(D(2026, 11, 4), "MP145", DecisionPath.AuthorityDetermination, VoteValue.Approve);
        var authority = new ChangeBoardService.ChangeBoardServiceClient(Suite.Channel("Ofgem decisions", "Ofgem", [SecRoles.Authority]));
        RecordAuthorityDecisionRequest Decided(Google.Type.Date on) => new() { ItemId = item.ItemId, Outcome = Outcome.Approved, DecidedOn = on };

        var notWith = await RefusedAsync(StatusCode.FailedPrecondition, () => authority.RecordAuthorityDecisionAsync(Decided(D(2026, 11, 20))).ResponseAsync);
        var future = await Assert.ThrowsAsync<RpcException>(() => authority.RecordAuthorityDecisionAsync(Decided(D(2026, 11, 26))).ResponseAsync);
        var decided = (await authority.RecordAuthorityDecisionAsync(Decided(D(2026, 11, 10)))).Item;

        Assert.Equal(AgendaItemStatus.WithAuthority, item.Status);
        Assert.Equal("MP145 is Approved, awaiting implementation (Release) on 20 November 2026 (since 10 November 2026); "
            + "the Authority's decision needs it Awaiting Authority Decision on 20 November 2026.", notWith);
        Assert.Equal(StatusCode.InvalidArgument, future.StatusCode);
        Assert.Equal(["decided_on"], future.ViolatedFields());
        Assert.Equal(AgendaItemStatus.Final, decided.Status);
    }

    [Fact]
    public async Task Votes_closes_and_Impact_Assessment_decisions_wait_for_the_meeting_13_days_ahead()
    {
        await Board.AwaitingAsync(D(2026, 11, 20), DecisionPath.SelfGovernance, "MP148");
        await InRefinementAsync("MP149", DecisionPath.SelfGovernance);
        var member = await Board.MemberAsync("Lee Large", VotingGroup.LargeSupplier);
        var ahead = await Board.MeetingAsync(D(2026, 12, 8));
        var vote = (await VoteItemAsync(ahead, "MP148")).Item;
        var ia = (await Board.Client.AddAgendaItemAsync(new AddAgendaItemRequest { MeetingId = ahead, Reference = Ref("MP149"), Kind = AgendaItemKind.ImpactAssessmentRequest })).Item;

        var cast = await RefusedAsync(StatusCode.FailedPrecondition,
            () => Board.Member(member).CastVoteAsync(new CastVoteRequest { ItemId = vote.ItemId, MemberId = member, Value = VoteValue.Approve }).ResponseAsync);
        var close = await RefusedAsync(StatusCode.FailedPrecondition, () => Board.Client.CloseVoteAsync(new CloseVoteRequest { ItemId = vote.ItemId }).ResponseAsync);
        var decide = await RefusedAsync(StatusCode.FailedPrecondition,
            () => Board.Client.DecideImpactAssessmentRequestAsync(new DecideImpactAssessmentRequestRequest { ItemId = ia.ItemId, Outcome = Outcome.Approved }).ResponseAsync);

        Assert.Equal("The meeting of 8 December 2026 has not yet been held (today is 25 November 2026); a vote is recorded on or after the meeting's date.", cast);
        Assert.StartsWith("The meeting of 8 December 2026 has not yet been held", close);
        Assert.EndsWith("deciding an Impact Assessment request is recorded on or after the meeting's date.", decide);

        // On the meeting's day the same calls go through.
        Suite.Clock.UtcNow = new DateTimeOffset(2026, 12, 8, 15, 0, 0, TimeSpan.Zero);
        await Board.Member(member).CastVoteAsync(new CastVoteRequest { ItemId = vote.ItemId, MemberId = member, Value = VoteValue.Approve });
        var closed = (await Board.Client.CloseVoteAsync(new CloseVoteRequest { ItemId = vote.ItemId })).Item;
        Assert.Equal(AgendaItemStatus.Decided, closed.Status);
    }

    [Fact]
    public async Task A_referral_inside_the_window_recorded_after_its_timer_reopens_the_final_decision()
    {
        await Board.AwaitingAsync(D(2026, 10, 20), DecisionPath.SelfGovernance, "MP150");
        var item = await Board.DecideByEveryGroupAsync(D(2026, 10, 28), "MP150", DecisionPath.SelfGovernance, VoteValue.Approve);
        // Today is past the window's end (11 November): its timer makes the decision final, and the register hears of the approval.
        await Eventually.UntilAsync(async () => (await Board.Client.GetAgendaItemAsync(new() { ItemId = item.ItemId })).Item.Status == AgendaItemStatus.Final,
            "the referral window's timer to make the decision final");
        await Board.RegisterSaysAsync("MP150", Stage.AwaitingImplementation);
        var refer = new ReferDecisionRequest { ItemId = item.ItemId, ReferredBy = "Example Energy", ReferredOn = D(2026, 11, 10) };

        var future = await RefusedAsync(StatusCode.InvalidArgument,
            () => Board.Client.ReferDecisionAsync(new ReferDecisionRequest(refer) { ReferredOn = D(2026, 11, 26) }).ResponseAsync);
        var afterWindow = await RefusedAsync(StatusCode.FailedPrecondition,
            () => Board.Client.ReferDecisionAsync(new ReferDecisionRequest(refer) { ReferredOn = D(2026, 11, 12) }).ResponseAsync);
        var referred = (await Board.Client.ReferDecisionAsync(refer)).Item;

        Assert.Contains("is in the future", future);
        Assert.Contains("referral window ended on 11 November 2026", afterWindow);
        Assert.Equal(D(2026, 11, 11), item.ReferralWindowEndsOn);
        Assert.Equal(AgendaItemStatus.Referred, referred.Status);
        Assert.Equal("Example Energy", referred.ReferredBy);
        Assert.Null(referred.FinalOn);
        await Eventually.PublishedAsync<ModificationDecisionReopened>(Suite.Harness, m => m.Context.Message.Reference == "MP150"
            && m.Context.Message.ReopenedOutcome == DecisionOutcome.Approved && m.Context.Message.EffectiveOn == new DateOnly(2026, 11, 10)
            && m.Context.Message.Reason.StartsWith("Referred to the Panel by Example Energy on 10 November 2026", StringComparison.Ordinal));
        await Eventually.PublishedAsync<ModificationReferred>(Suite.Harness, m => m.Context.Message.Reference == "MP150");
        var store = Suite.Get<ChangeBoardStore>();
        var outbox = await store.ReadAsync(c => c.QueryAsync<string>($"SELECT MessageType FROM {store.Schema}.OutboxMessage ORDER BY Sequence"));
        Assert.Equal([nameof(ModificationApproved), nameof(ModificationDecisionReopened), nameof(ModificationReferred)],
            outbox.Select(t => t.Split(':', '.').Last()).Where(t => t.StartsWith("Modification", StringComparison.Ordinal)));
        Assert.Empty((await Board.Client.ListDecisionsAsync(new ListDecisionsRequest { From = "2026-11-01", To = "2026-11-30" })).Items);
        Assert.Equal(["MP150"], (await Board.Client.ListPendingReferralsAsync(new ListPendingReferralsRequest { AsOf = "2026-11-25" })).Items.Select(i => i.Reference.Value));
        var claim = (await Board.Client.DescribeRegisterViewAsync(new())).Claims.Single(c => c.Reference.Value == "MP150");
        Assert.Equal("approved by the Change Board on 28 October 2026, referred to the Panel by Example Energy on 10 November 2026", claim.Claim);
        Assert.Equal([(int)Stage.AwaitingChangeBoard], claim.CompatibleStages);
        // The register follows: the approval step is voided, kept and marked, and every context agrees again.
        await Board.RegisterSaysAsync("MP150", Stage.AwaitingChangeBoard);
        var register = (await Proposals.GetProposalAsync(new Sec.Proposals.V1.GetProposalRequest { Reference = new() { Value = "MP150" } })).Proposal;
        Assert.Contains(register.History, h => h.Voided is not null && h.Step == "Approved by the Change Board" && h.Voided.Reason.StartsWith("Referred to the Panel by Example Energy", StringComparison.Ordinal));
        await Suite.SettledAsync();
        Assert.Empty((await Proposals.CheckConsistencyAsync(new Sec.Common.V1.CheckConsistencyRequest())).Disagreements);

        // The Panel's determination publishes the final decision as for any referral.
        var determined = (await Board.Client.DetermineReferralAsync(new DetermineReferralRequest { ItemId = item.ItemId, Upheld = true, DeterminedOn = D(2026, 11, 24) })).Item;
        Assert.Equal((AgendaItemStatus.Final, Outcome.Approved, D(2026, 11, 24)), (determined.Status, determined.FinalOutcome, determined.FinalOn));
        await Eventually.PublishedAsync<ReferralDetermined>(Suite.Harness, m => m.Context.Message.Reference == "MP150" && m.Context.Message.Upheld);
    }

    [Fact]
    public async Task A_late_referral_cannot_reopen_the_decision_on_a_modification_already_implemented()
    {
        await Register.ImportAsync("MP151", "MP151 title", Board.RaisedOn, path: Sec.Proposals.V1.DecisionPath.SelfGovernance,
            history: [Step(D(2026, 10, 1), "Refinement Process"), Step(D(2026, 10, 20), "Change Board"), Step(D(2026, 11, 20), "Implemented")]);
        await Eventually.GetAsync(async () => await Board.Client.GetKnownModificationAsync(new() { Reference = Ref("MP151") }));
        var item = await Board.DecideByEveryGroupAsync(D(2026, 10, 28), "MP151", DecisionPath.SelfGovernance, VoteValue.Approve);
        await Eventually.UntilAsync(async () => (await Board.Client.GetAgendaItemAsync(new() { ItemId = item.ItemId })).Item.Status == AgendaItemStatus.Final,
            "the referral window's timer to make the decision final");

        var refused = await RefusedAsync(StatusCode.FailedPrecondition,
            () => Board.Client.ReferDecisionAsync(new ReferDecisionRequest { ItemId = item.ItemId, ReferredBy = "Example Energy", ReferredOn = D(2026, 11, 10) }).ResponseAsync);

        Assert.Equal("MP151 is Implemented (Implemented) since 20 November 2026; a referral by Example Energy cannot reopen the decision of a modification already implemented.", refused);
    }

    [Fact]
    public async Task A_reversed_withdrawal_brings_back_the_agenda_items_it_cancelled()
    {
        await Board.AwaitingAsync(D(2026, 11, 2), DecisionPath.SelfGovernance, "MP152");
        var item = (await VoteItemAsync(await Board.MeetingAsync(D(2026, 12, 8)), "MP152")).Item;

        await Suite.Harness.Bus.Publish(new ModificationWithdrawn(Guid.NewGuid(), "MP152", new DateOnly(2026, 11, 20), "MP152 title"));
        await Eventually.UntilAsync(async () => (await Board.Client.GetAgendaItemAsync(new() { ItemId = item.ItemId })).Item.Status == AgendaItemStatus.Cancelled,
            "the withdrawal to cancel the item");
        await Suite.Harness.Bus.Publish(new ModificationWithdrawalReversed(Guid.NewGuid(), "MP152", new DateOnly(2026, 11, 24), new DateOnly(2026, 11, 20), "Example Energy"));

        await Eventually.UntilAsync(async () => (await Board.Client.GetAgendaItemAsync(new() { ItemId = item.ItemId })).Item.Status == AgendaItemStatus.Open,
            "the reversed withdrawal to bring the item back");
    }

    [Fact]
    public async Task Every_vote_claims_what_the_register_shows_and_the_consistency_check_finds_no_disagreement()
    {
        await Board.AwaitingAsync(D(2026, 10, 20), DecisionPath.SelfGovernance, "MP153", "MP154", "MP155");
        await Board.AwaitingAsync(D(2026, 10, 20), DecisionPath.AuthorityDetermination, "MP156");
        var members = (await Board.OneMemberPerGroupAsync()).Values;
        var october = await Board.MeetingAsync(D(2026, 10, 28));
        var november = await Board.MeetingAsync(D(2026, 11, 25));
        await Board.DecideAsync(october, "MP153", DecisionPath.SelfGovernance, members, VoteValue.Approve);
        await Board.DecideAsync(october, "MP154", DecisionPath.SelfGovernance, members, VoteValue.Reject);
        await Board.DecideAsync(october, "MP156", DecisionPath.AuthorityDetermination, members, VoteValue.Approve);
        await VoteItemAsync(november, "MP155");
        await Suite.SettledAsync();
        await Board.RegisterSaysAsync("MP153", Stage.AwaitingImplementation);
        await Board.RegisterSaysAsync("MP154", Stage.Rejected);
        await Board.RegisterSaysAsync("MP156", Stage.AwaitingAuthority);

        var claims = (await Board.Client.DescribeRegisterViewAsync(new())).Claims;
        var check = await Proposals.CheckConsistencyAsync(new CheckConsistencyRequest());

        Assert.Equal([
            "MP153 approved by the Change Board on 11 November 2026 (final)",
            "MP154 rejected by the Change Board on 11 November 2026 (final)",
            "MP155 on the agenda of the Change Board meeting of 25 November 2026, the vote open",
            "MP156 recommended for approval by the Change Board on 28 October 2026, with the Authority for decision"],
            claims.Select(c => $"{c.Reference.Value} {c.Claim}").Order());
        Assert.DoesNotContain(check.Disagreements, d => d.Context == "changeboard");
        Assert.Contains("changeboard", check.ContextsChecked);
    }
}
