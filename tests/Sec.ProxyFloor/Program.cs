// YARP and nothing else: no authentication, rate limit, telemetry, logging, body keeping or health
// checks. What a proxied call costs here is the least the gateway's could, on the same machine.
// Usage: dotnet Sec.ProxyFloor.dll --Port=P --Destination=http://127.0.0.1:S (gRPC over h2c on 127.0.0.1:P)
using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Yarp.ReverseProxy.Configuration;

var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var destination = builder.Configuration["Destination"] ?? throw new InvalidOperationException("--Destination=http://host:port is required.");
var port = builder.Configuration.GetValue<int?>("Port") ?? throw new InvalidOperationException("--Port is required.");
builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port, l => l.Protocols = HttpProtocols.Http2));
builder.Services.AddReverseProxy().LoadFromMemory(
    [new RouteConfig { RouteId = "grpc", ClusterId = "grpc", Match = new RouteMatch { Path = "/{**path}" } }],
    [new ClusterConfig
    {
        ClusterId = "grpc",
        HttpRequest = new() { Version = HttpVersion.Version20, VersionPolicy = System.Net.Http.HttpVersionPolicy.RequestVersionExact },
        HttpClient = new() { EnableMultipleHttp2Connections = true },
        Destinations = new Dictionary<string, DestinationConfig> { ["service"] = new() { Address = destination } },
    }]);
var app = builder.Build();
app.MapReverseProxy();
app.Run();
