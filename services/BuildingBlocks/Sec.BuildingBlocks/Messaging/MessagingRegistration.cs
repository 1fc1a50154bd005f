using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Sec.BuildingBlocks.Messaging;

/// <summary>Which broker carries the integration events.</summary>
public enum MessagingTransport
{
    /// <summary>The embedded default: MassTransit's in-memory transport inside one process.</summary>
    InMemory,

    /// <summary>Production and the system tests: RabbitMQ.</summary>
    RabbitMq,
}

/// <summary>Messaging settings, read from the <c>Messaging</c> section.</summary>
public sealed class MessagingOptions
{
    public MessagingTransport Transport { get; set; } = MessagingTransport.InMemory;
    public string Host { get; set; } = "localhost";
    public ushort Port { get; set; } = 5672;
    public string VirtualHost { get; set; } = "/";
    public string Username { get; set; } = "guest";
    public string Password { get; set; } = "guest";

    /// <summary>How long the broker may be out of reach before the service reports itself not ready (503).</summary>
    public TimeSpan ReadyGrace { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Whether MassTransit may send its anonymous usage telemetry to its makers. Off unless an operator
    /// turns it on: a system of record sends nothing outside of its own choosing.
    /// </summary>
    public bool UsageTelemetry { get; set; }

    /// <summary>The outbox relay's timings.</summary>
    public OutboxRelayOptions Outbox { get; set; } = new();
}

/// <summary>The outbox relay's timings (<c>Messaging:Outbox</c>).</summary>
public sealed class OutboxRelayOptions
{
    /// <summary>
    /// How long a relay holds the rows it claimed. It publishes from a claim only while the lease
    /// outlasts <see cref="PublishTimeout"/>, then claims again; this also bounds how long a crashed
    /// relay's rows wait for another relay.
    /// </summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromSeconds(8);

    /// <summary>How long one publish may take before the relay gives up, records why on the row and tries again; shorter than the lease.</summary>
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// Under load (a batch that was not full, after another batch), how long the relay lets rows gather
    /// before it marks that batch sent and claims the next. It adds at most this much to an event's way
    /// out under load, and nothing after a quiet spell, when a commit wakes the relay at once. Zero claims again at once.
    /// </summary>
    public TimeSpan Gather { get; set; } = TimeSpan.FromMilliseconds(5);

    /// <summary>The pause after a failed publish before the next try.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often the relay measures and logs its backlog.</summary>
    public TimeSpan BacklogReport { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>An unsent row older than this makes the backlog line a warning.</summary>
    public TimeSpan StaleAfter { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>
/// One bus per process, whatever number of contexts it hosts. MassTransit allows a single
/// AddMassTransit call, so the first context to ask creates the bus and every context adds its
/// consumers to the same registration.
/// </summary>
public static class MessagingRegistration
{
    /// <summary>How many times the bus redelivers a message that failed, after its first attempt; both transports use this many intervals.</summary>
    public const int DeliveryRetries = 3;

    public static IHostApplicationBuilder AddContextMessaging(this IHostApplicationBuilder builder, Action<IBusRegistrationConfigurator> addConsumers)
    {
        var holder = builder.Services.Select(d => d.ImplementationInstance).OfType<BusRegistration>().FirstOrDefault();
        if (holder is null)
        {
            holder = new BusRegistration();
            builder.Services.AddSingleton(holder);
            var section = builder.Configuration.GetSection("Messaging");
            var options = section.Get<MessagingOptions>() ?? new MessagingOptions();
            builder.Services.AddOptions<MessagingOptions>().Bind(section);
            builder.Services.AddSingleton<BrokerWatch>();
            builder.Services.AddHostedService(sp => sp.GetRequiredService<BrokerWatch>());
            // Readiness is the broker watch's, which knows for how long the broker has been out of reach;
            // MassTransit's own check says "not started" during every start and "degraded" during any outage.
            builder.Services.AddHealthChecks().AddCheck<BrokerReadinessCheck>("messaging", tags: ["ready"]);
            builder.Services.PostConfigure<HealthCheckServiceOptions>(o =>
            {
                foreach (var own in o.Registrations.Where(r => r.Tags.Contains("masstransit")).ToList())
                    o.Registrations.Remove(own);
            });
            builder.Services.AddMassTransit(x =>
            {
                holder.Configurator = x;
                if (!options.UsageTelemetry)
                    x.DisableUsageTelemetry();
                // Queue names carry the consumer's namespace, so two contexts consuming one event get a queue each,
                // and replicas of one service compete on theirs.
                x.SetEndpointNameFormatter(new KebabCaseEndpointNameFormatter(prefix: null, includeNamespace: true));
                if (options.Transport == MessagingTransport.RabbitMq)
                {
                    x.UsingRabbitMq((context, cfg) =>
                    {
                        cfg.Host(options.Host, options.Port, options.VirtualHost, h =>
                        {
                            h.Username(options.Username);
                            h.Password(options.Password);
                        });
                        cfg.UseMessageRetry(r => r.Intervals(500, 2000, 5000));
                        cfg.ConfigureEndpoints(context);
                    });
                }
                else
                {
                    x.UsingInMemory((context, cfg) =>
                    {
                        cfg.UseMessageRetry(r => r.Intervals(50, 200, 1000));
                        cfg.ConfigureEndpoints(context);
                    });
                }
            });
        }
        addConsumers(holder.Configurator!);
        return builder;
    }

    private sealed class BusRegistration
    {
        public IBusRegistrationConfigurator? Configurator { get; set; }
    }
}
