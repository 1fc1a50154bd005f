using Dapper;
using Sec.BuildingBlocks.ReadModels;
using Sec.BuildingBlocks.Storage;

namespace Sec.Releases.Storage;

/// <summary>Releases, their scope history and its potential impacts, RID versions and the DCC's returned costs.</summary>
public sealed class ReleaseRepository(ReleasesStore store)
{
    public async Task<Release> ReleaseAsync(DbConnection c, DbTransaction? tx, string id, CancellationToken ct)
    {
        var row = await c.QuerySingleOrDefaultAsync<ReleaseRow>(new CommandDefinition(SelectReleaseSql(store.Schema) + " WHERE Id = @Id", new { Id = id }, tx, cancellationToken: ct))
            ?? throw new NotFound($"There is no release {FieldChecks.Excerpt(id)}.");
        return row.ToDomain();
    }

    public async Task<IReadOnlyList<Release>> ReleasesAsync(DbConnection c, DbTransaction? tx, CancellationToken ct) =>
        (await c.QueryAsync<ReleaseRow>(new CommandDefinition(SelectReleaseSql(store.Schema) + " ORDER BY ImplementationDate", transaction: tx, cancellationToken: ct)))
        .Select(r => r.ToDomain()).ToList();

    public Task InsertReleaseAsync(DbConnection c, DbTransaction tx, Release r) =>
        c.ExecuteAsync(InsertReleaseSql(store.Schema), new { r.Id, r.Name, Type = (int)r.Type, r.ImplementationDate, Status = (int)r.Status, r.GoNoGo, r.Version }, tx);

    public async Task SaveReleaseAsync(DbConnection c, DbTransaction tx, Release before, Release after)
    {
        // The release's own properties are its columns; Dapper binds those the SQL names.
        var parameters = new DynamicParameters(new
        {
            after.Id, after.ImplementationDate, Status = (int)after.Status, after.GoNoGo, after.Version,
            Reschedulings = RidFormats.Reschedulings(after.Reschedulings), after.CancelledOn, after.CancelReason,
        });
        parameters.Add("ExpectedVersion", before.Version);
        var changed = await c.ExecuteAsync(UpdateReleaseSql(store.Schema), parameters, tx);
        Concurrency.EnsureUpdated(changed, after.Name, before.Version);
    }

    /// <summary>Every scope entry, in and out, of one release (or of all releases when <paramref name="releaseId"/> is null).</summary>
    public async Task<IReadOnlyList<ScopeEntry>> ScopeAsync(DbConnection c, DbTransaction? tx, string? releaseId, CancellationToken ct) =>
        (await c.QueryAsync<ScopeRow>(new CommandDefinition(releaseId is null ? SelectScopeSql(store.Schema) : SelectReleaseScopeSql(store.Schema),
            new { ReleaseId = releaseId }, tx, cancellationToken: ct))).Select(r => r.ToDomain()).ToList();

    public Task InsertScopeAsync(DbConnection c, DbTransaction tx, ScopeEntry e) =>
        c.ExecuteAsync(InsertScopeSql(store.Schema), new
        {
            e.ReleaseId, e.Reference, e.Part, AddedAs = (int)e.AddedAs, e.DecisionCutOff, e.AddedOn, e.ApprovedOn, e.LeftOn, e.LeftReason,
        }, tx);

    /// <summary>A targeted modification approved: it becomes approved scope wherever it is still in scope.</summary>
    public Task<int> ApproveAsync(DbConnection c, DbTransaction tx, string reference, DateOnly on) =>
        c.ExecuteAsync(ApproveScopeSql(store.Schema), new { Reference = reference, On = on }, tx);

    /// <summary>The modification leaves every scope it is still in (or one release's, or one part's), with the reason kept.</summary>
    public Task<int> LeaveAsync(DbConnection c, DbTransaction tx, string? releaseId, string reference, int? part, DateOnly on, string reason) =>
        c.ExecuteAsync(LeaveScopeSql(store.Schema), new { ReleaseId = releaseId, Reference = reference, Part = part, On = on, Reason = reason }, tx);

    /// <summary>Every potential-impacts record of a release's scope, in recorded order.</summary>
    public async Task<IReadOnlyList<PotentialImpacts>> ImpactsAsync(DbConnection c, DbTransaction? tx, string releaseId, CancellationToken ct) =>
        (await c.QueryAsync<ImpactsRow>(new CommandDefinition(SelectImpactsSql(store.Schema), new { ReleaseId = releaseId }, tx, cancellationToken: ct)))
        .Select(r => new PotentialImpacts(r.ReleaseId, r.Reference, r.Part, r.EffectiveOn,
            System.Text.Json.JsonSerializer.Deserialize<List<string>>(r.Documents) ?? [], System.Text.Json.JsonSerializer.Deserialize<List<string>>(r.Systems) ?? [])).ToList();

