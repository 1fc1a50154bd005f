using Sec.Releases.V1;

namespace Sec.ServiceTests.Releases;

/// <summary>The Release sections of the April and August 2020 Change Status Reports, from the upcoming-releases query.</summary>
public sealed class UpcomingReleasesTests
{
    private static readonly string[] NovemberTwentyTwenty =
        ["SECMP0062", "MP080", "MP081", "MP093", "MP098", "MP101", "MP103", "MP110", "MP112", "MP115", "MP118", "MP120", "MP124"];

    private static string Line(ScopeEntry e) => e.Part == 0 ? e.Reference.Value : $"{e.Reference.Value} part {e.Part}";

    [Fact]
    public async Task April_2020_lists_the_June_and_November_2020_releases()
    {
        await using var suite = new SuiteFactory(null, new DateTimeOffset(2020, 4, 8, 9, 0, 0, TimeSpan.Zero));
        var desk = await new ReleaseDesk(suite).KnowApprovedAsync(D(2019, 10, 1), "SECMP0053", "SECMP0062");
        await desk.KnowApprovedAsync(D(2020, 3, 25), "MP081");
        var june = await desk.CreateAsync("June 2020 SEC Release", ReleaseType.Major, D(2020, 6, 25));
        var nov = await desk.CreateAsync("November 2020 SEC Release", ReleaseType.Major, D(2020, 11, 5));
        await desk.AddAsync(june, "SECMP0053", ScopeKind.Approved, D(2019, 10, 1));
        await desk.AddAsync(june, "SECMP0062", ScopeKind.Approved, D(2019, 10, 1), part: 1);
        await desk.AddAsync(nov, "SECMP0062", ScopeKind.Approved, D(2019, 10, 1), part: 2);
        await desk.AddAsync(nov, "MP081", ScopeKind.Approved, D(2020, 3, 25));

        var upcoming = (await desk.Client.ListUpcomingReleasesAsync(new ListUpcomingReleasesRequest { AsOf = "2020-04-08" })).Releases;

        Assert.Equal(["June 2020 SEC Release", "November 2020 SEC Release"], upcoming.Select(r => r.Release.Name));
        Assert.Equal(["SECMP0053", "SECMP0062 part 1"], upcoming[0].Scope.Select(Line));
        Assert.Equal(["SECMP0062 part 2", "MP081"], upcoming[1].Scope.Select(Line));
        Assert.All(upcoming.SelectMany(r => r.Scope), e => Assert.Equal(ScopeKind.Approved, e.Kind));
    }

    [Fact]
    public async Task August_2020_lists_thirteen_modifications_for_29_November_2020()
    {
        await using var suite = new SuiteFactory(null, new DateTimeOffset(2020, 7, 22, 15, 0, 0, TimeSpan.Zero));
        var desk = await new ReleaseDesk(suite).KnowApprovedAsync(D(2020, 7, 22), [.. NovemberTwentyTwenty, "MP135"]);
        var nov = await desk.CreateAsync("November 2020 SEC Release", ReleaseType.Major, D(2020, 11, 29));
        var standalone = await desk.CreateAsync("MP135 standalone SEC Release", ReleaseType.Standalone, D(2020, 7, 23));
        foreach (var mp in NovemberTwentyTwenty)
            await desk.AddAsync(nov, mp, ScopeKind.Approved, D(2020, 7, 22), part: mp == "SECMP0062" ? 2 : 0);
        await desk.AddAsync(standalone, "MP135", ScopeKind.Approved, D(2020, 7, 22));
        await desk.GoAsync(standalone, D(2020, 7, 22));
        suite.Clock.UtcNow = new DateTimeOffset(2020, 7, 23, 9, 0, 0, TimeSpan.Zero);
        await desk.Client.ImplementReleaseAsync(new ImplementReleaseRequest { ReleaseId = standalone });

        var upcoming = (await desk.Client.ListUpcomingReleasesAsync(new ListUpcomingReleasesRequest { AsOf = "2020-07-31" })).Releases.Single();
        var withMp103 = (await desk.Client.ListReleasesWithModificationAsync(new ListReleasesWithModificationRequest { Reference = Ref("mp103") })).Releases.Single();
        var july = (await desk.Client.ListImplementedInMonthAsync(new ListImplementedInMonthRequest { Month = "2020-07" })).Releases.Single();

        Assert.Equal(D(2020, 11, 29), upcoming.Release.ImplementationDate);
        Assert.Equal(13, upcoming.Scope.Count);
        Assert.Equal(NovemberTwentyTwenty.Order(), upcoming.Scope.Select(e => e.Reference.Value).Order());
        Assert.Equal("November 2020 SEC Release", withMp103.Release.Name);
        Assert.Equal(["MP135"], july.Scope.Select(e => e.Reference.Value));
    }
}
