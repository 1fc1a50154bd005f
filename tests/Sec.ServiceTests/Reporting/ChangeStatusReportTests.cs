using Grpc.Core;
using Sec.Assessments.V1;
using Sec.Proposals.V1;
using Sec.ServiceTests.Assessments;
using Sec.ServiceTests.Proposals;
using static Sec.ServiceTests.Proposals.Register;

namespace Sec.ServiceTests.Reporting;

/// <summary>The report composed across contexts over gRPC, for April 2020 (activity in March, period end 31 March, as of 8 April).</summary>
public sealed class ChangeStatusReportTests : IAsyncLifetime
{
    private readonly SuiteFactory _suite = new(null, new DateTimeOffset(2020, 4, 8, 9, 0, 0, TimeSpan.Zero));
    private ProposalsService.ProposalsServiceClient _proposals = null!;

    public async Task InitializeAsync()
    {
        await _suite.Harness.Start();
        _proposals = new ProposalsService.ProposalsServiceClient(_suite.Channel());
        var register = new Register(_proposals);
        var dcc = new Dcc(_suite);
        await dcc.KnowAsync("SECMP0007", "MP078");
        await register.ImportAsync("DP119", "CH Alert Storm Consolidation", D(2020, 3, 10));
        await register.CscReadyAsync("DP119", D(2020, 3, 26));
        await dcc.OpenAsync("SECMP0007", AssessmentKind.Impact, new DateOnly(2019, 7, 30), 40);
        await dcc.OpenAsync("MP078", AssessmentKind.Preliminary, new DateOnly(2020, 3, 26), 15);
    }

    public async Task DisposeAsync() => await _suite.DisposeAsync();

    [Fact]
    public async Task The_report_gathers_every_contexts_section_and_renders_Markdown_and_CSV()
    {
        var response = await _proposals.GetChangeStatusReportAsync(new GetChangeStatusReportRequest { Month = "2020-04", PeriodEnd = "2020-03-31", AsOf = "2020-04-08" });

        Assert.Equal("reference,kind,accepted,target_wd,current_wd\nSECMP0007,IA,2019-07-30,40,182\nMP078,PA,2020-03-26,15,10\n",
            response.Csv["open-assessments.csv"].ReplaceLineEndings("\n"));
        Assert.Contains("DP119,CH Alert Storm Consolidation,Graeme Liggett,Data Communications Company,2020-03-10", response.Csv["new-draft-proposals.csv"]);
        Assert.Equal(["DP119"], response.Report.Summary.PresentedForConversion.Select(p => p.Reference.Value));
        Assert.Equal(3, response.Report.Summary.Phases.Single(p => p.Phase == Phase.Define).Count); // DP119 and the two imported without history
        Assert.Contains("# Change Status Report – April 2020", response.Markdown);
        Assert.Contains("| SECMP0007 | IA | 30 Jul 2019 | 40 WD | 182 WD |", response.Markdown);
        Assert.Contains("- DP119 'CH Alert Storm Consolidation', raised by Graeme Liggett (Data Communications Company) on 10 Mar 2020", response.Markdown);
        Assert.StartsWith("<!DOCTYPE html>", response.Html);
        Assert.Contains("<svg class=\"chart\"", response.Html);
        Assert.Contains("<th scope=\"col\">Current duration</th>", response.Html);
        Assert.Contains("<td class=\"n\">182 WD</td>", response.Html);
        Assert.Contains("&#39;CH Alert Storm Consolidation&#39;", response.Html);
    }

    [Fact]
    public async Task A_malformed_month_is_refused_naming_the_field()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(() => _proposals.GetChangeStatusReportAsync(new GetChangeStatusReportRequest { Month = "April 2020" }).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        Assert.Contains("month", ex.ViolatedFields());
    }
}
