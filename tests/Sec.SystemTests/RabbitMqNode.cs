using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Sec.SystemTests;

/// <summary>
/// A RabbitMQ node of the test run's own: its own HOME (and so its own Erlang cookie), node name,
/// ports, epmd port and mnesia folder, so it never touches a RabbitMQ already on the machine.
/// It uses the binaries in /usr/lib/rabbitmq/bin; the /usr/sbin wrappers would switch user and cookie.
/// </summary>
public sealed class RabbitMqNode : IAsyncDisposable
{
    private const string Bin = "/usr/lib/rabbitmq/bin";
    private readonly string _home;
    private readonly Dictionary<string, string> _env;
    private readonly Process _server;

    public string NodeName { get; }
    public int AmqpPort { get; }

    private RabbitMqNode(string home, string nodeName, int amqpPort, Dictionary<string, string> env, Process server)
    {
        _home = home;
        NodeName = nodeName;
        AmqpPort = amqpPort;
        _env = env;
        _server = server;
    }

    /// <summary>Starts a node; a port taken by someone else between choosing and binding gets a second try on new ports.</summary>
    public static async Task<RabbitMqNode> StartAsync()
    {
        if (!File.Exists(Path.Combine(Bin, "rabbitmq-server")))
            throw new InvalidOperationException("RabbitMQ is not installed; the README's test command installs it (apt-get install -y rabbitmq-server).");
        for (var attempt = 1; ; attempt++)
        {
            var node = await TryStartAsync();
            if (node.Started)
                return node.Node!;
            if (attempt == 3 || !node.Log.Contains("eaddrinuse", StringComparison.Ordinal))
                throw new InvalidOperationException($"RabbitMQ did not start: {node.Log}");
        }
    }

    private static async Task<(bool Started, RabbitMqNode? Node, string Log)> TryStartAsync()
    {
        var home = Path.Combine(Path.GetTempPath(), "sec-rabbitmq-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(home);
        await File.WriteAllTextAsync(Path.Combine(home, "enabled_plugins"), "[].");
        var nodeName = $"sec-{Guid.NewGuid().ToString("N")[..8]}@localhost";
        var amqpPort = FreePort();
        var env = new Dictionary<string, string>
        {
            ["HOME"] = home,
            ["RABBITMQ_NODENAME"] = nodeName,
            ["RABBITMQ_NODE_IP_ADDRESS"] = "127.0.0.1",
            ["RABBITMQ_NODE_PORT"] = amqpPort.ToString(),
            ["RABBITMQ_DIST_PORT"] = FreePort().ToString(),
            ["ERL_EPMD_PORT"] = FreePort().ToString(),
            ["RABBITMQ_MNESIA_BASE"] = Path.Combine(home, "mnesia"),
            ["RABBITMQ_LOG_BASE"] = Path.Combine(home, "log"),
            ["RABBITMQ_PID_FILE"] = Path.Combine(home, "rabbit.pid"),
            ["RABBITMQ_ENABLED_PLUGINS_FILE"] = Path.Combine(home, "enabled_plugins"),
            ["RABBITMQ_CONFIG_FILE"] = Path.Combine(home, "rabbitmq"),
            ["RABBITMQ_ADVANCED_CONFIG_FILE"] = Path.Combine(home, "advanced.config"),
            ["RABBITMQ_CONF_ENV_FILE"] = Path.Combine(home, "rabbitmq-env.conf"),
        };
        var server = Start(Path.Combine(Bin, "rabbitmq-server"), [], env, Path.Combine(home, "server.log"));
        var node = new RabbitMqNode(home, nodeName, amqpPort, env, server);
        var wait = await node.CtlAsync(TimeSpan.FromSeconds(120), "wait", env["RABBITMQ_PID_FILE"], "--timeout", "100");
        if (wait == 0)
            return (true, node, "");
        var log = ReadTail(Path.Combine(home, "server.log"));
        await node.DisposeAsync();
        return (false, null, log);
    }

    /// <summary>Stops the broker application (every client connection drops), as an outage does; the node stays up to start again.</summary>
    public async Task StopBrokerAsync()
    {
        if (await CtlAsync(TimeSpan.FromSeconds(60), "stop_app") != 0)
            throw new InvalidOperationException($"rabbitmqctl stop_app failed: {ReadTail(Path.Combine(_home, "ctl.log"))}");
    }

    /// <summary>Starts the broker application again after <see cref="StopBrokerAsync"/>.</summary>
    public async Task StartBrokerAsync()
    {
        if (await CtlAsync(TimeSpan.FromSeconds(60), "start_app") != 0)
            throw new InvalidOperationException($"rabbitmqctl start_app failed: {ReadTail(Path.Combine(_home, "ctl.log"))}");
    }

    public async ValueTask DisposeAsync()
    {
        await CtlAsync(TimeSpan.FromSeconds(60), "shutdown");
        if (!_server.HasExited)
            _server.Kill(entireProcessTree: true);
        // The epmd daemon started on this node's own port outlives the node; stop it too.
        using var epmd = Process.Start(new ProcessStartInfo("/usr/lib/erlang/bin/epmd", ["-port", _env["ERL_EPMD_PORT"], "-kill"])
        { UseShellExecute = false, RedirectStandardOutput = true });
        await epmd!.WaitForExitAsync();
        try { Directory.Delete(_home, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private async Task<int> CtlAsync(TimeSpan timeout, params string[] args)
    {
        using var ctl = Start(Path.Combine(Bin, "rabbitmqctl"), ["-n", NodeName, .. args], _env, Path.Combine(_home, "ctl.log"));
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await ctl.WaitForExitAsync(cts.Token);
            return ctl.ExitCode;
        }
        catch (OperationCanceledException)
        {
            ctl.Kill(entireProcessTree: true);
            return -1;
        }
    }

    private static Process Start(string file, IEnumerable<string> args, Dictionary<string, string> env, string logFile)
    {
        var info = new ProcessStartInfo(file) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
            info.ArgumentList.Add(a);
        foreach (var (k, v) in env)
            info.Environment[k] = v;
        var process = Process.Start(info)!;
        var log = new StreamWriter(logFile, append: true) { AutoFlush = true };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    internal static string ReadTail(string file)
    {
        try
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            var text = reader.ReadToEnd();
            return text.Length > 4000 ? text[^4000..] : text;
        }
        catch (IOException)
        {
            return "(no log)";
        }
    }

    private static readonly HashSet<int> Handed = [];

    /// <summary>
    /// A free port below the kernel's ephemeral range, so an outgoing connection elsewhere in the
    /// test run cannot take it between this check and the server's bind.
    /// </summary>
    public static int FreePort()
    {
        lock (Handed)
        {
            while (true)
            {
                var port = Random.Shared.Next(20000, 32000);
                if (!Handed.Add(port))
                    continue;
                try
                {
                    using var listener = new TcpListener(IPAddress.Loopback, port);
                    listener.Start();
                    return port;
                }
                catch (SocketException)
                {
                }
            }
        }
    }
}
