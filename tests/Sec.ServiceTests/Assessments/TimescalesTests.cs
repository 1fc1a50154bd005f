using Sec.Assessments.V1;

namespace Sec.ServiceTests.Assessments;

/// <summary>The DCC assessment timescales of the April 2020 Change Status Report, rebuilt through the API.</summary>
public sealed class TimescalesTests : SuiteTests
{
    private Dcc _dcc = null!;
    private static DateOnly D(int y, int m, int d) => new(y, m, d);
    private const AssessmentKind PA = AssessmentKind.Preliminary;
    private const AssessmentKind IA = AssessmentKind.Impact;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _dcc = new Dcc(Suite);
        await _dcc.KnowAsync("SECMP0007", "SECMP0015", "SECMP0024", "SECMP0046", "SECMP0053", "SECMP0056", "SECMP0062", "SECMP0063",
            "SECMP0066", "SECMP0067", "MP077", "MP078", "MP080", "MP090", "MP092", "MP093", "MP099");
        // Completed in the 12 months to 31 March 2020: returned date, target and actual duration as printed.
        await _dcc.CompletedAsync("SECMP0007", PA, D(2019, 4, 11), 15, 201);
        await _dcc.CompletedAsync("SECMP0024", PA, D(2019, 5, 17), 15, 193);
        await _dcc.CompletedAsync("SECMP0046", PA, D(2019, 9, 9), 15, 31);
        await _dcc.CompletedAsync("SECMP0053", PA, D(2019, 5, 2), 15, 87);
        await _dcc.CompletedAsync("SECMP0053", IA, D(2019, 9, 20), 40, 35);
        await _dcc.CompletedAsync("SECMP0056", PA, D(2019, 4, 24), 15, 65);
        await _dcc.CompletedAsync("SECMP0062", IA, D(2019, 7, 4), 40, 77);
        await _dcc.CompletedAsync("SECMP0063", PA, D(2019, 8, 1), 15, 18);
        await _dcc.CompletedAsync("SECMP0067", PA, D(2019, 6, 5), 25, 24);
        await _dcc.CompletedAsync("MP077", PA, D(2019, 12, 31), 40, 40);
        await _dcc.CompletedAsync("MP078", PA, D(2019, 12, 31), 15, 66);
        await _dcc.CompletedAsync("MP080", PA, D(2020, 1, 17), 15, 41);
        await _dcc.CompletedAsync("MP090", PA, D(2020, 2, 11), 15, 58);
        await _dcc.CompletedAsync("MP093", PA, D(2020, 1, 21), 15, 37);
        await _dcc.CompletedAsync("MP093", IA, D(2020, 3, 6), 40, 2);
        await _dcc.CompletedAsync("MP099", PA, D(2020, 3, 17), 15, 27);
        // Open on 8 April 2020: accepted date and target as printed.
        await _dcc.OpenAsync("SECMP0007", IA, D(2019, 7, 30), 40);
        await _dcc.OpenAsync("SECMP0015", IA, D(2019, 4, 25), 40);
        await _dcc.OpenAsync("SECMP0056", IA, D(2019, 7, 2), 40);
        await _dcc.OpenAsync("SECMP0066", PA, D(2019, 6, 13), 15);
        await _dcc.OpenAsync("MP078", PA, D(2020, 3, 26), 15);
        await _dcc.OpenAsync("MP092", PA, D(2019, 12, 2), 15);
    }

    [Fact]
    public async Task The_April_2020_open_list_reproduces_the_published_durations()
    {
        var t = await _dcc.Client.GetTimescalesAsync(new GetTimescalesRequest { PeriodEnd = "2020-03-31", AsOf = "2020-04-08" });

        var open = t.Open.Select(l => $"{l.Reference.Value} {(l.Kind == PA ? "PA" : "IA")} {l.CurrentWorkingDays}").ToList();
        Assert.Equal(["SECMP0007 IA 182", "SECMP0015 IA 250", "SECMP0056 IA 202", "SECMP0066 PA 215", "MP078 PA 10", "MP092 PA 93"], open);
        Assert.All(t.Open.Where(l => l.CurrentWorkingDays > 60), l => Assert.True(l.Overdue));
        Assert.False(t.Open.Single(l => l.Reference.Value == "MP078").Overdue);
    }

    [Fact]
    public async Task Thirteen_Preliminary_Assessments_returned_in_the_12_months_to_March_2020_average_68_working_days()
    {
        var t = await _dcc.Client.GetTimescalesAsync(new GetTimescalesRequest { PeriodEnd = "2020-03-31", AsOf = "2020-04-08" });

        var pa = t.Summary.Single(s => s.Kind == PA);
        var ia = t.Summary.Single(s => s.Kind == IA);
        Assert.Equal((13, 68), (pa.CompletedCount, pa.CompletedAverageWorkingDays));
        Assert.Equal((3, 38), (ia.CompletedCount, ia.CompletedAverageWorkingDays));
        Assert.Equal(3, pa.OpenCount);
        Assert.Equal(3, ia.OpenCount);
        // Counted to the period end, as the published summary is: 176, 244 and 196 WD.
        Assert.Equal(205, ia.OpenAverageWorkingDays);
        Assert.Equal(100, pa.OpenAverageWorkingDays); // published 105; see docs/report-figures.md
        Assert.Equal(201, t.Completed.Single(l => l.Reference.Value == "SECMP0007").ActualWorkingDays);
        Assert.Equal(25, t.Completed.Single(l => l.Reference.Value == "SECMP0067").TargetWorkingDays);
    }

    [Fact]
    public async Task SECMP0056s_Impact_Assessment_stands_at_284_working_days_on_31_July_2020()
    {
        var t = await _dcc.Client.GetTimescalesAsync(new GetTimescalesRequest { PeriodEnd = "2020-07-31", AsOf = "2020-07-31" });

        Assert.Equal(284, t.Open.Single(l => l.Reference.Value == "SECMP0056").CurrentWorkingDays);
    }
}
