using System.Reflection;

namespace Sec.ServiceTests.Messaging;

/// <summary>
/// A bus whose publish does what the test says: records the message, fails, or never answers (a
/// broker out of reach). Only publishing and health are implemented; the relay and the broker watch use no more.
/// </summary>
public class ScriptedBus : DispatchProxy
{
    private readonly List<object> _published = [];

    /// <summary>What a publish does; by default it succeeds.</summary>
    public Func<object, CancellationToken, Task> OnPublish { get; set; } = (_, _) => Task.CompletedTask;

    /// <summary>What the bus says of its health.</summary>
    public BusHealthStatus Health { get; set; } = BusHealthStatus.Healthy;

    public IReadOnlyList<object> Published { get { lock (_published) return _published.ToList(); } }

    public static (IBusControl Bus, ScriptedBus Script) Create()
    {
        var bus = Create<IBusControl, ScriptedBus>();
        return (bus, (ScriptedBus)(object)bus);
    }

    protected override object? Invoke(MethodInfo? method, object?[]? args)
    {
        switch (method!.Name)
        {
            case "CheckHealth":
                return Health == BusHealthStatus.Healthy
                    ? BusHealthResult.Healthy("Ready", new Dictionary<string, EndpointHealthResult>())
                    : BusHealthResult.Unhealthy("Not ready: broker unreachable", new InvalidOperationException("broker unreachable"), new Dictionary<string, EndpointHealthResult>());
            case "Publish":
                var message = args![0]!;
                var ct = args.OfType<CancellationToken>().FirstOrDefault();
                return PublishAsync(message, ct);
            default:
                throw new NotSupportedException($"{method.Name} is not scripted.");
        }
    }

    private async Task PublishAsync(object message, CancellationToken ct)
    {
        await OnPublish(message, ct);
        lock (_published)
            _published.Add(message);
    }

    /// <summary>A publish that waits until cancelled, as MassTransit's does while it reconnects.</summary>
    public static Task Hang(object _, CancellationToken ct) => Task.Delay(Timeout.Infinite, ct);
}

/// <summary>A clock the test moves by hand.</summary>
public sealed class ManualTime(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
