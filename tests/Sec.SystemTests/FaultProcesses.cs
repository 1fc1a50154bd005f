using System.Diagnostics;
using Grpc.Net.Client;
using Sec.Identity;

namespace Sec.SystemTests;

/// <summary>
/// The production topology for the fault test, its own so that killing processes and stopping the
/// broker disturbs no other test: a private RabbitMQ node, two Proposals replicas on one database
/// behind the gateway, and one each of the other services. Any process can be killed (SIGKILL) and
/// started again with the same settings.
/// </summary>
public sealed class FaultProcesses : IAsyncLifetime
{
    /// <summary>How long the broker may be out of reach before a service is not ready; short, to keep the test short.</summary>
    public static readonly TimeSpan ReadyGrace = TimeSpan.FromSeconds(5);

    private static readonly (string Name, string Project, string Data)[] Services =
    [
        ("proposals-1", "services/Proposals/Sec.Proposals.Host", "proposals"),
        ("proposals-2", "services/Proposals/Sec.Proposals.Host", "proposals"),
        ("assessments", "services/Assessments/Sec.Assessments.Host", "assessments"),
        ("changeboard", "services/ChangeBoard/Sec.ChangeBoard.Host", "changeboard"),
        ("releases", "services/Releases/Sec.Releases.Host", "releases"),
    ];

    private readonly Dictionary<string, Launched> _processes = [];
    private readonly string _root = Path.Combine(Path.GetTempPath(), "sec-faults-" + Guid.NewGuid().ToString("N")[..8]);

    public RabbitMqNode Rabbit { get; private set; } = null!;
    public int GatewayGrpcPort { get; } = RabbitMqNode.FreePort();
    public Dictionary<string, (int Grpc, int Http)> Ports { get; } = Services.ToDictionary(s => s.Name, _ => (RabbitMqNode.FreePort(), RabbitMqNode.FreePort()));

    private string KeyFile => Path.Combine(_root, "identity", "signing-key.pem");

    /// <summary>A context's SQLite file, which every replica of it shares.</summary>
    public string Database(string schema) => Path.Combine(_root, schema, schema + ".db");

    public string LogFile(string name) => Path.Combine(_root, name + ".log");

    public string Token(params string[] roles) =>
        new TokenIssuer(SigningKey.LoadOrCreate(KeyFile), TokenIssuer.DefaultIssuer, TokenIssuer.DefaultAudience)
            .Issue(new Principal("Holly Burton", "SECAS", roles), TimeSpan.FromHours(1));

    public GrpcChannel Gateway(params string[] roles) => SuiteProcesses.Channel(GatewayGrpcPort, Token(roles));

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_root);
        SigningKey.LoadOrCreate(KeyFile);
        Rabbit = await RabbitMqNode.StartAsync();
        var gateway = new Dictionary<string, string>
        {
            ["Identity__SigningKeyFile"] = KeyFile,
            ["Kestrel__Endpoints__Grpc__Url"] = $"http://127.0.0.1:{GatewayGrpcPort}",
            ["Kestrel__Endpoints__Http__Url"] = $"http://127.0.0.1:{RabbitMqNode.FreePort()}",
            // The writer is one caller writing fast; the limiter is not under test here.
            ["Gateway__RateLimit__PermitsPerSecond"] = "1000",
            ["Gateway__RateLimit__Burst"] = "1000",
            // The destinations' health changes, to time when a dead replica leaves the rotation.
            ["Logging__LogLevel__Yarp.ReverseProxy.Health"] = "Information",
        };
        foreach (var (name, project, data) in Services)
        {
            var (grpc, http) = Ports[name];
            Launch(name, project, new Dictionary<string, string>
            {
                ["Kestrel__Endpoints__Grpc__Url"] = $"http://127.0.0.1:{grpc}",
                ["Kestrel__Endpoints__Http__Url"] = $"http://127.0.0.1:{http}",
                ["Identity__SigningKeyFile"] = KeyFile,
                ["Sec__ServiceName"] = name,
                ["Storage__Provider"] = "Sqlite",
                ["Storage__DataDirectory"] = Path.Combine(_root, data),
                ["Messaging__Transport"] = "RabbitMq",
                ["Messaging__Host"] = "127.0.0.1",
                ["Messaging__Port"] = Rabbit.AmqpPort.ToString(),
                ["Messaging__ReadyGrace"] = ReadyGrace.ToString(),
            });
            var cluster = name.StartsWith("proposals", StringComparison.Ordinal) ? "proposals" : name;
            var destination = name == cluster ? cluster + "-1" : name;
            gateway[$"ReverseProxy__Clusters__{cluster}-grpc__Destinations__{destination}__Address"] = $"http://127.0.0.1:{grpc}";
            gateway[$"ReverseProxy__Clusters__{cluster}-json__Destinations__{destination}__Address"] = $"http://127.0.0.1:{http}";
            await WaitReadyAsync(name);
        }
        Launch("gateway", "gateway/Sec.Gateway", gateway);
        await WaitReadyAsync("gateway", int.Parse(gateway["Kestrel__Endpoints__Http__Url"].Split(':')[^1]));
    }

    public async Task DisposeAsync()
    {
        foreach (var launched in _processes.Values)
        {
            if (!launched.Process.HasExited)
                launched.Process.Kill(entireProcessTree: true);
            await launched.Process.WaitForExitAsync();
        }
        await Rabbit.DisposeAsync();
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }

    /// <summary>kill -9: the process gets no chance to finish anything.</summary>
    public async Task KillAsync(string name)
    {
        var process = _processes[name].Process;
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
    }

    /// <summary>Starts a killed process again with its settings, and waits until it is ready.</summary>
    public async Task RestartAsync(string name)
    {
        var launched = _processes[name];
        Launch(name, launched.Project, launched.Env);
        await WaitReadyAsync(name);
    }

    /// <summary>A service's readiness as an orchestrator sees it: the status code and the body.</summary>
    public async Task<(int Status, string Body)> ReadinessAsync(string name)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var answer = await http.GetAsync($"http://127.0.0.1:{Ports[name].Http}/health/ready");
        return ((int)answer.StatusCode, await answer.Content.ReadAsStringAsync());
    }

    public string Logs() => string.Join("\n", _processes.Select(p => $"--- {p.Key} ---\n{RabbitMqNode.ReadTail(LogFile(p.Key))}"));

    private void Launch(string name, string project, Dictionary<string, string> env) =>
        _processes[name] = new Launched(HostProcess.Start(project, env, LogFile(name)), project, env);

    private Task WaitReadyAsync(string name) => WaitReadyAsync(name, Ports[name].Http);

    private Task WaitReadyAsync(string name, int httpPort) => HostProcess.WaitReadyAsync(name, httpPort, _processes[name].Process, Logs);

    private sealed record Launched(Process Process, string Project, Dictionary<string, string> Env);
}
