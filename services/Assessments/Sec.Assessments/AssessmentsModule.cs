using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Sec.Assessments.Api;
using Sec.Assessments.Messaging;
using Sec.BuildingBlocks.Hosting;
using Sec.BuildingBlocks.ReadModels;
using Sec.BuildingBlocks.Messaging;

[assembly: KeepsKnownModifications]

namespace Sec.Assessments;

/// <summary>Adds the Assessments context to any host: the per-service program and the all-in-one alike.</summary>
public static class AssessmentsModule
{
    public static IHostApplicationBuilder AddAssessments(this IHostApplicationBuilder builder)
    {
        builder.AddContextStore<AssessmentsStore>();
        builder.AddContextMessaging(bus =>
        {
            bus.AddKnownModifications<AssessmentsStore>();
            bus.AddConsumer<ModificationWithdrawnConsumer>();
            bus.AddConsumer<ImpactAssessmentRequestDecidedConsumer>();
        });
        builder.Services.AddOptions<AssessmentsOptions>().Bind(builder.Configuration.GetSection("Assessments"));
        builder.Services.AddSingleton<DurationPolicy>();
        builder.Services.AddSingleton<AssessmentRepository>();
        builder.Services.AddSingleton<DccPostStore>();
        builder.Services.AddSingleton<DccDoor>();
        builder.Services.AddSingleton<AssessmentRequests>();
        builder.Services.AddSingleton<DccPosts>();
        builder.Services.AddSingleton<AssessmentQueries>();
        return builder;
    }

    public static IEndpointRouteBuilder MapAssessments(this IEndpointRouteBuilder app)
    {
        app.MapGrpcService<AssessmentsApi>();
        return app;
    }
}
