using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Sec.Assessments.Api;
using Sec.Assessments.Messaging;
using Sec.BuildingBlocks.Hosting;
using Sec.BuildingBlocks.ReadModels;

[assembly: KeepsKnownModifications]

namespace Sec.Assessments;

/// <summary>Adds the Assessments context to any host: the per-service program and the all-in-one alike.</summary>
public static class AssessmentsModule
{
    public static IHostApplicationBuilder AddAssessments(this IHostApplicationBuilder builder)
    {
        builder.AddContext<AssessmentsStore>(
            bus => { bus.AddKnownModifications<AssessmentsStore>(); bus.AddConsumers(typeof(ModificationWithdrawnConsumer), typeof(ModificationWithdrawalReversedConsumer), typeof(ImpactAssessmentRequestDecidedConsumer)); },
            typeof(DurationPolicy), typeof(AssessmentRepository), typeof(DccPostStore), typeof(DccDoor), typeof(AssessmentRequests), typeof(DccPosts), typeof(AssessmentQueries), typeof(ConsistencyQueries));
        builder.Services.AddOptions<AssessmentsOptions>().Bind(builder.Configuration.GetSection("Assessments"));
        // The report's section, once after start, so the first report does not find its code and pages cold.
        builder.Services.AddWarmUp("report-timescales", async (sp, ct) =>
        {
            var today = sp.GetRequiredService<IClock>().Today;
            (await sp.GetRequiredService<AssessmentQueries>().TimescalesAsync(today.AddDays(1 - today.Day).AddDays(-1), today, ct)).ToProto().CalculateSize();
        });
        return builder;
    }

    public static IEndpointRouteBuilder MapAssessments(this IEndpointRouteBuilder app)
    {
        app.MapGrpcService<AssessmentsApi>();
        return app;
    }
}
