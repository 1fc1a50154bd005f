using Sec.Releases.V1;

namespace Sec.ServiceTests.Releases;

/// <summary>
/// A release's dates follow one another as the record has them: a go/no-go is decided before go-live
/// and not before the release was last moved; a cancellation is not before that move; a release goes
/// live from 2015 to five years ahead and is not moved before its scope joined; scope changes are not
/// dated in the future or after go-live, nor a cut-off outside its time in scope; an implemented
/// release's scope stays as it went live; a RID's versions do not run backwards. Each refusal names
/// its field and writes nothing.
/// </summary>
public sealed class DateOrderTests() : SuiteTests(new DateTimeOffset(2020, 7, 1, 9, 0, 0, TimeSpan.Zero))
{
    private ReleaseDesk? _desk;

    private ReleaseDesk Desk => _desk ??= new ReleaseDesk(Suite);

    private async Task<string> RefusedAsync(StatusCode code, Func<Task> call) => (await RefusedWritingNothingAsync(code, call)).Status.Detail;

    private Task DecideAsync(string release, Google.Type.Date on, bool go = false) =>
        Desk.Client.DecideGoNoGoAsync(new DecideGoNoGoRequest { ReleaseId = release, Go = go, DecidedOn = on }).ResponseAsync;

    [Fact]
    public async Task A_go_or_no_go_is_decided_before_go_live_and_after_the_last_move_of_its_date()
    {
        var nov = await Desk.CreateAsync("November 2020 SEC Release", ReleaseType.Major, D(2020, 11, 5));
        await Desk.Client.RescheduleReleaseAsync(new RescheduleReleaseRequest { ReleaseId = nov, ImplementationDate = D(2020, 11, 29), DecidedOn = D(2020, 6, 17), Reason = "Moved" });
        var past = await Desk.CreateAsync("June 2020 SEC Release", ReleaseType.Major, D(2020, 6, 25));

        var future = await RefusedAsync(StatusCode.InvalidArgument, () => DecideAsync(nov, D(2020, 7, 2)));
        var ancient = await RefusedAsync(StatusCode.InvalidArgument, () => DecideAsync(nov, D(1990, 1, 1)));
        var beforeTheMove = await RefusedAsync(StatusCode.InvalidArgument, () => DecideAsync(nov, D(2020, 6, 16)));
        var afterGoLive = await RefusedAsync(StatusCode.InvalidArgument, () => DecideAsync(past, D(2020, 6, 26)));
        var cancelledBeforeTheMove = await RefusedAsync(StatusCode.InvalidArgument, () =>
            Desk.Client.CancelReleaseAsync(new CancelReleaseRequest { ReleaseId = nov, CancelledOn = D(2020, 6, 10), Reason = "Not needed" }).ResponseAsync);
        await DecideAsync(nov, D(2020, 6, 17));
        await DecideAsync(past, D(2020, 6, 25));

        Assert.Contains("decided_on: 2020-07-02 is in the future (today is 2020-07-01)", future);
        Assert.Contains("decided_on: 1990-01-01 is before any SEC release (2015-01-01)", ancient);
        Assert.Contains("decided_on: 2020-06-16 is before the release was moved to 2020-11-29 on 2020-06-17", beforeTheMove);
        Assert.Contains("decided_on: 2020-06-26 is after the release's go-live on 2020-06-25", afterGoLive);
        Assert.Contains("cancelled_on: 2020-06-10 is before the release was last moved, on 2020-06-17", cancelledBeforeTheMove);
    }

