using System.Reflection;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Sec.Calendar;
using Sec.BuildingBlocks.Messaging;
using Sec.BuildingBlocks.Timers;

namespace Sec.BuildingBlocks.Hosting;

/// <summary>Adds a context to a host: its store with the workers every store has (migrations, the outbox relay and the timer poller), its consumers and its classes.</summary>
public static class ContextRegistration
{
    /// <summary>
    /// Adds a context whole: its store, its consumers on the process's one bus, and its own classes
    /// (repositories, use cases, timer handlers) as singletons, so a module lists only what is its own.
    /// </summary>
    public static IHostApplicationBuilder AddContext<TStore>(this IHostApplicationBuilder builder,
        Action<IBusRegistrationConfigurator> addConsumers, params IEnumerable<Type> singletons) where TStore : ContextStore
    {
        builder.AddContextStore<TStore>();
        builder.AddContextMessaging(addConsumers);
        foreach (var type in singletons)
        {
            // The store's timer poller finds its handlers through the interface.
            if (type.IsAssignableTo(typeof(ITimerHandler<TStore>)))
                builder.Services.AddSingleton(typeof(ITimerHandler<TStore>), type);
            else
                builder.Services.AddSingleton(type);
        }
        return builder;
    }

    public static IHostApplicationBuilder AddContextStore<TStore>(this IHostApplicationBuilder builder) where TStore : ContextStore
    {
        var services = builder.Services;
        if (!services.Any(d => d.ServiceType == typeof(StorageMarker)))
        {
            services.AddSingleton<StorageMarker>();
            services.AddOptions<StorageOptions>().Bind(builder.Configuration.GetSection("Storage"));
            services.TryAddSingleton(TimeProvider.System);
            services.TryAddSingleton<IClock, SystemClock>();
            // The shipped bank holidays, extended by any files an operator names (Calendar:ExtraHolidayFiles).
            var extraHolidays = builder.Configuration.GetSection("Calendar:ExtraHolidayFiles").Get<string[]>() ?? [];
            services.TryAddSingleton(_ => HolidayCalendar.Load(extraHolidays));
            services.TryAddSingleton(sp => new LegalWorkingDays(sp.GetRequiredService<HolidayCalendar>()));
        }
        services.AddSingleton<TStore>();
        services.AddSingleton<StoreMigration<TStore>>();
        services.AddSingleton<HealthAnswers<TStore>>();
        // Migrations run before anything else starts, the web server included.
        services.AddHostedService(sp => sp.GetRequiredService<StoreMigration<TStore>>());
        services.AddSingleton<OutboxRelay<TStore>>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxRelay<TStore>>());
        services.AddSingleton<TimerPoller<TStore>>();
        services.AddHostedService(sp => sp.GetRequiredService<TimerPoller<TStore>>());
        services.AddHealthChecks().AddCheck<StoreHealthCheck<TStore>>($"store-{typeof(TStore).Name}", tags: ["ready"]);
        // The context's discrepancies, keyed by its name, so its Api asks for its own.
        var context = ContextName<TStore>();
        services.AddKeyedSingleton(context, (sp, _) => new Application.DiscrepancyUseCases(
            sp.GetRequiredService<TStore>(), sp, sp.GetRequiredService<ICurrentActor>(), sp.GetRequiredService<IClock>()));
        services.AddKeyedSingleton(context, (sp, key) => new Api.DiscrepancyApi(sp.GetRequiredKeyedService<Application.DiscrepancyUseCases>(key)));
        services.AddKeyedSingleton(context, (sp, _) => new Api.DataVersionApi(sp.GetRequiredService<TStore>()));
        services.AddHealthChecks().AddCheck<DiscrepancyHealthCheck<TStore>>($"discrepancies-{context}", tags: ["ready"]);
        return builder;
    }

    /// <summary>A context's name as its services are keyed: its store's name without "Store", in lower case ("changeboard").</summary>
    public static string ContextName<TStore>() where TStore : ContextStore =>
        typeof(TStore).Name.Replace("Store", "", StringComparison.Ordinal).ToLowerInvariant();

    private sealed class StorageMarker;
}

/// <summary>Runs a store's migrations when the host is starting, before any other service starts.</summary>
public sealed class StoreMigration<TStore>(TStore store, ILogger<StoreMigration<TStore>> logger) : IHostedLifecycleService
    where TStore : ContextStore
{
    public bool Completed { get; private set; }

    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        await new Migrator(store, typeof(TStore).Assembly, logger).MigrateAsync(cancellationToken);
        Completed = true;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken cancellationToken)
    {
        store.ReleaseConnections();
        return Task.CompletedTask;
    }
}

/// <summary>
/// Degraded while the context holds an open discrepancy: the service still answers, but its record
/// disagrees with another context's until someone retries or resolves it.
/// </summary>
public sealed class DiscrepancyHealthCheck<TStore>(TStore store, StoreMigration<TStore> migration, HealthAnswers<TStore> answers) : IHealthCheck where TStore : ContextStore
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!migration.Completed)
            return Task.FromResult(HealthCheckResult.Healthy($"{store.Schema} is not migrated yet; the store's own check reports it"));
        return answers.GetAsync("discrepancies", async () =>
        {
            var open = await store.ReadAsync(c => Messaging.DiscrepancyLog.CountOpenAsync(c, store.Schema), cancellationToken);
            return open == 0
                ? HealthCheckResult.Healthy($"{store.Schema} has no open discrepancy")
                : HealthCheckResult.Degraded($"{store.Schema} has {open} open discrepanc{(open == 1 ? "y" : "ies")}: list them with `sec discrepancies`");
        });
    }
}

/// <summary>
/// The store's last health answers, kept until this process commits to the store again or
/// <see cref="MaxAge"/> passes. Readiness is asked on every probe and every gRPC health call; a
/// cached answer costs nothing, and one made before the latest commit (a discrepancy recorded, say)
/// is never served. Another replica's writes show within <see cref="MaxAge"/>.
/// </summary>
public sealed class HealthAnswers<TStore>(TStore store, TimeProvider time) where TStore : ContextStore
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(2);

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Answer> _last = new(StringComparer.Ordinal);

    public async Task<HealthCheckResult> GetAsync(string check, Func<Task<HealthCheckResult>> run)
    {
        var commits = store.Committed.Commits;
        var now = time.GetTimestamp();
        if (_last.TryGetValue(check, out var last) && last.Commits == commits && time.GetElapsedTime(last.At, now) < MaxAge)
            return last.Result;
        var result = await run();
        _last[check] = new Answer(result, commits, now);
        return result;
    }

    private sealed record Answer(HealthCheckResult Result, long Commits, long At);
}

/// <summary>Ready when the store is migrated and answers a query.</summary>
public sealed class StoreHealthCheck<TStore>(TStore store, StoreMigration<TStore> migration, HealthAnswers<TStore> answers) : IHealthCheck where TStore : ContextStore
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        migration.Completed ? answers.GetAsync("store", () => AskAsync(cancellationToken))
            : Task.FromResult(HealthCheckResult.Unhealthy($"{store.Schema} is not migrated yet"));

    private async Task<HealthCheckResult> AskAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await store.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT COUNT(*) FROM {store.Schema}.SchemaVersions";
            await command.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy($"{store.Schema} answers");
        }
        catch (Exception ex)
        {
            return HealthCheckResult.Unhealthy($"{store.Schema} does not answer", ex);
        }
    }
}
