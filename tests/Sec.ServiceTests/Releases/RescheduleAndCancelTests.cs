using Dapper;
using Sec.Releases.V1;

namespace Sec.ServiceTests.Releases;

/// <summary>
/// Issue 15: the Panel moves a release (the November 2020 release went from 5 to 29 November) or
/// cancels one. The old date is kept and as-of queries show the date as it stood; the go-live timer
/// moves or is cleared; a cancelled release's scope leaves it; nothing is written on a refusal.
/// </summary>
public sealed class RescheduleAndCancelTests() : SuiteTests(new DateTimeOffset(2020, 7, 1, 9, 0, 0, TimeSpan.Zero))
{
    private ReleaseDesk? _desk;

    private ReleaseDesk Desk => _desk ??= new ReleaseDesk(Suite);


    private async Task<IEnumerable<DateTimeOffset>> LiveGoLiveTimersAsync() =>
        (await Desk.Store.ReadAsync(c => c.QueryAsync<string>(
            "SELECT DueAt FROM releases.DurableTimer WHERE Kind = 'go-live' AND FiredAt IS NULL AND CancelledAt IS NULL"))).Select(d => DateTimeOffset.Parse(d, System.Globalization.CultureInfo.InvariantCulture));

    private Task<RescheduleReleaseResponse> RescheduleAsync(string release, Google.Type.Date to, Google.Type.Date on, string reason = "Moved by the Panel") =>
        Desk.Client.RescheduleReleaseAsync(new RescheduleReleaseRequest { ReleaseId = release, ImplementationDate = to, DecidedOn = on, Reason = reason }).ResponseAsync;

    [Fact]
    public async Task The_November_2020_release_moved_to_29_November_shows_5_November_as_of_April_and_29_November_after_the_move()
    {
        await Desk.KnowApprovedAsync(D(2019, 10, 1), "SECMP0062");
        await Desk.KnowApprovedAsync(D(2020, 3, 25), "MP081");
        var nov = await Desk.CreateAsync("November 2020 SEC Release", ReleaseType.Major, D(2020, 11, 5));
        await Desk.AddAsync(nov, "SECMP0062", ScopeKind.Approved, D(2019, 10, 1), part: 2);
        await Desk.AddAsync(nov, "MP081", ScopeKind.Approved, D(2020, 3, 25));
        await Desk.GoAsync(nov, D(2020, 6, 1));

        var moved = (await RescheduleAsync(nov, D(2020, 11, 29), D(2020, 6, 17), "Aligned with the DCC's release window")).Release;

        Assert.Equal((D(2020, 11, 29), ReleaseStatus.Planned), (moved.ImplementationDate, moved.Status));
        var move = Assert.Single(moved.Moves);
        Assert.Equal((D(2020, 11, 5), D(2020, 11, 29), D(2020, 6, 17), "Aligned with the DCC's release window"), (move.From, move.To, move.DecidedOn, move.Reason));
        async Task<Google.Type.Date> UpcomingOn(string asOf) =>
            (await Desk.Client.ListUpcomingReleasesAsync(new ListUpcomingReleasesRequest { AsOf = asOf })).Releases.Single().Release.ImplementationDate;
        Assert.Equal(D(2020, 11, 5), await UpcomingOn("2020-04-08"));
        Assert.Equal(D(2020, 11, 5), await UpcomingOn("2020-06-16"));
        Assert.Equal(D(2020, 11, 29), await UpcomingOn("2020-06-17"));
        Assert.Equal(D(2020, 11, 5), (await Desk.Client.ListReleasesAsync(new ListReleasesRequest { AsOf = "2020-04-08" })).Releases.Single().ImplementationDate);
        // The go decided for 5 November was for that date: the release awaits the Panel again, and go-live waits for 29 November.
        Assert.Equal([new DateTimeOffset(2020, 11, 29, 0, 0, 0, TimeSpan.Zero)], await LiveGoLiveTimersAsync());
        var early = await RefusedWritingNothingAsync(StatusCode.InvalidArgument, () => RescheduleAsync(nov, D(2020, 11, 12), D(2020, 6, 10)));
        Assert.Contains("decided_on: 2020-06-10 is before the last move, decided on 2020-06-17", early.Status.Detail);
    }

