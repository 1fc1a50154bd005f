using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http;
using Sec.BuildingBlocks.Domain;

namespace Sec.ServiceTests;

/// <summary>What the suite puts in place of the bus, the outbound gRPC calls and the clock.</summary>
internal static class SuiteServices
{
    public static void AddSuiteDoubles(this IServiceCollection s, IClock clock)
    {
        s.AddMassTransitTestHarness();
        // The harness stops waiting after its test timeout; a busy two-core machine running
        // every test assembly at once needs longer than its default.
        s.Configure<TestHarnessOptions>(o =>
        {
            o.TestTimeout = TimeSpan.FromMinutes(3);
            o.TestInactivityTimeout = TimeSpan.FromSeconds(3);
        });
        // The report's gRPC calls to the other contexts go to this same in-memory server.
        s.ConfigureAll<HttpClientFactoryOptions>(o => o.HttpMessageHandlerBuilderActions.Add(b =>
            b.PrimaryHandler = ((TestServer)b.Services.GetRequiredService<IServer>()).CreateHandler()));
        s.RemoveAll<IClock>();
        s.AddSingleton(clock);
    }
}

/// <summary>A clock the tests set.</summary>
public sealed class FixedClock(DateTimeOffset now) : IClock
{
    public DateTimeOffset UtcNow { get; set; } = now;

    public DateOnly Today => DateOnly.FromDateTime(UtcNow.UtcDateTime);
}
