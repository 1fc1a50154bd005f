using System.Net;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Sec.BuildingBlocks.Messaging;

namespace Sec.ServiceTests.Messaging;

/// <summary>Readiness says whether the broker is reachable, and for how long it has not been.</summary>
public sealed class ReadinessTests
{
    private static async Task<HealthCheckResult> CheckAsync(BrokerWatch watch, TimeProvider time) =>
        await new BrokerReadinessCheck(watch, time, Options.Create(new MessagingOptions { ReadyGrace = TimeSpan.FromSeconds(30) }))
            .CheckHealthAsync(new HealthCheckContext());

    [Fact]
    public async Task Ready_while_the_broker_answers_degraded_within_the_grace_and_not_ready_after_it_naming_why()
    {
        var time = new ManualTime(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
        var (bus, script) = ScriptedBus.Create();
        script.Health = BusHealthStatus.Unhealthy;
        var watch = new BrokerWatch(bus, time, NullLogger<BrokerWatch>.Instance);

        watch.Observe();
        var starting = await CheckAsync(watch, time);
        script.Health = BusHealthStatus.Healthy;
        watch.Observe();
        var up = await CheckAsync(watch, time);
        script.Health = BusHealthStatus.Unhealthy;
        watch.Observe();
        time.Advance(TimeSpan.FromSeconds(10));
        var brief = await CheckAsync(watch, time);
        time.Advance(TimeSpan.FromSeconds(25));
        watch.Observe();
        var long_ = await CheckAsync(watch, time);
        script.Health = BusHealthStatus.Healthy;
        watch.Observe();
        var back = await CheckAsync(watch, time);

        Assert.Equal(HealthStatus.Degraded, starting.Status);
        Assert.Contains("connecting to the broker", starting.Description);
        Assert.Equal(HealthStatus.Healthy, up.Status);
        Assert.Equal(HealthStatus.Degraded, brief.Status);
        Assert.Equal(HealthStatus.Unhealthy, long_.Status);
        Assert.Contains("out of reach for 35 s, longer than the grace of 30 s", long_.Description);
        Assert.Contains("broker unreachable", long_.Description);
        Assert.Equal(HealthStatus.Healthy, back.Status);
    }

    [Fact]
    public async Task The_suite_is_ready_with_its_bus_and_says_so_with_no_masstransit_check()
    {
        await using var suite = await SuiteFactory.StartAsync();
        using var http = suite.CreateClient();

        await Eventually.UntilAsync(async () => (await http.GetStringAsync("/health/ready")) == "Healthy", "readiness to be Healthy");
        var options = suite.Services.GetRequiredService<IOptions<HealthCheckServiceOptions>>().Value;
        Assert.Contains(options.Registrations, r => r.Name == "messaging" && r.Tags.Contains("ready"));
        Assert.DoesNotContain(options.Registrations, r => r.Tags.Contains("masstransit"));
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health/live")).StatusCode);
    }
}

/// <summary>The outbox's and the broker's figures reach Prometheus under the names the operations guide gives.</summary>
public sealed class MessagingMetricsTests
{
    [Fact]
    public async Task Backlog_oldest_age_and_broker_reach_are_scraped()
    {
        await using var suite = await SuiteFactory.StartAsync();
        using var http = suite.CreateClient();
        http.DefaultRequestHeaders.Authorization = new("Bearer", suite.Token("Holly Burton", "SECAS", [Sec.Identity.SecRoles.Operator], null));

        string metrics = "";
        await Eventually.UntilAsync(async () =>
        {
            metrics = await http.GetStringAsync("/metrics");
            return metrics.Contains("sec_outbox_backlog{") && metrics.Contains("sec_broker_unreachable_seconds");
        }, "the outbox and broker metrics to be scraped");

        Assert.Contains("sec_outbox_oldest_age_seconds{", metrics);
        Assert.Contains("schema=\"proposals\"", metrics);
    }
}
