using System.Data;
using System.Text.Json;
using Dapper;
using Sec.BuildingBlocks.ReadModels;
using Sec.BuildingBlocks.Storage;

namespace Sec.Assessments.Storage;

/// <summary>Reads and writes assessments; every change is guarded by the row version.</summary>
public sealed class AssessmentRepository(AssessmentsStore store, IClock clock)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    static AssessmentRepository() => SqlMapper.AddTypeHandler(new CostsColumn());

    /// <summary>The modification's reference as the register's read model holds it, or InvalidArgument naming <paramref name="field"/>.</summary>
    public Task<string> KnownAsync(DbConnection connection, DbTransaction? tx, ModificationReference reference, CancellationToken ct,
        string field = "reference.value") => KnownModifications.RequireAsync(connection, tx, store.Schema, reference, field);

    /// <summary>The modification as the register's events told this context of it, with the day it was raised.</summary>
    public Task<KnownModification> KnownRowAsync(DbConnection connection, DbTransaction? tx, ModificationReference reference, string field = "reference.value") =>
        KnownModifications.RequireRowAsync(connection, tx, store.Schema, reference, field);

    /// <summary>Adds a newly requested assessment.</summary>
    public Task AddAsync(DbConnection connection, DbTransaction tx, Assessment assessment) =>
        connection.ExecuteAsync(InsertSql(store.Schema), Parameters(assessment), tx);

    /// <summary>Loads the assessment a DCC post names: the latest of that kind for the modification.</summary>
    public async Task<Assessment> LatestAsync(DbConnection connection, DbTransaction? tx, ModificationReference reference, AssessmentKind kind, CancellationToken ct,
        string field = "reference.value")
    {
        var known = await KnownAsync(connection, tx, reference, ct, field);
        var id = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(LatestIdSql(store.Schema), new { Reference = known, Kind = (int)kind }, tx, cancellationToken: ct))
            ?? throw new NotFound($"{known} has no {(kind == AssessmentKind.Preliminary ? "Preliminary" : "Impact")} Assessment requested.");
        return await LoadAsync(connection, tx, id, ct);
    }

    public async Task<Assessment> LoadAsync(DbConnection connection, DbTransaction? tx, string id, CancellationToken ct)
    {
        var assessment = await connection.QuerySingleOrDefaultAsync<Assessment>(new CommandDefinition(SelectSql(store.Schema), new { Id = id }, tx, cancellationToken: ct))
            ?? throw new NotFound($"There is no assessment {FieldChecks.Excerpt(id)}.");
        var byId = new { AssessmentId = id };
        var stops = await connection.QueryAsync<StopRow>(new CommandDefinition(SelectStopsSql(store.Schema), byId, tx, cancellationToken: ct));
        var past = await connection.QueryAsync<PastAcceptanceRow>(new CommandDefinition(SelectPastAcceptancesSql(store.Schema), byId, tx, cancellationToken: ct));
        var forecasts = await connection.QueryAsync<ForecastRow>(new CommandDefinition(SelectForecastsSql(store.Schema), byId, tx, cancellationToken: ct));
        return assessment with { ClockStops = Stops(stops), PastAcceptances = PastAcceptances(past), Forecasts = Forecasts(forecasts) };
    }

    public async Task<Assessment> GetAsync(string id, CancellationToken ct)
    {
        await using var connection = await store.OpenAsync(ct);
        return await LoadAsync(connection, null, id, ct);
    }

    /// <summary>A modification's assessments in the order they were requested; the register must know it.</summary>
    public async Task<IReadOnlyList<Assessment>> OfAsync(ModificationReference reference, CancellationToken ct)
    {
        await using var connection = await store.OpenAsync(ct);
        return await OfAsync(connection, null, await KnownAsync(connection, null, reference, ct), ct);
    }

    /// <summary>The assessments of the modification with exactly this reference, in the order they were requested.</summary>
    public async Task<IReadOnlyList<Assessment>> OfAsync(DbConnection connection, DbTransaction? tx, string reference, CancellationToken ct)
    {
        var ids = await connection.QueryAsync<string>(new CommandDefinition(IdsOfSql(store.Schema), new { Reference = reference }, tx, cancellationToken: ct));
        var list = new List<Assessment>();
        foreach (var id in ids)
            list.Add(await LoadAsync(connection, tx, id, ct));
        return list;
    }

    /// <summary>Every assessment still open (requested, awaiting approval, deferred, approved or accepted), for the consistency check.</summary>
    public async Task<IReadOnlyList<OpenAssessment>> OpenAsync(DbConnection connection, CancellationToken ct) =>
        (await connection.QueryAsync<OpenAssessment>(new CommandDefinition(OpenSql(store.Schema), new
        {
            Rejected = (int)AssessmentStatus.Rejected, Returned = (int)AssessmentStatus.Returned,
            Cancelled = (int)AssessmentStatus.Cancelled, Withdrawn = (int)AssessmentStatus.Withdrawn,
        }, cancellationToken: ct))).ToList();

    [SqlText]
    public static string OpenSql(string schema) => $"SELECT Reference, Kind, Status, RequestedOn FROM {schema}.Assessment WHERE Status NOT IN (@Rejected, @Returned, @Cancelled, @Withdrawn) ORDER BY Reference, RequestedOn";

    /// <summary>
    /// The accepted assessments the timescales can show for a period end and an as-of date: open on
    /// either date, or returned in the 12 months to the period end. Without their costs, which the
    /// timescales do not use.
    /// </summary>
    public async Task<IReadOnlyList<Assessment>> ForTimescalesAsync(DateOnly periodEnd, DateOnly asOf, CancellationToken ct)
    {
        var (from, to) = Timescales.Window(periodEnd);
        var parameters = new { Earliest = periodEnd < asOf ? periodEnd : asOf, Latest = periodEnd < asOf ? asOf : periodEnd, From = from, To = to };
        await using var connection = await store.OpenAsync(ct);
        var assessments = (await connection.QueryAsync<Assessment>(new CommandDefinition(ForTimescalesSql(store.Schema), parameters, cancellationToken: ct))).ToList();
        var stops = (await connection.QueryAsync<StopRow>(new CommandDefinition(ForTimescalesStopsSql(store.Schema), parameters, cancellationToken: ct))).ToLookup(s => s.AssessmentId);
        var past = (await connection.QueryAsync<PastAcceptanceRow>(new CommandDefinition(ForTimescalesPastAcceptancesSql(store.Schema), parameters, cancellationToken: ct))).ToLookup(s => s.AssessmentId);
        var forecasts = (await connection.QueryAsync<ForecastRow>(new CommandDefinition(ForTimescalesForecastsSql(store.Schema), parameters, cancellationToken: ct))).ToLookup(s => s.AssessmentId);
        return assessments.Select(a => a with { ClockStops = Stops(stops[a.Id]), PastAcceptances = PastAcceptances(past[a.Id]), Forecasts = Forecasts(forecasts[a.Id]) }).ToList();
    }

    /// <summary>Saves a changed assessment and its clock stops; a concurrent change makes this Aborted.</summary>
    public async Task SaveAsync(DbConnection connection, DbTransaction tx, Assessment before, Assessment after)
    {
        if (ReferenceEquals(before, after))
            return;
        var changed = await connection.ExecuteAsync(UpdateSql(store.Schema), Parameters(after, before.Version), tx);
        Concurrency.EnsureUpdated(changed, after.Name, before.Version);
        await connection.ExecuteAsync(DeleteStopsSql(store.Schema), new { AssessmentId = after.Id }, tx);
        await connection.ExecuteAsync(InsertStopSql(store.Schema), after.ClockStops.Select((s, i) => new StopRow
        {
            AssessmentId = after.Id, Sequence = i + 1, FromDate = s.From, ToDate = s.To, Reason = s.Reason,
        }), tx);
        // Past acceptances and forecasts are only ever appended.
        await connection.ExecuteAsync(InsertPastAcceptanceSql(store.Schema), after.PastAcceptances.Skip(before.PastAcceptances.Count).Select((p, i) => new PastAcceptanceRow
        {
            AssessmentId = after.Id, Sequence = before.PastAcceptances.Count + i + 1, AcceptedOn = p.AcceptedOn, TargetWorkingDays = p.TargetWorkingDays,
            SupersededOn = p.SupersededOn, Reason = p.Reason,
        }), tx);
        await connection.ExecuteAsync(InsertForecastSql(store.Schema), after.Forecasts.Skip(before.Forecasts.Count).Select((f, i) => new ForecastRow
        {
            AssessmentId = after.Id, Sequence = before.Forecasts.Count + i + 1, MadeOn = f.MadeOn, ReturnOn = f.ReturnOn,
        }), tx);
    }

    /// <summary>The assessment's own properties are its columns (Dapper binds those the SQL names); the time and the expected version travel with them.</summary>
    private DynamicParameters Parameters(Assessment a, int? expectedVersion = null)
    {
        var parameters = new DynamicParameters(a);
        parameters.Add("Now", clock.UtcNow);
        if (expectedVersion is { } expected)
            parameters.Add("ExpectedVersion", expected);
        return parameters;
    }

    private static IReadOnlyList<ClockStopPeriod> Stops(IEnumerable<StopRow> stops) =>
        stops.OrderBy(s => s.Sequence).Select(s => new ClockStopPeriod(s.FromDate, s.ToDate, s.Reason)).ToList();

    private static IReadOnlyList<PastAcceptance> PastAcceptances(IEnumerable<PastAcceptanceRow> rows) =>
        rows.OrderBy(r => r.Sequence).Select(r => new PastAcceptance(r.AcceptedOn, r.TargetWorkingDays, r.SupersededOn, r.Reason)).ToList();

    private static IReadOnlyList<ReturnForecast> Forecasts(IEnumerable<ForecastRow> rows) =>
        rows.OrderBy(r => r.Sequence).Select(r => new ReturnForecast(r.MadeOn, r.ReturnOn)).ToList();

    /// <summary>The DCC's costs are stored as JSON text in the <c>Costs</c> column.</summary>
    private sealed class CostsColumn : SqlMapper.TypeHandler<AssessmentCosts>
    {
        public override void SetValue(IDbDataParameter parameter, AssessmentCosts? value)
        {
            parameter.DbType = DbType.String;
            parameter.Value = value is null ? DBNull.Value : JsonSerializer.Serialize(value, Json);
        }

        public override AssessmentCosts? Parse(object value) => JsonSerializer.Deserialize<AssessmentCosts>((string)value, Json);
    }

    private sealed record StopRow
    {
        public string AssessmentId { get; init; } = "";
        public int Sequence { get; init; }
        public DateOnly FromDate { get; init; }
        public DateOnly? ToDate { get; init; }
        public string Reason { get; init; } = "";
    }

    private sealed record PastAcceptanceRow
    {
        public string AssessmentId { get; init; } = "";
        public int Sequence { get; init; }
        public DateOnly AcceptedOn { get; init; }
        public int TargetWorkingDays { get; init; }
        public DateOnly SupersededOn { get; init; }
        public string Reason { get; init; } = "";
    }

    private sealed record ForecastRow
    {
        public string AssessmentId { get; init; } = "";
        public int Sequence { get; init; }
        public DateOnly MadeOn { get; init; }
        public DateOnly ReturnOn { get; init; }
    }

    private const string Columns = "Id, Reference, Kind, Status, RequestedOn, AcceptedOn, TargetWorkingDays, ReturnedOn, ClosedOn, ReRequests, Costs, WithdrawalReason, CancelledFrom, Version";

    [SqlText]
    public static string InsertSql(string schema) => $"""
        INSERT INTO {schema}.Assessment ({Columns}, CreatedAt, UpdatedAt)
        VALUES (@Id, @Reference, @Kind, @Status, @RequestedOn, @AcceptedOn, @TargetWorkingDays, @ReturnedOn, @ClosedOn, @ReRequests, @Costs, @WithdrawalReason, @CancelledFrom, @Version, @Now, @Now)
        """;

    [SqlText]
    public static string UpdateSql(string schema) => $"""
        UPDATE {schema}.Assessment
        SET Status = @Status, AcceptedOn = @AcceptedOn, TargetWorkingDays = @TargetWorkingDays, ReturnedOn = @ReturnedOn,
            ClosedOn = @ClosedOn, Costs = @Costs, WithdrawalReason = @WithdrawalReason, CancelledFrom = @CancelledFrom, Version = @Version, UpdatedAt = @Now
        WHERE Id = @Id AND Version = @ExpectedVersion
        """;

    [SqlText] public static string SelectSql(string schema) => $"SELECT {Columns} FROM {schema}.Assessment WHERE Id = @Id";
    /// <summary>
    /// Open on a date between @Earliest and @Latest means accepted by @Latest (first accepted, for one
    /// accepted afresh since) and not closed by @Earliest.
    /// </summary>
    private static string ForTimescalesWhere(string schema) => $"""
        AcceptedOn IS NOT NULL
          AND (((AcceptedOn <= @Latest OR Id IN (SELECT pa.AssessmentId FROM {schema}.PastAcceptance pa WHERE pa.AcceptedOn <= @Latest))
                AND (ClosedOn IS NULL OR ClosedOn > @Earliest))
               OR (ReturnedOn >= @From AND ReturnedOn <= @To))
        """;

    [SqlText]
    public static string ForTimescalesSql(string schema) =>
        $"SELECT {Columns.Replace("Costs", "NULL AS Costs", StringComparison.Ordinal)} FROM {schema}.Assessment WHERE {ForTimescalesWhere(schema)} ORDER BY Reference, Kind, AcceptedOn";

    [SqlText]
    public static string ForTimescalesStopsSql(string schema) =>
        $"SELECT AssessmentId, Sequence, FromDate, ToDate, Reason FROM {schema}.ClockStop WHERE AssessmentId IN (SELECT Id FROM {schema}.Assessment WHERE {ForTimescalesWhere(schema)})";

    [SqlText]
    public static string ForTimescalesPastAcceptancesSql(string schema) =>
        $"SELECT AssessmentId, Sequence, AcceptedOn, TargetWorkingDays, SupersededOn, Reason FROM {schema}.PastAcceptance WHERE AssessmentId IN (SELECT Id FROM {schema}.Assessment WHERE {ForTimescalesWhere(schema)})";

    [SqlText]
    public static string ForTimescalesForecastsSql(string schema) =>
        $"SELECT AssessmentId, Sequence, MadeOn, ReturnOn FROM {schema}.ReturnForecast WHERE AssessmentId IN (SELECT Id FROM {schema}.Assessment WHERE {ForTimescalesWhere(schema)})";
    [SqlText] public static string IdsOfSql(string schema) => $"SELECT Id FROM {schema}.Assessment WHERE Reference = @Reference ORDER BY CreatedAt, RequestedOn";

    [SqlText]
    public static string LatestIdSql(string schema) => $"""
        SELECT Id FROM {schema}.Assessment WHERE Reference = @Reference AND Kind = @Kind
        ORDER BY CreatedAt DESC, RequestedOn DESC
        """;

    [SqlText] public static string SelectStopsSql(string schema) => $"SELECT AssessmentId, Sequence, FromDate, ToDate, Reason FROM {schema}.ClockStop WHERE AssessmentId = @AssessmentId";
    [SqlText] public static string SelectPastAcceptancesSql(string schema) => $"SELECT AssessmentId, Sequence, AcceptedOn, TargetWorkingDays, SupersededOn, Reason FROM {schema}.PastAcceptance WHERE AssessmentId = @AssessmentId";
    [SqlText] public static string SelectForecastsSql(string schema) => $"SELECT AssessmentId, Sequence, MadeOn, ReturnOn FROM {schema}.ReturnForecast WHERE AssessmentId = @AssessmentId";

    [SqlText]
    public static string InsertPastAcceptanceSql(string schema) => $"""
        INSERT INTO {schema}.PastAcceptance (AssessmentId, Sequence, AcceptedOn, TargetWorkingDays, SupersededOn, Reason)
        VALUES (@AssessmentId, @Sequence, @AcceptedOn, @TargetWorkingDays, @SupersededOn, @Reason)
        """;

    [SqlText]
    public static string InsertForecastSql(string schema) =>
        $"INSERT INTO {schema}.ReturnForecast (AssessmentId, Sequence, MadeOn, ReturnOn) VALUES (@AssessmentId, @Sequence, @MadeOn, @ReturnOn)";

    [SqlText] public static string DeleteStopsSql(string schema) => $"DELETE FROM {schema}.ClockStop WHERE AssessmentId = @AssessmentId";

    [SqlText]
    public static string InsertStopSql(string schema) =>
        $"INSERT INTO {schema}.ClockStop (AssessmentId, Sequence, FromDate, ToDate, Reason) VALUES (@AssessmentId, @Sequence, @FromDate, @ToDate, @Reason)";

}
