using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Grpc.Net.Client;
using Sec.Identity;

namespace Sec.SystemTests;

/// <summary>
/// The production topology on one machine: four service processes and the gateway, each with its
/// own SQLite file, talking through a private RabbitMQ node. Every process validates tokens with one
/// signing key; the gateway issues the DCC's client tokens with it. A second gateway with a low rate
/// limit shows the limiter's refusal without slowing the other tests.
/// </summary>
public sealed class SuiteProcesses : IAsyncLifetime
{
    private static readonly (string Name, string Project)[] Services =
    [
        ("proposals", "services/Proposals/Sec.Proposals.Host"),
        ("assessments", "services/Assessments/Sec.Assessments.Host"),
        ("changeboard", "services/ChangeBoard/Sec.ChangeBoard.Host"),
        ("releases", "services/Releases/Sec.Releases.Host"),
    ];

    private readonly List<(string Name, Process Process, string Log)> _processes = [];
    private readonly string _root = Path.Combine(Path.GetTempPath(), "sec-system-" + Guid.NewGuid().ToString("N")[..8]);
    private RabbitMqNode? _rabbit;

    /// <summary>The DCC integration's client id and secret, as the gateway knows them (by the secret's hash).</summary>
    public const string DccClientId = "dcc", DccSecret = "dcc-system-test-secret";

    /// <summary>The limited gateway's allowance per caller.</summary>
    public const int LimitedPermits = 2;

    public int GatewayGrpcPort { get; } = RabbitMqNode.FreePort();
    public int GatewayHttpPort { get; } = RabbitMqNode.FreePort();
    public int LimitedGatewayGrpcPort { get; } = RabbitMqNode.FreePort();

    private string KeyFile => Path.Combine(_root, "identity", "signing-key.pem");

    private readonly Dictionary<string, int> _serviceHttpPorts = [], _serviceGrpcPorts = [];

    /// <summary>A service's own HTTP/1 port (health, JSON), by its name ("proposals").</summary>
    public int ServiceHttpPort(string name) => _serviceHttpPorts[name];

    /// <summary>A service's own gRPC port, as the report's calls to the other contexts reach it, by its name ("proposals").</summary>
    public int ServiceGrpcPort(string name) => _serviceGrpcPorts[name];

    /// <summary>A Change Board member's token, with the voting group their vote counts in ("large-supplier").</summary>
    public string MemberToken(string name, string organisation, string votingGroup) =>
        new TokenIssuer(SigningKey.LoadOrCreate(KeyFile), TokenIssuer.DefaultIssuer, TokenIssuer.DefaultAudience)
            .Issue(new Principal(name, organisation, [SecRoles.ChangeBoardMember], votingGroup), TimeSpan.FromHours(1));

    /// <summary>A token every process accepts, as the suite's identity provider would issue it.</summary>
    public string Token(string name, string organisation, params string[] roles) =>
        new TokenIssuer(SigningKey.LoadOrCreate(KeyFile), TokenIssuer.DefaultIssuer, TokenIssuer.DefaultAudience)
            .Issue(new Principal(name, organisation, roles), TimeSpan.FromHours(1));

    /// <summary>A channel to a gateway whose calls carry <paramref name="token"/>, or none when it is null.</summary>
    public static GrpcChannel Channel(int port, string? token)
    {
        var handler = new SocketsHttpHandler();
        return GrpcChannel.ForAddress($"http://127.0.0.1:{port}", new GrpcChannelOptions
        {
            HttpHandler = token is null ? handler : new BearerHandler(token) { InnerHandler = handler },
        });
    }

