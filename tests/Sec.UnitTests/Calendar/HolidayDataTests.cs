using Sec.Calendar;

namespace Sec.UnitTests.Calendar;

public sealed class HolidayDataTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("sec-holidays-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Write(string json)
    {
        var path = Path.Combine(_folder, Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(path, json);
        return path;
    }

    [Fact]
    public void The_shipped_data_covers_2016_to_2030_with_eight_or_more_holidays_a_year()
    {
        var years = HolidayCalendar.Embedded.Holidays.GroupBy(h => h.Date.Year).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(Enumerable.Range(2016, 15), years.Keys.Order());
        Assert.All(years.Values, count => Assert.InRange(count, 8, 10));
        Assert.Equal(10, years[2022]);
    }

    [Fact]
    public void An_operator_file_extends_the_calendar_without_a_code_change()
    {
        var extra = Write("""{ "version": "2031-draft", "holidays": [ { "date": "2031-01-01", "name": "New Year's Day" } ] }""");

        var calendar = HolidayCalendar.Load(extra);

        Assert.True(calendar.IsHoliday(new DateOnly(2031, 1, 1)));
        Assert.False(HolidayCalendar.Embedded.IsHoliday(new DateOnly(2031, 1, 1)));
        Assert.Equal(["2026-11-23.1", "2031-draft"], calendar.Versions);
        Assert.Equal(new DateOnly(2031, 1, 3), new LegalWorkingDays(calendar).AddWorkingDays(new DateOnly(2030, 12, 31), 2));
    }

    [Theory]
    [InlineData("""{ "version": "x", "holidays": [ { "date": "2031-01-04", "name": "A Saturday" } ] }""", "2031-01-04")]
    [InlineData("""{ "version": "x", "holidays": [ { "date": "2020-05-08", "name": "Twice" } ] }""", "2020-05-08")]
    [InlineData("""{ "version": "x", "holidays": [ { "date": "8 May 2031", "name": "Bad date" } ] }""", "8 May 2031")]
    [InlineData("""{ "holidays": [] }""", "version")]
    public void A_malformed_file_is_refused_naming_what_is_wrong(string json, string named)
    {
        var ex = Assert.Throws<InvalidDataException>(() => HolidayCalendar.Load(Write(json)));
        Assert.Contains(named, ex.Message);
    }
}