    public Task InsertImpactsAsync(DbConnection c, DbTransaction tx, PotentialImpacts i) =>
        c.ExecuteAsync(InsertImpactsSql(store.Schema), new
        {
            i.ReleaseId, i.Reference, i.Part, i.EffectiveOn,
            Documents = System.Text.Json.JsonSerializer.Serialize(i.Documents), Systems = System.Text.Json.JsonSerializer.Serialize(i.Systems),
        }, tx);

    /// <summary>The release with its RID's versions, oldest first.</summary>
    public async Task<Rid> RidAsync(DbConnection c, DbTransaction? tx, string releaseId, CancellationToken ct)
    {
        var release = await ReleaseAsync(c, tx, releaseId, ct);
        var versions = await c.QueryAsync<VersionRow>(new CommandDefinition(SelectVersionsSql(store.Schema), new { ReleaseId = releaseId }, tx, cancellationToken: ct));
        return new Rid(release, versions.Select(v => new RidVersion(v.Label, v.Dated, v.Changes, v.Baselined, RidFormats.Content(v.Content), RidFormats.Snapshot(v.ScopeSnapshot))).ToList());
    }

    /// <summary>Writes what changed: the release, the versions changed (only a draft's row is ever rewritten) and the versions added.</summary>
    public async Task SaveRidAsync(DbConnection c, DbTransaction tx, Rid before, Rid after)
    {
        if (!Equals(before.Release, after.Release))
            await SaveReleaseAsync(c, tx, before.Release, after.Release);
        for (var i = 0; i < after.Versions.Count; i++)
        {
            var v = after.Versions[i];
            var row = new
            {
                ReleaseId = after.Release.Id, Sequence = i + 1, v.Label, v.Dated, v.Changes, v.Baselined,
                Content = RidFormats.Content(v.Content), ScopeSnapshot = RidFormats.Snapshot(v.ScopeSnapshot),
            };
            if (i >= before.Versions.Count)
                await c.ExecuteAsync(InsertVersionSql(store.Schema), row, tx);
            else if (!Equals(before.Versions[i], v))
                await c.ExecuteAsync(UpdateVersionSql(store.Schema), row, tx);
        }
    }

    /// <summary>The titles of the modifications in a release's scope, in or out, as this context knows them.</summary>
    public async Task<IReadOnlyDictionary<string, string>> ScopeTitlesAsync(DbConnection c, DbTransaction? tx, string releaseId, CancellationToken ct) =>
        (await c.QueryAsync<(string Reference, string Title)>(new CommandDefinition(ScopeTitlesSql(store.Schema), new { ReleaseId = releaseId }, tx, cancellationToken: ct)))
        .ToDictionary(t => t.Reference, t => t.Title);

    /// <summary>A modification's title as this context knows it, or null.</summary>
    public Task<string?> TitleAsync(DbConnection c, DbTransaction? tx, string reference) =>
        c.ExecuteScalarAsync<string?>(KnownModifications.TitleSql(store.Schema), new { Reference = reference }, tx);

    /// <summary>The modification as this context's view of the register has it: InvalidArgument naming <paramref name="field"/> when unknown, FailedPrecondition before its history has arrived.</summary>
    public Task<RegisterView> RegisterViewAsync(DbConnection c, DbTransaction? tx, ModificationReference reference, string field) =>
        KnownModifications.RequireViewAsync(c, tx, store.Schema, reference, field);

    /// <summary>The register's views of the given modifications, as far as this context has heard of them.</summary>
    public async Task<IReadOnlyDictionary<string, RegisterView>> RegisterViewsAsync(DbConnection c, DbTransaction? tx, IEnumerable<string> references)
    {
        var views = new Dictionary<string, RegisterView>(StringComparer.Ordinal);
        foreach (var reference in references.Distinct())
            if (await KnownModifications.FindViewAsync(c, tx, store.Schema, reference) is { } view)
                views[reference] = view;
        return views;
    }

    /// <summary>Every modification this context has heard of, with its history.</summary>
    public Task<IReadOnlyList<RegisterView>> EveryRegisterViewAsync(DbConnection c, DbTransaction? tx) =>
        KnownModifications.AllViewsAsync(c, tx, store.Schema);

