using Sec.Calendar;

namespace Sec.UnitTests.Calendar;

public sealed class WorkingDayTests
{
    private static readonly LegalWorkingDays Legal = new(HolidayCalendar.Embedded);
    private static readonly PublishedWeekdays Published = new();
    private static DateOnly D(int y, int m, int d) => new(y, m, d);

    [Theory]
    [InlineData(2019, 7, 30, 2020, 4, 8, 182)] // SECMP0007 IA, April 2020 report
    [InlineData(2019, 7, 2, 2020, 7, 31, 284)] // SECMP0056 IA, August 2020 report
    [InlineData(2019, 7, 2, 2020, 4, 8, 202)]  // SECMP0056 IA, April 2020 report
    [InlineData(2019, 4, 25, 2020, 4, 8, 250)] // SECMP0015 IA, April 2020 report
    [InlineData(2019, 6, 13, 2020, 4, 8, 215)] // SECMP0066 PA, April 2020 report
    [InlineData(2020, 3, 26, 2020, 4, 8, 10)]  // MP078 PA, April 2020 report
    [InlineData(2019, 12, 2, 2020, 4, 8, 93)]  // MP092 PA, April 2020 report
    public void Published_duration_reproduces_the_reports(int y1, int m1, int d1, int y2, int m2, int d2, int expected) =>
        Assert.Equal(expected, Published.Duration(D(y1, m1, d1), D(y2, m2, d2)));

    [Fact]
    public void Published_duration_counts_bank_holidays_as_working_days_and_legal_days_do_not()
    {
        // Good Friday and Easter Monday 2020 fall inside.
        Assert.Equal(10, Published.Duration(D(2020, 4, 6), D(2020, 4, 17)));
        Assert.Equal(8, Legal.Duration(D(2020, 4, 6), D(2020, 4, 17)));
    }

    [Theory]
    [InlineData(2020, 5, 8, false)]   // VE Day, the one-off move of the early May holiday
    [InlineData(2020, 5, 4, true)]    // so the first Monday of May 2020 was a working day
    [InlineData(2022, 6, 2, false)]   // Spring bank holiday moved
    [InlineData(2022, 6, 3, false)]   // Platinum Jubilee
    [InlineData(2022, 5, 30, true)]   // the usual last Monday of May was not a holiday in 2022
    [InlineData(2022, 9, 19, false)]  // State Funeral
    [InlineData(2023, 5, 8, false)]   // Coronation
    [InlineData(2020, 12, 28, false)] // Boxing Day substitute
    [InlineData(2021, 12, 27, false)] // Christmas substitute
    [InlineData(2021, 12, 28, false)] // Boxing Day substitute
    [InlineData(2022, 1, 3, false)]   // New Year substitute
    [InlineData(2017, 1, 2, false)]   // New Year substitute
    [InlineData(2020, 7, 25, false)]  // a Saturday
    [InlineData(2020, 7, 26, false)]  // a Sunday
    [InlineData(2020, 7, 27, true)]   // a Monday
    public void Legal_working_days_skip_weekends_and_every_kind_of_bank_holiday(int y, int m, int d, bool working) =>
        Assert.Equal(working, Legal.Counts(D(y, m, d)));

    [Fact]
    public void A_period_of_N_working_days_ends_on_the_Nth_working_day_after_its_start()
    {
        // SECMP0015 rejected on Wednesday 22 July 2020: the 10-day referral window ends on 5 August.
        Assert.Equal(D(2020, 8, 5), Legal.AddWorkingDays(D(2020, 7, 22), 10));
        // Across Christmas and New Year 2020: 25, 28 Dec and 1 Jan are holidays.
        Assert.Equal(D(2021, 1, 6), Legal.AddWorkingDays(D(2020, 12, 18), 10));
        // Across the 2022 jubilee weekend.
        Assert.Equal(D(2022, 6, 6), Legal.AddWorkingDays(D(2022, 6, 1), 1));
        Assert.Equal(D(2020, 7, 22), Legal.AddWorkingDays(D(2020, 7, 22), 0));
    }

    [Fact]
    public void Clock_stops_are_not_counted_and_overlapping_stops_count_once()
    {
        var start = D(2020, 1, 6);
        var end = D(2020, 1, 31); // 20 weekdays
        Assert.Equal(20, Published.Duration(start, end));
        Assert.Equal(15, Published.Duration(start, end, [new ClockStop(D(2020, 1, 13), D(2020, 1, 17))]));
        Assert.Equal(13, Published.Duration(start, end, [new ClockStop(D(2020, 1, 13), D(2020, 1, 17)), new ClockStop(D(2020, 1, 15), D(2020, 1, 21))]));
        // A stop running past the window counts only inside it; one wholly on a weekend removes nothing.
        Assert.Equal(18, Published.Duration(start, end, [new ClockStop(D(2020, 1, 30), D(2020, 2, 14))]));
        Assert.Equal(20, Published.Duration(start, end, [new ClockStop(D(2020, 1, 11), D(2020, 1, 12))]));
        // Legal counting removes holidays inside and outside the stop alike, never twice.
        Assert.Equal(8, Legal.Duration(D(2020, 4, 6), D(2020, 4, 17), [new ClockStop(D(2020, 4, 13), D(2020, 4, 13))]));
    }

    [Fact]
    public void A_start_date_derived_from_a_published_duration_reproduces_that_duration()
    {
        var start = Published.StartFor(D(2020, 3, 17), 27);
        Assert.Equal(27, Published.Duration(start, D(2020, 3, 17)));
        Assert.Equal(D(2020, 2, 10), start);
    }

    [Fact]
    public void Policies_are_chosen_by_name()
    {
        Assert.IsType<LegalWorkingDays>(WorkingDayPolicies.ByName("legal-working-days", HolidayCalendar.Embedded));
        Assert.IsType<PublishedWeekdays>(WorkingDayPolicies.ByName("published-weekdays", HolidayCalendar.Embedded));
        Assert.Throws<ArgumentException>(() => WorkingDayPolicies.ByName("calendar-days", HolidayCalendar.Embedded));
    }
}
