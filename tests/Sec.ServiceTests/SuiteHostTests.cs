using Microsoft.Extensions.Hosting;

namespace Sec.ServiceTests;

/// <summary>The suite the tests run on starts its hosted services as a deployed host does: once each.</summary>
public sealed class SuiteHostTests
{
    [Fact]
    public async Task Each_hosted_service_of_a_suite_is_started_once_and_stopped_once()
    {
        var probe = new StartCounter();
        var suite = new SuiteFactory(services: s => s.AddSingleton<IHostedService>(probe));
        await suite.StartHostAsync();
        Assert.Equal((1, 0), (probe.Starts, probe.Stops));

        await suite.DisposeAsync();

        Assert.Equal((1, 1), (probe.Starts, probe.Stops));
    }

    private sealed class StartCounter : IHostedService
    {
        public int Starts { get; private set; }

        public int Stops { get; private set; }

        public Task StartAsync(CancellationToken cancellationToken)
        {
            Starts++;
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken)
        {
            Stops++;
            return Task.CompletedTask;
        }
    }
}
