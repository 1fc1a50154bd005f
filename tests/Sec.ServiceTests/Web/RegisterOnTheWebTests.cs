using System.Net;
using AngleSharp.Html.Parser;
using Ical.Net.CalendarComponents;
using Microsoft.Playwright;
using Sec.ServiceTests.DemoRegister;

namespace Sec.ServiceTests.Web;

/// <summary>
/// The register on the web and its calendar, on the demo register: the feed read back with a
/// calendar library, the pages' structure checked with AngleSharp, and a person's way through them in
/// Debian's headless Chromium.
/// </summary>
public sealed class RegisterOnTheWebTests(DemoRegisterFixture demo) : IClassFixture<DemoRegisterFixture>
{
    private HttpClient Http(string? token = null, IReadOnlyList<string>? roles = null)
    {
        var client = demo.Suite.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        token ??= demo.Suite.Token(roles: roles);
        if (token.Length > 0)
            client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return client;
    }

    private async Task<IReadOnlyList<CalendarEvent>> CalendarAsync(string query)
    {
        var answer = await Http(roles: [Sec.Identity.SecRoles.Reader]).GetAsync("/v1/calendar.ics" + query);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal("text/calendar", answer.Content.Headers.ContentType?.MediaType);
        var calendar = Ical.Net.Calendar.Load(await answer.Content.ReadAsStringAsync())!;
        return calendar.Events.ToList();
    }

    private static DateOnly Day(CalendarEvent e) => DateOnly.FromDateTime(e.DtStart!.Value);

    [Fact]
    public async Task MP122s_calendar_holds_its_Working_Group_meetings_the_Change_Board_that_approved_its_IA_request_and_the_DCCs_due_date_only()
    {
        var events = await CalendarAsync("?modification=mp122&from=2020-01-01&to=2020-12-31");

        Assert.All(events, e => Assert.Contains("MP122", e.Description));
        var meetings = events.Where(e => e.Categories.Contains("WorkingGroupMeeting")).Select(Day).ToList();
        Assert.Equal([new DateOnly(2020, 7, 8), new DateOnly(2020, 8, 13)], meetings);
        var board = Assert.Single(events, e => e.Categories.Contains("ChangeBoardMeeting"));
        Assert.Equal(new DateOnly(2020, 7, 22), Day(board));
        var due = Assert.Single(events, e => e.Categories.Contains("DccAssessmentDue"));
        Assert.Contains("Impact Assessment", due.Summary);
        Assert.True(Day(due) > new DateOnly(2020, 7, 16), $"the IA accepted on 16 July 2020 is due after it, not on {Day(due)}");
        // All-day entries, each with a stable identity a calendar client can update in place.
        Assert.All(events, e => Assert.False(e.DtStart!.HasTime));
        Assert.Equal(events.Count, events.Select(e => e.Uid).Distinct().Count());
    }

    [Fact]
    public async Task The_whole_calendar_of_2016_to_2020_holds_every_kind_of_date_in_order()
    {
        var events = await CalendarAsync("?from=2016-01-01&to=2020-12-31");

        var kinds = events.SelectMany(e => e.Categories).ToHashSet();
        foreach (var kind in Enum.GetNames<Sec.Proposals.Feeds.FeedEntryKind>())
            Assert.Contains(kind, kinds);
        Assert.Contains(events, e => e.Categories.Contains("ReleaseGoLive") && e.Summary!.Contains("November 2019 SEC Release") && Day(e) == new DateOnly(2019, 11, 7));
        Assert.Equal(events.Select(Day).Order(), events.Select(Day));
    }

