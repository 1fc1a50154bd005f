using Sec.BuildingBlocks.Domain;
using Sec.ChangeBoard.Domain;
using Sec.Contracts;

namespace Sec.UnitTests.Domain;

/// <summary>The Change Board's checks against the register's history, judged on the business date.</summary>
public sealed class ChangeBoardRegisterAgreementTests
{
    private static DateOnly D(int y, int m, int d) => new(y, m, d);

    private static RegisterStep At(DateOnly on, Stage stage, bool onHold = false, DecisionPath path = DecisionPath.SelfGovernance) =>
        new(on, stage.ToString(), stage, Phase.Opine, stage.ToString(), path, onHold);

    private static RegisterView View(params RegisterStep[] steps) => new("MP150", "A title", D(2026, 1, 5), steps.Length, steps);

    private static readonly RegisterStep Refined = At(D(2026, 2, 2), Stage.Refinement);

    [Fact]
    public void Before_the_board_means_submitted_on_or_before_the_meeting_and_not_moved_on_before_it()
    {
        var submitted = View(Refined, At(D(2026, 10, 20), Stage.AwaitingChangeBoard), At(D(2026, 10, 28), Stage.AwaitingImplementation));

        Assert.False(RegisterAgreement.BeforeTheBoardOn(submitted, D(2026, 10, 19)));
        Assert.True(RegisterAgreement.BeforeTheBoardOn(submitted, D(2026, 10, 20)));
        Assert.True(RegisterAgreement.BeforeTheBoardOn(submitted, D(2026, 10, 28))); // decided that day
        Assert.False(RegisterAgreement.BeforeTheBoardOn(submitted, D(2026, 10, 29)));
    }

    [Fact]
    public void Papers_that_record_the_decision_on_the_meeting_day_without_the_waiting_stage_count_as_before_the_board()
    {
        var straightToTheAuthority = View(Refined, At(D(2019, 3, 27), Stage.AwaitingAuthority));
        var neverSubmitted = View(Refined);
        var onHold = View(Refined, At(D(2026, 10, 20), Stage.AwaitingChangeBoard, onHold: true));

        Assert.True(RegisterAgreement.BeforeTheBoardOn(straightToTheAuthority, D(2019, 3, 27)));
        Assert.False(RegisterAgreement.BeforeTheBoardOn(straightToTheAuthority, D(2019, 3, 28)));
        Assert.False(RegisterAgreement.BeforeTheBoardOn(neverSubmitted, D(2026, 10, 28)));
        Assert.False(RegisterAgreement.BeforeTheBoardOn(onHold, D(2026, 10, 28)));
    }

    [Fact]
    public void A_vote_takes_the_registers_path_and_refuses_another()
    {
        var view = View(Refined, At(D(2026, 10, 20), Stage.AwaitingChangeBoard));

        Assert.Equal(DecisionPath.SelfGovernance, RegisterAgreement.PathFor(view, D(2026, 10, 28), DecisionPath.None));
        var refused = Assert.Throws<MoveNotAllowed>(() => RegisterAgreement.PathFor(view, D(2026, 10, 28), DecisionPath.AuthorityLed));
        Assert.Contains("Path 3 (Self-Governance)", refused.Message);
        Assert.Contains("Path 1 (Authority-led)", refused.Message);
    }

    private static AgendaItem FinalByItsWindow() => new()
    {
        Id = "item", MeetingId = "meeting", MeetingOn = D(2026, 10, 28), Reference = "MP150", Kind = AgendaItemKind.ModificationVote,
        Path = DecisionPath.SelfGovernance, Status = ItemStatus.Final, Outcome = Outcome.Approved, FinalOutcome = Outcome.Approved,
        ReferralWindowEndsOn = D(2026, 11, 11), FinalOn = D(2026, 11, 11), Version = 3,
    };

    [Fact]
    public void A_late_referral_inside_the_window_reopens_the_decision_then_refers_it()
    {
        var approved = View(Refined, At(D(2026, 10, 20), Stage.AwaitingChangeBoard), At(D(2026, 11, 11), Stage.AwaitingImplementation));

        var (referred, effects) = FinalByItsWindow().Refer(" Example Energy ", D(2026, 11, 10), approved, D(2026, 11, 25));

        Assert.Equal((ItemStatus.Referred, "Example Energy", D(2026, 11, 10), (DateOnly?)null), (referred.Status, referred.ReferredBy, referred.ReferredOn, referred.FinalOn));
        Assert.Collection(effects.Events,
            e => Assert.Equal(DecisionOutcome.Approved, Assert.IsType<ModificationDecisionReopened>(e).ReopenedOutcome),
            e => Assert.Equal("Example Energy", Assert.IsType<ModificationReferred>(e).ReferredBy));
    }

    [Fact]
    public void A_late_referral_after_the_window_or_on_an_implemented_modification_is_refused()
    {
        var implemented = View(Refined, At(D(2026, 10, 20), Stage.AwaitingChangeBoard), At(D(2026, 11, 20), Stage.Implemented));
        var determined = FinalByItsWindow() with { ReferredBy = "A party", ReferredOn = D(2026, 11, 2), FinalOn = D(2026, 11, 20) };

        Assert.Contains("referral window ended", Assert.Throws<MoveNotAllowed>(() => FinalByItsWindow().Refer("A party", D(2026, 11, 12), implemented, D(2026, 11, 25))).Message);
        Assert.Contains("already implemented", Assert.Throws<MoveNotAllowed>(() => FinalByItsWindow().Refer("A party", D(2026, 11, 10), implemented, D(2026, 11, 25))).Message);
        Assert.Contains("is Final", Assert.Throws<MoveNotAllowed>(() => determined.Refer("A party", D(2026, 11, 10), implemented, D(2026, 11, 25))).Message);
    }

    [Fact]
    public void A_reversed_withdrawal_reinstates_only_what_it_cancelled()
    {
        var open = FinalByItsWindow() with { Status = ItemStatus.Open, Outcome = Outcome.None, FinalOutcome = Outcome.None, FinalOn = null, ReferralWindowEndsOn = null };
        var cancelled = open.Cancel(D(2026, 11, 20))!;

        Assert.Equal(ItemStatus.Open, cancelled.Reinstate(D(2026, 11, 20))!.Status);
        Assert.Null(cancelled.Reinstate(D(2026, 11, 19)));
        Assert.Null(open.Reinstate(D(2026, 11, 20)));
    }
}
