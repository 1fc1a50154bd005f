using Grpc.Net.Client;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Sec.BuildingBlocks.Storage;
using Sec.Identity;

namespace Sec.ServiceTests;

/// <summary>
/// The all-in-one host in memory, on SQLite files of its own, with MassTransit's test harness in
/// place of the bus. Each test makes its own, so no state is shared between tests.
/// </summary>
public sealed class SuiteFactory(string? dataDirectory = null, DateTimeOffset? now = null, Action<IServiceCollection>? services = null,
    IReadOnlyDictionary<string, string>? settings = null) : WebApplicationFactory<Program>
{
    /// <summary>Where the SQLite files live; a second factory on the same folder is a restart.</summary>
    public string DataDirectory { get; } = dataDirectory ?? NewDataDirectory();

    /// <summary>Now for the suite; tests move it to check date rules.</summary>
    public FixedClock Clock { get; } = new(now ?? new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));

    /// <summary>Set when the test owns the folder across restarts and deletes it itself.</summary>
    public bool KeepData { get; init; } = dataDirectory is not null;

    public static string NewDataDirectory() => Path.Combine(Path.GetTempPath(), "sec-service-tests", Guid.NewGuid().ToString("N"));

    /// <summary>A suite with the harness started, for tests that publish or wait for events.</summary>
    public static async Task<SuiteFactory> StartAsync(DateTimeOffset? now = null, string? dataDirectory = null, IReadOnlyDictionary<string, string>? settings = null)
    {
        var suite = new SuiteFactory(dataDirectory, now, settings: settings);
        await suite.StartHostAsync();
        return suite;
    }

    /// <summary>
    /// Starts the suite's host, and with it the bus and every hosted service, once; the harness watches
    /// the bus from its creation. Not the harness's own Start, which starts every hosted service of the
    /// container again: each background loop (relays, timer pollers) would then run twice, and the first
    /// run, which no stop reaches, would go on reading the data folder after the suite was disposed.
    /// </summary>
    public Task StartHostAsync()
    {
        _ = Harness;
        return Task.CompletedTask;
    }

    /// <summary>Runs a test that restarts suites on one data folder of its own, and deletes the folder after.</summary>
    public static async Task OnOwnDataAsync(Func<string, Task> test)
    {
        var data = NewDataDirectory();
        try
        {
            await test(data);
        }
        finally
        {
            DeleteData(data);
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Storage:DataDirectory", DataDirectory);
        builder.UseSetting("Storage:Provider", "Sqlite");
        builder.UseSetting("Messaging:Transport", "InMemory");
        // The tests start hundreds of suites; warming each one's report paths would only load the machine.
        builder.UseSetting("Hosting:WarmUp", "false");
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
            builder.UseSetting(key, value);
        builder.ConfigureServices(s =>
        {
            s.AddSuiteDoubles(Clock);
            services?.Invoke(s);
        });
    }

    /// <summary>Every role but a Change Board member's, which votes only as itself: what most tests act with.</summary>
    public static readonly string[] Clerk = SecRoles.All.Where(r => r != SecRoles.ChangeBoardMember).ToArray();

    /// <summary>
    /// A channel to the suite whose calls carry a token for <paramref name="actor"/> with
    /// <paramref name="roles"/> (by default <see cref="Clerk"/>); no token at all when the actor is null.
    /// </summary>
    public GrpcChannel Channel(string? actor = "Holly Burton", string organisation = "SECAS", IReadOnlyList<string>? roles = null, string? votingGroup = null)
    {
        if (actor is null)
            return GrpcChannel.ForAddress(Server.BaseAddress, new GrpcChannelOptions { HttpHandler = Server.CreateHandler() });
        var handler = new BearerHandler(Token(actor, organisation, roles, votingGroup)) { InnerHandler = Server.CreateHandler() };
        return GrpcChannel.ForAddress(Server.BaseAddress, new GrpcChannelOptions { HttpHandler = handler });
    }

    /// <summary>A channel whose calls carry exactly <paramref name="token"/>, whatever it is.</summary>
    public GrpcChannel ChannelWithToken(string token) =>
        GrpcChannel.ForAddress(Server.BaseAddress, new GrpcChannelOptions { HttpHandler = new BearerHandler(token) { InnerHandler = Server.CreateHandler() } });

    /// <summary>A token the suite accepts, signed with the development key in the suite's data folder.</summary>
    public string Token(string actor = "Holly Burton", string organisation = "SECAS", IReadOnlyList<string>? roles = null, string? votingGroup = null) =>
        new TokenIssuer(SigningKey.LoadOrCreate(SigningKey.FileIn(DataDirectory)), TokenIssuer.DefaultIssuer, TokenIssuer.DefaultAudience)
            .Issue(new Principal(actor, organisation, roles ?? Clerk, votingGroup), TimeSpan.FromHours(1));

    public ITestHarness Harness => Services.GetRequiredService<ITestHarness>();

    /// <summary>The four contexts' stores.</summary>
    public ContextStore[] Stores =>
    [
        Get<Sec.Proposals.Storage.ProposalsStore>(), Get<Sec.Assessments.Storage.AssessmentsStore>(),
        Get<Sec.ChangeBoard.Storage.ChangeBoardStore>(), Get<Sec.Releases.Storage.ReleasesStore>(),
    ];

    /// <summary>
    /// Every table of every context with its row count, one a line: a refused call, or a repeated
    /// import, leaves it equal. One query over the four files on one connection, so a test can take
    /// it after each of a thousand requests.
    /// </summary>
    public async Task<string> EveryRowCountAsync()
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = ":memory:", Pooling = false }.ToString());
        await connection.OpenAsync();
        var tables = new List<string>();
        foreach (var store in Stores)
        {
            await connection.ExecuteAsync($"ATTACH DATABASE @file AS {store.Schema}", new { file = store.SqliteFile });
            tables.AddRange((await connection.QueryAsync<string>($"SELECT name FROM {store.Schema}.sqlite_master WHERE type = 'table' ORDER BY name"))
                .Select(table => $"{store.Schema}.{table}"));
        }
        var counts = string.Join(" UNION ALL ", tables.Select((t, i) => $"SELECT {i} AS N, '{t}=' || COUNT(*) AS Line FROM {t}"));
        return string.Join("\n", await connection.QueryAsync<string>($"SELECT Line FROM ({counts}) ORDER BY N"));
    }

    /// <summary>
    /// Waits until the writes' after-effects are over: every timer due by the suite's clock has
    /// fired (one due later, such as a release's go-live, never will here), every outbox row is sent,
    /// and the bus has gone quiet.
    /// </summary>
    public async Task SettledAsync()
    {
        async Task<bool> Pending()
        {
            foreach (var store in Stores)
                if (await Rows.CountAsync(store, "OutboxMessage WHERE SentAt IS NULL") > 0
                    || await store.ReadAsync(c => c.ExecuteScalarAsync<long>(
                        $"SELECT COUNT(*) FROM {store.Schema}.DurableTimer WHERE FiredAt IS NULL AND CancelledAt IS NULL AND DueAt <= @Now", new { Now = Clock.UtcNow })) > 0)
                    return true;
            return false;
        }
        do
        {
            await Eventually.UntilAsync(async () => !await Pending(), "the timers to fire and the outbox rows to be sent");
            await Harness.InactivityTask;
        }
        while (await Pending());
    }

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (!KeepData)
            DeleteData(DataDirectory);
    }

    public static void DeleteData(string directory)
    {
        try { Directory.Delete(directory, recursive: true); } catch (IOException) { }
    }

    private sealed class BearerHandler(string token) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
