using Sec.Contracts;
using Sec.Releases.Storage;
using Sec.Releases.V1;

namespace Sec.ServiceTests.Releases;

public sealed class ReleaseRulesTests
{
    /// <summary>The June and November 2020 major releases; November's date is the test's.</summary>
    private static async Task<(string June, string November)> JuneAndNovemberAsync(ReleaseDesk desk, int novemberDay) =>
        (await desk.CreateAsync("June 2020 SEC Release", ReleaseType.Major, D(2020, 6, 25)),
         await desk.CreateAsync("November 2020 SEC Release", ReleaseType.Major, D(2020, 11, novemberDay)));

    /// <summary>The same two releases, each with one approved modification in scope.</summary>
    private static async Task<(ReleaseDesk Desk, string June, string November)> JuneAndNovemberWithScopeAsync(SuiteFactory suite, int novemberDay, string inJune,
        string inNovember, Google.Type.Date novemberScopedOn)
    {
        var desk = await new ReleaseDesk(suite).KnowApprovedAsync(D(2020, 3, 1), inJune);
        await desk.KnowApprovedAsync(novemberScopedOn, inNovember);
        var (june, november) = await JuneAndNovemberAsync(desk, novemberDay);
        await desk.AddAsync(june, inJune, ScopeKind.Approved, D(2020, 3, 1));
        await desk.AddAsync(november, inNovember, ScopeKind.Approved, novemberScopedOn);
        return (desk, june, november);
    }

    [Fact]
    public async Task A_modification_is_in_a_release_once_unless_split_into_parts_and_bad_content_is_refused_writing_nothing()
    {
        await using var suite = new SuiteFactory(null, new DateTimeOffset(2019, 5, 10, 12, 0, 0, TimeSpan.Zero));
        var desk = await new ReleaseDesk(suite).KnowAsync("SECMP0062");
        await desk.KnowApprovedAsync(D(2019, 2, 8), "SECMP0023");
        var nov = await desk.CreateAsync("November 2019 SEC Release", ReleaseType.Major, D(2019, 11, 7));
        var june = await desk.CreateAsync("June 2020 SEC Release", ReleaseType.Major, D(2020, 6, 25));
        await desk.AddAsync(nov, "SECMP0023", ScopeKind.Approved, D(2019, 2, 8));
        await desk.AddAsync(nov, "SECMP0062", ScopeKind.Targeted, D(2019, 2, 8), part: 1);
        await desk.AddAsync(june, "SECMP0062", ScopeKind.Targeted, D(2019, 2, 8), part: 2);
        await desk.Client.StartRidVersionAsync(new StartRidVersionRequest { ReleaseId = nov, Version = "0.1", Dated = D(2019, 2, 8), Changes = "First draft" });
        var store = desk.Store;
        var before = await Rows.SnapshotAsync(store, "ScopeEntry", "RidVersion", "Release");

        var twice = await Assert.ThrowsAsync<RpcException>(() => desk.AddAsync(nov, "SECMP23", ScopeKind.Approved, D(2019, 3, 1)));
        var wholeOverPart = await Assert.ThrowsAsync<RpcException>(() => desk.AddAsync(nov, "SECMP0062", ScopeKind.Targeted, D(2019, 3, 1)));
        var badCost = await Assert.ThrowsAsync<RpcException>(() => desk.Client.EditRidAsync(new EditRidRequest { ReleaseId = nov, Content = new RidContent
        {
            EnteredDccCosts = { new DccCostLine { Reference = Ref("SECMP0062"), Activity = "Design", Cost = new() { LowPence = 76_900_000, HighPence = 57_300_000 } } },
        } }).ResponseAsync);
        var badDate = await Assert.ThrowsAsync<RpcException>(() => desk.Client.EditRidAsync(new EditRidRequest { ReleaseId = nov, Content = new RidContent
        {
            Timeline = { new TimelineEvent { On = D(2019, 12, 1), Event = "After go-live" } },
        } }).ResponseAsync);
        var wrongMonth = await Assert.ThrowsAsync<RpcException>(() => desk.CreateAsync("March 2020 SEC Release", ReleaseType.Major, D(2020, 3, 5)));
        var unknown = await Assert.ThrowsAsync<RpcException>(() => desk.AddAsync(nov, "MP999", ScopeKind.Approved, D(2019, 3, 1)));
        var leftBeforeJoining = await Assert.ThrowsAsync<RpcException>(() => desk.Client.RemoveFromScopeAsync(new RemoveFromScopeRequest
        {
            ReleaseId = nov, Reference = Ref("SECMP0023"), Reason = "A slip of the date", EffectiveOn = D(2019, 2, 7),
        }).ResponseAsync);

        Assert.Equal(StatusCode.AlreadyExists, twice.StatusCode);
        Assert.Equal(StatusCode.AlreadyExists, wholeOverPart.StatusCode);
        Assert.Equal(StatusCode.InvalidArgument, badCost.StatusCode);
        Assert.Contains("content.entered_dcc_costs[0].cost.high_pence", badCost.ViolatedFields());
        Assert.Contains("content.timeline[0].on", badDate.ViolatedFields());
        Assert.Contains("implementation_date", wrongMonth.ViolatedFields());
        Assert.Contains("reference.value", unknown.ViolatedFields());
        Assert.Equal(StatusCode.FailedPrecondition, leftBeforeJoining.StatusCode);
        Assert.Contains("joined this release's scope on 8 February 2019", leftBeforeJoining.Status.Detail);
        Assert.Equal(before, await Rows.SnapshotAsync(store, "ScopeEntry", "RidVersion", "Release"));
    }

