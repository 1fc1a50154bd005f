using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Sec.ServiceTests.Webhooks;

/// <summary>One webhook request as the subscriber received it.</summary>
public sealed record Received(string Event, string Delivery, string MessageId, string Signature, string Body);

/// <summary>
/// A subscriber's endpoint: a real HTTP listener on a local port that keeps every request and
/// answers with the status <see cref="Answer"/> chooses for the request's number (1 for the first).
/// </summary>
public sealed class Subscriber : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _loop;
    private int _count;

    public Subscriber(Func<int, HttpStatusCode>? answer = null)
    {
        Answer = answer ?? (_ => HttpStatusCode.OK);
        Url = $"http://127.0.0.1:{LocalPorts.Free()}/hooks/sec/";
        _listener.Prefixes.Add(Url);
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public string Url { get; }

    public Func<int, HttpStatusCode> Answer { get; set; }

    public ConcurrentQueue<Received> Requests { get; } = new();

    /// <summary>A URL on a port nothing listens on: an endpoint that is down.</summary>
    public static string Unreachable() => $"http://127.0.0.1:{LocalPorts.Free()}/hooks/down/";

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException) { return; }
            using var reader = new StreamReader(context.Request.InputStream);
            var body = await reader.ReadToEndAsync();
            var h = context.Request.Headers;
            Requests.Enqueue(new Received(h["X-Sec-Event"] ?? "", h["X-Sec-Delivery"] ?? "", h["X-Sec-Message-Id"] ?? "", h["X-Sec-Signature-256"] ?? "", body));
            context.Response.StatusCode = (int)Answer(Interlocked.Increment(ref _count));
            context.Response.Close();
        }
    }


    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _loop;
    }
}
