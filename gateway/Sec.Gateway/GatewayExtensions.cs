using System.Net;
using System.Threading.RateLimiting;
using Grpc.Health.V1;
using Grpc.Reflection;
using Microsoft.AspNetCore.RateLimiting;
using Sec.ServiceDefaults.Identity;
using Microsoft.AspNetCore.Http.Features;
using Yarp.ReverseProxy.Health;
using Yarp.ReverseProxy.Transforms;

namespace Sec.Gateway;

/// <summary>
/// The gateway's routes come from configuration (the <c>ReverseProxy</c> section). It answers gRPC
/// reflection itself for every context's services (operators only, as on every host), so a client
/// sees one suite whichever service serves a call. The caller's bearer token travels on to the
/// service, which decides; the gateway limits each caller's rate and drops any header that claims
/// to name the actor, since only a token does.
/// </summary>
public static class GatewayExtensions
{
    /// <summary>Request headers no caller may send on: the actor comes from the token alone.</summary>
    public const string ActorHeaderPrefix = "x-sec-actor";

    public static IHostApplicationBuilder AddGateway(this IHostApplicationBuilder builder)
    {
        var health = builder.Configuration.GetSection("Gateway:Health").Get<GatewayHealthOptions>() ?? new GatewayHealthOptions();
        builder.Services.Configure<TransportFailureRateHealthPolicyOptions>(o =>
        {
            o.DetectionWindowSize = health.FailureWindow;
            o.MinimalTotalCountThreshold = health.MinimumCalls;
        });
        builder.Services.AddReverseProxy()
            .LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"))
            .AddConfigFilter<HealthCheckDefaults>()
            .AddConfigFilter<ConnectionDefaults>()
            .AddTransforms(t => t.AddRequestTransform(StripActorHeaders));
        builder.Services.AddSingleton(health);
        builder.Services.AddSingleton(new ReflectionServiceImpl(
            Sec.Proposals.V1.ProposalsService.Descriptor,
            Sec.Assessments.V1.AssessmentsService.Descriptor,
            Sec.ChangeBoard.V1.ChangeBoardService.Descriptor,
            Sec.Releases.V1.ReleasesService.Descriptor,
            Health.Descriptor));
        builder.Services.AddRateLimiter(o =>
        {
            var limits = builder.Configuration.GetSection("Gateway:RateLimit").Get<RateLimitOptions>() ?? new RateLimitOptions();
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context => Partition(context, limits));
            o.OnRejected = (rejected, _) => new ValueTask(Refusals.WriteAsync(rejected.HttpContext, StatusCodes.Status429TooManyRequests,
                $"Too many calls: at most {limits.PermitsPerSecond} a second (bursts of {limits.Burst}) per caller; retry shortly."));
        });
        return builder;
    }

    public static WebApplication MapGateway(this WebApplication app)
    {
        // After authentication (MapDefaultEndpoints), so a caller with a token is limited as itself.
        app.UseRateLimiter();
        app.MapReverseProxy(proxy =>
        {
            proxy.Use(RefuseOversizedBodies);
            // Outermost of YARP's steps, so a retry chooses again among the live destinations.
            proxy.Use(BackendFailures.RetryOrAnswerUnavailable);
            proxy.UseSessionAffinity();
            proxy.UseLoadBalancing();
            proxy.UsePassiveHealthChecks();
        });
        return app;
    }

    /// <summary>
    /// No body over the suite's limit (4 MB, as on every host) is passed on whole: one that says its
    /// length is refused at once, 413 or RESOURCE_EXHAUSTED; a read's that does not is refused when the
    /// gateway reads it to keep. Otherwise Kestrel cuts a JSON body off at the limit; a gRPC write's is
    /// streamed on (YARP lifts Kestrel's limit for gRPC) and the service refuses it, RESOURCE_EXHAUSTED, at the limit.
    /// </summary>
    private static Task RefuseOversizedBodies(HttpContext context, Func<Task> next)
    {
        const long limit = ServiceDefaultsExtensions.MaxRequestBytes;
        if (context.Request.ContentLength > limit)
            return Refusals.TooLargeAsync(context);
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
            size.MaxRequestBodySize = limit;
        return next();
    }

    /// <summary>One token bucket per caller: the token's subject, or the remote address without one. Health probes are not limited.</summary>
    private static RateLimitPartition<string> Partition(HttpContext context, RateLimitOptions limits)
    {
        if (context.Request.Path.StartsWithSegments("/health"))
            return RateLimitPartition.GetNoLimiter("health");
        var user = context.User;
        var key = user.Identity?.IsAuthenticated == true
            ? "sub:" + (user.FindFirst("sub")?.Value ?? user.Identity.Name)
            : "ip:" + (context.Connection.RemoteIpAddress ?? IPAddress.None);
        return RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = limits.Burst,
            TokensPerPeriod = limits.PermitsPerSecond,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }

    private static ValueTask StripActorHeaders(RequestTransformContext context)
    {
        // Every call passes here: the caller's headers are looked through as Kestrel holds them (walking
        // the outgoing request's headers would parse each one), and nothing is allocated unless one is named.
        List<string>? named = null;
        foreach (var header in context.HttpContext.Request.Headers)
            if (header.Key.StartsWith(ActorHeaderPrefix, StringComparison.OrdinalIgnoreCase))
                (named ??= []).Add(header.Key);
        foreach (var name in named ?? [])
            context.ProxyRequest.Headers.Remove(name);
        return ValueTask.CompletedTask;
    }
}

/// <summary>Each caller's allowance (<c>Gateway:RateLimit</c>): a steady rate and the burst above it.</summary>
public sealed class RateLimitOptions
{
    public int PermitsPerSecond { get; set; } = 50;

    public int Burst { get; set; } = 100;
}
