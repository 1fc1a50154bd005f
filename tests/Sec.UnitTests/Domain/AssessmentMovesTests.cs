using Sec.Assessments.Domain;
using Sec.BuildingBlocks.Domain;
using Sec.Calendar;
using Sec.Contracts;

namespace Sec.UnitTests.Domain;

/// <summary>Accepting an assessment afresh, withdrawing its request and the DCC's forecasts, as pure steps.</summary>
public sealed class AssessmentMovesTests
{
    private static readonly PublishedWeekdays Published = new();

    private static DateOnly On(int y, int m, int d) => new(y, m, d);

    private static readonly DateOnly Raised = new(2019, 3, 1);

    /// <summary>An Impact Assessment the Change Board approved and the DCC accepted on the date.</summary>
    private static Assessment Accepted(DateOnly on) =>
        (Assessment.Request("SECMP0007", Raised, AssessmentKind.Impact, on).State with { Status = AssessmentStatus.Approved }).Accept(on, 40).State;

    [Fact]
    public void A_fresh_acceptance_dated_back_stands_from_the_day_it_was_made()
    {
        var (afresh, effects) = Accepted(On(2019, 7, 30)).AcceptAfresh(On(2020, 2, 6), On(2020, 4, 9), null, "Re-baselined");

        Assert.Equal(On(2019, 7, 30), afresh.AsItStoodOn(On(2020, 4, 8)).AcceptedOn);
        Assert.Equal(On(2020, 2, 6), afresh.AsItStoodOn(On(2020, 4, 9)).AcceptedOn);
        Assert.Equal(182, afresh.AsItStoodOn(On(2020, 4, 8)).Duration(Published, On(2020, 4, 8)));
        Assert.Equal(127, afresh.AsItStoodOn(On(2020, 7, 31)).Duration(Published, On(2020, 7, 31)));
        var published = Assert.IsType<AssessmentAcceptedAfresh>(Assert.Single(effects.Events));
        Assert.Equal((On(2020, 4, 9), On(2019, 7, 30), 40), (published.EffectiveOn, published.PreviousAcceptedOn, published.TargetWorkingDays));
    }

    [Fact]
    public void A_second_fresh_acceptance_keeps_both_earlier_ones_in_order()
    {
        var twice = Accepted(On(2020, 1, 6)).AcceptAfresh(On(2020, 2, 3), On(2020, 2, 3), 30, "First").State
            .AcceptAfresh(On(2020, 3, 2), On(2020, 3, 2), null, "Second").State;

        Assert.Equal([On(2020, 1, 6), On(2020, 2, 3)], twice.PastAcceptances.Select(p => p.AcceptedOn));
        Assert.Equal((On(2020, 3, 2), 30), (twice.AcceptedOn, twice.TargetWorkingDays));
        Assert.Equal(On(2020, 2, 3), twice.AsItStoodOn(On(2020, 2, 20)).AcceptedOn);
    }

    [Fact]
    public void A_fresh_acceptance_is_refused_while_the_clock_is_stopped_or_before_the_one_it_replaces()
    {
        var accepted = Accepted(On(2020, 1, 6));
        var stopped = accepted.StopClock(new ClockStopPeriod(On(2020, 1, 13), null, "Waiting")).State;

        Assert.Throws<MoveNotAllowed>(() => stopped.AcceptAfresh(On(2020, 2, 3), On(2020, 2, 3), null, "Too soon"));
        Assert.Equal("accepted_on", Assert.Throws<InvalidFields>(() => accepted.AcceptAfresh(On(2020, 1, 6), On(2020, 1, 6), null, "Same day")).Violations.Single().Field);
        Assert.Equal("made_on", Assert.Throws<InvalidFields>(() => accepted.AcceptAfresh(On(2020, 2, 3), On(2020, 2, 1), null, "Before")).Violations.Single().Field);
    }

    [Fact]
    public void A_withdrawn_request_is_closed_on_its_date_ends_an_open_stop_and_may_be_re_requested()
    {
        var stopped = Accepted(On(2020, 1, 6)).StopClock(new ClockStopPeriod(On(2020, 1, 13), null, "Waiting")).State;

        var (withdrawn, effects) = stopped.Withdraw(On(2020, 1, 20), "No longer needed");

        Assert.Equal((AssessmentStatus.Withdrawn, On(2020, 1, 20), On(2020, 1, 20)), (withdrawn.Status, withdrawn.ClosedOn, withdrawn.ClockStops.Single().To));
        Assert.True(withdrawn.IsOpenOn(On(2020, 1, 17)));
        Assert.False(withdrawn.IsOpenOn(On(2020, 1, 20)));
        Assert.IsType<AssessmentWithdrawn>(Assert.Single(effects.Events));
        Assert.Throws<MoveNotAllowed>(() => withdrawn.Withdraw(On(2020, 1, 21), "Again"));
        Assert.Equal(withdrawn.Id, withdrawn.ReRequest(Raised, On(2020, 1, 22)).State.ReRequests);
    }

