using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Sec.Proposals.Feeds;
using Sec.Proposals.Reporting;

namespace Sec.Proposals.Web;

/// <summary>
/// The register on the web and its calendar, on the HTTP port: the list with its filters, one page a
/// modification, the monthly reports (each modification linked to its page) and the .ics feed. Every
/// read admits every role, as the JSON routes do; the token comes as a bearer header, or from the
/// sign-in cookie (see <see cref="WebAccess"/>).
/// </summary>
public static class RegisterPages
{
    private const int MaxFilterLength = 200;

    public static IEndpointRouteBuilder MapRegisterWeb(this IEndpointRouteBuilder app)
    {
        app.MapGet("/register", ListAsync);
        app.MapGet("/register/{reference}", ModificationAsync);
        app.MapGet("/register/reports", (HttpContext http, IClock clock) => Page(http, () => Task.FromResult(Html(RegisterHtml.Reports(clock.Today)))));
        app.MapGet("/register/reports/month", (HttpContext http, string? month) =>
            Page(http, () => Task.FromResult(IsMonth(month) ? Results.Redirect($"/register/reports/{month}")
                : Html(RegisterHtml.Refusal("Change Status Report", "month", $"\"{Short(month)}\" is not a month; write it yyyy-mm, for example 2020-04"), 400))));
        app.MapGet("/register/reports/{month}", ReportAsync);
        app.MapGet("/register/sign-in", () => Html(RegisterHtml.SignIn(null)));
        app.MapPost("/register/sign-in", (Delegate)SignInAsync).DisableAntiforgery();
        app.MapGet(WebAccess.CalendarPath, CalendarAsync);
        return app;
    }

    private static Task<IResult> ListAsync(HttpContext http, ProposalQueries register, WorkingGroupUseCases workingGroups, ModificationPageSource source,
        ModificationPageUseCases pages, IClock clock) =>
        Page(http, async () =>
        {
            var q = http.Request.Query;
            var refusal = default((string Field, string Message)?);
            string? Text(string field)
            {
                var value = q[field].ToString().Trim();
                if (value.Length > MaxFilterLength)
                    refusal ??= (field, $"is {value.Length} characters; at most {MaxFilterLength}");
                return value.Length == 0 ? null : value;
            }
            DateOnly? Date(string field)
            {
                var value = q[field].ToString();
                if (value.Length == 0)
                    return null;
                if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) && d.Year is >= 1990 and <= 2100)
                    return d;
                refusal ??= (field, $"\"{Short(value)}\" is not a date from 1990 to 2100 written yyyy-mm-dd");
                return null;
            }
            var phaseText = Text("phase");
            Phase? phase = null;
            if (phaseText is not null)
            {
                if (Enum.TryParse<Phase>(phaseText, ignoreCase: true, out var p) && Enum.IsDefined(p) && !int.TryParse(phaseText, out _)) phase = p;
                else refusal ??= ("phase", $"\"{Short(phaseText)}\" is not a stage; one of {string.Join(", ", Enum.GetNames<Phase>())}");
            }
            var pathText = Text("path");
            DecisionPath? path = null;
            if (pathText is not null)
            {
                if (pathText is "1" or "2" or "3" or "4") path = (DecisionPath)int.Parse(pathText, CultureInfo.InvariantCulture);
                else refusal ??= ("path", $"\"{Short(pathText)}\" is not a path; 1, 2, 3 or 4 (Fast-Track)");
            }
            var categories = (await pages.CategoriesAsync(http.RequestAborted)).OrderBy(c => c.Rank).Select(c => (c.Code, c.Name)).ToList();
            var priority = Text("priority");
            if (priority is not null && !categories.Any(c => string.Equals(c.Code, priority, StringComparison.OrdinalIgnoreCase)))
                refusal ??= ("priority", $"\"{Short(priority)}\" is not a priority category; one of {string.Join(", ", categories.Select(c => c.Code))}");
            var query = new RegisterListQuery(Text("text"), phase, Text("status"), path, Text("organisation"), Text("working_group"),
                Date("implementation_from"), Date("implementation_to"), priority);
            if (query.ImplementationFrom is { } f && query.ImplementationTo is { } t && t < f)
                refusal ??= ("implementation_to", $"{t:yyyy-MM-dd} is before implementation_from, {f:yyyy-MM-dd}");
            if (refusal is { } r)
                return Html(RegisterHtml.Refusal("The modification register", r.Field, r.Message), 400);

