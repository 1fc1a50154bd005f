using Grpc.Health.V1;
using Grpc.Reflection;

namespace Sec.Gateway;

/// <summary>
/// The gateway's routes come from configuration (the <c>ReverseProxy</c> section). It answers gRPC
/// reflection itself for every context's services, so a client sees one suite whichever service
/// serves a call.
/// </summary>
public static class GatewayExtensions
{
    public static IHostApplicationBuilder AddGateway(this IHostApplicationBuilder builder)
    {
        builder.Services.AddReverseProxy().LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"));
        builder.Services.AddSingleton(new ReflectionServiceImpl(
            Sec.Proposals.V1.ProposalsService.Descriptor,
            Sec.Assessments.V1.AssessmentsService.Descriptor,
            Sec.ChangeBoard.V1.ChangeBoardService.Descriptor,
            Sec.Releases.V1.ReleasesService.Descriptor,
            Health.Descriptor));
        return builder;
    }

    public static WebApplication MapGateway(this WebApplication app)
    {
        app.MapReverseProxy();
        return app;
    }
}
