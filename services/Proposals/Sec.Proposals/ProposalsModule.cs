using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Sec.BuildingBlocks.Hosting;
using Sec.BuildingBlocks.Messaging;
using Sec.Proposals.Api;
using Sec.Proposals.Storage;

namespace Sec.Proposals;

/// <summary>Adds the Proposals context to any host: the per-service program and the all-in-one alike.</summary>
public static class ProposalsModule
{
    public static IHostApplicationBuilder AddProposals(this IHostApplicationBuilder builder)
    {
        builder.AddContextStore<ProposalsStore>();
        builder.AddContextMessaging(_ => { });
        builder.Services.AddSingleton<ProposalRepository>();
        return builder;
    }

    public static IEndpointRouteBuilder MapProposals(this IEndpointRouteBuilder app)
    {
        app.MapGrpcService<ProposalsApi>();
        return app;
    }
}
