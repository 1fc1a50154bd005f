using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Sec.Proposals.Reporting;

/// <summary>
/// The report asks the other contexts for their sections as the caller who asked for it: their
/// bearer token goes along, so each context admits the read by the caller's own roles. Work the host
/// does on its own behalf, outside any call (its warm-up), carries the host's own token instead.
/// </summary>
public sealed class ForwardedBearer(IHttpContextAccessor accessor) : DelegatingHandler
{
    private static readonly AsyncLocal<string?> HostBearer = new();

    /// <summary>Until disposed, calls made by this flow outside any request carry <paramref name="token"/>.</summary>
    public static IDisposable ActingAsHost(string token)
    {
        HostBearer.Value = "Bearer " + token;
        return new Scope();
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var authorization = accessor.HttpContext is { } context ? context.Request.Headers[HeaderNames.Authorization].ToString() : HostBearer.Value;
        if (!string.IsNullOrEmpty(authorization))
            request.Headers.TryAddWithoutValidation(HeaderNames.Authorization, authorization);
        return base.SendAsync(request, cancellationToken);
    }

    private sealed class Scope : IDisposable
    {
        public void Dispose() => HostBearer.Value = null;
    }
}
