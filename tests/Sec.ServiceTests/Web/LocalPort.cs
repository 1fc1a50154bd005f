using System.Net;
using System.Net.Sockets;

namespace Sec.ServiceTests.Web;

/// <summary>
/// The in-memory suite on a real local port, for a real browser: each request the listener takes is
/// sent to the suite's test server as it came (method, path, headers, body) and its answer copied
/// back, redirects and cookies included.
/// </summary>
public sealed class LocalPort : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly HttpClient _suite;
    private readonly Task _loop;

    public LocalPort(SuiteFactory suite)
    {
        var port = LocalPorts.Free();
        BaseAddress = $"http://127.0.0.1:{port}";
        _listener.Prefixes.Add(BaseAddress + "/");
        _listener.Start();
        _suite = new HttpClient(suite.Server.CreateHandler()) { BaseAddress = suite.Server.BaseAddress };
        _loop = Task.Run(LoopAsync);
    }

    public string BaseAddress { get; }

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException) { return; }
            _ = Task.Run(() => ForwardAsync(context));
        }
    }

    private async Task ForwardAsync(HttpListenerContext context)
    {
        try
        {
            var incoming = context.Request;
            using var request = new HttpRequestMessage(new HttpMethod(incoming.HttpMethod), incoming.Url!.PathAndQuery);
            if (incoming.HasEntityBody)
            {
                var body = new MemoryStream();
                await incoming.InputStream.CopyToAsync(body);
                request.Content = new ByteArrayContent(body.ToArray());
            }
            foreach (var name in incoming.Headers.AllKeys.OfType<string>())
            {
                if (name is "Host" or "Connection" or "Content-Length")
                    continue;
                var value = incoming.Headers[name]!;
                if (!request.Headers.TryAddWithoutValidation(name, value))
                    request.Content?.Headers.TryAddWithoutValidation(name, value);
            }
            using var answer = await _suite.SendAsync(request);
            var outgoing = context.Response;
            outgoing.StatusCode = (int)answer.StatusCode;
            foreach (var (name, values) in answer.Headers.Concat(answer.Content.Headers))
            {
                if (name is "Transfer-Encoding" or "Content-Length")
                    continue;
                foreach (var value in values)
                    outgoing.Headers.Add(name, value);
            }
            var bytes = await answer.Content.ReadAsByteArrayAsync();
            outgoing.ContentLength64 = bytes.Length;
            await outgoing.OutputStream.WriteAsync(bytes);
            outgoing.Close();
        }
        catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or IOException)
        {
            // The browser went away.
        }
    }


    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _loop;
        _suite.Dispose();
    }
}
