using Sec.Contracts;
namespace Sec.BuildingBlocks.ReadModels;

/// <summary>One row of a context's read model of the register.</summary>
public sealed class KnownModification
{
    public string Reference { get; init; } = "";
    public string Title { get; init; } = "";
    public DateOnly RaisedOn { get; init; }
}

/// <summary>
/// A context's small copy of the register (reference, title, raised date), kept from the Proposals
/// context's events, so it can check references without reading another context's tables. Each
/// consuming context keeps the table <c>&lt;schema&gt;.KnownModification</c> in its own migrations.
/// </summary>
public static class KnownModifications
{
    [SqlText]
    public static string UpsertSql(string schema) => $"""
        UPDATE {schema}.KnownModification SET Title = @Title, RaisedOn = @RaisedOn, UpdatedAt = @Now WHERE Reference = @Reference;
        INSERT INTO {schema}.KnownModification (Reference, Title, RaisedOn, UpdatedAt)
        SELECT @Reference, @Title, @RaisedOn, @Now
        WHERE NOT EXISTS (SELECT 1 FROM {schema}.KnownModification WHERE Reference = @Reference);
        """;

    [SqlText]
    public static string GetSql(string schema) => $"""
        SELECT Reference AS {nameof(KnownModification.Reference)}, Title AS {nameof(KnownModification.Title)}, RaisedOn AS {nameof(KnownModification.RaisedOn)}
        FROM {schema}.KnownModification WHERE Reference = @Reference
        """;

    [SqlText]
    public static string TitleSql(string schema) => $"SELECT Title FROM {schema}.KnownModification WHERE Reference = @Reference";

    /// <summary>The modification's reference as this context knows it, or InvalidArgument naming <paramref name="field"/>.</summary>
    public static async Task<string> RequireAsync(DbConnection connection, DbTransaction? tx, string schema, ModificationReference reference, string field) =>
        (await RequireRowAsync(connection, tx, schema, reference, field)).Reference;

    /// <summary>The modification as this context knows it (with the day it was raised), or InvalidArgument naming <paramref name="field"/>.</summary>
    public static async Task<KnownModification> RequireRowAsync(DbConnection connection, DbTransaction? tx, string schema, ModificationReference reference, string field) =>
        await connection.QuerySingleOrDefaultAsync<KnownModification>(GetSql(schema), new { Reference = reference.Value }, tx)
        ?? throw new InvalidFields(field, $"{reference} is not a modification in the register");

    [SqlText]
    public static string DeleteSql(string schema) => $"DELETE FROM {schema}.KnownModification WHERE Reference = @Reference";

    [SqlText]
    public static string CountSql(string schema) => $"SELECT COUNT(*) FROM {schema}.KnownModification WHERE Reference = @Reference";

    /// <summary>
    /// Records a modification under its current reference; a converted Draft Proposal (DP119) gives
    /// way to its Modification Proposal (MP119), whichever event arrives first.
    /// </summary>
    public static async Task RecordAsync(DbConnection connection, DbTransaction tx, string schema, string? previousReference, KnownModification row, DateTimeOffset now)
    {
        if (previousReference is not null && previousReference != row.Reference)
            await connection.ExecuteAsync(DeleteStepsSql(schema), new { Reference = previousReference }, tx);
        if (ModificationReference.TryParse(row.Reference, out var reference) && reference.Kind == ReferenceKind.DraftProposal
            && await connection.ExecuteScalarAsync<int>(CountSql(schema), new { Reference = reference.AsModification().Value }, tx) > 0)
            return; // already converted: a late Draft Proposal event must not bring the DP back
        if (previousReference is not null && previousReference != row.Reference)
            await connection.ExecuteAsync(DeleteSql(schema), new { Reference = previousReference }, tx);
        await UpsertAsync(connection, tx, schema, row, now);
    }

    public static Task UpsertAsync(DbConnection connection, DbTransaction tx, string schema, KnownModification row, DateTimeOffset now) =>
        connection.ExecuteAsync(UpsertSql(schema), new { row.Reference, row.Title, row.RaisedOn, Now = now }, tx);

    [SqlText]
    public static string VersionSql(string schema) => $"SELECT RegisterVersion FROM {schema}.KnownModification WHERE Reference = @Reference";

    [SqlText]
    public static string SetVersionSql(string schema) => $"UPDATE {schema}.KnownModification SET RegisterVersion = @Version WHERE Reference = @Reference";

    [SqlText]
    public static string DeleteStepsSql(string schema) => $"DELETE FROM {schema}.KnownModificationStep WHERE Reference = @Reference";

    [SqlText]
    public static string InsertStepSql(string schema) => $"""
        INSERT INTO {schema}.KnownModificationStep (Reference, Sequence, EffectiveOn, Step, Stage, Phase, Status, Path, OnHold, Voided)
        VALUES (@Reference, @Sequence, @EffectiveOn, @Step, @Stage, @Phase, @Status, @Path, @OnHold, @Voided)
        """;

    [SqlText]
    public static string StepsSql(string schema) => $"""
        SELECT EffectiveOn, Step, Stage, Phase, Status, Path, OnHold, Voided
        FROM {schema}.KnownModificationStep WHERE Reference = @Reference ORDER BY Sequence
        """;

    [SqlText]
    public static string ViewSql(string schema) => $"""
        SELECT Reference, Title, RaisedOn, RegisterVersion FROM {schema}.KnownModification WHERE Reference = @Reference
        """;

