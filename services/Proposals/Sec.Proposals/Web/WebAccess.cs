using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Sec.Proposals.Web;

/// <summary>
/// The pages and the calendar authenticate as every JSON route does, with the suite's bearer token.
/// A browser cannot add a header to a link, so for these paths only the token may also come from the
/// <c>sec_token</c> cookie (set by the sign-in page), and for the calendar from a <c>token</c> query
/// parameter (a calendar client subscribes to one URL). Either becomes the request's bearer header
/// before authentication runs, so the same validation, roles and forwarding to the other contexts apply.
/// </summary>
public sealed class WebAccess : IStartupFilter
{
    public const string Cookie = "sec_token";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, nextMiddleware) =>
        {
            var path = context.Request.Path;
            if (string.IsNullOrEmpty(context.Request.Headers[HeaderNames.Authorization]))
            {
                var fromQuery = path.Equals(CalendarPath, StringComparison.OrdinalIgnoreCase) ? context.Request.Query["token"].ToString() : "";
                var token = fromQuery.Length > 0 ? fromQuery
                    : IsWebPath(path) && context.Request.Cookies.TryGetValue(Cookie, out var cookie) ? cookie : "";
                if (!string.IsNullOrEmpty(token) && token.Length <= 8_192)
                    context.Request.Headers[HeaderNames.Authorization] = "Bearer " + token;
            }
            return nextMiddleware(context);
        });
        next(app);
    };

    public const string CalendarPath = "/v1/calendar.ics";

    public static bool IsWebPath(PathString path) =>
        path.StartsWithSegments("/register", StringComparison.OrdinalIgnoreCase) || path.Equals(CalendarPath, StringComparison.OrdinalIgnoreCase);
}
