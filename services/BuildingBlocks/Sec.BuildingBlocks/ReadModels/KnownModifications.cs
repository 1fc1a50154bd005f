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

    [SqlText]
    public static string ReferenceSql(string schema) => $"SELECT Reference FROM {schema}.KnownModification WHERE Reference = @Reference";

    /// <summary>The modification's reference as this context knows it, or InvalidArgument naming <paramref name="field"/>.</summary>
    public static async Task<string> RequireAsync(DbConnection connection, DbTransaction? tx, string schema, ModificationReference reference, string field) =>
        await connection.ExecuteScalarAsync<string?>(ReferenceSql(schema), new { Reference = reference.Value }, tx)
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
        if (ModificationReference.TryParse(row.Reference, out var reference) && reference.Kind == ReferenceKind.DraftProposal
            && await connection.ExecuteScalarAsync<int>(CountSql(schema), new { Reference = reference.AsModification().Value }, tx) > 0)
            return; // already converted: a late Draft Proposal event must not bring the DP back
        if (previousReference is not null && previousReference != row.Reference)
            await connection.ExecuteAsync(DeleteSql(schema), new { Reference = previousReference }, tx);
        await UpsertAsync(connection, tx, schema, row, now);
    }

    public static Task UpsertAsync(DbConnection connection, DbTransaction tx, string schema, KnownModification row, DateTimeOffset now) =>
        connection.ExecuteAsync(UpsertSql(schema), new { row.Reference, row.Title, row.RaisedOn, Now = now }, tx);

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
