using Sec.Contracts;
using Sec.Identity;
using DecisionPath = Sec.Proposals.V1.DecisionPath;
using Phase = Sec.Proposals.V1.Phase;
using Sec.Proposals.Storage;
using Sec.Proposals.V1;

namespace Sec.ServiceTests.Proposals;

public sealed class LifecycleTests : SuiteTests
{
    private Task<string> SnapshotAsync() =>
        Rows.SnapshotAsync(Suite.Get<ProposalsStore>(), "Proposal", "ProposalHistory", "OutboxMessage", "DurableTimer", "Counter", "AuditEntry");

    [Fact]
    public async Task DP119_replayed_from_the_April_2020_paper_reads_back_as_of_8_April_2020()
    {
        await Register.ImportAsync("DP119", "CH Alert Storm Consolidation", D(2020, 3, 10));
        await Register.CscReadyAsync("DP119", D(2020, 3, 26));
        var converted = await Register.ConvertAsync("DP119", D(2020, 4, 17));

        var asOf8April = await Proposals.GetProposalAsOfAsync(new GetProposalAsOfRequest { Reference = Ref("DP119"), AsOf = "2020-04-08" });
        var asOf1May = await Proposals.GetProposalAsOfAsync(new GetProposalAsOfRequest { Reference = Ref("mp119"), AsOf = "2020-05-01" });

        Assert.Equal("MP119", converted.Reference.Value);
        Assert.Equal("DP119", asOf8April.Reference.Value);
        Assert.Equal(Phase.Define, asOf8April.Phase);
        Assert.Equal("Ready for conversion", asOf8April.Status);
        Assert.Equal("MP119", asOf1May.Reference.Value);
        Assert.Equal(Phase.Refine, asOf1May.Phase);
        Assert.Equal("Refinement Process", asOf1May.Status);
        Assert.Equal(["Raised", "Change Sub-Committee: ready for conversion", "Converted to MP119"], converted.History.Select(h => h.Step));
        Assert.Equal("DP120", (await Proposals.RaiseDraftProposalAsync(RaiseDraftProposalTests.Dp119())).Proposal.Reference.Value);
        var releases = new Sec.Releases.V1.ReleasesService.ReleasesServiceClient(Suite.Channel());
        var known = await Eventually.GetAsync(() => releases.GetKnownModificationAsync(new Sec.Releases.V1.GetKnownModificationRequest { Reference = Ref("MP119") }).ResponseAsync);
        Assert.Equal("CH Alert Storm Consolidation", known.Modification.Title);
        await Eventually.UntilAsync(async () => await Rows.CountAsync(Suite.Get<Sec.Releases.Storage.ReleasesStore>(), "KnownModification WHERE Reference = 'DP119'") == 0,
            "Releases to forget DP119 once it is MP119");
    }

