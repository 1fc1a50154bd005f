using System.Buffers;
using System.Net.Sockets;
using Sec.ServiceDefaults.Identity;
using Microsoft.AspNetCore.Http.Features;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Health;
using Yarp.ReverseProxy.Model;

namespace Sec.Gateway;

/// <summary>How the gateway finds a dead replica and stops sending to it (<c>Gateway:Health</c>).</summary>
public sealed class GatewayHealthOptions
{
    /// <summary>How often each destination's liveness is probed.</summary>
    public TimeSpan ProbeInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a probe may take before it counts as a failure.</summary>
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Failed probes in a row that take a destination out of the rotation.</summary>
    public int FailedProbes { get; set; } = 2;

    /// <summary>The path probed on each destination: liveness, so a broker outage (which every replica shares) takes no replica out.</summary>
    public string ProbePath { get; set; } = "/health/live";

    /// <summary>Share of failed calls, within the window, that takes a destination out until the next good probe or the window's end.</summary>
    public double FailureRate { get; set; } = 0.3;

    /// <summary>The window over which failed calls are counted.</summary>
    public TimeSpan FailureWindow { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Calls within the window before the failure rate counts.</summary>
    public int MinimumCalls { get; set; } = 3;
}

/// <summary>
/// Gives every cluster active and passive health checks unless its configuration names its own: a
/// probe of each destination's liveness every couple of seconds, and the share of calls that failed
/// to reach it. A destination out of the rotation gets no calls; if every destination of a cluster
/// is out, calls go to all of them rather than none (YARP's HealthyOrPanic).
/// </summary>
public sealed class HealthCheckDefaults(GatewayHealthOptions options) : IProxyConfigFilter
{
    public ValueTask<ClusterConfig> ConfigureClusterAsync(ClusterConfig cluster, CancellationToken cancel)
    {
        if (cluster.HealthCheck is not null)
            return ValueTask.FromResult(cluster);
        var metadata = new Dictionary<string, string>(cluster.Metadata ?? new Dictionary<string, string>())
        {
            [ConsecutiveFailuresHealthPolicyOptions.ThresholdMetadataName] = options.FailedProbes.ToString(System.Globalization.CultureInfo.InvariantCulture),
            [TransportFailureRateHealthPolicyOptions.FailureRateLimitMetadataName] = options.FailureRate.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        return ValueTask.FromResult(cluster with
        {
            Metadata = metadata,
            HealthCheck = new HealthCheckConfig
            {
                Active = new ActiveHealthCheckConfig
                {
                    Enabled = true,
                    Interval = options.ProbeInterval,
                    Timeout = options.ProbeTimeout,
                    Policy = HealthCheckConstants.ActivePolicy.ConsecutiveFailures,
                    Path = options.ProbePath,
                },
                Passive = new PassiveHealthCheckConfig
                {
                    Enabled = true,
                    Policy = HealthCheckConstants.PassivePolicy.TransportFailureRate,
                    ReactivationPeriod = options.FailureWindow,
                },
                AvailableDestinationsPolicy = HealthCheckConstants.AvailableDestinations.HealthyOrPanic,
            },
        });
    }

    public ValueTask<RouteConfig> ConfigureRouteAsync(RouteConfig route, ClusterConfig? cluster, CancellationToken cancel) => ValueTask.FromResult(route);
}

/// <summary>
/// What the gateway does when a destination fails a call. A read (gRPC <c>Get…</c>, <c>List…</c>,
/// <c>Search…</c>, <c>Stream…</c>, <c>Compare…</c>; HTTP GET) is tried once more on another
/// destination; so is any call the destination refused to connect for, which it never received.
/// Any other write is not repeated: the caller decides, with its idempotency key. A failure that
/// still stands is answered as UNAVAILABLE (gRPC status 14; HTTP 503 for JSON), never as INTERNAL or
/// a client's error, so a client knows to retry.
/// </summary>
public static class BackendFailures
{
    private static readonly string[] ReadPrefixes = ["Get", "List", "Search", "Stream", "Compare"];

    public static async Task RetryOrAnswerUnavailable(HttpContext context, Func<Task> next)
    {
        var read = IsRead(context.Request);
        if (read && !await KeepBodyAsync(context))
            return;
        await next();
        var failure = context.Features.Get<IForwarderErrorFeature>();
        if (failure is null || context.Response.HasStarted || context.RequestAborted.IsCancellationRequested)
            return;
        if ((read || NeverReached(failure)) && Untried(context) is { Count: > 0 } others && Rewind(context.Request))
        {
            context.Features.Get<IReverseProxyFeature>()!.AvailableDestinations = others;
            context.Features.Set<IForwarderErrorFeature>(null);
            context.Response.Clear();
            await next();
            failure = context.Features.Get<IForwarderErrorFeature>();
            if (failure is null || context.Response.HasStarted || context.RequestAborted.IsCancellationRequested)
                return;
        }
        await AnswerUnavailableAsync(context, failure);
    }

