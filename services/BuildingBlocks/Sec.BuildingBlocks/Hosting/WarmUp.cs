using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Sec.BuildingBlocks.Hosting;

/// <summary>
/// Work a context does once in the background after its host has started, so the first real request
/// does not pay for compiling its code, filling its connection pool or reading its pages cold (the
/// monthly report's reads, for example). It never delays start-up or readiness, reads only, and a
/// failure is logged and ignored. <c>Hosting:WarmUp = false</c> turns it off.
/// </summary>
public sealed record WarmUp(string Name, Func<IServiceProvider, CancellationToken, Task> RunAsync);

public static class WarmUpRegistration
{
    /// <summary>Adds a warm-up; each runs in its own scope, one after another, once the host has started.</summary>
    public static IServiceCollection AddWarmUp(this IServiceCollection services, string name, Func<IServiceProvider, CancellationToken, Task> run)
    {
        services.AddSingleton(new WarmUp(name, run));
        services.TryAddSingleton<WarmUpState>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, WarmUpRunner>());
        return services;
    }
}

/// <summary>Whether the host's warm-ups have finished (or were turned off), for a benchmark that measures a warmed host.</summary>
public sealed class WarmUpState
{
    private readonly TaskCompletionSource _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when every warm-up has run, failed or been skipped.</summary>
    public Task Finished => _finished.Task;

    internal void Finish() => _finished.TrySetResult();
}

/// <summary>Runs the registered warm-ups after the application has started, in the background.</summary>
internal sealed class WarmUpRunner(IEnumerable<WarmUp> warmUps, WarmUpState state, IServiceScopeFactory scopes, IHostApplicationLifetime lifetime,
    IConfiguration configuration, ILogger<WarmUpRunner> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await RunAllAsync(stoppingToken);
        }
        finally
        {
            state.Finish();
        }
    }

    private async Task RunAllAsync(CancellationToken stoppingToken)
    {
        if (!configuration.GetValue("Hosting:WarmUp", true))
            return;
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var registration = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        await started.Task.WaitAsync(stoppingToken);
        foreach (var warmUp in warmUps)
        {
            var watch = System.Diagnostics.Stopwatch.StartNew();
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await warmUp.RunAsync(scope.ServiceProvider, stoppingToken);
                logger.LogDebug("Warmed up {WarmUp} in {Milliseconds} ms", warmUp.Name, watch.ElapsedMilliseconds);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // Only an optimisation: the first request does the same work itself.
                logger.LogInformation("Warm-up {WarmUp} did not finish: {Reason}", warmUp.Name, ex.Message);
            }
            catch (Exception) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }
}