    [Fact]
    public void A_request_is_not_dated_before_the_modification_was_raised_nor_a_re_request_before_the_last_closed()
    {
        var before = Assert.Throws<InvalidFields>(() => Assessment.Request("SECMP0007", Raised, AssessmentKind.Preliminary, Raised.AddDays(-1))).Violations.Single();
        var withdrawn = Accepted(On(2020, 1, 6)).Withdraw(On(2020, 1, 20), "No longer needed").State;
        var early = Assert.Throws<InvalidFields>(() => withdrawn.ReRequest(Raised, On(2020, 1, 19))).Violations.Single();

        Assert.Equal(("requested_on", "2019-02-28 is before SECMP0007 was raised, on 2019-03-01"), (before.Field, before.Description));
        Assert.Equal(("requested_on", "2020-01-19 is before SECMP0007 IA closed, on 2020-01-20"), (early.Field, early.Description));
        Assert.Equal(Raised, Assessment.Request("SECMP0007", Raised, AssessmentKind.Preliminary, Raised).State.RequestedOn);
        Assert.Equal(On(2020, 1, 20), withdrawn.ReRequest(Raised, On(2020, 1, 20)).State.RequestedOn);
    }

    [Fact]
    public void What_the_DCC_did_with_an_assessment_in_hand_comes_before_it_is_returned_or_withdrawn()
    {
        static string Refused(Func<object> move) => Assert.Single(Assert.Throws<InvalidFields>(move).Violations) is var v ? $"{v.Field}: {v.Description}" : "";
        var costs = new AssessmentCosts([], null, null);
        var restarted = Accepted(On(2020, 1, 6)).StopClock(new ClockStopPeriod(On(2020, 1, 13), On(2020, 1, 24), "Waiting")).State;
        var forecast = Accepted(On(2020, 1, 6)).ForecastReturn(On(2020, 2, 3), On(2020, 3, 2)).State;
        var afresh = Accepted(On(2020, 1, 6)).AcceptAfresh(On(2020, 1, 20), On(2020, 2, 10), null, "Re-baselined").State;
        var awaiting = Assessment.Request("SECMP0007", Raised, AssessmentKind.Impact, On(2020, 1, 6)).State;

        Assert.Equal("returned_on: 2020-01-23 is before the clock restarted on 2020-01-24", Refused(() => restarted.Return(On(2020, 1, 23), costs)));
        Assert.Equal("withdrawn_on: 2020-01-23 is before the clock restarted on 2020-01-24", Refused(() => restarted.Withdraw(On(2020, 1, 23), "No longer needed")));
        Assert.Equal("returned_on: 2020-02-02 is before the DCC's last forecast, made on 2020-02-03", Refused(() => forecast.Return(On(2020, 2, 2), costs)));
        Assert.Equal("returned_on: 2020-02-09 is before SECMP0007 IA was accepted afresh, on 2020-02-10", Refused(() => afresh.Return(On(2020, 2, 9), costs)));
        Assert.Equal("withdrawn_on: 2020-02-09 is before SECMP0007 IA was accepted afresh, on 2020-02-10", Refused(() => afresh.Withdraw(On(2020, 2, 9), "No longer needed")));
        Assert.Equal("decided_on: 2020-01-05 is before SECMP0007 IA was requested, on 2020-01-06", Refused(() => awaiting.DecideImpactRequest(ImpactAssessmentRequestOutcome.Rejected, On(2020, 1, 5))));
        // On the day itself each is taken.
        Assert.Equal(AssessmentStatus.Returned, restarted.Return(On(2020, 1, 24), costs).State.Status);
        Assert.Equal(AssessmentStatus.Returned, forecast.Return(On(2020, 2, 3), costs).State.Status);
        Assert.Equal(AssessmentStatus.Withdrawn, afresh.Withdraw(On(2020, 2, 10), "No longer needed").State.Status);
        Assert.Equal(AssessmentStatus.Rejected, awaiting.DecideImpactRequest(ImpactAssessmentRequestOutcome.Rejected, On(2020, 1, 6)).Status);
    }

    [Fact]
    public void The_forecast_standing_on_a_date_is_the_last_made_by_then()
    {
        var forecast = Accepted(On(2020, 1, 6)).ForecastReturn(On(2020, 1, 10), On(2020, 3, 2)).State.ForecastReturn(On(2020, 2, 3), On(2020, 3, 16)).State;

        Assert.Null(forecast.ForecastReturnOn(On(2020, 1, 9)));
        Assert.Equal(On(2020, 3, 2), forecast.ForecastReturnOn(On(2020, 2, 2)));
        Assert.Equal(On(2020, 3, 16), forecast.ForecastReturnOn(On(2020, 2, 3)));
        Assert.Equal("made_on", Assert.Throws<InvalidFields>(() => forecast.ForecastReturn(On(2020, 1, 31), On(2020, 3, 30))).Violations.Single().Field);
    }
}
