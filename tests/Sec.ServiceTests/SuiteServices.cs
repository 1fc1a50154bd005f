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
        // The harness's waits (Published.Any and the like) end at its test timeout; the tests bound their
        // own waits (Eventually), so its timeout only has to outlive any suite, such as a class fixture
        // on a loaded two-core machine.
        s.Configure<TestHarnessOptions>(o =>
        {
            o.TestTimeout = TimeSpan.FromMinutes(60);
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
