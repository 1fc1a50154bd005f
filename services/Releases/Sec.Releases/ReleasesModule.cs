using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Sec.BuildingBlocks.Hosting;
using Sec.BuildingBlocks.ReadModels;
using Sec.BuildingBlocks.Messaging;
using Sec.BuildingBlocks.Timers;
using Sec.Releases.Api;
using Sec.Releases.Messaging;

[assembly: KeepsKnownModifications]

namespace Sec.Releases;

/// <summary>Adds the Releases context to any host: the per-service program and the all-in-one alike.</summary>
public static class ReleasesModule
{
    public static IHostApplicationBuilder AddReleases(this IHostApplicationBuilder builder)
    {
        builder.AddContextStore<ReleasesStore>();
        builder.AddContextMessaging(bus =>
        {
            bus.AddKnownModifications<ReleasesStore>();
            bus.AddConsumer<ModificationApprovedConsumer>();
            bus.AddConsumer<ModificationRejectedConsumer>();
            bus.AddConsumer<ModificationWithdrawnConsumer>();
            bus.AddConsumer<AuthorityDecidedConsumer>();
            bus.AddConsumer<AssessmentReturnedConsumer>();
        });
        builder.Services.AddSingleton<ReleaseRepository>();
        builder.Services.AddSingleton<ReleaseUseCases>();
        builder.Services.AddSingleton<ScopeUseCases>();
        builder.Services.AddSingleton<RidUseCases>();
        builder.Services.AddSingleton<ReleaseQueries>();
        builder.Services.AddSingleton<ITimerHandler<ReleasesStore>, GoLiveTimer>();
        return builder;
    }

    public static IEndpointRouteBuilder MapReleases(this IEndpointRouteBuilder app)
    {
        app.MapGrpcService<ReleasesApi>();
        return app;
    }
}
