using System.Net;
using System.Net.Sockets;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Grpc.Core;
using Sec.Identity;
using Sec.Proposals.V1;

namespace Sec.Benchmarks;

/// <summary>
/// The all-in-one host on Kestrel over a register's SQLite files, as <c>run.sh</c> runs it: the
/// caller and the report's calls to the other contexts go over real HTTP/2 on loopback.
/// </summary>
public sealed class ReportSuite : WebApplicationFactory<global::Program>
{
    private readonly string _dataDirectory;
    private readonly Uri _grpc = new($"http://127.0.0.1:{FreePort()}");
    private readonly Uri _http = new($"http://127.0.0.1:{FreePort()}");
    private readonly string _token;
    private GrpcChannel? _channel;

    public ReportSuite(string dataDirectory)
    {
        _dataDirectory = dataDirectory;
        _token = new TokenIssuer(SigningKey.LoadOrCreate(SigningKey.FileIn(dataDirectory)), TokenIssuer.DefaultIssuer, TokenIssuer.DefaultAudience)
            .Issue(new Principal("Benchmark", "SECAS", [SecRoles.Reader]), TimeSpan.FromHours(4));
        UseKestrel();
        StartServer();
    }

    /// <summary>A reader's client: its token is minted with the register folder's development key, as `sec login` does.</summary>
    public ProposalsService.ProposalsServiceClient Proposals => new(_channel ??= GrpcChannel.ForAddress(_grpc, new GrpcChannelOptions
    {
        MaxReceiveMessageSize = null,
        Credentials = ChannelCredentials.Create(ChannelCredentials.Insecure, CallCredentials.FromInterceptor((_, metadata) =>
        {
            metadata.Add("authorization", $"Bearer {_token}");
            return Task.CompletedTask;
        })),
        UnsafeUseInsecureChannelCallCredentials = true,
    }));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // The host's appsettings.json is copied beside the benchmarks, wherever they are started from.
        builder.UseContentRoot(AppContext.BaseDirectory);
        builder.UseSetting("Storage:Provider", "Sqlite");
        builder.UseSetting("Storage:DataDirectory", _dataDirectory);
        builder.UseSetting("Messaging:Transport", "InMemory");
        builder.UseSetting("Kestrel:Endpoints:Grpc:Url", _grpc.ToString());
        builder.UseSetting("Kestrel:Endpoints:Grpc:Protocols", "Http2");
        builder.UseSetting("Kestrel:Endpoints:Http:Url", _http.ToString());
        builder.UseSetting("Kestrel:Endpoints:Http:Protocols", "Http1");
        builder.UseSetting("Proposals:Report:Assessments", _grpc.ToString());
        builder.UseSetting("Proposals:Report:ChangeBoard", _grpc.ToString());
        builder.UseSetting("Proposals:Report:Releases", _grpc.ToString());
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
    }

    protected override void Dispose(bool disposing)
    {
        _channel?.Dispose();
        base.Dispose(disposing);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
