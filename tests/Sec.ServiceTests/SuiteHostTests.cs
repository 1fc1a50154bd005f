using Microsoft.Extensions.Hosting;

namespace Sec.ServiceTests;

/// <summary>The suite the tests run on starts its hosted services as a deployed host does: once each.</summary>
public sealed class SuiteHostTests
{
    [Fact]
    public async Task Each_hosted_service_of_a_suite_is_started_once_and_stopped_with_it()
    {
        var probe = new StartCounter();
        var suite = new SuiteFactory(services: s => s.AddSingleton<IHostedService>(probe));
        await suite.StartHostAsync();
        Assert.Equal((1, 0), (probe.Starts, probe.Stops));

        await suite.DisposeAsync();

        // The test host may stop a minimal-API host twice as it is disposed (dotnet/aspnetcore#40271); it never starts one again.
        Assert.Equal(1, probe.Starts);
        Assert.InRange(probe.Stops, 1, 2);
    }

    private sealed class StartCounter : IHostedService
    {
        private int _starts;
        private int _stops;

        public int Starts => Volatile.Read(ref _starts);

        public int Stops => Volatile.Read(ref _stops);

        public Task StartAsync(CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _starts);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _stops);
            return Task.CompletedTask;
        }
    }
}
