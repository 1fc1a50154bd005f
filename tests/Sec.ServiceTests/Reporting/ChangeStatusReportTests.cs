using Sec.Assessments.V1;
using Sec.Proposals.V1;
using Sec.ServiceTests.Assessments;

namespace Sec.ServiceTests.Reporting;

/// <summary>The report composed across contexts over gRPC, for April 2020 (activity in March, period end 31 March, as of 8 April).</summary>
public sealed class ChangeStatusReportTests() : SuiteTests(new DateTimeOffset(2020, 4, 8, 9, 0, 0, TimeSpan.Zero))
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var dcc = await new Dcc(Suite).KnowAsync("SECMP0007", "MP078");
        await Register.ImportAsync("DP119", "CH Alert Storm Consolidation", D(2020, 3, 10));
        await Register.CscReadyAsync("DP119", D(2020, 3, 26));
        await dcc.OpenAsync("SECMP0007", AssessmentKind.Impact, new DateOnly(2019, 7, 30), 40);
        await dcc.OpenAsync("MP078", AssessmentKind.Preliminary, new DateOnly(2020, 3, 26), 15);
    }

    [Fact]
    public async Task The_report_gathers_every_contexts_section_and_renders_Markdown_and_CSV()
    {
        var response = await Proposals.GetChangeStatusReportAsync(new GetChangeStatusReportRequest { Month = "2020-04", PeriodEnd = "2020-03-31", AsOf = "2020-04-08" });

        Assert.Equal(["reference,kind,accepted,target_wd,current_wd,title,link", "SECMP0007,IA,2019-07-30,40,182", "MP078,PA,2020-03-26,15,10"],
            response.Csv["open-assessments.csv"].ReplaceLineEndings("\n").TrimEnd('\n').Split('\n').Select((line, i) => i == 0 ? line : string.Join(',', line.Split(',').Take(5))));
        Assert.EndsWith(",/register/MP078", response.Csv["open-assessments.csv"].TrimEnd('\n'));
        Assert.Contains("DP119,CH Alert Storm Consolidation,Graeme Liggett,Data Communications Company,2020-03-10", response.Csv["new-draft-proposals.csv"]);
        Assert.Equal(["DP119"], response.Report.Summary.PresentedForConversion.Select(p => p.Reference.Value));
        Assert.Equal(3, response.Report.Summary.Phases.Single(p => p.Phase == Phase.Define).Count); // DP119 and the two imported without history
        Assert.Contains("# Change Status Report – April 2020", response.Markdown);
        Assert.Contains("| [SECMP0007](/register/SECMP0007) |", response.Markdown);
        Assert.Contains("| IA | 30 Jul 2019 | 40 WD | 182 WD |", response.Markdown);
        Assert.Contains("- [DP119](/register/DP119) ‘CH Alert Storm Consolidation’ was raised by Graeme Liggett (Data Communications Company) on 10 Mar 2020", response.Markdown);
        Assert.StartsWith("<!DOCTYPE html>", response.Html);
        Assert.All(["<svg class=\"chart\"", "<th scope=\"col\">Current duration</th>", "<td class=\"n\">182 WD</td>", "<a href=\"/register/DP119\">DP119</a> ‘CH Alert Storm Consolidation’", "<h2>Purpose</h2>"],
            part => Assert.Contains(part, response.Html));
    }

    [Fact]
    public async Task SECAS_sets_the_months_cover_and_narratives_and_the_report_prints_them()
    {
        var set = await Proposals.SetReportCoverAsync(new SetReportCoverRequest
        {
            Month = "2020-04", Author = "Holly Burton, SECAS Team", PaperReference = "SECP_76_1701_12", ReportDate = D(2020, 4, 8),
            Narratives = { ["refine"] = "An ad-hoc Working Group meeting was held on 16 March to discuss SECMP0067." },
        });
        var response = await Proposals.GetChangeStatusReportAsync(new GetChangeStatusReportRequest { Month = "2020-04", PeriodEnd = "2020-03-31", AsOf = "2020-04-08" });
        var may = await Proposals.GetChangeStatusReportAsync(new GetChangeStatusReportRequest { Month = "2020-05" });

        Assert.Equal(("Holly Burton, SECAS Team", "SECP_76_1701_12"), (response.Report.Cover.Author, response.Report.Cover.PaperReference));
        Assert.Equal(set.Cover, response.Report.Cover);
        Assert.Contains("Holly Burton, SECAS Team\n\n8 Apr 2020\n\nPaper Reference: SECP_76_1701_12", response.Markdown.ReplaceLineEndings("\n"));
        Assert.Contains("## 3. Refine\n\nAn ad-hoc Working Group meeting was held on 16 March to discuss SECMP0067.", response.Markdown.ReplaceLineEndings("\n"));
        Assert.Contains("<p>Paper Reference: SECP_76_1701_12</p>", response.Html);
        Assert.Null(may.Report.Cover);

        // Set again, it replaces the month's cover.
        await Proposals.SetReportCoverAsync(new SetReportCoverRequest { Month = "2020-04", Author = "SECAS", ReportDate = D(2020, 4, 9) });
        var again = (await Proposals.GetChangeStatusReportAsync(new GetChangeStatusReportRequest { Month = "2020-04" })).Report.Cover;
        Assert.Equal(("SECAS", "", 0), (again.Author, again.PaperReference, again.Narratives.Count));
    }

    [Fact]
    public async Task The_earliest_report_is_for_the_month_after_the_register_s_first()
    {
        var first = await Assert.ThrowsAsync<RpcException>(() => Proposals.GetChangeStatusReportAsync(new GetChangeStatusReportRequest { Month = "1990-01" }).ResponseAsync);
        var earliest = await Proposals.GetChangeStatusReportAsync(new GetChangeStatusReportRequest { Month = "1990-02" });

        // Refused as the caller's month, not as the dates the report would have asked the other contexts for.
        Assert.Equal(StatusCode.InvalidArgument, first.StatusCode);
        Assert.Equal(["month"], first.ViolatedFields());
        Assert.Contains("the earliest report is 1990-02", first.Status.Detail);
        Assert.NotNull(earliest);
    }

    [Fact]
    public async Task A_narrative_for_no_section_is_refused_naming_it_and_nothing_is_written()
    {
        await Suite.SettledAsync();
        var before = await Suite.EveryRowCountAsync();

        var ex = await Assert.ThrowsAsync<RpcException>(() => Proposals.SetReportCoverAsync(new SetReportCoverRequest
        {
            Month = "2020-04", Author = "SECAS", ReportDate = D(2020, 4, 8), Narratives = { ["appendix"] = "Text" },
        }).ResponseAsync);
        var early = await Assert.ThrowsAsync<RpcException>(() => Proposals.SetReportCoverAsync(new SetReportCoverRequest { Month = "2020-04", Author = "SECAS", ReportDate = D(2020, 2, 28) }).ResponseAsync);

        Assert.Equal((StatusCode.InvalidArgument, StatusCode.InvalidArgument), (ex.StatusCode, early.StatusCode));
        Assert.Contains("narratives[appendix]", ex.ViolatedFields());
        Assert.Contains("report_date", early.ViolatedFields());
        Assert.Equal(before, await Suite.EveryRowCountAsync());
    }

    [Fact]
    public async Task The_cover_carries_the_DCCs_progress_report_as_Appendix_A_linked_in_Markdown_HTML_and_CSV()
    {
        await Proposals.SetReportCoverAsync(new SetReportCoverRequest
        {
            Month = "2020-04", Author = "Holly Burton, SECAS Team", ReportDate = D(2020, 4, 8),
            Appendices =
            {
                new ReportAppendix { Title = "DCC Preliminary and Impact Assessment progress report", Url = "https://smartenergycodecompany.co.uk/documents/dcc-progress-april-2020.pdf?a=1&b=2" },
                new ReportAppendix { Title = "Release schedule", Url = "http://example.org/releases" },
            },
        });
        var response = await Proposals.GetChangeStatusReportAsync(new GetChangeStatusReportRequest { Month = "2020-04", PeriodEnd = "2020-03-31", AsOf = "2020-04-08" });

        Assert.Equal(["DCC Preliminary and Impact Assessment progress report", "Release schedule"], response.Report.Cover.Appendices.Select(a => a.Title));
        var md = response.Markdown.ReplaceLineEndings("\n");
        Assert.Contains("## Appendix A: DCC Preliminary and Impact Assessment progress report\n\n<https://smartenergycodecompany.co.uk/documents/dcc-progress-april-2020.pdf?a=1&b=2>", md);
        Assert.Contains("## Appendix B: Release schedule\n\n<http://example.org/releases>", md);
        Assert.Contains("<h2>Appendix A: DCC Preliminary and Impact Assessment progress report</h2>", response.Html);
        Assert.Contains("<a href=\"https://smartenergycodecompany.co.uk/documents/dcc-progress-april-2020.pdf?a=1&amp;b=2\">", response.Html);
        Assert.Equal(["appendix,title,url", "A,DCC Preliminary and Impact Assessment progress report,https://smartenergycodecompany.co.uk/documents/dcc-progress-april-2020.pdf?a=1&b=2",
            "B,Release schedule,http://example.org/releases"], response.Csv["appendices.csv"].TrimEnd('\n').Split('\n'));
        // A month without appendices has no appendix and no such file.
        var may = await Proposals.GetChangeStatusReportAsync(new GetChangeStatusReportRequest { Month = "2020-05" });
        Assert.DoesNotContain("Appendix A", may.Markdown);
        Assert.False(may.Csv.ContainsKey("appendices.csv"));
    }

    [Fact]
    public async Task An_appendix_without_a_title_or_a_web_link_is_refused_naming_it_and_nothing_is_written()
    {
        await Suite.SettledAsync();
        var before = await Suite.EveryRowCountAsync();

        var ex = await Assert.ThrowsAsync<RpcException>(() => Proposals.SetReportCoverAsync(new SetReportCoverRequest
        {
            Month = "2020-04", Author = "SECAS", ReportDate = D(2020, 4, 8),
            Appendices =
            {
                new ReportAppendix { Title = "DCC progress report", Url = "https://example.org/a" },
                new ReportAppendix { Title = " ", Url = "javascript:alert(1)" },
                new ReportAppendix { Title = new string('t', 301), Url = "https://example.org/" + new string('u', 2000) },
            },
        }).ResponseAsync);
        var many = await Assert.ThrowsAsync<RpcException>(() => Proposals.SetReportCoverAsync(new SetReportCoverRequest
        {
            Month = "2020-04", Author = "SECAS", ReportDate = D(2020, 4, 8),
            Appendices = { Enumerable.Range(0, 27).Select(i => new ReportAppendix { Title = $"Paper {i}", Url = $"https://example.org/{i}" }) },
        }).ResponseAsync);

        Assert.Equal((StatusCode.InvalidArgument, StatusCode.InvalidArgument), (ex.StatusCode, many.StatusCode));
        Assert.Equal(["appendices[1].title", "appendices[1].url", "appendices[2].title", "appendices[2].url"], ex.ViolatedFields().Order());
        Assert.Contains("appendices", many.ViolatedFields());
        Assert.Equal(before, await Suite.EveryRowCountAsync());
    }

    [Fact]
    public async Task A_malformed_month_is_refused_naming_the_field()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(() => Proposals.GetChangeStatusReportAsync(new GetChangeStatusReportRequest { Month = "April 2020" }).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        Assert.Contains("month", ex.ViolatedFields());
    }
}
