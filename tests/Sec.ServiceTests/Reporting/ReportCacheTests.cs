using Sec.Assessments.V1;
using Sec.ChangeBoard.V1;
using Sec.Proposals.Reporting;
using Sec.Proposals.V1;
using Sec.Releases.V1;
using Sec.ServiceTests.Assessments;
using Sec.ServiceTests.ChangeBoard;
using Sec.ServiceTests.Releases;

namespace Sec.ServiceTests.Reporting;

/// <summary>
/// The report is served again only while no context's data has changed: a write in any of the four
/// contexts makes the next report a new one that shows it.
/// </summary>
public sealed class ReportCacheTests() : SuiteTests(new DateTimeOffset(2020, 4, 8, 9, 0, 0, TimeSpan.Zero))
{
    private static readonly GetChangeStatusReportRequest April = new() { Month = "2020-04", PeriodEnd = "2020-03-31", AsOf = "2020-04-08" };

    private Dcc _dcc = null!;

    private ReportCache Cache => Suite.Get<ReportCache>();

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _dcc = await new Dcc(Suite).KnowAsync("SECMP0007", "MP078", "MP079");
        await Register.ImportAsync("DP119", "CH Alert Storm Consolidation", D(2020, 3, 10));
        await _dcc.OpenAsync("SECMP0007", AssessmentKind.Impact, new DateOnly(2019, 7, 30), 40);
        await Suite.SettledAsync();
    }

    [Fact]
    public async Task The_same_report_asked_again_is_served_without_composing_it_again()
    {
        var first = await Proposals.GetChangeStatusReportAsync(April);
        var composed = Cache.Compositions;
        var again = await Proposals.GetChangeStatusReportAsync(April);
        var otherDay = await Proposals.GetChangeStatusReportAsync(new GetChangeStatusReportRequest { Month = "2020-04", PeriodEnd = "2020-03-31", AsOf = "2020-04-07" });

        Assert.Equal(first, again);
        Assert.Equal(first.Markdown, again.Markdown);
        // Another as-of date is another report, composed for itself.
        Assert.Equal(composed + 1, Cache.Compositions);
        Assert.Equal(D(2020, 4, 7), otherDay.Report.AsOf);
    }

    [Fact]
    public async Task A_register_step_makes_the_next_report_show_it()
    {
        await ServedAgainAsync();

        await Register.ImportAsync("DP120", "Smart Meter Gateway Tidy", D(2020, 3, 12));

        var after = await Proposals.GetChangeStatusReportAsync(April);
        Assert.Contains("DP120", after.Report.Define.NewDraftProposals.Select(p => p.Reference.Value));
        Assert.Contains("DP120", after.Markdown);
    }

    [Fact]
    public async Task An_assessment_accepted_by_the_DCC_makes_the_next_report_show_it()
    {
        var before = await ServedAgainAsync();
        Assert.DoesNotContain("MP079", before.Report.Refine.AssessmentTimescales.Open.Select(o => o.Reference.Value));

        await _dcc.OpenAsync("MP079", AssessmentKind.Preliminary, new DateOnly(2020, 3, 26), 15);

        var after = await Proposals.GetChangeStatusReportAsync(April);
        Assert.Contains("MP079", after.Report.Refine.AssessmentTimescales.Open.Select(o => o.Reference.Value));
        Assert.Contains("MP079", after.Csv["open-assessments.csv"]);
    }

    [Fact]
    public async Task A_change_board_vote_makes_the_next_report_show_it()
    {
        var board = await new Board(Suite).AwaitingAsync(D(2020, 3, 2), Sec.ChangeBoard.V1.DecisionPath.SelfGovernance, "MP090");
        await Suite.SettledAsync();
        var before = await ServedAgainAsync();
        Assert.Empty(before.Report.Opine.ChangeBoardVotes);

        await board.DecideByEveryGroupAsync(D(2020, 3, 20), "MP090", Sec.ChangeBoard.V1.DecisionPath.SelfGovernance, VoteValue.Approve);

        var after = await Proposals.GetChangeStatusReportAsync(April);
        Assert.Equal(["MP090"], after.Report.Opine.ChangeBoardVotes.Select(v => v.Reference.Value));
    }

    [Fact]
    public async Task A_new_release_makes_the_next_report_show_it()
    {
        var before = await ServedAgainAsync();
        Assert.DoesNotContain("June 2020 SEC Release", before.Report.Release.Upcoming.Select(u => u.Release.Name));

        await new ReleaseDesk(Suite).CreateAsync("June 2020 SEC Release", ReleaseType.Major, D(2020, 6, 25));

        var after = await Proposals.GetChangeStatusReportAsync(April);
        Assert.Contains("June 2020 SEC Release", after.Report.Release.Upcoming.Select(u => u.Release.Name));
    }

    [Fact]
    public async Task Callers_asking_for_the_same_report_at_once_share_one_composition()
    {
        var composed = Cache.Compositions;

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Proposals.GetChangeStatusReportAsync(April).ResponseAsync));

        Assert.Equal(composed + 1, Cache.Compositions);
        Assert.All(responses, r => Assert.Equal(responses[0], r));
    }

    [Fact]
    public async Task The_discrepancies_appendix_is_kept_apart_for_a_caller_who_may_not_see_it()
    {
        var secas = await Proposals.GetChangeStatusReportAsync(April);
        var reader = new ProposalsService.ProposalsServiceClient(Suite.Channel("Rita Reader", "A SEC Party", [Sec.Identity.SecRoles.Reader]));
        var composed = Cache.Compositions;

        var read = await reader.GetChangeStatusReportAsync(April);

        // A reader's report is composed for readers, not taken from SECAS's.
        Assert.Equal(composed + 1, Cache.Compositions);
        Assert.Equal(secas.Report.Summary, read.Report.Summary);
    }

    /// <summary>Asks for April's report until a second asking is served without composing; returns that one.</summary>
    private async Task<GetChangeStatusReportResponse> ServedAgainAsync()
    {
        await Suite.SettledAsync();
        GetChangeStatusReportResponse? again = null;
        // Work the arranging set going may still commit once after it settled; from then on nothing changes.
        await Eventually.UntilAsync(async () =>
        {
            await Proposals.GetChangeStatusReportAsync(April);
            var composed = Cache.Compositions;
            again = await Proposals.GetChangeStatusReportAsync(April);
            return composed == Cache.Compositions;
        }, "April's report to be served again while nothing changes");
        return again!;
    }
}