    /// <summary>An HTTP client for the gateway's HTTP/1 port, carrying <paramref name="token"/> when given.</summary>
    public HttpClient Http(string? token = null)
    {
        var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{GatewayHttpPort}") };
        if (token is not null)
            http.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return http;
    }

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_root);
        SigningKey.LoadOrCreate(KeyFile);
        _rabbit = await RabbitMqNode.StartAsync();
        var gatewayEnv = new Dictionary<string, string> { ["Identity__SigningKeyFile"] = KeyFile };
        var ports = Services.ToDictionary(s => s.Name, _ => (Grpc: RabbitMqNode.FreePort(), Http: RabbitMqNode.FreePort()));
        foreach (var (name, project) in Services)
        {
            var (grpc, http) = ports[name];
            _serviceHttpPorts[name] = http;
            _serviceGrpcPorts[name] = grpc;
            Launch(name, project, new Dictionary<string, string>
            {
                ["Kestrel__Endpoints__Grpc__Url"] = $"http://127.0.0.1:{grpc}",
                ["Kestrel__Endpoints__Http__Url"] = $"http://127.0.0.1:{http}",
                ["Identity__SigningKeyFile"] = KeyFile,
                ["Storage__Provider"] = "Sqlite",
                ["Storage__DataDirectory"] = Path.Combine(_root, name),
                ["Messaging__Transport"] = "RabbitMq",
                ["Messaging__Host"] = "127.0.0.1",
                ["Messaging__Port"] = _rabbit.AmqpPort.ToString(),
                // The report asks the other services for their sections.
                ["Proposals__Report__Assessments"] = $"http://127.0.0.1:{ports["assessments"].Grpc}",
                ["Proposals__Report__ChangeBoard"] = $"http://127.0.0.1:{ports["changeboard"].Grpc}",
                ["Proposals__Report__Releases"] = $"http://127.0.0.1:{ports["releases"].Grpc}",
            });
            gatewayEnv[$"ReverseProxy__Clusters__{name}-grpc__Destinations__{name}-1__Address"] = $"http://127.0.0.1:{grpc}";
            gatewayEnv[$"ReverseProxy__Clusters__{name}-json__Destinations__{name}-1__Address"] = $"http://127.0.0.1:{http}";
            await WaitReadyAsync(name, http);
        }
        var limitedHttp = RabbitMqNode.FreePort();
        Launch("gateway-limited", "gateway/Sec.Gateway", new Dictionary<string, string>(gatewayEnv)
        {
            ["Kestrel__Endpoints__Grpc__Url"] = $"http://127.0.0.1:{LimitedGatewayGrpcPort}",
            ["Kestrel__Endpoints__Http__Url"] = $"http://127.0.0.1:{limitedHttp}",
            ["Gateway__RateLimit__PermitsPerSecond"] = LimitedPermits.ToString(),
            ["Gateway__RateLimit__Burst"] = LimitedPermits.ToString(),
        });
        gatewayEnv["Kestrel__Endpoints__Grpc__Url"] = $"http://127.0.0.1:{GatewayGrpcPort}";
        gatewayEnv["Kestrel__Endpoints__Http__Url"] = $"http://127.0.0.1:{GatewayHttpPort}";
        gatewayEnv["Identity__Clients__0__Id"] = DccClientId;
        gatewayEnv["Identity__Clients__0__SecretSha256"] = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(DccSecret)));
        gatewayEnv["Identity__Clients__0__Name"] = "DCC integration";
        gatewayEnv["Identity__Clients__0__Organisation"] = "Data Communications Company";
        gatewayEnv["Identity__Clients__0__Roles__0"] = SecRoles.Dcc;
        Launch("gateway", "gateway/Sec.Gateway", gatewayEnv);
        await WaitReadyAsync("gateway", GatewayHttpPort);
        await WaitReadyAsync("gateway-limited", limitedHttp);
    }

    public async Task DisposeAsync()
    {
        foreach (var (_, process, _) in _processes)
        {
            if (!process.HasExited)
                process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        if (_rabbit is not null)
            await _rabbit.DisposeAsync();
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }

    /// <summary>The last lines each process logged, for a failing test's message.</summary>
    public string Logs() => string.Join("\n", _processes.Select(p => $"--- {p.Name} ---\n{RabbitMqNode.ReadTail(p.Log)}"));

    private void Launch(string name, string project, Dictionary<string, string> env)
    {
        var log = Path.Combine(_root, name + ".log");
        _processes.Add((name, HostProcess.Start(project, env, log), log));
    }

    private Task WaitReadyAsync(string name, int httpPort) =>
        HostProcess.WaitReadyAsync(name, httpPort, _processes.Last(p => p.Name == name).Process, Logs);

    /// <summary>The host's build output beside this test's own configuration (Debug or Release).</summary>
    internal static string OutputDirectory(string project)
    {
        var here = new DirectoryInfo(AppContext.BaseDirectory);
        var configuration = here.Parent!.Name;
        var root = here;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Sec.sln")))
            root = root.Parent;
        if (root is null)
            throw new InvalidOperationException("Cannot find Sec.sln above the test's folder.");
        return Path.Combine(root.FullName, project, "bin", configuration, "net10.0");
    }

    private sealed class BearerHandler(string token) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Headers.Authorization = new("Bearer", token);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
