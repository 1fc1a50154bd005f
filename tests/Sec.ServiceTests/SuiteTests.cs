using Sec.Proposals.V1;

namespace Sec.ServiceTests;

/// <summary>
/// Tests that share one set-up. xUnit makes a new instance for every test, so each test still has
/// a suite of its own, started with the harness running.
/// </summary>
public abstract class SuiteTests(DateTimeOffset? now = null) : IAsyncLifetime
{
    private Register? _register;

    protected SuiteFactory Suite { get; } = new(null, now);

    /// <summary>The register, as SECAS drives it.</summary>
    protected Register Register => _register ??= new Register(Suite);

    protected ProposalsService.ProposalsServiceClient Proposals => Register.Client;

    public virtual Task InitializeAsync() => Suite.Harness.Start();

    public virtual async Task DisposeAsync() => await Suite.DisposeAsync();
}