    [Fact]
    public async Task The_calendar_refuses_a_bad_modification_or_date_naming_the_field_and_a_caller_without_a_token()
    {
        var bad = await Http().GetAsync("/v1/calendar.ics?modification=MX12");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("\"field\":\"modification\"", await bad.Content.ReadAsStringAsync());
        var backwards = await Http().GetAsync("/v1/calendar.ics?from=2020-02-01&to=2020-01-01");
        Assert.Equal(HttpStatusCode.BadRequest, backwards.StatusCode);
        Assert.Contains("\"field\":\"to\"", await backwards.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, (await Http(token: "").GetAsync("/v1/calendar.ics")).StatusCode);
        // A calendar client subscribes to one URL: the token may ride in it.
        var subscribed = await Http(token: "").GetAsync("/v1/calendar.ics?modification=MP122&token=" + demo.Suite.Token(roles: [Sec.Identity.SecRoles.Reader]));
        Assert.Equal(HttpStatusCode.OK, subscribed.StatusCode);
    }

    [Fact]
    public async Task MP122s_page_links_the_SECAS_page_the_papers_cite_from_its_documents_as_the_modification_view_composes_them()
    {
        var page = await new HtmlParser().ParseDocumentAsync(await Http(roles: [Sec.Identity.SecRoles.Reader]).GetStringAsync("/register/MP122"));

        var documents = page.QuerySelector("section[aria-labelledby=documents]");
        Assert.NotNull(documents);
        Assert.Contains(documents!.QuerySelectorAll("a"), a => a.GetAttribute("href") == "https://smartenergycodecompany.co.uk/modifications/operational-metrics/");
        Assert.NotNull(page.QuerySelector("section[aria-labelledby=alternates]"));
    }

    [Fact]
    public async Task Every_page_has_landmarks_labelled_fields_and_table_headers()
    {
        var parser = new HtmlParser();
        foreach (var path in new[] { "/register", "/register/MP122", "/register/reports/2020-04?periodEnd=2020-03-31&asOf=2020-04-08", "/register/sign-in", "/register/reports" })
        {
            var answer = await Http(roles: [Sec.Identity.SecRoles.Reader]).GetAsync(path);
            Assert.True(answer.IsSuccessStatusCode, $"{path}: {answer.StatusCode} {System.Net.WebUtility.HtmlDecode(string.Concat(System.Text.RegularExpressions.Regex.Replace(await answer.Content.ReadAsStringAsync(), "<[^>]+>", " ").Take(3000)))}");
            var page = await parser.ParseDocumentAsync(await answer.Content.ReadAsStringAsync());
            Assert.Equal("en-GB", page.DocumentElement.GetAttribute("lang"));
            Assert.False(string.IsNullOrWhiteSpace(page.Title), path);
            if (!path.Contains("/reports/2020", StringComparison.Ordinal))
            {
                Assert.NotNull(page.QuerySelector("header nav[aria-label]"));
                Assert.NotNull(page.QuerySelector("main#main"));
                Assert.NotNull(page.QuerySelector("footer"));
                Assert.Contains("@media print", page.QuerySelector("style")!.TextContent);
            }
            Assert.Single(page.QuerySelectorAll("h1"));
            Assert.Empty(page.QuerySelectorAll("script"));
            foreach (var field in page.QuerySelectorAll("input:not([type=hidden]), select, textarea"))
                Assert.True(page.QuerySelector($"label[for='{field.Id}']") is not null, $"{path}: {field.OuterHtml} has no label");
            foreach (var table in page.QuerySelectorAll("table"))
                Assert.NotEmpty(table.QuerySelectorAll("thead th[scope=col]"));
        }
    }

