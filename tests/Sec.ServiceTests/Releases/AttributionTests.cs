using Sec.BuildingBlocks.Storage;
using Sec.Identity;
using Sec.Releases.V1;

namespace Sec.ServiceTests.Releases;

public sealed class AttributionTests
{
    private static readonly DateTimeOffset Today = new(2019, 5, 10, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Each_write_records_the_tokens_caller_its_effective_date_and_when_it_was_recorded()
    {
        await using var suite = new SuiteFactory(null, Today);
        var desk = await new ReleaseDesk(suite).KnowApprovedAsync(D(2019, 2, 8), "SECMP0023");
        var secas = new ReleasesService.ReleasesServiceClient(suite.Channel("Holly Burton", "SECAS", [SecRoles.Secas]));

        var release = (await secas.CreateReleaseAsync(new CreateReleaseRequest { Name = "November 2019 SEC Release", Type = ReleaseType.Major, ImplementationDate = D(2019, 11, 7) })).Release.ReleaseId;
        suite.Clock.UtcNow = Today.AddDays(1);
        await secas.AddToScopeAsync(new AddToScopeRequest { ReleaseId = release, Reference = Ref("SECMP0023"), Kind = ScopeKind.Approved, EffectiveOn = D(2019, 2, 8) });

        var entries = await desk.Store.ReadAsync(c => c.QueryAsync<AuditEntry>(
            $"SELECT Operation, Subject, Reference, EffectiveOn, RecordedAt, ActorName, ActorOrganisation, Roles FROM {desk.Store.Schema}.AuditEntry ORDER BY Sequence"));
        Assert.Equal(
        [
            new AuditEntry("CreateRelease", release, null, new DateOnly(2019, 11, 7), Today, "Holly Burton", "SECAS", "secas"),
            new AuditEntry("AddToScope", release, "SECMP0023", new DateOnly(2019, 2, 8), Today.AddDays(1), "Holly Burton", "SECAS", "secas"),
        ], entries);
    }
}
