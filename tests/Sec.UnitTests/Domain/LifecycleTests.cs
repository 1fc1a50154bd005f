using Sec.BuildingBlocks.Domain;
using Sec.Proposals.Domain;
using Sec.Contracts;

namespace Sec.UnitTests.Domain;

public sealed class LifecycleTests
{
    private static readonly Actor Clerk = new("Holly Burton", "SECAS");
    private static readonly DateTimeOffset Now = new(2020, 8, 7, 9, 0, 0, TimeSpan.Zero);
    private static DateOnly D(int y, int m, int d) => new(y, m, d);

    private static Proposal Raised(string title = "CH Alert Storm Consolidation") =>
        Proposal.Raise(ModificationReference.Draft(119), new RaiseDraftProposal(title, "Alert storms", new Proposer("Graeme Liggett", "DCC"), D(2020, 3, 10)), Clerk, Now).State;

    [Fact]
    public void Each_phase_has_its_statuses()
    {
        Assert.Equal(Phase.Define, Lifecycle.PhaseOf(Stage.ReadyForConversion));
        Assert.Equal(Phase.Refine, Lifecycle.PhaseOf(Stage.Refinement));
        Assert.Equal(Phase.Opine, Lifecycle.PhaseOf(Stage.AwaitingAuthority));
        Assert.Equal(Phase.Release, Lifecycle.PhaseOf(Stage.AwaitingImplementation));
        Assert.Equal("Awaiting Authority Decision", Lifecycle.StatusOf(Stage.AwaitingAuthority));
    }

    [Theory]
    [InlineData("Initial Modification Report", Phase.Define)]
    [InlineData("Refinement", Phase.Refine)]
    [InlineData("Modification Report", Phase.Opine)]
    [InlineData("Change Board", Phase.Opine)]
    [InlineData("Awaiting Authority Decision", Phase.Opine)]
    [InlineData("Pending Implementation", Phase.Release)]
    public void The_2016_stage_names_map_onto_todays_phases(string name, Phase phase) =>
        Assert.Equal(phase, Lifecycle.PhaseOf(Lifecycle.LegacyStageNames[name]));

    [Fact]
    public void Conversion_keeps_the_number_and_sets_the_path()
    {
        var ready = ProposalSteps.RecordCscDecision(Raised(), CscOutcome.ReadyForConversion, D(2020, 3, 26), "", Clerk, Now).State;
        var converted = ProposalSteps.Convert(ready, ConversionRoute.RefinementProcess, DecisionPath.SelfGovernance, urgent: false, D(2020, 4, 17), "", Clerk, Now).State;

        Assert.Equal("MP119", converted.Reference.Value);
        Assert.Equal(Phase.Refine, converted.Phase);
        Assert.Equal(DecisionPath.SelfGovernance, converted.State.Path);
        Assert.Equal(3, converted.Version);
        Assert.Equal("DP119", converted.AsOf(D(2020, 4, 8))!.Reference);
    }

    [Fact]
    public void A_Draft_Proposal_cannot_skip_the_Change_Sub_Committee()
    {
        var ex = Assert.Throws<MoveNotAllowed>(() =>
            ProposalSteps.Convert(Raised(), ConversionRoute.RefinementProcess, DecisionPath.SelfGovernance, false, D(2020, 4, 17), "", Clerk, Now));
        Assert.Contains("Allowed moves:", ex.Message);
    }

    [Fact]
    public void While_on_hold_only_resuming_or_withdrawing_is_allowed()
    {
        var held = ProposalSteps.PutOnHold(Raised(), D(2020, 4, 1), "", Clerk, Now).State;
        Assert.Equal([Move.Resume, Move.Withdraw], Lifecycle.AllowedMoves(held.State));
        Assert.StartsWith("On hold", held.Status);
        var resumed = ProposalSteps.Resume(held, D(2020, 10, 1), "", Clerk, Now).State;
        Assert.Equal([(D(2020, 4, 1), (DateOnly?)D(2020, 10, 1))], resumed.HoldPeriods());
    }

    [Fact]
    public void A_Self_Governance_approval_goes_to_Release_and_a_Path_2_vote_goes_to_the_Authority()
    {
        Proposal AwaitingBoard(DecisionPath path) => Raised() with { State = new ProposalState { Stage = Stage.AwaitingChangeBoard, Path = path } };

        Assert.Equal(Stage.AwaitingImplementation, ProposalSteps.RecordChangeBoardDecision(AwaitingBoard(DecisionPath.SelfGovernance), DecisionOutcome.Approved, D(2020, 7, 22), Clerk, Now).State.State.Stage);
        Assert.Equal(Stage.Rejected, ProposalSteps.RecordChangeBoardDecision(AwaitingBoard(DecisionPath.SelfGovernance), DecisionOutcome.Rejected, D(2020, 7, 22), Clerk, Now).State.State.Stage);
        Assert.Equal(Stage.AwaitingAuthority, ProposalSteps.RecordChangeBoardDecision(AwaitingBoard(DecisionPath.AuthorityDetermination), DecisionOutcome.Rejected, D(2020, 7, 22), Clerk, Now).State.State.Stage);
    }

    [Fact]
    public void Terminal_stages_allow_nothing()
    {
        foreach (var stage in new[] { Stage.Implemented, Stage.Rejected, Stage.Withdrawn })
            Assert.Empty(Lifecycle.AllowedMoves(new ProposalState { Stage = stage }));
    }
}
