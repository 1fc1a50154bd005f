using Sec.BuildingBlocks.Api;
using Sec.BuildingBlocks.Domain;

namespace Sec.UnitTests.Domain;

public sealed class FieldChecksTests
{
    private static IReadOnlyList<FieldViolation> Violations(Action<FieldChecks> check)
    {
        var checks = new FieldChecks();
        check(checks);
        return Assert.Throws<InvalidFields>(checks.ThrowIfAny).Violations;
    }

    [Theory]
    [InlineData("A\0title", 2)]
    [InlineData("A title\a", 8)]
    [InlineData("A\ttitle", 2)]
    [InlineData("A\ntitle", 2)]
    [InlineData("\u0085A title", 1)]
    [InlineData("A \u202Atitle", 3)]
    [InlineData("A \u202Etitle", 3)]
    [InlineData("A \u2066title", 3)]
    [InlineData("A \u2069title", 3)]
    public void A_short_text_refuses_control_and_bidirectional_characters_by_position(string value, int position)
    {
        foreach (var check in new Action<FieldChecks>[] { c => c.RequiredText(value, "title", 255), c => c.OptionalText(value, "title", 255) })
        {
            var violation = Assert.Single(Violations(check));
            Assert.Equal("title", violation.Field);
            Assert.Contains($"position {position}", violation.Description);
            Assert.DoesNotContain(value[position - 1], violation.Description);
        }
    }

    [Fact]
    public void Free_text_keeps_tabs_and_line_breaks_but_not_other_control_characters()
    {
        var checks = new FieldChecks().RequiredText("First line\r\n\tsecond line", "problem_statement", 20_000).OptionalText("A\nreason", "reason", 2000);
        Assert.True(checks.IsValid);
        Assert.Contains("position 6", Assert.Single(Violations(c => c.OptionalText("First\u0000", "reason", 2000))).Description);
        Assert.Single(Violations(c => c.RequiredText("First \u202Eline", "problem_statement", 20_000)));
    }

    [Fact]
    public void Ordinary_text_in_any_script_is_accepted()
    {
        Assert.True(new FieldChecks().RequiredText("Ynni Cymru – Größe – إدارة – 電力", "organisation", 200).OptionalText("", "reason", 2000).OptionalText(null, "reason", 2000).IsValid);
    }

    [Theory]
    [InlineData(1900, 1, 1)]
    [InlineData(1989, 12, 31)]
    [InlineData(2101, 1, 1)]
    [InlineData(9999, 12, 31)]
    [InlineData(-5, 1, 1)]
    [InlineData(50_000, 13, 40)]
    public void A_business_date_outside_1990_to_2100_is_refused_naming_the_field(int year, int month, int day)
    {
        var refused = Assert.Throws<InvalidFields>(() => new Google.Type.Date { Year = year, Month = month, Day = day }.ToDateOnly("raised_on"));

        Assert.Equal("raised_on", Assert.Single(refused.Violations).Field);
        Assert.Contains("1990-01-01 to 2100-12-31", refused.Message);
    }

    [Fact]
    public void The_first_and_last_business_dates_are_accepted_and_an_impossible_one_is_still_not_real()
    {
        Assert.Equal(new DateOnly(1990, 1, 1), new Google.Type.Date { Year = 1990, Month = 1, Day = 1 }.ToDateOnly("on"));
        Assert.Equal(new DateOnly(2100, 12, 31), new Google.Type.Date { Year = 2100, Month = 12, Day = 31 }.ToDateOnly("on"));
        Assert.Contains("is not a real date", Assert.Throws<InvalidFields>(() => new Google.Type.Date { Year = 2100, Month = 2, Day = 29 }.ToDateOnly("on")).Message);
        Assert.Contains("1990-01-01 to 2100-12-31", Assert.Single(Violations(c => c.IsoDate("1989-12-31", "as_of"))).Description);
    }
}
