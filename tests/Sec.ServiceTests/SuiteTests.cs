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

    public virtual Task InitializeAsync() => Suite.StartHostAsync();

    /// <summary>The call is refused with <paramref name="code"/> once the suite has settled, and writes nothing in any context.</summary>
    protected async Task<RpcException> RefusedWritingNothingAsync(StatusCode code, Func<Task> call)
    {
        await Suite.SettledAsync();
        var before = await Suite.EveryRowCountAsync();
        var refused = await Assert.ThrowsAsync<RpcException>(call);
        Assert.Equal(code, refused.StatusCode);
        Assert.Equal(before, await Suite.EveryRowCountAsync());
        return refused;
    }

    public virtual async Task DisposeAsync() => await Suite.DisposeAsync();
}