    /// <summary>
    /// Holds a read's body in memory of its own size, so it can be sent again. A read's body is a
    /// small message, and the suite's limit bounds it; ASP.NET's buffering would rent 32 KB for each
    /// call and hold it to the end, more than the shared pool keeps when many calls are in flight, so
    /// most calls allocated their own. False when the caller went away or the body is over the limit
    /// (answered here).
    /// </summary>
    private static async Task<bool> KeepBodyAsync(HttpContext context)
    {
        var request = context.Request;
        if (context.Features.Get<IHttpRequestBodyDetectionFeature>() is { CanHaveBody: false })
            return true;
        var reader = request.BodyReader;
        try
        {
            var read = await reader.ReadAsync(context.RequestAborted);
            if (read.IsCompleted)
            {
                // The usual case: the whole message in one read, kept at its own size.
                request.Body = new MemoryStream(read.Buffer.ToArray(), writable: false);
                reader.AdvanceTo(read.Buffer.End);
            }
            else
                request.Body = await RequestBodies.DrainAsync(reader, read, context.RequestAborted);
            context.Features.Set<IHttpMaxRequestBodySizeFeature>(new KeptBodySize());
            return true;
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            await Refusals.TooLargeAsync(context);
            return false;
        }
        catch (Exception) when (context.RequestAborted.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>
    /// A kept body was read whole within the limit, so no limit is left to lift: YARP lifts Kestrel's
    /// for every gRPC call it passes on, and would log a warning for each call it could not.
    /// </summary>
    private sealed class KeptBodySize : IHttpMaxRequestBodySizeFeature
    {
        public bool IsReadOnly => false;

        public long? MaxRequestBodySize { get; set; }
    }

    private static bool IsRead(HttpRequest request)
    {
        if (!IsGrpc(request))
            return HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method);
        var method = request.Path.Value?[(request.Path.Value.LastIndexOf('/') + 1)..] ?? "";
        return ReadPrefixes.Any(p => method.StartsWith(p, StringComparison.Ordinal));
    }

    private static bool IsGrpc(HttpRequest request) => request.ContentType?.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase) == true;

    /// <summary>The destination refused the connection: the call never reached it, so sending it elsewhere cannot apply it twice.</summary>
    private static bool NeverReached(IForwarderErrorFeature failure) =>
        failure.Error == ForwarderError.Request && Inner<SocketException>(failure.Exception) is { SocketErrorCode: SocketError.ConnectionRefused };

    private static T? Inner<T>(Exception? ex) where T : Exception
    {
        for (; ex is not null; ex = ex.InnerException)
            if (ex is T found)
                return found;
        return null;
    }

    private static IReadOnlyList<DestinationState>? Untried(HttpContext context)
    {
        var proxy = context.Features.Get<IReverseProxyFeature>();
        if (proxy?.ProxiedDestination is not { } tried)
            return null;
        return proxy.AllDestinations.Where(d => d != tried && d.Health.Active != DestinationHealth.Unhealthy).ToList();
    }

    private static bool Rewind(HttpRequest request)
    {
        if (!request.Body.CanSeek)
            return request.ContentLength is null or 0;
        request.Body.Position = 0;
        return true;
    }

    private static Task AnswerUnavailableAsync(HttpContext context, IForwarderErrorFeature failure)
    {
        var service = context.Features.Get<IReverseProxyFeature>()?.Cluster.Config.ClusterId ?? "the service";
        var message = $"{service} is unavailable ({failure.Error}); the call may be retried.";
        context.Response.Clear();
        return Refusals.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, message);
    }
}

/// <summary>
/// Lets the gateway open more than one HTTP/2 connection to a destination unless a cluster's
/// configuration says otherwise: a service admits 100 streams per connection, and calls beyond that
/// on a single connection would queue in the gateway while the service has cores to spare.
/// </summary>
public sealed class ConnectionDefaults : IProxyConfigFilter
{
    public ValueTask<ClusterConfig> ConfigureClusterAsync(ClusterConfig cluster, CancellationToken cancel) =>
        ValueTask.FromResult(cluster.HttpClient?.EnableMultipleHttp2Connections is not null ? cluster
            : cluster with { HttpClient = (cluster.HttpClient ?? new HttpClientConfig()) with { EnableMultipleHttp2Connections = true } });

    public ValueTask<RouteConfig> ConfigureRouteAsync(RouteConfig route, ClusterConfig? cluster, CancellationToken cancel) => ValueTask.FromResult(route);
}