            var filter = new RegisterFilter
            {
                Text = query.Text, Phases = query.Phase is { } ph ? [ph] : [], Status = query.Status, Path = query.Path,
                ProposerOrganisation = query.Organisation, WorkingGroup = query.WorkingGroup,
            };
            var (lines, _) = await register.SearchAsync(filter, 0, 5_000, http.RequestAborted);
            if (query.ImplementationFrom is not null || query.ImplementationTo is not null)
            {
                var planned = await source.PlannedBetweenAsync(query.ImplementationFrom, query.ImplementationTo, http.RequestAborted);
                lines = lines.Where(l => planned.Contains(l.Reference)).ToList();
            }
            if (query.Priority is { } wanted)
            {
                // The category in force today, from each modification's latest determination or review.
                var now = await pages.PrioritiesOnAsync(clock.Today, http.RequestAborted);
                lines = lines.Where(l => now.TryGetValue(l.Reference, out var c) && string.Equals(c, wanted, StringComparison.OrdinalIgnoreCase)).ToList();
            }
            var (all, _) = await register.SearchAsync(new RegisterFilter(), 0, 5_000, http.RequestAborted);
            var statuses = all.Select(l => l.Status).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            var groups = (await workingGroups.ScheduleOnAsync(clock.Today, http.RequestAborted)).Select(g => g.WorkingGroup).Order(StringComparer.Ordinal).ToList();
            return Html(RegisterHtml.List(query, lines, lines.Count, groups, statuses, categories));
        });

    private static Task<IResult> ModificationAsync(HttpContext http, string reference, ModificationPageSource source) =>
        Page(http, async () =>
        {
            if (!ModificationReference.TryParse(reference, out var parsed))
                return Html(RegisterHtml.Refusal("Not a modification reference", "reference", $"\"{Short(reference)}\" is not a reference; write it as MP122, DP139 or SECMP0067"), 400);
            try
            {
                return Html(RegisterHtml.Modification(await source.GetAsync(parsed, http.RequestAborted)));
            }
            catch (NotFound e)
            {
                return Html(RegisterHtml.Refusal("Not in the register", "reference", e.Message), 404);
            }
        });

    private static Task<IResult> ReportAsync(HttpContext http, string month, ChangeStatusReports reports) =>
        Page(http, async () =>
        {
            if (!IsMonth(month))
                return Html(RegisterHtml.Refusal("Change Status Report", "month", $"\"{Short(month)}\" is not a month; write it yyyy-mm, for example 2020-04"), 400);
            DateOnly? Date(string field) => DateOnly.TryParseExact(http.Request.Query[field].ToString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
            foreach (var field in new[] { "periodEnd", "asOf" })
                if (http.Request.Query[field].ToString() is { Length: > 0 } given && Date(field) is null)
                    return Html(RegisterHtml.Refusal("Change Status Report", field, $"\"{Short(given)}\" is not a date written yyyy-mm-dd"), 400);
            var first = DateOnly.ParseExact(month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture);
            return Html((await reports.GetAsync(first, Date("periodEnd"), Date("asOf"), V1.ReportStageNames.Unspecified, http.RequestAborted)).Html);
        });

    private static async Task<IResult> SignInAsync(HttpContext http)
    {
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var token = form["token"].ToString().Trim();
        if (token.Length is 0 or > 8_192)
            return Html(RegisterHtml.SignIn(token.Length == 0 ? "is empty; paste the token sec login stored" : "is longer than any token the suite issues"), 400);
        http.Response.Cookies.Append(WebAccess.Cookie, token, new CookieOptions
        {
            HttpOnly = true, SameSite = SameSiteMode.Strict, Secure = http.Request.IsHttps, Path = "/", MaxAge = TimeSpan.FromHours(8),
        });
        return Results.Redirect("/register");
    }

    private static async Task<IResult> CalendarAsync(HttpContext http, CalendarFeed feed)
    {
        if (Refused(http.User) is { } refused)
            return Results.Json(new { code = refused == 401 ? 16 : 7, message = refused == 401 ? "The calendar needs a bearer token (or ?token=)." : "The calendar needs a reading role." }, statusCode: refused);
        var wanted = http.Request.Query["modification"].ToString();
        ModificationReference? only = null;
        if (wanted.Length > 0)
        {
            if (!ModificationReference.TryParse(wanted, out var parsed))
                return Results.Json(new { code = 3, message = $"modification: \"{Short(wanted)}\" is not a reference; write it as MP122", field = "modification" }, statusCode: 400);
            only = parsed;
        }
        var (from, to) = feed.DefaultSpan;
        foreach (var field in new[] { "from", "to" })
        {
            var given = http.Request.Query[field].ToString();
            if (given.Length == 0)
                continue;
            if (!DateOnly.TryParseExact(given, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) || d.Year is < 1990 or > 2100)
                return Results.Json(new { code = 3, message = $"{field}: \"{Short(given)}\" is not a date from 1990 to 2100 written yyyy-mm-dd", field }, statusCode: 400);
            (from, to) = field == "from" ? (d, to) : (from, d);
        }
        if (to < from)
            return Results.Json(new { code = 3, message = $"to: {to:yyyy-MM-dd} is before from, {from:yyyy-MM-dd}", field = "to" }, statusCode: 400);
        var entries = await feed.EntriesAsync(only, from, to, http.RequestAborted);
        var name = only is null ? "SEC modifications: what is coming" : $"SEC modification {only.Value}";
        return Results.Text(feed.Render(entries, name), "text/calendar; charset=utf-8");
    }

    /// <summary>Runs a page for a caller who may read; without a token, the sign-in page (401); with no reading role, a refusal (403).</summary>
    private static async Task<IResult> Page(HttpContext http, Func<Task<IResult>> page) =>
        Refused(http.User) switch
        {
            401 => Html(RegisterHtml.SignIn("is missing or no longer valid: sign in with a token from the suite's identity provider"), 401),
            403 => Html(RegisterHtml.Refusal("Not allowed", "role", $"{http.User.Identity?.Name} has no role that may read the register"), 403),
            _ => await page(),
        };

    private static int? Refused(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated != true ? 401 : SecRoles.All.Any(user.IsInRole) ? null : 403;

    private static IResult Html(string html, int status = 200) => Results.Content(html, "text/html; charset=utf-8", System.Text.Encoding.UTF8, status);

    private static bool IsMonth(string? text) =>
        text is { Length: 7 } && DateOnly.TryParseExact(text + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) && d.Year is >= 1990 and <= 2100;

    private static string Short(string? text) => text is null ? "" : text.Length <= 40 ? text : text[..40] + "...";
}