    [Fact]
    public async Task Scope_is_not_dated_after_go_live_nor_cut_off_outside_its_time_in_scope_and_leaves_no_implemented_release()
    {
        await Desk.KnowApprovedAsync(D(2020, 3, 25), "MP081", "MP082");
        var june = await Desk.CreateAsync("June 2020 SEC Release", ReleaseType.Major, D(2020, 6, 25));

        var nov = await Desk.CreateAsync("November 2020 SEC Release", ReleaseType.Major, D(2020, 11, 5));
        var addedTomorrow = await RefusedAsync(StatusCode.InvalidArgument, () => Desk.AddAsync(nov, "MP082", ScopeKind.Approved, D(2020, 7, 2)));
        var afterGoLive = await RefusedAsync(StatusCode.InvalidArgument, () => Desk.AddAsync(june, "MP082", ScopeKind.Approved, D(2020, 6, 26)));
        var cutOffBefore = await RefusedAsync(StatusCode.InvalidArgument, () => Desk.AddAsync(june, "MP082", ScopeKind.Targeted, D(2020, 4, 1), cutOff: D(2020, 3, 31)));
        var cutOffAfter = await RefusedAsync(StatusCode.InvalidArgument, () => Desk.AddAsync(june, "MP082", ScopeKind.Targeted, D(2020, 4, 1), cutOff: D(2020, 6, 26)));
        await Desk.AddAsync(june, "MP081", ScopeKind.Approved, D(2020, 3, 25));
        // Past its date but not yet live: an exit after go-live would have it go live with an entry that had left.
        var leftAfterGoLive = await RefusedAsync(StatusCode.InvalidArgument, () => Desk.Client.RemoveFromScopeAsync(new RemoveFromScopeRequest
        {
            ReleaseId = june, Reference = Ref("MP081"), Reason = "Taken out", EffectiveOn = D(2020, 6, 26),
        }).ResponseAsync);
        await Desk.GoAsync(june, D(2020, 6, 1));
        await Desk.ImplementAsync(june);
        var afterItWentLive = await RefusedAsync(StatusCode.FailedPrecondition, () => Desk.Client.RemoveFromScopeAsync(new RemoveFromScopeRequest
        {
            ReleaseId = june, Reference = Ref("MP081"), Reason = "Taken out", EffectiveOn = D(2020, 6, 30),
        }).ResponseAsync);

        Assert.Contains("effective_on: 2020-07-02 is in the future (today is 2020-07-01)", addedTomorrow);
        Assert.Contains("effective_on: 2020-06-26 is after the release goes live on 2020-06-25", afterGoLive);
        Assert.Contains("decision_cut_off: 2020-03-31 is before the modification joins the scope on 2020-04-01", cutOffBefore);
        Assert.Contains("decision_cut_off: 2020-06-26 is after the release goes live on 2020-06-25", cutOffAfter);
        Assert.Contains("is Implemented; its scope can no longer change", afterItWentLive);
        Assert.Contains("effective_on: 2020-06-26 is after the release goes live on 2020-06-25", leftAfterGoLive);
    }