    [Fact]
    public async Task A_RID_s_references_must_be_modifications_and_its_text_printable_and_each_is_kept_as_the_register_writes_it()
    {
        await using var suite = new SuiteFactory(null, new DateTimeOffset(2019, 5, 10, 12, 0, 0, TimeSpan.Zero));
        var desk = new ReleaseDesk(suite);
        var nov = await desk.CreateAsync("November 2019 SEC Release", ReleaseType.Major, D(2019, 11, 7));
        await desk.Client.StartRidVersionAsync(new StartRidVersionRequest { ReleaseId = nov, Version = "0.1", Dated = D(2019, 2, 8), Changes = "First draft" });
        var before = await Rows.SnapshotAsync(desk.Store, "RidVersion");

        var refused = await Assert.ThrowsAsync<RpcException>(() => desk.Client.EditRidAsync(new EditRidRequest { ReleaseId = nov, Content = new RidContent
        {
            ParticipantImpacts = { new ImpactRow { Subject = "DCC", References = { Ref("SECMP0023"), Ref("MP122\0"), Ref("") } } },
            ImpactSummaries = { new ImpactSummary { Participant = "Supplier Parties", Impacts = { "Fine", "Reads \u202Ebackwards" } } },
        } }).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        Assert.Equal(["content.participant_impacts[0].references[1].value", "content.participant_impacts[0].references[2].value", "content.impact_summaries[0].impacts[1]"],
            refused.ViolatedFields());
        Assert.Equal(before, await Rows.SnapshotAsync(desk.Store, "RidVersion"));

        var edited = (await desk.Client.EditRidAsync(new EditRidRequest { ReleaseId = nov, Content = new RidContent
        {
            ParticipantImpacts = { new ImpactRow { Subject = "DCC", References = { Ref("secmp23") } } },
            EnteredDccCosts = { new DccCostLine { Reference = Ref("dp-1"), Activity = "Design", Cost = new() { LowPence = 100, HighPence = 100 } } },
        } })).Rid;
        Assert.Equal("SECMP0023", edited.Content.ParticipantImpacts[0].References[0].Value);
        Assert.Equal("DP001", edited.Content.EnteredDccCosts[0].Reference.Value);
    }

    [Fact]
    public async Task Scope_moves_with_decisions_and_a_targeted_modification_past_its_cut_off_is_flagged()
    {
        await using var suite = await SuiteFactory.StartAsync(new DateTimeOffset(2020, 8, 7, 9, 0, 0, TimeSpan.Zero));
        var desk = await new ReleaseDesk(suite).KnowAsync("MP103", "SECMP0015", "MP110", "MP112");
        var nov = await desk.CreateAsync("November 2020 SEC Release", ReleaseType.Major, D(2020, 11, 29));
        foreach (var mp in new[] { "MP103", "SECMP0015", "MP110" })
            await desk.AddAsync(nov, mp, ScopeKind.Targeted, D(2020, 6, 1), cutOff: D(2020, 7, 31));
        await desk.AddAsync(nov, "MP112", ScopeKind.Targeted, D(2020, 6, 1), cutOff: D(2020, 9, 30));

        var approved = new ModificationApproved(Guid.NewGuid(), "MP103", new DateOnly(2020, 7, 22), "Change Board");
        await suite.Harness.Bus.Publish(approved);
        await suite.Harness.Bus.Publish(approved, c => c.MessageId = Guid.NewGuid()); // the same decision told twice
        await suite.Harness.Bus.Publish(new ModificationRejected(Guid.NewGuid(), "SECMP0015", new DateOnly(2020, 8, 5), "Change Board"));
        await Eventually.UntilAsync(async () =>
        {
            var now = await desk.Client.GetScopeAsync(new GetScopeRequest { ReleaseId = nov, AsOf = "2020-08-07" });
            return now.Exits.Count == 1 && now.Entries.Any(e => e.Reference.Value == "MP103" && e.Kind == ScopeKind.Approved);
        }, "MP103's approval and SECMP0015's rejection to reach the scope");

        var scope = await desk.Client.GetScopeAsync(new GetScopeRequest { ReleaseId = nov, AsOf = "2020-08-07" });
        var earlier = await desk.Client.GetScopeAsync(new GetScopeRequest { ReleaseId = nov, AsOf = "2020-07-15" });

        Assert.Equal(ScopeKind.Approved, scope.Entries.Single(e => e.Reference.Value == "MP103").Kind);
        Assert.True(scope.Entries.Single(e => e.Reference.Value == "MP110").PastCutOff);
        Assert.False(scope.Entries.Single(e => e.Reference.Value == "MP112").PastCutOff);
        Assert.Contains("Rejected by the Change Board on 5 August 2020", scope.Exits.Single().Reason);
        Assert.Equal(4, earlier.Entries.Count);
        Assert.All(earlier.Entries, e => Assert.Equal(ScopeKind.Targeted, e.Kind));
    }

    [Fact]
    public async Task Go_live_publishes_each_approved_modification_once_and_fires_after_a_restart()
    {
        await SuiteFactory.OnOwnDataAsync(async data =>
        {
            string standalone;
            await using (var before = new SuiteFactory(data, new DateTimeOffset(2020, 7, 22, 15, 0, 0, TimeSpan.Zero)))
            {
                var planner = await new ReleaseDesk(before).KnowApprovedAsync(D(2020, 7, 22), "MP135");
                standalone = await planner.CreateAsync("MP135 standalone SEC Release", ReleaseType.Standalone, D(2020, 7, 23));
                await planner.AddAsync(standalone, "MP135", ScopeKind.Approved, D(2020, 7, 22));
                await planner.GoAsync(standalone, D(2020, 7, 22));
            }

            await using var after = await SuiteFactory.StartAsync(new DateTimeOffset(2020, 7, 23, 9, 0, 0, TimeSpan.Zero), data);
            var desk = new ReleaseDesk(after);
            await Eventually.UntilAsync(async () => (await desk.ImplementedInMonthAsync("2020-07")).Count == 1, "the release to go live on its date after the restart");
            var again = await desk.ImplementAsync(standalone);

            Assert.Empty(again.Implemented);
            Assert.Equal(ReleaseStatus.Implemented, again.Release.Status);
            await Eventually.PublishedAsync<ModificationImplemented>(after.Harness, m => m.Context.Message.Reference == "MP135");
            Assert.Equal(1, await Rows.CountAsync(after.Get<ReleasesStore>(), "OutboxMessage WHERE MessageType LIKE '%ModificationImplemented'"));
            var july = (await desk.ImplementedInMonthAsync("2020-07")).Single();
            Assert.Equal(["MP135"], july.Scope.Select(s => s.Reference.Value));
        });
    }

    [Fact]
    public async Task A_part_is_implemented_with_the_modification_only_when_it_is_the_last_part()
    {
        await using var suite = new SuiteFactory(null, new DateTimeOffset(2020, 11, 6, 9, 0, 0, TimeSpan.Zero));
        var desk = await new ReleaseDesk(suite).KnowApprovedAsync(D(2020, 3, 1), "SECMP0062", "SECMP0053");
        var (june, nov) = await JuneAndNovemberAsync(desk, 5);
        await desk.AddAsync(june, "SECMP0053", ScopeKind.Approved, D(2020, 3, 1));
        await desk.AddAsync(june, "SECMP0062", ScopeKind.Approved, D(2020, 3, 1), part: 1);
        await desk.AddAsync(nov, "SECMP0062", ScopeKind.Approved, D(2020, 3, 1), part: 2);
        await desk.GoAsync(june, D(2020, 6, 1));
        await desk.GoAsync(nov, D(2020, 10, 1));

        var first = await desk.ImplementAsync(june);
        var second = await desk.ImplementAsync(nov);

        Assert.Equal(["SECMP0053"], first.Implemented.Select(r => r.Value));
        Assert.Equal(["SECMP0062"], second.Implemented.Select(r => r.Value));
    }

    [Fact]
    public async Task A_release_cannot_be_implemented_before_its_date()
    {
        await using var suite = new SuiteFactory(null, new DateTimeOffset(2020, 6, 24, 9, 0, 0, TimeSpan.Zero));
        var desk = await new ReleaseDesk(suite).KnowApprovedAsync(D(2020, 3, 1), "SECMP0053");
        var june = await desk.CreateAsync("June 2020 SEC Release", ReleaseType.Major, D(2020, 6, 25));
        await desk.AddAsync(june, "SECMP0053", ScopeKind.Approved, D(2020, 3, 1));

        var early = await Assert.ThrowsAsync<RpcException>(() => desk.ImplementAsync(june));

        Assert.Equal(StatusCode.FailedPrecondition, early.StatusCode);
        Assert.Contains("goes live on 25 June 2020", early.Status.Detail);
        Assert.Equal(ReleaseStatus.Planned, (await desk.UpcomingStatusesAsync("2020-06-24")).Single());
        Assert.Equal(0, await Rows.CountAsync(desk.Store, "OutboxMessage WHERE MessageType LIKE '%ModificationImplemented'"));
    }

    [Fact]
    public async Task A_release_goes_live_only_after_the_Panels_go_decision_and_a_refusal_writes_nothing()
    {
        await using var suite = new SuiteFactory(null, new DateTimeOffset(2020, 11, 30, 9, 0, 0, TimeSpan.Zero));
        var (desk, june, nov) = await JuneAndNovemberWithScopeAsync(suite, 29, "MP081", "MP103", D(2020, 6, 1));
        await desk.BaselineAsync(nov, D(2020, 6, 1), D(2020, 6, 5));
        var before = await Rows.SnapshotAsync(desk.Store, "Release", "ScopeEntry", "RidVersion", "OutboxMessage", "DurableTimer");

        var planned = await Assert.ThrowsAsync<RpcException>(() => desk.ImplementAsync(june));
        var baselined = await Assert.ThrowsAsync<RpcException>(() => desk.ImplementAsync(nov));

        Assert.Equal(StatusCode.FailedPrecondition, planned.StatusCode);
        Assert.Equal("June 2020 SEC Release is Planned; it goes live only after the Panel's go decision.", planned.Status.Detail);
        Assert.Equal(StatusCode.FailedPrecondition, baselined.StatusCode);
        Assert.Equal("November 2020 SEC Release is Baselined; it goes live only after the Panel's go decision.", baselined.Status.Detail);
        Assert.Equal(before, await Rows.SnapshotAsync(desk.Store, "Release", "ScopeEntry", "RidVersion", "OutboxMessage", "DurableTimer"));
        Assert.Equal([ReleaseStatus.Planned, ReleaseStatus.Baselined], await desk.UpcomingStatusesAsync("2020-01-01"));

        await desk.GoAsync(nov, D(2020, 11, 20));
        var implemented = await desk.ImplementAsync(nov);

        Assert.Equal(ReleaseStatus.Implemented, implemented.Release.Status);
        Assert.Equal(["MP103"], implemented.Implemented.Select(r => r.Value));
    }

    [Fact]
    public async Task The_go_live_timer_leaves_a_planned_or_baselined_release_as_it_is_and_is_spent()
    {
        await using var suite = new SuiteFactory(null, new DateTimeOffset(2020, 4, 8, 9, 0, 0, TimeSpan.Zero));
        var (desk, june, nov) = await JuneAndNovemberWithScopeAsync(suite, 5, "SECMP0053", "MP081", D(2020, 3, 25));
        await desk.BaselineAsync(june, D(2020, 4, 1), D(2020, 4, 3));
        var store = desk.Store;
        Assert.Equal(2, await Rows.CountAsync(store, "DurableTimer WHERE Kind = 'go-live' AND FiredAt IS NULL"));

        suite.Clock.UtcNow = new DateTimeOffset(2020, 11, 6, 9, 0, 0, TimeSpan.Zero);
        await Eventually.UntilAsync(async () => await Rows.CountAsync(store, "DurableTimer WHERE Kind = 'go-live' AND FiredAt IS NOT NULL") == 2,
            "both go-live timers to fire");

        Assert.Equal(0, await Rows.CountAsync(store, "DurableTimer WHERE LastError IS NOT NULL"));
        Assert.Equal(0, await Rows.CountAsync(store, "OutboxMessage WHERE MessageType LIKE '%ModificationImplemented'"));
        Assert.Equal([ReleaseStatus.Baselined, ReleaseStatus.Planned], await desk.UpcomingStatusesAsync("2020-04-08"));
        Assert.Empty(await desk.ImplementedInMonthAsync("2020-06"));
        Assert.Empty(await desk.ImplementedInMonthAsync("2020-11"));
    }
}
