using System.Diagnostics.Metrics;
using MassTransit;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Sec.BuildingBlocks.Messaging;

/// <summary>
/// Watches the bus once a second and remembers since when the broker has been out of reach, so
/// readiness can say how long, not only whether. The bus is out of reach until it first connects.
/// </summary>
public sealed class BrokerWatch(IBusControl bus, TimeProvider time, ILogger<BrokerWatch> logger) : BackgroundService
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);
    private readonly DateTimeOffset _startedAt = time.GetUtcNow();
    private readonly Lock _lock = new();
    private DateTimeOffset? _unreachableSince;
    private string _reason = "the bus has not started yet";
    private bool _everConnected;

    /// <summary>The broker's state now: whether it is reachable, since when it has not been, and why.</summary>
    public BrokerState State
    {
        get
        {
            lock (_lock)
                return new BrokerState(_unreachableSince is null && _everConnected, _everConnected, _unreachableSince ?? (_everConnected ? null : _startedAt), _reason);
        }
    }

    /// <summary>Looks at the bus once; the background loop calls it every second.</summary>
    public void Observe()
    {
        var health = bus.CheckHealth();
        var now = time.GetUtcNow();
        lock (_lock)
        {
            if (health.Status == BusHealthStatus.Healthy)
            {
                if (_unreachableSince is { } since)
                    logger.LogInformation("The broker is reachable again after {Seconds:F1} s", (now - since).TotalSeconds);
                _unreachableSince = null;
                _everConnected = true;
                _reason = health.Description;
                return;
            }
            _reason = health.Description;
            if (_everConnected && _unreachableSince is null)
            {
                _unreachableSince = now;
                logger.LogWarning("The broker is out of reach: {Reason}", health.Description);
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var meter = new Meter("Sec.Messaging");
        meter.CreateObservableGauge("sec.broker.unreachable", () =>
            State.UnreachableSince is { } since ? (time.GetUtcNow() - since).TotalSeconds : 0.0,
            unit: "s", description: "How long the broker has been out of reach (0 while reachable).");
        using var timer = new PeriodicTimer(Poll);
        do
        {
            try
            {
                Observe();
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Could not read the bus's health");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).AsTask().ContinueWith(t => t.IsCompletedSuccessfully && t.Result, TaskScheduler.Default));
    }
}

/// <summary>Whether the broker is reachable; if not, since when (the process's start, if it never was) and why.</summary>
public sealed record BrokerState(bool Reachable, bool EverConnected, DateTimeOffset? UnreachableSince, string Reason);

/// <summary>
/// Readiness of the messaging: ready while the broker is reachable; degraded (still ready, since
/// writes wait in the outbox) while it has been out of reach for less than <c>Messaging:ReadyGrace</c>;
/// not ready after that, naming how long and why.
/// </summary>
public sealed class BrokerReadinessCheck(BrokerWatch watch, TimeProvider time, IOptions<MessagingOptions> options) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var state = watch.State;
        if (state.Reachable)
            return Task.FromResult(HealthCheckResult.Healthy("the broker is reachable"));
        var grace = options.Value.ReadyGrace;
        var outFor = time.GetUtcNow() - (state.UnreachableSince ?? time.GetUtcNow());
        var what = state.EverConnected
            ? $"the broker has been out of reach for {outFor.TotalSeconds:F0} s"
            : $"connecting to the broker for {outFor.TotalSeconds:F0} s";
        return Task.FromResult(outFor <= grace
            ? HealthCheckResult.Degraded($"{what} (grace {grace.TotalSeconds:F0} s; events wait in the outbox): {state.Reason}")
            : HealthCheckResult.Unhealthy($"not ready: {what}, longer than the grace of {grace.TotalSeconds:F0} s: {state.Reason}"));
    }
}
