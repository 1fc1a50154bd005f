using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;

namespace Sec.ServiceDefaults;

/// <summary>The one program every per-service host runs, in dotnet/eShop's shape.</summary>
public static class ServiceHost
{
    /// <summary>Creates the builder, adds the defaults and the context, builds, maps the defaults and the context, and runs.</summary>
    public static void Run(string[] args, Func<IHostApplicationBuilder, IHostApplicationBuilder> addContext,
        Func<IEndpointRouteBuilder, IEndpointRouteBuilder> mapContext)
    {
        var builder = WebApplication.CreateBuilder(args);
        addContext(builder.AddServiceDefaults());

        var app = builder.Build();
        mapContext(app.MapDefaultEndpoints());
        app.Run();
    }
}