    [Fact]
    public async Task A_bad_filter_is_refused_naming_the_field_and_an_unknown_modification_is_not_found_and_no_token_asks_to_sign_in()
    {
        var bad = await Http().GetAsync("/register?implementation_from=2020-13-01");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("<strong>implementation_from</strong>", await bad.Content.ReadAsStringAsync());
        var stage = await Http().GetAsync("/register?phase=Sideways");
        Assert.Equal(HttpStatusCode.BadRequest, stage.StatusCode);
        Assert.Contains("<strong>phase</strong>", await stage.Content.ReadAsStringAsync());
        var missing = await Http().GetAsync("/register/MP999");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("MP999 is not in the register", await missing.Content.ReadAsStringAsync());
        var anonymous = await Http(token: "").GetAsync("/register");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Contains("<label for=\"token\">", await anonymous.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task In_Chromium_a_reader_signs_in_filters_the_list_opens_MP122_and_follows_the_report_to_it()
    {
        await using var port = new LocalPort(demo.Suite);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium.Path, Headless = true, Args = ["--no-sandbox"] });
        var page = await browser.NewPageAsync(new() { BaseURL = port.BaseAddress });

        // Signing in: the page asks for the token, keeps it in a cookie and goes to the register.
        await page.GotoAsync("/register");
        await page.GetByLabel("Token").FillAsync(demo.Suite.Token(actor: "Rita Reader", organisation: "Example Energy", roles: [Sec.Identity.SecRoles.Reader]));
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        // The sign-in form is served at /register too, so the address alone does not say the list has
        // come: wait for its rows, and for the page to finish loading before the filter is submitted.
        await page.Locator("tbody tr").First.WaitForAsync();
        await page.WaitForLoadStateAsync(LoadState.Load);
        var everything = await page.Locator("tbody tr").CountAsync();
        Assert.True(everything > 50, $"the demo register lists {everything} modifications");

        // A filter: the Refine stage.
        await page.GetByLabel("Stage").SelectOptionAsync("Refine");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await page.WaitForURLAsync("**/register?*phase=Refine*");
        var refining = await page.Locator("tbody tr").CountAsync();
        Assert.InRange(refining, 1, everything - 1);
        Assert.All(await page.Locator("tbody tr td:nth-child(5)").AllTextContentsAsync(), phase => Assert.Equal("Refine", phase));
        Assert.Equal("Refine", await page.GetByLabel("Stage").InputValueAsync());

        // The modification's page: its assessments, its IA request's decision, its meetings.
        await page.GetByRole(AriaRole.Link, new() { Name = "MP122", Exact = true }).ClickAsync();
        await page.WaitForURLAsync("**/register/MP122");
        Assert.StartsWith("MP122: Operational Metrics", await page.Locator("h1").TextContentAsync());
        var assessments = page.GetByRole(AriaRole.Table, new() { Name = "DCC assessments" });
        Assert.Contains("28 May 2020", await assessments.Locator("tr", new() { HasText = "Preliminary Assessment" }).TextContentAsync());
        Assert.Contains("16 Jul 2020", await assessments.Locator("tr", new() { HasText = "Impact Assessment" }).TextContentAsync());
        var board = await page.GetByRole(AriaRole.Table, new() { Name = "Change Board" }).Locator("tbody tr").First.TextContentAsync();
        Assert.Contains("22 Jul 2020", board);
        Assert.Contains("Impact assessment request", board);
        Assert.Contains("Approved", board);
        var meetings = await page.GetByRole(AriaRole.Table, new() { Name = "Working Group meetings" }).Locator("tbody th").AllTextContentsAsync();
        Assert.Equal(["8 Jul 2020", "13 Aug 2020"], meetings);

        // The August 2020 report links each modification to its page.
        await page.GotoAsync("/register/reports/2020-08?periodEnd=2020-07-31&asOf=2020-07-31");
        await page.Locator("a[href='/register/MP122']").First.ClickAsync();
        await page.WaitForURLAsync("**/register/MP122");
        Assert.Equal("MP122 Operational Metrics - SEC Modification Register", await page.TitleAsync());
    }
}

/// <summary>Debian's chromium: the tests drive it, since no browser can be downloaded here (test.sh installs it).</summary>
internal static class Chromium
{
    public static string Path => Environment.GetEnvironmentVariable("SEC_CHROMIUM") ?? "/usr/bin/chromium";
}