    [Fact]
    public async Task A_move_the_rules_forbid_is_refused_naming_the_field_and_writes_nothing()
    {
        var nov = await Desk.CreateAsync("November 2020 SEC Release", ReleaseType.Major, D(2020, 11, 5));

        var month = await RefusedWritingNothingAsync(StatusCode.InvalidArgument, () => RescheduleAsync(nov, D(2020, 12, 3), D(2020, 6, 17)));
        var future = await RefusedWritingNothingAsync(StatusCode.InvalidArgument, () => RescheduleAsync(nov, D(2020, 11, 29), D(2020, 7, 2)));
        var same = await RefusedWritingNothingAsync(StatusCode.InvalidArgument, () => RescheduleAsync(nov, D(2020, 11, 5), D(2020, 6, 17)));

        Assert.Contains("implementation_date: a major release goes live in June or November, not December", month.Status.Detail);
        Assert.Contains("decided_on: 2020-07-02 is in the future (today is 2020-07-01)", future.Status.Detail);
        Assert.Contains("implementation_date: November 2020 SEC Release goes live on 2020-11-05 already", same.Status.Detail);
    }

    [Fact]
    public async Task A_cancelled_release_clears_its_go_live_and_its_scope_leaves_it_but_as_of_earlier_it_was_upcoming()
    {
        await Desk.KnowApprovedAsync(D(2020, 3, 25), "MP081", "MP093");
        var nov = await Desk.CreateAsync("November 2020 SEC Release", ReleaseType.Major, D(2020, 11, 5));
        await Desk.AddAsync(nov, "MP081", ScopeKind.Approved, D(2020, 3, 25));
        await Desk.AddAsync(nov, "MP093", ScopeKind.Approved, D(2020, 6, 20));

        var tooEarly = await RefusedWritingNothingAsync(StatusCode.FailedPrecondition, () => Desk.Client.CancelReleaseAsync(new CancelReleaseRequest { ReleaseId = nov, CancelledOn = D(2020, 6, 10), Reason = "Folded into June 2021" }).ResponseAsync);
        var cancelled = await Desk.Client.CancelReleaseAsync(new CancelReleaseRequest { ReleaseId = nov, CancelledOn = D(2020, 6, 30), Reason = "Folded into June 2021" });
        var again = await RefusedWritingNothingAsync(StatusCode.FailedPrecondition, () => RescheduleAsync(nov, D(2020, 11, 29), D(2020, 7, 1)));

        Assert.Contains("its scope gained MP093 (added on 20 June 2020) after that day", tooEarly.Status.Detail);
        Assert.Equal((ReleaseStatus.Cancelled, D(2020, 6, 30), "Folded into June 2021"), (cancelled.Release.Status, cancelled.Release.CancelledOn, cancelled.Release.CancelReason));
        Assert.Equal(["MP081", "MP093"], cancelled.Exits.Select(e => e.Reference.Value));
        Assert.All(cancelled.Exits, e => Assert.Equal("November 2020 SEC Release was cancelled on 30 June 2020: Folded into June 2021", e.Reason));
        Assert.Contains("is Cancelled; only a release still to go live can be moved", again.Status.Detail);
        Assert.Empty(await LiveGoLiveTimersAsync());
        Assert.Empty((await Desk.Client.ListUpcomingReleasesAsync(new ListUpcomingReleasesRequest { AsOf = "2020-07-01" })).Releases);
        var asOfJune = (await Desk.Client.ListUpcomingReleasesAsync(new ListUpcomingReleasesRequest { AsOf = "2020-06-29" })).Releases.Single();
        Assert.Equal(["MP081", "MP093"], asOfJune.Scope.Select(e => e.Reference.Value));
        var listed = (await Desk.Client.ListReleasesAsync(new ListReleasesRequest())).Releases.Single();
        Assert.Equal(ReleaseStatus.Cancelled, listed.Status);
        Assert.Empty((await Desk.Client.ListReleasesWithModificationAsync(new() { Reference = Ref("MP081") })).Releases);
    }
}
