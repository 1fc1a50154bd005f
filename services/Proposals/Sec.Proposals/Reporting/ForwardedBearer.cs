using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Sec.Proposals.Reporting;

/// <summary>
/// The report asks the other contexts for their sections as the caller who asked for it: their
/// bearer token goes along, so each context admits the read by the caller's own roles.
/// </summary>
public sealed class ForwardedBearer(IHttpContextAccessor accessor) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var authorization = accessor.HttpContext?.Request.Headers[HeaderNames.Authorization].ToString();
        if (!string.IsNullOrEmpty(authorization))
            request.Headers.TryAddWithoutValidation(HeaderNames.Authorization, authorization);
        return base.SendAsync(request, cancellationToken);
    }
}