    /// <summary>An entry that left scope comes back, as it was before it left.</summary>
    public Task<int> ReturnToScopeAsync(DbConnection c, DbTransaction tx, ScopeEntry e) =>
        c.ExecuteAsync(ReturnToScopeSql(store.Schema), new { e.ReleaseId, e.Reference, e.Part, e.LeftOn, e.LeftReason }, tx);

    public async Task<IReadOnlyDictionary<string, DccCost>> DccCostsAsync(DbConnection c, DbTransaction? tx, CancellationToken ct) =>
        (await c.QueryAsync<DccCostRow>(new CommandDefinition(SelectDccCostsSql(store.Schema), transaction: tx, cancellationToken: ct)))
        .ToDictionary(r => r.Reference, r => new DccCost(r.Reference, new MoneyRange(r.LowPence, r.HighPence), r.Source));

    public Task UpsertDccCostAsync(DbConnection c, DbTransaction tx, DccCost cost, DateOnly returnedOn) =>
        c.ExecuteAsync(UpsertDccCostSql(store.Schema), new
        {
            cost.Reference, cost.Implementation.LowPence, cost.Implementation.HighPence, cost.Source, ReturnedOn = returnedOn,
        }, tx);

    /// <summary>A release as read: SQLite hands its numbers back as 64-bit, so Dapper cannot build the domain record directly.</summary>
    private sealed record ReleaseRow
    {
        public string Id { get; init; } = "";
        public string Name { get; init; } = "";
        public int Type { get; init; }
        public DateOnly ImplementationDate { get; init; }
        public int Status { get; init; }
        public string? GoNoGo { get; init; }
        public int Version { get; init; }
        public string? Reschedulings { get; init; }
        public DateOnly? CancelledOn { get; init; }
        public string? CancelReason { get; init; }

        public Release ToDomain() => new(Id, Name, (ReleaseType)Type, ImplementationDate, (ReleaseStatus)Status, GoNoGo, Version)
        {
            Reschedulings = RidFormats.Reschedulings(Reschedulings), CancelledOn = CancelledOn, CancelReason = CancelReason,
        };
    }

    private sealed record ScopeRow
    {
        public string ReleaseId { get; init; } = "";
        public string Reference { get; init; } = "";
        public int Part { get; init; }
        public int AddedAs { get; init; }
        public DateOnly? DecisionCutOff { get; init; }
        public DateOnly AddedOn { get; init; }
        public DateOnly? ApprovedOn { get; init; }
        public DateOnly? LeftOn { get; init; }
        public string? LeftReason { get; init; }

        public ScopeEntry ToDomain() => new(ReleaseId, Reference, Part, (ScopeKind)AddedAs, DecisionCutOff, AddedOn, ApprovedOn, LeftOn, LeftReason);
    }

    private sealed record ImpactsRow
    {
        public string ReleaseId { get; init; } = "";
        public string Reference { get; init; } = "";
        public int Part { get; init; }
        public DateOnly EffectiveOn { get; init; }
        public string Documents { get; init; } = "[]";
        public string Systems { get; init; } = "[]";
    }

    private sealed record VersionRow
    {
        public string Label { get; init; } = "";
        public DateOnly Dated { get; init; }
        public string Changes { get; init; } = "";
        public bool Baselined { get; init; }
        public string Content { get; init; } = "";
        public string? ScopeSnapshot { get; init; }
    }

    private sealed record DccCostRow
    {
        public string Reference { get; init; } = "";
        public long LowPence { get; init; }
        public long HighPence { get; init; }
        public string Source { get; init; } = "";
    }

    [SqlText]
    public static string SelectImpactsSql(string schema) =>
        $"SELECT ReleaseId, Reference, Part, EffectiveOn, Documents, Systems FROM {schema}.ScopeImpacts WHERE ReleaseId = @ReleaseId ORDER BY Sequence";

    [SqlText]
    public static string InsertImpactsSql(string schema) =>
        $"INSERT INTO {schema}.ScopeImpacts (ReleaseId, Reference, Part, EffectiveOn, Documents, Systems) VALUES (@ReleaseId, @Reference, @Part, @EffectiveOn, @Documents, @Systems)";

    [SqlText] public static string SelectReleaseSql(string schema) => $"SELECT Id, Name, Type, ImplementationDate, Status, GoNoGo, Version, Reschedulings, CancelledOn, CancelReason FROM {schema}.Release";

    [SqlText]
    public static string InsertReleaseSql(string schema) =>
        $"INSERT INTO {schema}.Release (Id, Name, Type, ImplementationDate, Status, GoNoGo, Version) VALUES (@Id, @Name, @Type, @ImplementationDate, @Status, @GoNoGo, @Version)";

