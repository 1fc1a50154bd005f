using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Sec.BuildingBlocks.Hosting;
using Sec.BuildingBlocks.ReadModels;
using Sec.Releases.Api;
using Sec.Releases.Messaging;

[assembly: KeepsKnownModifications]

namespace Sec.Releases;

/// <summary>Adds the Releases context to any host: the per-service program and the all-in-one alike.</summary>
public static class ReleasesModule
{
    public static IHostApplicationBuilder AddReleases(this IHostApplicationBuilder builder)
    {
        builder.AddContext<ReleasesStore>(
            bus => { bus.AddKnownModifications<ReleasesStore>(); bus.AddConsumers(typeof(ModificationApprovedConsumer), typeof(ModificationRejectedConsumer), typeof(ModificationWithdrawnConsumer), typeof(AuthorityDecidedConsumer), typeof(AssessmentReturnedConsumer),
                typeof(ModificationDecisionReopenedConsumer), typeof(ModificationWithdrawalReversedConsumer)); },
            typeof(ReleaseRepository), typeof(ReleaseUseCases), typeof(ScopeUseCases), typeof(RidUseCases), typeof(ReleaseQueries), typeof(GoLiveTimer), typeof(ConsistencyQueries));
        // The report's section, once after start, so the first report does not find its code and pages cold.
        builder.Services.AddWarmUp("report-releases", async (sp, ct) =>
        {
            var today = sp.GetRequiredService<IClock>().Today;
            var queries = sp.GetRequiredService<ReleaseQueries>();
            foreach (var release in await queries.UpcomingAsync(today, ct))
                release.ToProto().CalculateSize();
            foreach (var release in await queries.ImplementedInMonthAsync(today.AddDays(1 - today.Day).AddMonths(-1), ct))
                release.ToProto().CalculateSize();
        });
        return builder;
    }

    public static IEndpointRouteBuilder MapReleases(this IEndpointRouteBuilder app)
    {
        app.MapGrpcService<ReleasesApi>();
        return app;
    }
}
