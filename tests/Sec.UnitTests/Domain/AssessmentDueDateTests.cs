using Sec.Contracts;
using Sec.Assessments.Domain;
using Sec.Calendar;

namespace Sec.UnitTests.Domain;

public sealed class AssessmentDueDateTests
{
    private static readonly LegalWorkingDays Legal = new(HolidayCalendar.Embedded);

    private static Assessment Accepted(params ClockStopPeriod[] stops) =>
        Assessment.Request("MP078", new DateOnly(2020, 1, 9), AssessmentKind.Preliminary, new DateOnly(2020, 3, 2)).State.Accept(new DateOnly(2020, 3, 2), 15).State with { ClockStops = stops };

    [Fact]
    public void A_running_clock_is_due_on_the_15th_legal_working_day() =>
        Assert.Equal(new DateOnly(2020, 3, 20), Accepted().DueOn(Legal));

    [Fact]
    public void Each_stopped_working_day_moves_the_due_date_on() =>
        Assert.Equal(new DateOnly(2020, 3, 27), Accepted(new ClockStopPeriod(new DateOnly(2020, 3, 9), new DateOnly(2020, 3, 13), "waiting")).DueOn(Legal));

    [Fact]
    public void A_clock_still_stopped_short_of_the_target_has_no_due_date() =>
        Assert.Null(Accepted(new ClockStopPeriod(new DateOnly(2020, 3, 9), null, "waiting")).DueOn(Legal));

    [Fact]
    public void A_clock_stopped_after_the_target_keeps_the_due_date_it_passed() =>
        Assert.Equal(new DateOnly(2020, 3, 20), Accepted(new ClockStopPeriod(new DateOnly(2020, 4, 1), null, "waiting")).DueOn(Legal));
}