    [SqlText]
    public static string AllViewsSql(string schema) => $"""
        SELECT Reference, Title, RaisedOn, RegisterVersion FROM {schema}.KnownModification ORDER BY Reference
        """;

    [SqlText]
    public static string AllStepsSql(string schema) => $"""
        SELECT Reference, EffectiveOn, Step, Stage, Phase, Status, Path, OnHold, Voided
        FROM {schema}.KnownModificationStep ORDER BY Reference, Sequence
        """;

    /// <summary>
    /// Replaces the modification's history with the register's at <paramref name="version"/>, unless
    /// the view already holds that version or a later one: events may arrive in any order.
    /// </summary>
    public static async Task RecordHistoryAsync(DbConnection connection, DbTransaction tx, string schema, string reference, int version, IReadOnlyList<RegisterStep> history)
    {
        var held = await connection.ExecuteScalarAsync<int?>(VersionSql(schema), new { Reference = reference }, tx);
        if (held is null || held >= version)
            return;
        await connection.ExecuteAsync(DeleteStepsSql(schema), new { Reference = reference }, tx);
        await connection.ExecuteAsync(InsertStepSql(schema), history.Select((s, i) => new
        {
            Reference = reference, Sequence = i + 1, s.EffectiveOn, s.Step, Stage = (int)s.Stage, Phase = (int)s.Phase, s.Status, Path = (int)s.Path, s.OnHold, s.Voided,
        }), tx);
        await connection.ExecuteAsync(SetVersionSql(schema), new { Reference = reference, Version = version }, tx);
    }

    /// <summary>The modification as this context's view of the register has it, or null if it has not heard of it.</summary>
    public static async Task<RegisterView?> FindViewAsync(DbConnection connection, DbTransaction? tx, string schema, string reference)
    {
        var row = await connection.QuerySingleOrDefaultAsync<ViewRow>(ViewSql(schema), new { Reference = reference }, tx);
        if (row is null)
            return null;
        var steps = await connection.QueryAsync<StepRow>(StepsSql(schema), new { Reference = reference }, tx);
        return row.ToView(steps.Select(s => s.ToStep()).ToList());
    }

    /// <summary>
    /// The modification's view, or a refusal: InvalidArgument naming <paramref name="field"/> when the
    /// register does not know it, FailedPrecondition when the view has no history yet.
    /// </summary>
    public static async Task<RegisterView> RequireViewAsync(DbConnection connection, DbTransaction? tx, string schema, ModificationReference reference, string field)
    {
        var view = await FindViewAsync(connection, tx, schema, reference.Value)
            ?? throw new InvalidFields(field, $"{reference} is not a modification in the register");
        if (!view.HasHistory)
            throw new MoveNotAllowed($"This context has not yet heard {reference}'s history from the register; try again once it has (sec check shows what each context knows).");
        return view;
    }

    /// <summary>Every modification this context knows, with its history, for the consistency check.</summary>
    public static async Task<IReadOnlyList<RegisterView>> AllViewsAsync(DbConnection connection, DbTransaction? tx, string schema)
    {
        var rows = await connection.QueryAsync<ViewRow>(AllViewsSql(schema), transaction: tx);
        var steps = (await connection.QueryAsync<StepRow>(AllStepsSql(schema), transaction: tx)).ToLookup(s => s.Reference);
        return rows.Select(r => r.ToView(steps[r.Reference].Select(s => s.ToStep()).ToList())).ToList();
    }

    /// <summary>Bound by property, not by constructor: SQLite hands back the date as text and the version as a long.</summary>
    private sealed class ViewRow
    {
        public string Reference { get; init; } = "";
        public string Title { get; init; } = "";
        public DateOnly RaisedOn { get; init; }
        public int RegisterVersion { get; init; }

        public RegisterView ToView(IReadOnlyList<RegisterStep> steps) => new(Reference, Title, RaisedOn, RegisterVersion, steps);
    }

    private sealed class StepRow
    {
        public string Reference { get; init; } = "";
        public DateOnly EffectiveOn { get; init; }
        public string Step { get; init; } = "";
        public int Stage { get; init; }
        public int Phase { get; init; }
        public string Status { get; init; } = "";
        public int Path { get; init; }
        public bool OnHold { get; init; }
        public bool Voided { get; init; }

        public RegisterStep ToStep() => new(EffectiveOn, Step, (Stage)Stage, (Phase)Phase, Status, (DecisionPath)Path, OnHold, Voided);
    }

    /// <summary>The read model's row as the protos share it, for every context's GetKnownModification.</summary>
    public static async Task<Sec.Common.V1.KnownModification> LookupAsync(ContextStore store, Sec.Common.V1.ModificationReference? reference, CancellationToken ct)
    {
        var known = await GetAsync(store, ModificationReference.Parse(reference?.Value, "reference.value"), ct);
        return new Sec.Common.V1.KnownModification
        {
            Reference = new Sec.Common.V1.ModificationReference { Value = known.Reference },
            Title = known.Title,
            RaisedOn = new Google.Type.Date { Year = known.RaisedOn.Year, Month = known.RaisedOn.Month, Day = known.RaisedOn.Day },
        };
    }

    public static async Task<KnownModification> GetAsync(ContextStore store, ModificationReference reference, CancellationToken ct)
    {
        return await store.ReadAsync(c => c.QuerySingleOrDefaultAsync<KnownModification>(new CommandDefinition(GetSql(store.Schema), new { Reference = reference.Value }, cancellationToken: ct)))
            ?? throw new NotFound($"{reference} is not known to the {store.Schema} context; it learns of modifications from the register's events.");
    }
}
