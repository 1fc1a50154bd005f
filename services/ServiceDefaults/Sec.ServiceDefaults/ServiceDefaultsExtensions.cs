using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Sec.BuildingBlocks.Hosting;

using Sec.ServiceDefaults.Identity;

namespace Sec.ServiceDefaults;

/// <summary>The defaults every host of the suite calls first (after dotnet/eShop's ServiceDefaults).</summary>
public static class ServiceDefaultsExtensions
{
    /// <summary>Health checks tagged with this are part of readiness, not liveness.</summary>
    public const string ReadyTag = "ready";

    /// <summary>The largest request body a host accepts.</summary>
    public const long MaxRequestBytes = 4 * 1024 * 1024;

    public static IHostApplicationBuilder AddServiceDefaults(this IHostApplicationBuilder builder)
    {
        builder.Logging.ClearProviders();
        builder.Logging.AddJsonConsole(o =>
        {
            o.IncludeScopes = true;
            o.UseUtcTimestamp = true;
            o.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z' ";
        });

        builder.Services.AddGrpc(o =>
        {
            o.Interceptors.Add<RefusalInterceptor>();
            // Inside the refusals' mapping; every write opts in by its caller sending a key.
            o.Interceptors.Add<IdempotencyInterceptor>();
            o.EnableDetailedErrors = false;
        }).AddJsonTranscoding(o =>
        {
            // Refusals carry google.rpc details; JSON callers (the DCC) get them too.
            o.TypeRegistry = Google.Protobuf.Reflection.TypeRegistry.FromMessages(
                Google.Rpc.BadRequest.Descriptor, Google.Rpc.ErrorInfo.Descriptor, Google.Rpc.PreconditionFailure.Descriptor);
        });
        builder.Services.AddGrpcReflection();
        // gRPC health answers what /health/ready answers.
        builder.Services.AddGrpcHealthChecks(o => o.Services.Map("", r => r.Tags.Contains(ReadyTag)));
        builder.Services.AddHealthChecks();
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddSingleton<ICurrentActor, ClaimsActor>();
        builder.AddSuiteIdentity();
        // Bounded requests: no body over 4 MB reaches a service (gRPC's own limit is the same).
        builder.Services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(k => k.Limits.MaxRequestBodySize = MaxRequestBytes);

        builder.AddTelemetry();
        return builder;
    }

    private static void AddTelemetry(this IHostApplicationBuilder builder)
    {
        var serviceName = builder.Configuration["Sec:ServiceName"] ?? builder.Environment.ApplicationName;
        var export = !string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        var otel = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(serviceName))
            .WithTracing(t => t
                .AddAspNetCoreInstrumentation(o => o.Filter = ctx => !ctx.Request.Path.StartsWithSegments("/health") && !ctx.Request.Path.StartsWithSegments("/metrics"))
                .AddGrpcClientInstrumentation()
                .AddHttpClientInstrumentation()
                // MassTransit's spans carry the trace across RabbitMQ; the outbox's span joins it to the request.
                .AddSource("MassTransit", "Sec.Outbox")
                // With nowhere to send spans, a call starts no recorded trace of its own (recording them for
                // nobody cost a proxied call about a tenth of the gateway's time); a caller's sampled trace is
                // still followed. Either way the trace context travels through the outbox into every consumer.
                .SetSampler(new ParentBasedSampler(export ? new AlwaysOnSampler() : new AlwaysOffSampler())))
            .WithMetrics(m => m
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddMeter("MassTransit", "Sec.Outbox", "Sec.Messaging")
                .AddPrometheusExporter());
        if (export)
            otel.UseOtlpExporter();
    }

    /// <summary>
    /// The overall status on the first line, as before; then one line for each check that is not
    /// healthy, with its reason, so an operator (and an orchestrator's event log) sees why.
    /// </summary>
    private static Task WriteReadinessAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "text/plain; charset=utf-8";
        var lines = report.Entries.Where(e => e.Value.Status != HealthStatus.Healthy)
            .Select(e => $"{e.Key}: {e.Value.Status}: {e.Value.Description}");
        return context.Response.WriteAsync(string.Join("\n", [report.Status.ToString(), .. lines]));
    }

    /// <summary>Health (HTTP and gRPC), Prometheus metrics and gRPC reflection.</summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag), ResponseWriter = WriteReadinessAsync });
        app.MapGrpcHealthChecksService();
        app.UseAuthentication();
        app.UseAuthorization();
        // After authorization, so a caller without a token learns that first; before the RPCs, so a body they cannot decode is refused naming why.
        app.UseMiddleware<RequestDecoding>();
        // Operators only: the suite's shape and its figures are not for every caller.
        app.MapGrpcReflectionService().RequireAuthorization(IdentityRegistration.OperatorPolicy);
        app.MapPrometheusScrapingEndpoint("/metrics").RequireAuthorization(IdentityRegistration.OperatorPolicy);
        app.MapClientTokens();
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            app.Logger.LogInformation("{Service} is listening on {Addresses}: gRPC on the HTTP/2 address, JSON, health and metrics on the HTTP/1 address",
                app.Configuration["Sec:ServiceName"] ?? app.Environment.ApplicationName, string.Join(", ", addresses));
        });
        return app;
    }
}
