using Sec.BuildingBlocks.Hosting;
using Sec.Identity;
using Sec.Proposals.Reporting;
using Sec.Proposals.V1;

namespace Sec.ServiceTests.Reporting;

/// <summary>
/// After a start, a host that signs tokens composes the report a reader most likely asks for next,
/// in the background, so the first reader is served it without waiting for cold code and pages.
/// </summary>
public sealed class ReportWarmUpTests
{
    private static readonly Dictionary<string, string> WarmUpOn = new() { ["Hosting:WarmUp"] = "true" };

    [Fact]
    public Task The_next_report_is_composed_after_a_start_and_served_to_its_first_reader() =>
        SuiteFactory.OnOwnDataAsync(async data =>
        {
            await using (var before = await SuiteFactory.StartAsync(dataDirectory: data))
            {
                await new Register(before).ImportAsync("DP119", "CH Alert Storm Consolidation", D(2020, 3, 10));
                await before.SettledAsync();
            }

            await using var suite = await SuiteFactory.StartAsync(dataDirectory: data, settings: WarmUpOn);
            await suite.Get<WarmUpState>().Finished.WaitAsync(TimeSpan.FromMinutes(1));
            var cache = suite.Get<ReportCache>();
            Assert.Equal(1, cache.Compositions);

            // The register's latest entry is March 2020's, so April 2020's report is the one composed.
            var reader = new ProposalsService.ProposalsServiceClient(suite.Channel("Rita Reader", "Elexon", [SecRoles.Reader]));
            var april = await reader.GetChangeStatusReportAsync(new GetChangeStatusReportRequest { Month = "2020-04" });
            Assert.Equal(1, cache.Compositions);
            Assert.Contains("DP119", april.Report.Define.NewDraftProposals.Select(p => p.Reference.Value));

            await reader.GetChangeStatusReportAsync(new GetChangeStatusReportRequest { Month = "2020-05" });
            Assert.Equal(2, cache.Compositions);
        });

    [Fact]
    public async Task A_host_that_only_validates_tokens_composes_no_report()
    {
        await using var suite = new SuiteFactory(services: s => s.AddSingleton<IHostTokens>(new CannotSign()), settings: WarmUpOn);
        await suite.StartHostAsync();
        await suite.Get<WarmUpState>().Finished.WaitAsync(TimeSpan.FromMinutes(1));

        Assert.Equal(0, suite.Get<ReportCache>().Compositions);
    }

    [Theory]
    [InlineData(null, "2026-11-23", "2026-11-01")]
    [InlineData("2020-03-10", "2026-11-23", "2020-04-01")]
    [InlineData("2020-12-31", "2026-11-23", "2021-01-01")]
    [InlineData("2026-10-30", "2026-11-23", "2026-11-01")]
    [InlineData("2026-11-20", "2026-11-23", "2026-11-01")]
    public void The_next_report_is_the_one_whose_month_holds_the_latest_entry_and_no_later_than_this_months(string? latest, string today, string expected) =>
        Assert.Equal(DateOnly.Parse(expected), ReportWarmUp.NextReportMonth(latest is null ? null : DateOnly.Parse(latest), DateOnly.Parse(today)));

    private sealed class CannotSign : IHostTokens
    {
        public string? Issue(Principal who, TimeSpan lifetime) => null;
    }
}
