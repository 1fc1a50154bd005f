namespace Sec.Releases.Application;

/// <summary>
/// What this context holds about every modification, for the register's consistency check: its
/// view of the register, and what each release's scope asserts that the register must agree with.
/// </summary>
public sealed class ConsistencyQueries(ReleasesStore store, ReleaseRepository releases)
{
    public Task<(IReadOnlyList<RegisterView> Views, IReadOnlyList<RegisterClaim> Claims)> DescribeAsync(CancellationToken ct) =>
        store.ReadAsync(async c =>
        {
            var views = await releases.EveryRegisterViewAsync(c, null);
            var claims = RegisterAgreement.Claims(await releases.ReleasesAsync(c, null, ct), await releases.ScopeAsync(c, null, null, ct));
            return (views, claims);
        }, ct);
}
