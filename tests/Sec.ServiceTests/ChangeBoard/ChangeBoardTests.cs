using Sec.BuildingBlocks.Storage;
using Sec.ChangeBoard.Storage;
using Sec.ChangeBoard.V1;
using Sec.Contracts;
using Sec.Identity;
using DecisionPath = Sec.ChangeBoard.V1.DecisionPath;

namespace Sec.ServiceTests.ChangeBoard;

public sealed class ChangeBoardTests
{
    private static readonly DateTimeOffset ReportDay = new(2020, 8, 7, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset MeetingDay = new(2020, 7, 22, 15, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task The_July_2020_votes_replay_into_the_August_reports_Change_Board_votes()
    {
        // The meeting day: the referral windows are open while the votes are recorded.
        await using var suite = await SuiteFactory.StartAsync(MeetingDay);
        var board = await new Board(suite).AwaitingAsync(D(2020, 7, 15), DecisionPath.SelfGovernance, "MP103", "MP118", "MP124", "MP135", "SECMP0015");
        var members = await board.OneMemberPerGroupAsync();
        var meeting = await board.MeetingAsync(D(2020, 7, 22));
        foreach (var mp in new[] { "MP103", "MP118", "MP124", "MP135" })
            await board.DecideAsync(meeting, mp, DecisionPath.SelfGovernance, members.Values, VoteValue.Approve);
        var secmp15 = await board.VoteItemAsync(meeting, "SECMP15", DecisionPath.SelfGovernance);
        await board.VoteAsync(secmp15, members.Values.Take(4), VoteValue.Reject);
        await board.VoteAsync(secmp15, members.Values.Skip(4), VoteValue.Approve);
        var rejected = await board.CloseAsync(secmp15);
        suite.Clock.UtcNow = new DateTimeOffset(2020, 7, 30, 9, 0, 0, TimeSpan.Zero);
        await board.Client.ReferDecisionAsync(new ReferDecisionRequest { ItemId = secmp15.ItemId, ReferredBy = "A SEC Party", ReferredOn = D(2020, 7, 30) });

        suite.Clock.UtcNow = ReportDay;
        var votes = (await board.Client.ListVotesAsync(new ListVotesRequest { From = "2020-07-01", To = "2020-07-31" })).Items;

        Assert.Equal(["MP103 OutcomeApproved", "MP118 OutcomeApproved", "MP124 OutcomeApproved", "MP135 OutcomeApproved", "SECMP0015 OutcomeRejected"],
            votes.Select(v => $"{v.Reference.Value} Outcome{v.Outcome}").Order());
        Assert.Equal(AgendaItemStatus.Referred, votes.Single(v => v.Reference.Value == "SECMP0015").Status);
        Assert.Equal(D(2020, 8, 5), rejected.ReferralWindowEndsOn);
        Assert.Equal(Outcome.Rejected, rejected.Breakdown.Single(g => g.VotingGroup == VotingGroup.LargeSupplier).Position);
        await Eventually.PublishedAsync<ModificationReferred>(suite.Harness, m => m.Context.Message.Reference == "SECMP0015");
        // By the report's date (7 August) the four approvals' referral windows have ended: they are final and published.
        await Eventually.UntilAsync(async () => (await board.Client.ListDecisionsAsync(new ListDecisionsRequest { From = "2020-08-01", To = "2020-08-31" })).Items.Count == 4,
            "the four approvals to become final when their windows end on 5 August");
        var pending = (await board.Client.ListPendingReferralsAsync(new ListPendingReferralsRequest { AsOf = "2020-08-07" })).Items;
        Assert.Equal(["SECMP0015"], pending.Select(p => p.Reference.Value));
        await Eventually.PublishedAsync<ModificationApproved>(suite.Harness, m => m.Context.Message.Reference == "MP135");
    }

    [Fact]
    public async Task With_no_referral_the_decision_becomes_final_when_the_window_ends_even_after_a_restart()
    {
        await SuiteFactory.OnOwnDataAsync(async data =>
        {
            string itemId;
            await using (var before = await SuiteFactory.StartAsync(MeetingDay, data))
            {
                var board = await new Board(before).AwaitingAsync(D(2020, 7, 15), DecisionPath.SelfGovernance, "MP118");
                itemId = (await board.DecideByEveryGroupAsync(D(2020, 7, 22), "MP118", DecisionPath.SelfGovernance, VoteValue.Approve)).ItemId;
            }

            await using var after = await SuiteFactory.StartAsync(new DateTimeOffset(2020, 8, 6, 9, 0, 0, TimeSpan.Zero), data);
            var client = new Board(after).Client;
            await Eventually.UntilAsync(async () => (await client.GetAgendaItemAsync(new() { ItemId = itemId })).Item.Status == AgendaItemStatus.Final,
                "the referral window to end after the restart");

            var final = (await client.GetAgendaItemAsync(new() { ItemId = itemId })).Item;
            Assert.Equal(Outcome.Approved, final.FinalOutcome);
            Assert.Equal(D(2020, 8, 5), final.FinalOn);
            await Eventually.PublishedAsync<ModificationApproved>(after.Harness, m => m.Context.Message.Reference == "MP118");
            var decisions = (await client.ListDecisionsAsync(new ListDecisionsRequest { From = "2020-08-01", To = "2020-08-31" })).Items;
            Assert.Equal(["MP118"], decisions.Select(d => d.Reference.Value));
        });
    }

    [Fact]
    public async Task Refusals_name_why_and_write_nothing()
    {
        await using var suite = await SuiteFactory.StartAsync(ReportDay);
        var board = await new Board(suite).AwaitingAsync(D(2020, 7, 15), DecisionPath.SelfGovernance, "MP103", "MP124", "MP105");
        await board.AwaitingAsync(D(2020, 7, 15), DecisionPath.AuthorityDetermination, "MP088");
        var members = await board.OneMemberPerGroupAsync();
        var former = await board.MemberAsync("Former member", VotingGroup.Consumer, D(2018, 1, 1), D(2020, 6, 30));
        var july = await board.MeetingAsync(D(2020, 7, 22));
        var august = await board.MeetingAsync(D(2020, 8, 19));
        var mp103 = await board.VoteItemAsync(july, "MP103", DecisionPath.SelfGovernance);
        var mp088 = await board.VoteItemAsync(july, "MP088", DecisionPath.AuthorityDetermination);
        var mp124 = await board.VoteItemAsync(july, "MP124", DecisionPath.SelfGovernance);
        var mp105 = await board.VoteItemAsync(july, "MP105", DecisionPath.SelfGovernance);
        await board.Client.CarryForwardAsync(new CarryForwardRequest { ItemId = mp124.ItemId, ToMeetingId = august });
        foreach (var item in new[] { mp103, mp088 })
        {
            await board.VoteAsync(item, members.Values, VoteValue.Approve);
            await board.CloseAsync(item);
        }
        // Today is past MP103's referral window, so its timer makes the decision final; let it, before counting rows.
        await Eventually.UntilAsync(async () => (await board.Client.GetAgendaItemAsync(new() { ItemId = mp103.ItemId })).Item.Status == AgendaItemStatus.Final,
            "MP103's referral window to end");
        var store = suite.Get<ChangeBoardStore>();
        var before = await Rows.SnapshotAsync(store, "AgendaItem", "Vote", "OutboxMessage", "DurableTimer", "AuditEntry");

        async Task<RpcException> Refused(Func<Task> call) => await Assert.ThrowsAsync<RpcException>(call);
        var notMember = await Refused(() => board.Member(former).CastVoteAsync(new CastVoteRequest { ItemId = mp105.ItemId, MemberId = former, Value = VoteValue.Approve }).ResponseAsync);
        var afterClose = await Refused(() => board.Member(members[VotingGroup.Consumer]).CastVoteAsync(new CastVoteRequest { ItemId = mp103.ItemId, MemberId = members[VotingGroup.Consumer], Value = VoteValue.Reject }).ResponseAsync);
        var carried = await Refused(() => board.Member(members[VotingGroup.Consumer]).CastVoteAsync(new CastVoteRequest { ItemId = mp124.ItemId, MemberId = members[VotingGroup.Consumer], Value = VoteValue.Reject }).ResponseAsync);
        var lateReferral = await Refused(() => board.Client.ReferDecisionAsync(new ReferDecisionRequest { ItemId = mp103.ItemId, ReferredBy = "A party", ReferredOn = D(2020, 8, 6) }).ResponseAsync);
        var recommendation = await Refused(() => board.Client.ReferDecisionAsync(new ReferDecisionRequest { ItemId = mp088.ItemId, ReferredBy = "A party", ReferredOn = D(2020, 7, 23) }).ResponseAsync);
        var badValue = await Refused(() => board.Member(members[VotingGroup.Consumer]).CastVoteAsync(new CastVoteRequest { ItemId = mp124.ItemId, MemberId = members[VotingGroup.Consumer], Value = (VoteValue)9 }).ResponseAsync);
        var badGroup = await Refused(() => board.Client.AddMemberAsync(new AddMemberRequest { Name = "X", Organisation = "Y", VotingGroup = VotingGroup.Unspecified, From = D(2020, 1, 1) }).ResponseAsync);

        Assert.All(new[] { notMember, afterClose, carried, lateReferral, recommendation }, ex => Assert.Equal(StatusCode.FailedPrecondition, ex.StatusCode));
        Assert.Contains("was not a member", notMember.Status.Detail);
        Assert.Contains("referral window ended on 5 August 2020", lateReferral.Status.Detail);
        Assert.Contains("recommendation", recommendation.Status.Detail);
        Assert.Equal(StatusCode.InvalidArgument, badValue.StatusCode);
        Assert.Contains("value", badValue.ViolatedFields());
        Assert.Contains("voting_group", badGroup.ViolatedFields());
        Assert.Equal(before, await Rows.SnapshotAsync(store, "AgendaItem", "Vote", "OutboxMessage", "DurableTimer", "AuditEntry"));
    }

    [Fact]
    public async Task A_member_votes_only_as_itself_and_only_in_its_own_group()
    {
        await using var suite = new SuiteFactory(null, ReportDay);
        var board = await new Board(suite).AwaitingAsync(D(2020, 7, 15), DecisionPath.SelfGovernance, "MP124");
        var large = await board.MemberAsync("Alex Large", VotingGroup.LargeSupplier);
        var small = await board.MemberAsync("Sam Small", VotingGroup.SmallSupplier);
        var item = await board.VoteItemAsync(await board.MeetingAsync(D(2020, 7, 22)), "MP124", DecisionPath.SelfGovernance);
        var store = suite.Get<ChangeBoardStore>();
        var before = await Rows.SnapshotAsync(store, "AgendaItem", "Vote", "OutboxMessage", "AuditEntry");
        CastVoteRequest Vote(string member) => new() { ItemId = item.ItemId, MemberId = member, Value = VoteValue.Approve };

        var asAnother = await Assert.ThrowsAsync<RpcException>(() => board.Member(large).CastVoteAsync(Vote(small)).ResponseAsync);
        var inAnotherGroup = await Assert.ThrowsAsync<RpcException>(() => board.AsMember("Sam Small", VotingGroup.LargeSupplier).CastVoteAsync(Vote(small)).ResponseAsync);

        Assert.Equal(StatusCode.PermissionDenied, asAnother.StatusCode);
        Assert.Contains($"Alex Large may vote only as themselves; member {small} is Sam Small", asAnother.Status.Detail);
        Assert.Equal(StatusCode.PermissionDenied, inAnotherGroup.StatusCode);
        Assert.Contains("Sam Small votes in the large-supplier group; Sam Small is in small-supplier", inAnotherGroup.Status.Detail);
        Assert.Equal(before, await Rows.SnapshotAsync(store, "AgendaItem", "Vote", "OutboxMessage", "AuditEntry"));

        // The name is matched whatever its case; each member's vote is attributed to its own token.
        await board.Member(small).CastVoteAsync(Vote(small));
        var voted = (await board.AsMember("ALEX LARGE", VotingGroup.LargeSupplier).CastVoteAsync(Vote(large))).Item;

        Assert.Equal(["Alex Large Approve", "Sam Small Approve"], voted.Votes.Select(v => $"{v.MemberName} {v.Value}").Order());
        var voters = await store.ReadAsync(c => c.QueryAsync<string>($"SELECT ActorName || ' ' || Roles FROM {store.Schema}.AuditEntry WHERE Operation = 'CastVote' ORDER BY Sequence"));
        Assert.Equal(["Sam Small change-board-member", "ALEX LARGE change-board-member"], voters);
    }

    [Fact]
    public async Task The_Authoritys_decision_is_attributed_to_its_token_and_dated_as_decided()
    {
        await using var suite = new SuiteFactory(null, ReportDay);
        var board = await new Board(suite).AwaitingAsync(D(2020, 6, 10), DecisionPath.AuthorityDetermination, "MP088");
        var item = await board.DecideByEveryGroupAsync(D(2020, 6, 24), "MP088", DecisionPath.AuthorityDetermination, VoteValue.Approve);
        await board.RegisterSaysAsync("MP088", Stage.AwaitingAuthority);
        var authority = new ChangeBoardService.ChangeBoardServiceClient(suite.Channel("Ofgem decisions", "Ofgem", [SecRoles.Authority]));
        suite.Clock.UtcNow = ReportDay.AddDays(30);

        await authority.RecordAuthorityDecisionAsync(new RecordAuthorityDecisionRequest { ItemId = item.ItemId, Outcome = Outcome.Approved, DecidedOn = D(2020, 9, 1) });

        var store = suite.Get<ChangeBoardStore>();
        var entry = await store.ReadAsync(c => c.QuerySingleAsync<AuditEntry>(
            $"SELECT Operation, Subject, Reference, EffectiveOn, RecordedAt, ActorName, ActorOrganisation, Roles FROM {store.Schema}.AuditEntry WHERE Operation = 'RecordAuthorityDecision'"));
        Assert.Equal(new AuditEntry("RecordAuthorityDecision", item.ItemId, "MP088", new DateOnly(2020, 9, 1), ReportDay.AddDays(30), "Ofgem decisions", "Ofgem", "authority"), entry);
    }

    [Fact]
    public async Task A_changed_vote_replaces_the_earlier_one_which_stays_in_the_history()
    {
        await using var suite = new SuiteFactory(null, ReportDay);
        var board = await new Board(suite).AwaitingAsync(D(2020, 7, 15), DecisionPath.SelfGovernance, "MP124");
        var members = await board.OneMemberPerGroupAsync();
        var item = await board.VoteItemAsync(await board.MeetingAsync(D(2020, 7, 22)), "MP124", DecisionPath.SelfGovernance);
        await board.VoteAsync(item, members.Values, VoteValue.Reject);
        await board.VoteAsync(item, members.Values.Take(4), VoteValue.Approve);

        var closed = await board.CloseAsync(item);

        Assert.Equal(Outcome.Approved, closed.Outcome);
        Assert.Equal(10, closed.Votes.Count);
        Assert.Equal(4, closed.Votes.Count(v => v.Superseded));
        Assert.Equal(1, closed.Breakdown.Single(g => g.VotingGroup == VotingGroup.LargeSupplier).Approve);
        Assert.Equal(0, closed.Breakdown.Single(g => g.VotingGroup == VotingGroup.LargeSupplier).Reject);
    }

    [Theory]
    [InlineData(null, Outcome.Approved)]
    [InlineData("group-majority", Outcome.Approved)]
    [InlineData("simple-majority", Outcome.Rejected)]
    public async Task The_counting_rule_is_chosen_by_configuration(string? rule, Outcome expected)
    {
        var settings = rule is null ? null : new Dictionary<string, string> { ["ChangeBoard:CountingRule"] = rule };
        await using var suite = new SuiteFactory(null, ReportDay, settings: settings);
        var board = await new Board(suite).AwaitingAsync(D(2020, 7, 15), DecisionPath.SelfGovernance, "MP103");
        var item = await board.VoteItemAsync(await board.MeetingAsync(D(2020, 7, 22)), "MP103", DecisionPath.SelfGovernance);
        // Two groups approve with one voter each; one group rejects with three.
        await board.VoteAsync(item, [await board.MemberAsync("LS", VotingGroup.LargeSupplier)], VoteValue.Approve);
        await board.VoteAsync(item, [await board.MemberAsync("SS", VotingGroup.SmallSupplier)], VoteValue.Approve);
        await board.VoteAsync(item, [await board.MemberAsync("EN1", VotingGroup.ElectricityNetwork), await board.MemberAsync("EN2", VotingGroup.ElectricityNetwork),
            await board.MemberAsync("EN3", VotingGroup.ElectricityNetwork)], VoteValue.Reject);

        var closed = await board.CloseAsync(item);

        Assert.Equal(expected, closed.Outcome);
        Assert.Equal(rule ?? "group-majority", closed.CountingRule);
    }

    [Fact]
    public async Task On_Path_2_the_vote_goes_to_the_Authority_whose_decision_is_published()
    {
        await using var suite = await SuiteFactory.StartAsync(ReportDay);
        var board = await new Board(suite).AwaitingAsync(D(2020, 6, 10), DecisionPath.AuthorityDetermination, "MP088");
        var item = await board.DecideByEveryGroupAsync(D(2020, 6, 24), "MP088", DecisionPath.AuthorityDetermination, VoteValue.Approve);
        await board.RegisterSaysAsync("MP088", Stage.AwaitingAuthority);
        suite.Clock.UtcNow = ReportDay.AddDays(31);

        var pending = (await board.Client.ListPendingAuthorityDecisionsAsync(new())).Items;
        var decided = (await board.Client.RecordAuthorityDecisionAsync(new RecordAuthorityDecisionRequest { ItemId = item.ItemId, Outcome = Outcome.Approved, DecidedOn = D(2020, 9, 1) })).Item;

        Assert.Equal(["MP088"], pending.Select(p => p.Reference.Value));
        await Eventually.PublishedAsync<ModificationRecommended>(suite.Harness, m => m.Context.Message.Reference == "MP088" && m.Context.Message.RecommendsApproval);
        await Eventually.PublishedAsync<AuthorityDecided>(suite.Harness, m => m.Context.Message.Reference == "MP088" && m.Context.Message.Outcome == DecisionOutcome.Approved);
        Assert.Equal(AgendaItemStatus.Final, decided.Status);
        Assert.Empty((await board.Client.ListPendingAuthorityDecisionsAsync(new())).Items);
    }

    [Fact]
    public async Task An_approved_Impact_Assessment_request_lets_the_DCC_accept_it()
    {
        await using var suite = await SuiteFactory.StartAsync(ReportDay);
        var board = await new Board(suite).KnowAsync("MP122");
        var dcc = new Assessments.Dcc(suite);
        var ia = (await dcc.Client.RequestAssessmentAsync(new Sec.Assessments.V1.RequestAssessmentRequest
        {
            Reference = Ref("MP122"), Kind = Sec.Assessments.V1.AssessmentKind.Impact, RequestedOn = D(2020, 7, 1),
        })).Assessment;
        var request = (await board.Client.AddAgendaItemAsync(new AddAgendaItemRequest
        {
            MeetingId = await board.MeetingAsync(D(2020, 7, 22)), Reference = Ref("MP122"), Kind = AgendaItemKind.ImpactAssessmentRequest,
        })).Item;

        await board.Client.DecideImpactAssessmentRequestAsync(new DecideImpactAssessmentRequestRequest { ItemId = request.ItemId, Outcome = Outcome.Approved });

        await Eventually.UntilAsync(async () => (await dcc.Client.GetAssessmentAsync(new() { AssessmentId = ia.AssessmentId })).Assessment.Status == Sec.Assessments.V1.AssessmentStatus.Approved,
            "Assessments to hear of the approval");
        var accepted = await dcc.AcceptAsync("MP122", Sec.Assessments.V1.AssessmentKind.Impact, new DateOnly(2020, 7, 16), 40);
        Assert.Equal(Sec.Assessments.V1.AssessmentStatus.Accepted, accepted.Status);
    }

    [Fact]
    public async Task The_register_supplies_the_path_and_a_withdrawal_cancels_open_agenda_items()
    {
        await using var suite = await SuiteFactory.StartAsync(ReportDay);
        var board = await new Board(suite).AwaitingAsync(D(2020, 7, 1), DecisionPath.SelfGovernance, "MP118");
        var meeting = await board.MeetingAsync(D(2020, 7, 22));
        var item = (await board.Client.AddAgendaItemAsync(new AddAgendaItemRequest { MeetingId = meeting, Reference = Ref("MP118"), Kind = AgendaItemKind.ModificationVote })).Item;

        await suite.Harness.Bus.Publish(new ModificationWithdrawn(Guid.NewGuid(), "MP118", new DateOnly(2020, 7, 20), "MP118 title"));

        Assert.Equal(DecisionPath.SelfGovernance, item.Path);
        await Eventually.UntilAsync(async () => (await board.Client.GetAgendaItemAsync(new() { ItemId = item.ItemId })).Item.Status == AgendaItemStatus.Cancelled,
            "the withdrawal to cancel the agenda item");
    }

    [Fact]
    public async Task The_Panel_determines_a_referral_and_the_final_decision_is_published()
    {
        await using var suite = await SuiteFactory.StartAsync(MeetingDay);
        var board = await new Board(suite).AwaitingAsync(D(2020, 7, 15), DecisionPath.SelfGovernance, "SECMP0015");
        var item = await board.DecideByEveryGroupAsync(D(2020, 7, 22), "SECMP0015", DecisionPath.SelfGovernance, VoteValue.Reject);
        suite.Clock.UtcNow = new DateTimeOffset(2020, 7, 30, 9, 0, 0, TimeSpan.Zero);
        await board.Client.ReferDecisionAsync(new ReferDecisionRequest { ItemId = item.ItemId, ReferredBy = "A SEC Party", ReferredOn = D(2020, 7, 30) });
        suite.Clock.UtcNow = new DateTimeOffset(2020, 8, 21, 9, 0, 0, TimeSpan.Zero);

        var overturned = (await board.Client.DetermineReferralAsync(new DetermineReferralRequest { ItemId = item.ItemId, Upheld = false, DeterminedOn = D(2020, 8, 21) })).Item;

        Assert.Equal(AgendaItemStatus.Final, overturned.Status);
        Assert.Equal(Outcome.Rejected, overturned.Outcome);
        Assert.Equal(Outcome.Approved, overturned.FinalOutcome);
        await Eventually.PublishedAsync<ReferralDetermined>(suite.Harness, m => m.Context.Message.Reference == "SECMP0015" && !m.Context.Message.Upheld);
        await Eventually.PublishedAsync<ModificationApproved>(suite.Harness, m => m.Context.Message.Reference == "SECMP0015");
        Assert.Empty((await board.Client.ListPendingReferralsAsync(new ListPendingReferralsRequest { AsOf = "2020-08-21" })).Items);
    }

    [Fact]
    public async Task The_next_meeting_shows_its_agenda_and_carried_items_arrive_on_it()
    {
        await using var suite = new SuiteFactory(null, ReportDay);
        var board = await new Board(suite).AwaitingAsync(D(2020, 7, 15), DecisionPath.SelfGovernance, "MP124");
        await board.KnowAsync("MP092");
        var july = await board.MeetingAsync(D(2020, 7, 22));
        var august = await board.MeetingAsync(D(2020, 8, 19));
        var ia = (await board.Client.AddAgendaItemAsync(new AddAgendaItemRequest { MeetingId = july, Reference = Ref("MP092"), Kind = AgendaItemKind.ImpactAssessmentRequest })).Item;
        await board.Client.DecideImpactAssessmentRequestAsync(new DecideImpactAssessmentRequestRequest { ItemId = ia.ItemId, Outcome = Outcome.Deferred });
        await board.Client.AddAgendaItemAsync(new AddAgendaItemRequest { MeetingId = august, Reference = Ref("MP092"), Kind = AgendaItemKind.ImpactAssessmentRequest });
        var vote = await board.VoteItemAsync(july, "MP124", DecisionPath.SelfGovernance);
        await board.Client.CarryForwardAsync(new CarryForwardRequest { ItemId = vote.ItemId, ToMeetingId = august });

        var next = await board.Client.GetNextMeetingAsync(new GetNextMeetingRequest { AsOf = "2020-07-31" });

        Assert.Equal(D(2020, 8, 19), next.MeetingOn);
        Assert.Equal(["MP092", "MP124"], next.Agenda.Select(i => i.Reference.Value).Order());
        Assert.All(next.Agenda, i => Assert.Equal(AgendaItemStatus.Open, i.Status));
        Assert.Equal(AgendaItemStatus.CarriedForward, (await board.Client.GetAgendaItemAsync(new() { ItemId = vote.ItemId })).Item.Status);
    }

    [Fact]
    public async Task A_vote_is_not_carried_to_a_meeting_on_whose_day_the_register_no_longer_has_it_before_the_board()
    {
        await using var suite = new SuiteFactory(null, ReportDay);
        var board = new Board(suite);
        await new Register(suite).ImportAsync("MP125", "MP125 title", Board.RaisedOn, path: Sec.Proposals.V1.DecisionPath.SelfGovernance,
            history: [Register.Step(Board.RaisedOn, "Refinement Process"), Register.Step(D(2020, 7, 15), "Change Board"), Register.Step(D(2020, 8, 3), "Refinement Process")]);
        await board.RegisterSaysAsync("MP125", Stage.Refinement);
        var july = await board.MeetingAsync(D(2020, 7, 22));
        var august = await board.MeetingAsync(D(2020, 8, 19));
        var vote = await board.VoteItemAsync(july, "MP125", DecisionPath.SelfGovernance);

        var refused = await Assert.ThrowsAsync<RpcException>(() => board.Client.CarryForwardAsync(new CarryForwardRequest { ItemId = vote.ItemId, ToMeetingId = august }).ResponseAsync);

        Assert.Equal(StatusCode.FailedPrecondition, refused.StatusCode);
        Assert.Contains("a Change Board vote needs it Awaiting Change Board decision on 19 August 2020", refused.Status.Detail);
        Assert.Equal(AgendaItemStatus.Open, (await board.Client.GetAgendaItemAsync(new() { ItemId = vote.ItemId })).Item.Status);
    }

    [Fact]
    public async Task A_deferred_Impact_Assessment_request_is_carried_to_a_later_meeting_and_decided_there()
    {
        await using var suite = await SuiteFactory.StartAsync(new DateTimeOffset(2020, 9, 1, 9, 0, 0, TimeSpan.Zero));
        var board = await new Board(suite).KnowAsync("MP092");
        var july = await board.MeetingAsync(D(2020, 7, 22));
        var august = await board.MeetingAsync(D(2020, 8, 19));
        var ia = (await board.Client.AddAgendaItemAsync(new AddAgendaItemRequest { MeetingId = july, Reference = Ref("MP092"), Kind = AgendaItemKind.ImpactAssessmentRequest })).Item;
        await board.Client.DecideImpactAssessmentRequestAsync(new DecideImpactAssessmentRequestRequest { ItemId = ia.ItemId, Outcome = Outcome.Deferred });

        var carried = (await board.Client.CarryForwardAsync(new CarryForwardRequest { ItemId = ia.ItemId, ToMeetingId = august })).Item;
        var again = await Assert.ThrowsAsync<RpcException>(() => board.Client.CarryForwardAsync(new CarryForwardRequest { ItemId = ia.ItemId, ToMeetingId = august }).ResponseAsync);
        var approved = (await board.Client.DecideImpactAssessmentRequestAsync(new DecideImpactAssessmentRequestRequest { ItemId = carried.ItemId, Outcome = Outcome.Approved })).Item;

        Assert.Equal((AgendaItemStatus.Open, D(2020, 8, 19)), (carried.Status, carried.MeetingOn));
        Assert.Equal(StatusCode.FailedPrecondition, again.StatusCode);
        var july22 = (await board.Client.GetAgendaItemAsync(new() { ItemId = ia.ItemId })).Item;
        Assert.Equal((AgendaItemStatus.CarriedForward, Outcome.Deferred), (july22.Status, july22.Outcome));
        Assert.Equal(Outcome.Approved, approved.FinalOutcome);
        await Eventually.PublishedAsync<ImpactAssessmentRequestDecided>(suite.Harness, m => m.Context.Message.Reference == "MP092"
            && m.Context.Message.Outcome == ImpactAssessmentRequestOutcome.Approved && m.Context.Message.EffectiveOn == new DateOnly(2020, 8, 19));
    }
}