    [Fact]
    public async Task Converting_a_withdrawn_draft_proposal_is_refused_naming_its_status_and_writes_nothing()
    {
        await Register.ImportAsync("DP094", "Supporting prepayment customers in no SM WAN scenarios", D(2020, 1, 6),
            history: [Step(D(2020, 2, 3), "Withdrawn")]);
        var before = await SnapshotAsync();

        var ex = await Assert.ThrowsAsync<RpcException>(() => Register.ConvertAsync("DP94", D(2020, 4, 17)));

        Assert.Equal(StatusCode.FailedPrecondition, ex.StatusCode);
        Assert.Contains("DP094 is Withdrawn", ex.Status.Detail);
        Assert.Contains("No further moves are allowed", ex.Status.Detail);
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task An_illegal_move_names_the_allowed_ones()
    {
        await Register.ImportAsync("DP121", "Commissioning non-commissioned Devices after CoS", D(2020, 3, 24), "Paul Saker", "EDF Energy");

        var ex = await Assert.ThrowsAsync<RpcException>(() => Register.ConvertAsync("DP121", D(2020, 4, 17)));

        Assert.Equal(StatusCode.FailedPrecondition, ex.StatusCode);
        Assert.Contains("Draft Proposal raised", ex.Status.Detail);
        Assert.Contains("Allowed moves: amend the problem statement, record a Change Sub-Committee decision, put on hold, withdraw", ex.Status.Detail);
    }

    [Fact]
    public async Task Only_the_Panel_may_raise_a_Fast_Track_modification()
    {
        var request = RaiseDraftProposalTests.Dp119();
        request.FastTrack = true;
        // Naming the Panel as proposer grants nothing: the caller's panel role does.
        request.Proposer.Organisation = "SEC Panel";
        var secas = new ProposalsService.ProposalsServiceClient(Suite.Channel(roles: [SecRoles.Secas]));
        var panel = new ProposalsService.ProposalsServiceClient(Suite.Channel("Chair", "SEC Panel", [SecRoles.Panel]));
        var before = await SnapshotAsync();

        var refused = await Assert.ThrowsAsync<RpcException>(() => secas.RaiseDraftProposalAsync(request).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, refused.StatusCode);
        Assert.Contains("raised by the Panel; Holly Burton acts as secas", refused.Status.Detail);
        Assert.Equal(before, await SnapshotAsync());

        var raised = (await panel.RaiseDraftProposalAsync(request)).Proposal;
        Assert.StartsWith("MP", raised.Reference.Value);
        Assert.Equal(DecisionPath.FastTrackSelfGovernance, raised.Path);
        Assert.Equal(Phase.Opine, raised.Phase);

        // Fast-Track needs no Modification Report: it goes straight to the Change Board.
        var report = await Assert.ThrowsAsync<RpcException>(() => Proposals.IssueModificationReportAsync(
            new IssueModificationReportRequest { Reference = raised.Reference, EffectiveOn = D(2020, 3, 11) }).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, report.StatusCode);
        var submitted = (await Proposals.SubmitForDecisionAsync(new SubmitForDecisionRequest { Reference = raised.Reference, EffectiveOn = D(2020, 3, 11) })).Proposal;
        Assert.Equal("Awaiting Change Board decision", submitted.Status);
        await Eventually.PublishedAsync<ModificationReadyForDecision>(Suite.Harness, m => m.Context.Message.Reference == raised.Reference.Value);
    }

    [Fact]
    public async Task A_step_may_not_take_effect_before_the_one_it_follows()
    {
        await Register.ImportAsync("DP122", "Operational Metrics", D(2020, 3, 24), "Gemma Slaney", "Western Power Distribution");
        var before = await SnapshotAsync();

        var ex = await Assert.ThrowsAsync<RpcException>(() => Register.CscReadyAsync("DP122", D(2020, 3, 1)));

        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        Assert.Contains("effective_on", ex.ViolatedFields());
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task A_modification_taken_through_every_phase_reports_each_phase_on_its_dates()
    {
        await Register.ImportAsync("DP103", "DCC SOC2 Assessments", D(2019, 9, 2));
        await Register.CscReadyAsync("DP103", D(2019, 10, 1));
        await Register.ConvertAsync("DP103", D(2019, 10, 18));
        var c = Register.Client;
        var mp = Ref("MP103");
        await c.ProgressToReportPhaseAsync(new ProgressToReportPhaseRequest { Reference = mp, EffectiveOn = D(2020, 5, 15) });
        await c.IssueModificationReportAsync(new IssueModificationReportRequest { Reference = mp, EffectiveOn = D(2020, 5, 20) });
        await c.SubmitForDecisionAsync(new SubmitForDecisionRequest { Reference = mp, EffectiveOn = D(2020, 7, 1) });
        await Suite.Harness.Bus.Publish(new ModificationApproved(Guid.NewGuid(), "MP103", new DateOnly(2020, 7, 22), "Change Board"));
        await Eventually.UntilAsync(async () => (await Register.GetAsync("MP103")).Phase == Phase.Release, "the Change Board's approval to reach the register");
        await Suite.Harness.Bus.Publish(new ModificationImplemented(Guid.NewGuid(), "MP103", new DateOnly(2020, 11, 5), "November 2020 SEC Release"));
        await Eventually.UntilAsync(async () => (await Register.GetAsync("MP103")).Phase == Phase.Implemented, "the release to reach the register");

        async Task<Phase> On(string date) => (await c.GetProposalAsOfAsync(new GetProposalAsOfRequest { Reference = mp, AsOf = date })).Phase;
        Assert.Equal(Phase.Define, await On("2019-10-17"));
        Assert.Equal(Phase.Refine, await On("2020-05-14"));
        Assert.Equal(Phase.Opine, await On("2020-07-21"));
        Assert.Equal(Phase.Release, await On("2020-07-31"));
        Assert.Equal(Phase.Implemented, await On("2020-11-05"));
    }

    [Fact]
    public async Task On_Paths_1_and_2_the_vote_is_a_recommendation_and_the_Authority_decides()
    {
        await Register.ImportAsync("MP088", "Power to raise modifications", D(2019, 11, 4), path: DecisionPath.AuthorityDetermination, history:
            [Step(D(2020, 1, 10), "Refinement Process"), Step(D(2020, 5, 1), "Modification Report"), Step(D(2020, 6, 24), "Change Board")]);

        await Suite.Harness.Bus.Publish(new ModificationRecommended(Guid.NewGuid(), "MP088", new DateOnly(2020, 6, 24), RecommendsApproval: true));
        await Eventually.UntilAsync(async () => (await Register.GetAsync("MP088")).Status == "Awaiting Authority Decision", "the recommendation");
        var pending = (await Proposals.SearchProposalsAsync(new SearchProposalsRequest { Status = "Awaiting Authority Decision" })).Proposals;
        await Suite.Harness.Bus.Publish(new AuthorityDecided(Guid.NewGuid(), "MP088", new DateOnly(2020, 9, 1), DecisionOutcome.Approved));
        await Eventually.UntilAsync(async () => (await Register.GetAsync("MP088")).Phase == Phase.Release, "the Authority's decision");

        Assert.Equal(["MP088"], pending.Select(p => p.Reference.Value));
    }
}
