using Sec.Releases.V1;

namespace Sec.ServiceTests.Releases;

/// <summary>
/// Every call that names a release checks its id before looking for it: a blank, overlong or
/// control-character id is the caller's mistake naming <c>release_id</c>, not a release that is
/// missing, and an unknown one is quoted short and printable.
/// </summary>
public sealed class ReleaseIdTests : SuiteTests
{
    private static Google.Type.Date On => D(2020, 3, 1);

    /// <summary>Each call that names a release, with the rest of its request valid.</summary>
    public static TheoryData<string> Calls => new()
    {
        "EditRid", "StartRidVersion", "BaselineRid", "GetRid", "CompareRidVersions", "DecideGoNoGo", "ImplementRelease", "GetScope",
        "AddToScope", "RemoveFromScope", "RecordPotentialImpacts", "RescheduleRelease", "CancelRelease",
    };

    private static Task Call(ReleasesService.ReleasesServiceClient releases, string call, string id) => call switch
    {
        "EditRid" => releases.EditRidAsync(new EditRidRequest { ReleaseId = id, Content = new RidContent() }).ResponseAsync,
        "StartRidVersion" => releases.StartRidVersionAsync(new StartRidVersionRequest { ReleaseId = id, Version = "0.1", Dated = On, Changes = "First draft" }).ResponseAsync,
        "BaselineRid" => releases.BaselineRidAsync(new BaselineRidRequest { ReleaseId = id, BaselinedOn = On }).ResponseAsync,
        "GetRid" => releases.GetRidAsync(new GetRidRequest { ReleaseId = id }).ResponseAsync,
        "CompareRidVersions" => releases.CompareRidVersionsAsync(new CompareRidVersionsRequest { ReleaseId = id, FromVersion = "0.1", ToVersion = "0.2" }).ResponseAsync,
        "DecideGoNoGo" => releases.DecideGoNoGoAsync(new DecideGoNoGoRequest { ReleaseId = id, Go = true, DecidedOn = On }).ResponseAsync,
        "ImplementRelease" => releases.ImplementReleaseAsync(new ImplementReleaseRequest { ReleaseId = id }).ResponseAsync,
        "GetScope" => releases.GetScopeAsync(new GetScopeRequest { ReleaseId = id, AsOf = "2020-03-01" }).ResponseAsync,
        "AddToScope" => releases.AddToScopeAsync(new AddToScopeRequest { ReleaseId = id, Reference = new() { Value = "MP122" }, Kind = ScopeKind.Approved, EffectiveOn = On }).ResponseAsync,
        "RemoveFromScope" => releases.RemoveFromScopeAsync(new RemoveFromScopeRequest { ReleaseId = id, Reference = new() { Value = "MP122" }, Reason = "Moved", EffectiveOn = On }).ResponseAsync,
        "RecordPotentialImpacts" => releases.RecordPotentialImpactsAsync(new RecordPotentialImpactsRequest { ReleaseId = id, Reference = new() { Value = "MP122" }, EffectiveOn = On }).ResponseAsync,
        "RescheduleRelease" => releases.RescheduleReleaseAsync(new RescheduleReleaseRequest { ReleaseId = id, ImplementationDate = D(2020, 7, 2), DecidedOn = On, Reason = "Moved" }).ResponseAsync,
        "CancelRelease" => releases.CancelReleaseAsync(new CancelReleaseRequest { ReleaseId = id, CancelledOn = On, Reason = "Withdrawn" }).ResponseAsync,
        _ => throw new ArgumentOutOfRangeException(nameof(call), call, null),
    };

    [Theory, MemberData(nameof(Calls))]
    public async Task A_blank_overlong_or_control_character_id_is_refused_naming_release_id_and_writes_nothing(string call)
    {
        var releases = new ReleasesService.ReleasesServiceClient(Suite.Channel());
        var before = await Suite.EveryRowCountAsync();

        foreach (var id in new[] { "", "   ", new string('r', 100_000), "a\0b", "release\u202Eid" })
        {
            var refused = await Assert.ThrowsAsync<RpcException>(() => Call(releases, call, id));

            Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
            Assert.Contains("release_id", refused.ViolatedFields());
            Assert.True(refused.Status.Detail.Length < 1_000, $"{call}: a refusal of {refused.Status.Detail.Length:N0} characters");
        }
        Assert.Equal(before, await Suite.EveryRowCountAsync());
    }

    [Fact]
    public async Task An_unknown_release_is_not_found_and_quoted_as_sent()
    {
        var releases = new ReleasesService.ReleasesServiceClient(Suite.Channel());

        var missing = await Assert.ThrowsAsync<RpcException>(() => Call(releases, "GetRid", "no-such-release"));

        Assert.Equal(StatusCode.NotFound, missing.StatusCode);
        Assert.Equal("There is no release 'no-such-release'.", missing.Status.Detail);
    }
}
