namespace Sec.ServiceTests.Cli;

/// <summary>
/// The assessment, Working Group and consultation moves from the shell, each dated, and never an id
/// copied from one command into another: an assessment is named by modification and kind, a meeting
/// by group and date (and its number when the group met twice that day).
/// </summary>
public sealed class CliMovesTests() : CliSuiteTests(new DateTimeOffset(2020, 7, 1, 9, 0, 0, TimeSpan.Zero))
{
    private async Task<(int Exit, string Output, string Error)> Sec(params string[] args)
    {
        var (exit, output, error) = await RunAsync(args);
        return (exit, output.Trim(), error.Trim());
    }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Register.ImportAsync("MP078", "Incorporation of multiple Issue Resolution Proposals into the SEC - Part 2", D(2019, 6, 3),
            history: [Step(D(2019, 7, 19), "Refinement Process")]);
        await Register.ImportAsync("MP122", "Operational Metrics", D(2020, 3, 24), history: [Step(D(2020, 4, 17), "Refinement Process")]);
    }

    [Fact]
    public async Task An_assessment_is_accepted_afresh_forecast_withdrawn_and_re_requested_by_modification_and_kind()
    {
        (int Exit, string Output, string Error) requested = default;
        await Eventually.UntilAsync(async () => (requested = await Sec("assessment", "request", "MP78", "--kind", "pa", "--on", "2020-03-20")).Exit == 0,
            "Assessments to hear of MP078");
        await Sec("dcc", "MP78", "accept", "--kind", "pa", "--key", "pa-accept", "--on", "2020-03-26");

        var afresh = await Sec("dcc", "MP78", "accept-afresh", "--kind", "pa", "--key", "pa-afresh", "--on", "2020-04-17", "--reason", "Restarted on the revised solution");
        var forecast = await Sec("dcc", "MP78", "forecast", "--kind", "pa", "--key", "pa-forecast", "--on", "2020-05-01", "--return-on", "2020-05-29");
        var timescales = await Sec("assessment", "timescales", "--period-end", "2020-04-30", "--as-of", "2020-05-04");
        var april = await Sec("assessment", "timescales", "--period-end", "2020-03-31", "--as-of", "2020-04-08");
        var shown = await Sec("assessment", "show", "mp78", "--kind", "pa");
        var withdrawn = await Sec("assessment", "withdraw", "MP078", "--kind", "pa", "--on", "2020-05-06", "--reason", "The solution changed");
        var renewed = await Sec("assessment", "re-request", "MP078", "--kind", "pa", "--on", "2020-05-07");
        var listed = await Sec("assessment", "list", "MP078");
        var unnamed = await Sec("assessment", "show", "MP078");
        var none = await Sec("assessment", "show", "MP078", "--kind", "ia");

        Assert.Equal(0, requested.Exit);
        Assert.Equal("MP078 PA: Accepted; requested 20 Mar 2020, accepted 17 Apr 2020 (afresh; first 26 Mar 2020)", afresh.Output);
        Assert.EndsWith("return forecast 29 May 2020", forecast.Output);
        Assert.Matches(@"open\s+MP078\s+PA  accepted 17 Apr 2020, 12 of 15 working days, return forecast 29 May 2020", timescales.Output);
        Assert.Matches(@"open\s+MP078\s+PA  accepted 26 Mar 2020, 10 of 15 working days", april.Output);
        Assert.Contains("accepted 26 Mar 2020, target 15 working days; replaced on 17 Apr 2020: Restarted on the revised solution", shown.Output);
        Assert.Contains("the DCC forecast on 1 May 2020 a return on 29 May 2020", shown.Output);
        Assert.EndsWith("withdrawn 6 May 2020: The solution changed", withdrawn.Output);
        Assert.EndsWith("MP078 PA: Requested (re-requests the PA requested 20 Mar 2020)", renewed.Output);
        Assert.Equal(2, listed.Output.Split('\n').Length);
        Assert.Equal((2, "error: give --kind pa or ia to say which of MP078's assessments"), (unnamed.Exit, unnamed.Error));
        Assert.Equal(2, none.Exit);
        Assert.Contains("MP078 has no Impact Assessment", none.Error);
    }

    [Fact]
    public async Task Two_meetings_on_one_day_are_kept_apart_named_by_group_date_and_number_and_listed()
    {
        await Sec("wg", "create", "Working Group", "--theme", "The monthly Working Group");

        var monthly = await Sec("wg", "meeting", "Working Group", "--on", "2020-06-03", "--agenda", "MP78");
        var adHoc = await Sec("wg", "meeting", "Working Group", "--on", "2020-06-03", "--kind", "ad-hoc", "--agenda", "MP122",
            "--outcome", "The solution meets the desired requirements");
        var which = await Sec("wg", "outcome", "Working Group", "--on", "2020-06-03", "--text", "Agreed the legal text");
        var outcome = await Sec("wg", "outcome", "Working Group", "--on", "2020-06-03", "--number", "1", "--text", "Agreed the legal text");
        var june = await Sec("wg", "meetings", "Working Group", "--from", "2020-06-01", "--to", "2020-06-30");
        var none = await Sec("wg", "meetings", "WG9");

        Assert.Equal("Working Group meets on 3 Jun 2020 (monthly): MP078", monthly.Output);
        Assert.Equal("Working Group meets on 3 Jun 2020 (meeting 2 that day) (ad hoc): MP122", adHoc.Output);
        Assert.Equal(1, which.Exit);
        Assert.Contains("met 2 times on 3 June 2020 (meetings 1 and 2); give the meeting's number", which.Error);
        Assert.Equal("Working Group 3 Jun 2020 monthly: MP078; outcome: Agreed the legal text", outcome.Output);
        Assert.Equal(["Working Group 3 Jun 2020 monthly: MP078; outcome: Agreed the legal text",
            "Working Group 3 Jun 2020 (meeting 2) ad hoc: MP122; outcome: The solution meets the desired requirements"], june.Output.Split('\n'));
        Assert.Equal("No Working Group meetings of WG9.", none.Output);
    }

    [Fact]
    public async Task An_expected_consultation_is_cancelled_and_a_respondent_responds_once_with_a_position()
    {
        await Sec("consultation", "record", "MP78", "--kind", "refinement", "--expected-week", "2020-06-08");
        await Sec("consultation", "record", "MP122", "--kind", "refinement", "--issued-on", "2020-06-15", "--closes-on", "2020-07-03");

        var lateBefore = await Sec("consultation", "list", "--as-of", "2020-06-19");
        var cancelled = await Sec("consultation", "cancel", "MP78", "--kind", "refinement", "--on", "2020-06-22", "--reason", "Merged into MP122's consultation");
        var after = await Sec("consultation", "list", "--as-of", "2020-06-30");
        var responded = await Sec("consultation", "respond", "MP122", "--kind", "refinement", "--respondent", "Jane Doe", "--organisation", "British Gas",
            "--category", "Large Supplier", "--received-on", "2020-06-20", "--position", "oppose", "--text", "The metrics cost more than they save");
        var twice = await Sec("consultation", "respond", "MP122", "--kind", "refinement", "--respondent", "Jane Doe", "--organisation", "British Gas",
            "--category", "Large Supplier", "--received-on", "2020-06-22", "--position", "support");
        var shown = await Sec("consultation", "list", "--as-of", "2020-06-30", "--json");

        Assert.Contains("MP078 Refinement Consultation: expected w/c 8 Jun 2020, late; 0 responses", lateBefore.Output);
        Assert.Equal("MP078 Refinement Consultation: expected w/c 8 Jun 2020, cancelled 22 Jun 2020: Merged into MP122's consultation; 0 responses", cancelled.Output);
        Assert.DoesNotContain("late", after.Output);
        Assert.EndsWith("1 response", responded.Output);
        Assert.Equal(1, twice.Exit);
        Assert.Contains("error: AlreadyExists: Jane Doe (British Gas) already responded", twice.Error);
        Assert.Contains("\"position\": \"RESPONSE_POSITION_OPPOSE\"", shown.Output);
        Assert.Contains("\"text\": \"The metrics cost more than they save\"", shown.Output);
    }
}
