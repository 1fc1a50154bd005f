using System.Collections.Concurrent;
using System.Diagnostics;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;
using Sec.Common.V1;
using Sec.Identity;
using Sec.Proposals.V1;

namespace Sec.SystemTests;

/// <summary>
/// The gateway process in front of two stand-in Proposals replicas: the first takes every call's
/// whole body and then drops the call; the second keeps what it was sent and answers. A read must
/// reach the second with the very bytes the caller sent; a write must not be sent twice.
/// </summary>
public sealed class GatewayRetryTests(GatewayRetryTests.TwoReplicas replicas) : IClassFixture<GatewayRetryTests.TwoReplicas>
{
    [Fact]
    public async Task A_read_the_first_replica_dropped_is_answered_by_the_other_with_the_same_body()
    {
        var proposals = replicas.Client(SecRoles.Reader);
        var small = new GetProposalRequest { Reference = new ModificationReference { Value = "DP001" } };
        // Larger than one read of the request's body, so the gateway keeps it in pieces.
        var large = new SearchProposalsRequest { Text = new string('w', 300_000) };

        await proposals.GetProposalAsync(small);
        await proposals.SearchProposalsAsync(large);

        Assert.Equal([Framed(small), Framed(large)], replicas.Dropping.Bodies(replicas.MethodPath("GetProposal"), replicas.MethodPath("SearchProposals")));
        Assert.Equal([Framed(small), Framed(large)], replicas.Answering.Bodies(replicas.MethodPath("GetProposal"), replicas.MethodPath("SearchProposals")));
    }

    [Fact]
    public async Task A_write_the_first_replica_dropped_is_not_sent_again()
    {
        var proposals = replicas.Client(SecRoles.Secas);
        var raise = new RaiseDraftProposalRequest { Title = "Dropped once", ProblemStatement = "Not to be raised twice." };

        var refused = await Assert.ThrowsAsync<RpcException>(() => proposals.RaiseDraftProposalAsync(raise).ResponseAsync);

        Assert.Equal(StatusCode.Unavailable, refused.StatusCode);
        Assert.Equal([Framed(raise)], replicas.Dropping.Bodies(replicas.MethodPath("RaiseDraftProposal")));
        Assert.Empty(replicas.Answering.Bodies(replicas.MethodPath("RaiseDraftProposal")));
    }

    [Fact]
    public async Task A_read_over_4_MB_without_a_length_is_refused_at_the_gateway()
    {
        var huge = Framed(new SearchProposalsRequest { Text = new string('w', 5 * 1024 * 1024) });
        using var http = new HttpClient(new SocketsHttpHandler());
        using var call = new HttpRequestMessage(HttpMethod.Post, replicas.GatewayAddress + replicas.MethodPath("SearchProposals"))
        {
            Version = System.Net.HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new UnsizedContent(huge),
        };
        call.Headers.Authorization = new("Bearer", replicas.Token(SecRoles.Reader));
        call.Headers.TryAddWithoutValidation("te", "trailers");

        using var answer = await http.SendAsync(call);

        Assert.Equal("8", answer.Headers.GetValues("grpc-status").Single()); // RESOURCE_EXHAUSTED
        Assert.DoesNotContain(replicas.Dropping.Bodies(replicas.MethodPath("SearchProposals")), b => b.Length > 4 * 1024 * 1024);
        Assert.DoesNotContain(replicas.Answering.Bodies(replicas.MethodPath("SearchProposals")), b => b.Length > 4 * 1024 * 1024);
    }

    /// <summary>A gRPC body sent without a Content-Length, as a streaming client sends one.</summary>
    private sealed class UnsizedContent : HttpContent
    {
        private readonly byte[] _body;

        public UnsizedContent(byte[] body)
        {
            _body = body;
            Headers.ContentType = new("application/grpc");
        }

        protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) => stream.WriteAsync(_body).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }

    /// <summary>A message as gRPC frames it on the wire: uncompressed, its length, then its bytes.</summary>
    private static byte[] Framed(IMessage message)
    {
        var bytes = message.ToByteArray();
        var length = BitConverter.GetBytes(bytes.Length);
        if (BitConverter.IsLittleEndian)
            Array.Reverse(length);
        return [0, .. length, .. bytes];
    }

    /// <summary>The gateway, its proposals cluster pointed at two stand-ins chosen in name order, with no health checks to take either out.</summary>
    public sealed class TwoReplicas : IAsyncLifetime
    {
        private readonly string _root = Path.Combine(Path.GetTempPath(), "sec-gateway-retry-" + Guid.NewGuid().ToString("N")[..8]);
        private readonly int _grpcPort = RabbitMqNode.FreePort(), _httpPort = RabbitMqNode.FreePort();
        private Process? _gateway;

        public StandIn Dropping { get; } = new(answers: false);

        public StandIn Answering { get; } = new(answers: true);

        private string KeyFile => Path.Combine(_root, "signing-key.pem");

        public string MethodPath(string method) => "/" + ProposalsService.Descriptor.FullName + "/" + method;

        public string GatewayAddress => $"http://127.0.0.1:{_grpcPort}";

        public string Token(string role) => new TokenIssuer(SigningKey.LoadOrCreate(KeyFile), TokenIssuer.DefaultIssuer, TokenIssuer.DefaultAudience)
            .Issue(new Principal("Retry Test", "SECAS", [role]), TimeSpan.FromHours(1));

        public ProposalsService.ProposalsServiceClient Client(string role) => new(SuiteProcesses.Channel(_grpcPort, Token(role)));

        public async Task InitializeAsync()
        {
            Directory.CreateDirectory(_root);
            SigningKey.LoadOrCreate(KeyFile);
            await Dropping.StartAsync();
            await Answering.StartAsync();
            const string cluster = "ReverseProxy__Clusters__proposals-grpc__";
            _gateway = HostProcess.Start("gateway/Sec.Gateway", new Dictionary<string, string>
            {
                ["Identity__SigningKeyFile"] = KeyFile,
                ["Kestrel__Endpoints__Grpc__Url"] = $"http://127.0.0.1:{_grpcPort}",
                ["Kestrel__Endpoints__Http__Url"] = $"http://127.0.0.1:{_httpPort}",
                [cluster + "LoadBalancingPolicy"] = "FirstAlphabetical",
                [cluster + "HealthCheck__Passive__Enabled"] = "false",
                [cluster + "Destinations__proposals-1__Address"] = Dropping.Address,
                [cluster + "Destinations__proposals-2__Address"] = Answering.Address,
            }, Path.Combine(_root, "gateway.log"));
            await HostProcess.WaitReadyAsync("gateway", _httpPort, _gateway, () => RabbitMqNode.ReadTail(Path.Combine(_root, "gateway.log")));
        }

        public async Task DisposeAsync()
        {
            if (_gateway is { HasExited: false })
                _gateway.Kill(entireProcessTree: true);
            if (_gateway is not null)
                await _gateway.WaitForExitAsync();
            await Dropping.DisposeAsync();
            await Answering.DisposeAsync();
            try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>A stand-in replica on HTTP/2: it reads each call's whole body and keeps it, then answers OK with an empty message or drops the call.</summary>
    public sealed class StandIn(bool answers) : IAsyncDisposable
    {
        private readonly ConcurrentQueue<(string Path, byte[] Body)> _received = new();
        private readonly int _port = RabbitMqNode.FreePort();
        private WebApplication? _app;

        public string Address => $"http://127.0.0.1:{_port}";

        /// <summary>The bodies of the calls to these paths, in the order they arrived.</summary>
        public byte[][] Bodies(params string[] paths) => _received.Where(r => paths.Contains(r.Path)).Select(r => r.Body).ToArray();

        public async Task StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            // Not the settings a host built beside the tests left in their folder (its Kestrel endpoints among them).
            builder.Configuration.Sources.Clear();
            builder.Logging.ClearProviders();
            builder.WebHost.ConfigureKestrel(k =>
            {
                k.Limits.MaxRequestBodySize = null;
                k.Listen(System.Net.IPAddress.Loopback, _port, l => l.Protocols = HttpProtocols.Http2);
            });
            _app = builder.Build();
            _app.Run(async context =>
            {
                using var body = new MemoryStream();
                await context.Request.Body.CopyToAsync(body);
                _received.Enqueue((context.Request.Path, body.ToArray()));
                if (!answers)
                {
                    context.Abort();
                    return;
                }
                context.Response.ContentType = "application/grpc";
                context.Response.AppendTrailer("grpc-status", "0");
                await context.Response.Body.WriteAsync(new byte[5]);
            });
            await _app.StartAsync();
        }

        public async ValueTask DisposeAsync()
        {
            if (_app is not null)
                await _app.DisposeAsync();
        }
    }
}