    [Fact]
    public async Task A_release_goes_live_between_2015_and_five_years_ahead_and_is_not_moved_before_its_scope_joined()
    {
        await Desk.KnowApprovedAsync(D(2020, 3, 25), "MP081");
        var tooOld = await RefusedAsync(StatusCode.InvalidArgument, () =>
            Desk.Client.CreateReleaseAsync(new CreateReleaseRequest { Name = "June 2014", Type = ReleaseType.Major, ImplementationDate = D(2014, 6, 26) }).ResponseAsync);
        var tooFar = await RefusedAsync(StatusCode.InvalidArgument, () =>
            Desk.Client.CreateReleaseAsync(new CreateReleaseRequest { Name = "November 2025", Type = ReleaseType.Major, ImplementationDate = D(2025, 11, 6) }).ResponseAsync);
        var standalone = await Desk.CreateAsync("Standalone", ReleaseType.Standalone, D(2020, 8, 20));
        await Desk.AddAsync(standalone, "MP081", ScopeKind.Approved, D(2020, 6, 10));

        var beforeItJoined = await RefusedAsync(StatusCode.FailedPrecondition, () => Desk.Client.RescheduleReleaseAsync(new RescheduleReleaseRequest
        {
            ReleaseId = standalone, ImplementationDate = D(2020, 6, 9), DecidedOn = D(2020, 6, 1), Reason = "Brought forward",
        }).ResponseAsync);
        await Desk.Client.StartRidVersionAsync(new StartRidVersionRequest { ReleaseId = standalone, Version = "0.1", Dated = D(2020, 6, 1), Changes = "First draft" });
        var tooEarlyAPhase = await RefusedAsync(StatusCode.InvalidArgument, () => Desk.Client.EditRidAsync(new EditRidRequest
        {
            ReleaseId = standalone,
            Content = new RidContent { TestPhases = { new TestPhase { Phase = "System Integration Testing", StartsOn = D(2018, 8, 19), EndsOn = D(2020, 7, 1) } } },
        }).ResponseAsync);
        await Desk.KnowWithHistoryAsync([Step(D(2020, 2, 3), "Refinement Process")], "MP083");
        await Desk.AddAsync(standalone, "MP083", ScopeKind.Targeted, D(2020, 6, 1), cutOff: D(2020, 6, 12));
        var beforeTheCutOff = await RefusedAsync(StatusCode.FailedPrecondition, () => Desk.Client.RescheduleReleaseAsync(new RescheduleReleaseRequest
        {
            ReleaseId = standalone, ImplementationDate = D(2020, 6, 10), DecidedOn = D(2020, 6, 1), Reason = "Brought forward",
        }).ResponseAsync);
        var moved = (await Desk.Client.RescheduleReleaseAsync(new RescheduleReleaseRequest
        {
            ReleaseId = standalone, ImplementationDate = D(2020, 6, 12), DecidedOn = D(2020, 6, 1), Reason = "Brought forward",
        })).Release;

        Assert.Contains("implementation_date: 2014-06-26 is not a plausible go-live (from 2015-01-01 to 2025-07-01)", tooOld);
        Assert.Contains("implementation_date: 2025-11-06 is not a plausible go-live (from 2015-01-01 to 2025-07-01)", tooFar);
        Assert.Contains("cannot be moved to 9 June 2020: its scope has MP081 (added on 10 June 2020) after that day", beforeItJoined);
        Assert.Contains("content.test_phases[0].starts_on: 2018-08-19 is before this release's timeline (2018-08-20 to go-live on 2020-08-20)", tooEarlyAPhase);
        Assert.Contains("cannot be moved to 10 June 2020: its scope has MP083 (decision cut-off 12 June 2020) after that day", beforeTheCutOff);
        Assert.Equal(D(2020, 6, 12), moved.ImplementationDate);
    }

    [Fact]
    public async Task A_RIDs_versions_do_not_run_backwards()
    {
        var nov = await Desk.CreateAsync("November 2020 SEC Release", ReleaseType.Major, D(2020, 11, 5));
        await Desk.Client.StartRidVersionAsync(new StartRidVersionRequest { ReleaseId = nov, Version = "0.1", Dated = D(2020, 5, 1), Changes = "First draft" });

        var versionBeforeTheLast = await RefusedAsync(StatusCode.InvalidArgument, () =>
            Desk.Client.StartRidVersionAsync(new StartRidVersionRequest { ReleaseId = nov, Version = "0.2", Dated = D(2020, 4, 30), Changes = "Second draft" }).ResponseAsync);
        // The papers date a version when it is issued, which may be after the Panel baselined it (the
        // November 2019 RID's 1.0 is dated 18 February 2019, baselined on the 15th): a baseline is not held to it.
        await Desk.Client.BaselineRidAsync(new BaselineRidRequest { ReleaseId = nov, BaselinedOn = D(2020, 4, 28) });
        await Desk.Client.StartRidVersionAsync(new StartRidVersionRequest { ReleaseId = nov, Version = "1.1", Dated = D(2020, 5, 1), Changes = "Same day" });

        Assert.Contains("dated: 2020-04-30 is before version 0.1, dated 2020-05-01; versions follow one another", versionBeforeTheLast);
    }
}
