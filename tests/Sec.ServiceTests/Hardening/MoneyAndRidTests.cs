using Sec.Assessments.V1;
using Sec.Releases.V1;
using Sec.ServiceTests.Assessments;
using Sec.ServiceTests.Releases;
using AssessmentKind = Sec.Assessments.V1.AssessmentKind;

namespace Sec.ServiceTests.Hardening;

/// <summary>
/// Money and days are bounded and summed checked: a RID refuses content it could not read back, a
/// RID whose stored figures are out of bounds is refused plainly and never half-written, and the
/// DCC's returned costs are bounded.
/// </summary>
public sealed class MoneyAndRidTests() : SuiteTests(new DateTimeOffset(2019, 5, 10, 12, 0, 0, TimeSpan.Zero))
{
    private const long NineExaPence = 9_000_000_000_000_000_000;
    private ReleaseDesk _desk = null!;
    private string _release = "";

    private ReleasesService.ReleasesServiceClient Releases => _desk.Client;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _desk = await new ReleaseDesk(Suite).KnowApprovedAsync(D(2019, 2, 8), "SECMP0023");
        _release = await _desk.CreateAsync("November 2019 SEC Release", ReleaseType.Major, D(2019, 11, 7));
        await _desk.AddAsync(_release, "SECMP0023", ScopeKind.Approved, D(2019, 2, 8));
        await Releases.StartRidVersionAsync(new StartRidVersionRequest { ReleaseId = _release, Version = "0.1", Dated = D(2019, 2, 8), Changes = "First draft" });
    }

    private static DccCostLine Line(long? pence) => new()
    {
        Reference = Ref("SECMP0023"), Activity = "Design", Cost = pence is { } p ? new Sec.Common.V1.MoneyRange { LowPence = p, HighPence = p } : null,
    };

    public static TheoryData<string, string[]> UnreadableContent => new()
    {
        { "days", ["content.secas_effort[0].days", "content.secas_effort[1].days"] },
        { "no cost", ["content.entered_dcc_costs[0].cost"] },
        { "pence", ["content.entered_dcc_costs[0].cost.low_pence", "content.entered_dcc_costs[0].cost.high_pence",
                    "content.entered_dcc_costs[1].cost.low_pence", "content.entered_dcc_costs[1].cost.high_pence"] },
        { "entries", ["content.other_codes"] },
    };

    [Theory]
    [MemberData(nameof(UnreadableContent))]
    public async Task Content_the_RID_could_not_read_back_is_refused_naming_the_field_and_the_RID_stays_readable(string kind, string[] fields)
    {
        var content = new Sec.Releases.V1.RidContent();
        switch (kind)
        {
            case "days":
                content.SecasEffort.Add(new SecasEffort { Purpose = "Legal text", Days = int.MaxValue });
                content.SecasEffort.Add(new SecasEffort { Purpose = "Release management", Days = 10_001 });
                break;
            case "no cost":
                content.EnteredDccCosts.Add(Line(null));
                break;
            case "pence":
                content.EnteredDccCosts.Add(Line(NineExaPence));
                content.EnteredDccCosts.Add(Line(NineExaPence));
                break;
            default:
                content.OtherCodes.Add(Enumerable.Range(0, 501).Select(i => $"Code {i}"));
                break;
        }
        await Suite.SettledAsync();
        var before = await Suite.EveryRowCountAsync();

        var refused = await Assert.ThrowsAsync<RpcException>(() => Releases.EditRidAsync(new EditRidRequest { ReleaseId = _release, Content = content }).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        Assert.Equal(fields, refused.ViolatedFields());
        Assert.Equal(before, await Suite.EveryRowCountAsync());
        Assert.Equal("0.1", (await Releases.GetRidAsync(new GetRidRequest { ReleaseId = _release })).Rid.Version.Version);
        await Releases.StartRidVersionAsync(new StartRidVersionRequest { ReleaseId = _release, Version = "0.2", Dated = D(2019, 3, 1), Changes = "Second draft" });
        Assert.Empty((await Releases.CompareRidVersionsAsync(new CompareRidVersionsRequest { ReleaseId = _release, FromVersion = "0.1", ToVersion = "0.2" })).Differences);
        await Releases.BaselineRidAsync(new BaselineRidRequest { ReleaseId = _release, BaselinedOn = D(2019, 3, 1) });
    }

    [Fact]
    public async Task The_largest_content_allowed_is_saved_and_its_totals_read_back()
    {
        var content = new Sec.Releases.V1.RidContent();
        content.SecasEffort.Add(Enumerable.Range(0, 10).Select(_ => new SecasEffort { Purpose = "Legal text", Days = 10_000 }));
        content.EnteredDccCosts.Add(Enumerable.Range(0, 10).Select(_ => Line(100_000_000_000)));

        var costs = (await Releases.EditRidAsync(new EditRidRequest { ReleaseId = _release, Content = content })).Rid.Costs;

        Assert.Equal(100_000, costs.SecasDays);
        Assert.Equal(1_000_000_000_000, costs.ApprovedTotal.HighPence);
    }

    /// <summary>What earlier versions could save: figures whose totals overflow.</summary>
    private async Task StoreOverflowingContentAsync()
    {
        var store = Suite.Get<Sec.Releases.Storage.ReleasesStore>();
        var content = """{"secasEffort":[{"purpose":"Legal text","days":2147483647},{"purpose":"More","days":1}]}""";
        await store.ReadAsync(c => c.ExecuteAsync($"UPDATE {store.Schema}.RidVersion SET Content = @Content", new { Content = content }));
    }

    [Fact]
    public async Task A_stored_RID_beyond_the_bounds_is_refused_plainly_and_baselining_or_a_new_version_writes_nothing()
    {
        await StoreOverflowingContentAsync();
        await Suite.SettledAsync();
        var before = await Suite.EveryRowCountAsync();

        var read = await Assert.ThrowsAsync<RpcException>(() => Releases.GetRidAsync(new GetRidRequest { ReleaseId = _release }).ResponseAsync);
        var baseline = await Assert.ThrowsAsync<RpcException>(() => Releases.BaselineRidAsync(new BaselineRidRequest { ReleaseId = _release, BaselinedOn = D(2019, 3, 1) }).ResponseAsync);
        var started = await Assert.ThrowsAsync<RpcException>(() => Releases.StartRidVersionAsync(
            new StartRidVersionRequest { ReleaseId = _release, Version = "0.2", Dated = D(2019, 3, 1), Changes = "Second draft" }).ResponseAsync);

        Assert.All([read, baseline, started], e => Assert.Equal(StatusCode.FailedPrecondition, e.StatusCode));
        Assert.Contains("SECAS effort", read.Status.Detail);
        Assert.Equal(before, await Suite.EveryRowCountAsync());
    }

    [Theory]
    [InlineData("../../../etc/passwd", 2019, "version")]
    [InlineData("v1 final draft", 2019, "version")]
    [InlineData("1.0", 2025, "dated")]
    [InlineData("1.0", 2014, "dated")]
    public async Task A_version_needs_a_short_safe_label_and_a_plausible_date(string label, int year, string field)
    {
        await Suite.SettledAsync();
        var before = await Suite.EveryRowCountAsync();

        var refused = await Assert.ThrowsAsync<RpcException>(() => Releases.StartRidVersionAsync(
            new StartRidVersionRequest { ReleaseId = _release, Version = label, Dated = D(year, 1, 2), Changes = "Baselined" }).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        Assert.Equal([field], refused.ViolatedFields());
        Assert.Equal(before, await Suite.EveryRowCountAsync());
    }

    [Fact]
    public async Task A_return_with_costs_beyond_a_billion_pounds_is_refused_naming_the_field_and_writes_nothing()
    {
        var dcc = await new Dcc(Suite).KnowAsync("MP110");
        await dcc.RequestAsync("MP110", AssessmentKind.Preliminary, new DateOnly(2019, 4, 1));
        await dcc.AcceptAsync("MP110", AssessmentKind.Preliminary, new DateOnly(2019, 4, 1), 15);
        await Suite.SettledAsync();
        var before = await Suite.EveryRowCountAsync();
        var costs = new Sec.Assessments.V1.AssessmentCosts();
        foreach (var activity in new[] { Activity.Design, Activity.Build })
            costs.Implementation.Add(new ActivityCost { Activity = activity, Cost = new Sec.Common.V1.MoneyRange { LowPence = NineExaPence, HighPence = NineExaPence } });

        var refused = await Assert.ThrowsAsync<RpcException>(() => dcc.Client.ReturnAssessmentAsync(new ReturnAssessmentRequest
        {
            IdempotencyKey = "return-huge",
            Assessment = new DccAssessmentKey { Reference = Ref("MP110"), Kind = AssessmentKind.Preliminary },
            ReturnedOn = D(2019, 5, 1),
            Costs = costs,
        }).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        Assert.Equal(["costs.implementation[0].cost.low_pence", "costs.implementation[0].cost.high_pence",
            "costs.implementation[1].cost.low_pence", "costs.implementation[1].cost.high_pence"], refused.ViolatedFields());
        Assert.Equal(before, await Suite.EveryRowCountAsync());
    }
}