    [SqlText]
    public static string UpdateReleaseSql(string schema) =>
        $"""
        UPDATE {schema}.Release SET ImplementationDate = @ImplementationDate, Status = @Status, GoNoGo = @GoNoGo, Version = @Version,
            Reschedulings = @Reschedulings, CancelledOn = @CancelledOn, CancelReason = @CancelReason
        WHERE Id = @Id AND Version = @ExpectedVersion
        """;

    private const string ScopeColumns = "ReleaseId, Reference, Part, AddedAs, DecisionCutOff, AddedOn, ApprovedOn, LeftOn, LeftReason";

    [SqlText]
    public static string SelectScopeSql(string schema) => $"SELECT {ScopeColumns} FROM {schema}.ScopeEntry ORDER BY Sequence";

    /// <summary>One release's scope, through the (ReleaseId, Reference) index.</summary>
    [SqlText]
    public static string SelectReleaseScopeSql(string schema) => $"SELECT {ScopeColumns} FROM {schema}.ScopeEntry WHERE ReleaseId = @ReleaseId ORDER BY Sequence";

    [SqlText]
    public static string ScopeTitlesSql(string schema) => $"""
        SELECT k.Reference, k.Title FROM {schema}.KnownModification k
        WHERE k.Reference IN (SELECT s.Reference FROM {schema}.ScopeEntry s WHERE s.ReleaseId = @ReleaseId)
        """;

    [SqlText]
    public static string InsertScopeSql(string schema) => $"""
        INSERT INTO {schema}.ScopeEntry (ReleaseId, Reference, Part, AddedAs, DecisionCutOff, AddedOn, ApprovedOn, LeftOn, LeftReason)
        VALUES (@ReleaseId, @Reference, @Part, @AddedAs, @DecisionCutOff, @AddedOn, @ApprovedOn, @LeftOn, @LeftReason)
        """;

    [SqlText]
    public static string ApproveScopeSql(string schema) =>
        $"UPDATE {schema}.ScopeEntry SET ApprovedOn = @On WHERE Reference = @Reference AND ApprovedOn IS NULL AND LeftOn IS NULL";

    [SqlText]
    public static string LeaveScopeSql(string schema) => $"""
        UPDATE {schema}.ScopeEntry SET LeftOn = @On, LeftReason = @Reason
        WHERE Reference = @Reference AND LeftOn IS NULL AND (@ReleaseId IS NULL OR ReleaseId = @ReleaseId) AND (@Part IS NULL OR Part = @Part)
        """;

    [SqlText]
    public static string ReturnToScopeSql(string schema) => $"""
        UPDATE {schema}.ScopeEntry SET LeftOn = NULL, LeftReason = NULL
        WHERE ReleaseId = @ReleaseId AND Reference = @Reference AND Part = @Part AND LeftOn = @LeftOn AND LeftReason = @LeftReason
        """;

    [SqlText]
    public static string SelectVersionsSql(string schema) =>
        $"SELECT Label, Dated, Changes, Baselined, Content, ScopeSnapshot FROM {schema}.RidVersion WHERE ReleaseId = @ReleaseId ORDER BY Sequence";

    [SqlText]
    public static string InsertVersionSql(string schema) => $"""
        INSERT INTO {schema}.RidVersion (ReleaseId, Sequence, Label, Dated, Changes, Baselined, Content, ScopeSnapshot)
        VALUES (@ReleaseId, @Sequence, @Label, @Dated, @Changes, @Baselined, @Content, @ScopeSnapshot)
        """;

    /// <summary>Only a draft changes; a baselined row is never written again.</summary>
    [SqlText]
    public static string UpdateVersionSql(string schema) => $"""
        UPDATE {schema}.RidVersion SET Dated = @Dated, Baselined = @Baselined, Content = @Content, ScopeSnapshot = @ScopeSnapshot
        WHERE ReleaseId = @ReleaseId AND Label = @Label AND Baselined = 0
        """;

    [SqlText] public static string SelectDccCostsSql(string schema) => $"SELECT Reference, LowPence, HighPence, Source FROM {schema}.DccCost";

    [SqlText]
    public static string UpsertDccCostSql(string schema) => $"""
        DELETE FROM {schema}.DccCost WHERE Reference = @Reference;
        INSERT INTO {schema}.DccCost (Reference, LowPence, HighPence, Source, ReturnedOn) VALUES (@Reference, @LowPence, @HighPence, @Source, @ReturnedOn);
        """;
}
