using MassTransit;
using Microsoft.Extensions.Configuration;

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
            var options = builder.Configuration.GetSection("Messaging").Get<MessagingOptions>() ?? new MessagingOptions();
            builder.Services.AddMassTransit(x =>
            {
                holder.Configurator = x;
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
