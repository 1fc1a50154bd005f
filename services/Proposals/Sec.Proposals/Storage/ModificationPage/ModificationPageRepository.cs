using System.Text.Json;
using Dapper;
using Sec.BuildingBlocks.Storage;

namespace Sec.Proposals.Storage;

/// <summary>What the modification page keeps of its own: documents, plans, priority determinations and the priority categories.</summary>
public sealed class ModificationPageRepository(ProposalsStore store)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    // Documents -------------------------------------------------------------------------------

    /// <summary>The proposal's documents, newest first, without their content.</summary>
    public async Task<IReadOnlyList<ModificationDocument>> DocumentsAsync(DbConnection c, DbTransaction? tx, string proposalId, string reference, CancellationToken ct) =>
        (await c.QueryAsync<DocumentRow>(new CommandDefinition(SelectDocumentsSql(store.Schema), new { ProposalId = proposalId }, tx, cancellationToken: ct)))
        .Select(r => r.ToDomain(reference)).ToList();

    /// <summary>Stores a document (with its file's content, if it is a file) and marks the ones it supersedes.</summary>
    public async Task InsertDocumentAsync(DbConnection c, DbTransaction tx, string proposalId, ModificationDocument d, byte[]? content, IEnumerable<ModificationDocument> superseded)
    {
        await c.ExecuteAsync(InsertDocumentSql(store.Schema), new
        {
            d.Id, ProposalId = proposalId, d.Title, Kind = (int)d.Kind, d.Version, d.DatedOn, d.Url, d.FileName, d.MediaType, d.SizeBytes, d.Sha256,
            Content = content, AttachedByName = d.AttachedBy.Name, AttachedByOrganisation = d.AttachedBy.Organisation, d.AttachedAt,
        }, tx);
        await c.ExecuteAsync(SupersedeDocumentSql(store.Schema), superseded.Select(s => new { s.Id, SupersededBy = d.Id }), tx);
    }

    /// <summary>A stored file's document and content; NotFound for an unknown id or a link.</summary>
    public async Task<(ModificationDocument Document, byte[] Content)> ContentAsync(string documentId, CancellationToken ct)
    {
        await using var c = await store.OpenAsync(ct);
        var row = await c.QuerySingleOrDefaultAsync<DocumentRow>(new CommandDefinition(SelectDocumentSql(store.Schema), new { Id = documentId }, cancellationToken: ct))
            ?? throw new NotFound($"There is no document {FieldChecks.Excerpt(documentId)}.");
        if (row.Content is null)
            throw new NotFound($"Document {documentId} is a link ({row.Url}); it has no stored content.");
        return (row.ToDomain(row.Reference), row.Content);
    }

    // Plans -----------------------------------------------------------------------------------

    public async Task<IReadOnlyList<PlanRevision>> PlansAsync(DbConnection c, DbTransaction? tx, string proposalId, CancellationToken ct) =>
        (await c.QueryAsync<PlanRow>(new CommandDefinition(SelectPlansSql(store.Schema), new { ProposalId = proposalId }, tx, cancellationToken: ct)))
        .Select(r => new PlanRevision(r.Revision, r.PlannedOn, r.Reason, JsonSerializer.Deserialize<List<PlannedMilestone>>(r.Milestones, Json)!,
            new Actor(r.PlannedByName, r.PlannedByOrganisation), r.RecordedAt)).ToList();

    public Task InsertPlanAsync(DbConnection c, DbTransaction tx, string proposalId, PlanRevision plan) =>
        c.ExecuteAsync(InsertPlanSql(store.Schema), new
        {
            ProposalId = proposalId, plan.Revision, plan.PlannedOn, plan.Reason, Milestones = JsonSerializer.Serialize(plan.Milestones, Json),
            PlannedByName = plan.PlannedBy.Name, PlannedByOrganisation = plan.PlannedBy.Organisation, plan.RecordedAt,
        }, tx);

    // Priority --------------------------------------------------------------------------------

    public async Task<IReadOnlyList<PriorityCategory>> CategoriesAsync(DbConnection c, DbTransaction? tx, CancellationToken ct) =>
        (await c.QueryAsync<CategoryRow>(new CommandDefinition(SelectCategoriesSql(store.Schema), null, tx, cancellationToken: ct)))
        .Select(r => r.ToDomain()).ToList();

    /// <summary>Adds the category, or replaces its name, description, rank and retirement.</summary>
    public async Task PutCategoryAsync(DbConnection c, DbTransaction tx, PriorityCategory category)
    {
        var values = new { category.Code, category.Name, category.Description, category.Rank, category.Retired };
        if (await c.ExecuteAsync(UpdateCategorySql(store.Schema), values, tx) == 0)
            await c.ExecuteAsync(InsertCategorySql(store.Schema), values, tx);
    }

    public async Task<IReadOnlyList<PriorityDetermination>> PriorityHistoryAsync(DbConnection c, DbTransaction? tx, string proposalId, CancellationToken ct)
    {
        var categories = (await CategoriesAsync(c, tx, ct)).ToDictionary(k => k.Code);
        return (await c.QueryAsync<DeterminationRow>(new CommandDefinition(SelectDeterminationsSql(store.Schema), new { ProposalId = proposalId }, tx, cancellationToken: ct)))
            .Select(r => new PriorityDetermination(categories[r.Category], r.CriteriaNotes, r.DeterminedBy, r.DeterminedOn, r.Review,
                new Actor(r.RecordedByName, r.RecordedByOrganisation), r.RecordedAt)).ToList();
    }

    public Task InsertDeterminationAsync(DbConnection c, DbTransaction tx, string proposalId, PriorityDetermination d) =>
        c.ExecuteAsync(InsertDeterminationSql(store.Schema), new
        {
            ProposalId = proposalId, Category = d.Category.Code, d.CriteriaNotes, d.DeterminedBy, d.DeterminedOn, d.Review,
            RecordedByName = d.RecordedBy.Name, RecordedByOrganisation = d.RecordedBy.Organisation, d.RecordedAt,
        }, tx);

    /// <summary>Every document dated in a span, superseded ones too, by date: the report's documents of the month.</summary>
    public async Task<IReadOnlyList<ModificationDocument>> DocumentsDatedAsync(DateOnly from, DateOnly to, CancellationToken ct) =>
        (await store.ReadAsync(c => c.QueryAsync<DocumentRow>(new CommandDefinition(DocumentsDatedSql(store.Schema), new { From = from, To = to }, cancellationToken: ct)), ct))
        .Select(r => r.ToDomain(r.Reference)).ToList();

    /// <summary>The modifications with a plan made on or before a date, in register order: the report's plans.</summary>
    public async Task<IReadOnlyList<string>> PlannedByAsync(DateOnly asOf, CancellationToken ct) =>
        (await store.ReadAsync(c => c.QueryAsync<string>(new CommandDefinition(PlannedBySql(store.Schema), new { AsOf = asOf }, cancellationToken: ct)), ct)).ToList();

    /// <summary>Each modification's priority category in force on a date: its latest determination or review by then.</summary>
    public async Task<IReadOnlyDictionary<string, string>> PrioritiesOnAsync(DateOnly asOf, CancellationToken ct) =>
        (await store.ReadAsync(c => c.QueryAsync<(string Reference, string Category)>(new CommandDefinition(PrioritiesOnSql(store.Schema), new { AsOf = asOf }, cancellationToken: ct)), ct))
        .GroupBy(r => r.Reference, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last().Category, StringComparer.Ordinal);

    // Rows and SQL ----------------------------------------------------------------------------

    private sealed record DocumentRow
    {
        public string Id { get; init; } = "";
        public string Reference { get; init; } = "";
        public string Title { get; init; } = "";
        public int Kind { get; init; }
        public string? Version { get; init; }
        public DateOnly DatedOn { get; init; }
        public string? Url { get; init; }
        public string? FileName { get; init; }
        public string? MediaType { get; init; }
        public long? SizeBytes { get; init; }
        public string? Sha256 { get; init; }
        public byte[]? Content { get; init; }
        public string AttachedByName { get; init; } = "";
        public string AttachedByOrganisation { get; init; } = "";
        public DateTimeOffset AttachedAt { get; init; }
        public string? SupersededBy { get; init; }

        public ModificationDocument ToDomain(string reference) => new(Id, reference, Title, (DocumentKind)Kind, Version, DatedOn, Url, FileName, MediaType, SizeBytes,
            Sha256, new Actor(AttachedByName, AttachedByOrganisation), AttachedAt, SupersededBy);
    }

    private sealed record PlanRow
    {
        public int Revision { get; init; }
        public DateOnly PlannedOn { get; init; }
        public string? Reason { get; init; }
        public string Milestones { get; init; } = "";
        public string PlannedByName { get; init; } = "";
        public string PlannedByOrganisation { get; init; } = "";
        public DateTimeOffset RecordedAt { get; init; }
    }

    private sealed record CategoryRow
    {
        public string Code { get; init; } = "";
        public string Name { get; init; } = "";
        public string Description { get; init; } = "";
        public int Rank { get; init; }
        public bool Retired { get; init; }

        public PriorityCategory ToDomain() => new(Code, Name, Description, Rank, Retired);
    }

    private sealed record DeterminationRow
    {
        public string Category { get; init; } = "";
        public string CriteriaNotes { get; init; } = "";
        public string DeterminedBy { get; init; } = "";
        public DateOnly DeterminedOn { get; init; }
        public bool Review { get; init; }
        public string RecordedByName { get; init; } = "";
        public string RecordedByOrganisation { get; init; } = "";
        public DateTimeOffset RecordedAt { get; init; }
    }

    private const string DocumentColumns =
        "d.Id, p.Reference, d.Title, d.Kind, d.Version, d.DatedOn, d.Url, d.FileName, d.MediaType, d.SizeBytes, d.Sha256, d.AttachedByName, d.AttachedByOrganisation, d.AttachedAt, d.SupersededBy";

    [SqlText] public static string SelectDocumentsSql(string schema) => $"""
        SELECT {DocumentColumns}
        FROM {schema}.Document d JOIN {schema}.Proposal p ON p.Id = d.ProposalId
        WHERE d.ProposalId = @ProposalId
        ORDER BY d.DatedOn DESC, d.AttachedAt DESC
        """;

    [SqlText] public static string SelectDocumentSql(string schema) => $"""
        SELECT {DocumentColumns}, d.Content
        FROM {schema}.Document d JOIN {schema}.Proposal p ON p.Id = d.ProposalId
        WHERE d.Id = @Id
        """;

    [SqlText] public static string InsertDocumentSql(string schema) => $"""
        INSERT INTO {schema}.Document (Id, ProposalId, Title, Kind, Version, DatedOn, Url, FileName, MediaType, SizeBytes, Sha256, Content,
            AttachedByName, AttachedByOrganisation, AttachedAt, SupersededBy)
        VALUES (@Id, @ProposalId, @Title, @Kind, @Version, @DatedOn, @Url, @FileName, @MediaType, @SizeBytes, @Sha256, @Content,
            @AttachedByName, @AttachedByOrganisation, @AttachedAt, NULL)
        """;

    [SqlText] public static string SupersedeDocumentSql(string schema) => $"UPDATE {schema}.Document SET SupersededBy = @SupersededBy WHERE Id = @Id";

    [SqlText] public static string DocumentsDatedSql(string schema) => $"""
        SELECT {DocumentColumns}
        FROM {schema}.Document d JOIN {schema}.Proposal p ON p.Id = d.ProposalId
        WHERE d.DatedOn >= @From AND d.DatedOn <= @To
        ORDER BY d.DatedOn, p.Reference, d.AttachedAt
        """;

    [SqlText] public static string PlannedBySql(string schema) => $"""
        SELECT p.Reference FROM {schema}.Proposal p
        WHERE EXISTS (SELECT 1 FROM {schema}.PlanRevision r WHERE r.ProposalId = p.Id AND r.PlannedOn <= @AsOf)
        ORDER BY p.Series DESC, p.Number, p.Alternate
        """;

    [SqlText] public static string PrioritiesOnSql(string schema) => $"""
        SELECT p.Reference, d.Category
        FROM {schema}.PriorityDetermination d JOIN {schema}.Proposal p ON p.Id = d.ProposalId
        WHERE d.DeterminedOn <= @AsOf
        ORDER BY p.Reference, d.DeterminedOn, d.Sequence
        """;

    [SqlText] public static string SelectPlansSql(string schema) => $"""
        SELECT Revision, PlannedOn, Reason, Milestones, PlannedByName, PlannedByOrganisation, RecordedAt
        FROM {schema}.PlanRevision WHERE ProposalId = @ProposalId ORDER BY Revision
        """;

    [SqlText] public static string InsertPlanSql(string schema) => $"""
        INSERT INTO {schema}.PlanRevision (ProposalId, Revision, PlannedOn, Reason, Milestones, PlannedByName, PlannedByOrganisation, RecordedAt)
        VALUES (@ProposalId, @Revision, @PlannedOn, @Reason, @Milestones, @PlannedByName, @PlannedByOrganisation, @RecordedAt)
        """;

    [SqlText] public static string SelectCategoriesSql(string schema) => $"SELECT Code, Name, Description, Rank, Retired FROM {schema}.PriorityCategory ORDER BY Rank, Code";

    [SqlText] public static string UpdateCategorySql(string schema) =>
        $"UPDATE {schema}.PriorityCategory SET Name = @Name, Description = @Description, Rank = @Rank, Retired = @Retired WHERE Code = @Code";

    [SqlText] public static string InsertCategorySql(string schema) =>
        $"INSERT INTO {schema}.PriorityCategory (Code, Name, Description, Rank, Retired) VALUES (@Code, @Name, @Description, @Rank, @Retired)";

    [SqlText] public static string SelectDeterminationsSql(string schema) => $"""
        SELECT Category, CriteriaNotes, DeterminedBy, DeterminedOn, Review, RecordedByName, RecordedByOrganisation, RecordedAt
        FROM {schema}.PriorityDetermination WHERE ProposalId = @ProposalId ORDER BY DeterminedOn, Sequence
        """;

    [SqlText] public static string InsertDeterminationSql(string schema) => $"""
        INSERT INTO {schema}.PriorityDetermination (ProposalId, Category, CriteriaNotes, DeterminedBy, DeterminedOn, Review, RecordedByName, RecordedByOrganisation, RecordedAt)
        VALUES (@ProposalId, @Category, @CriteriaNotes, @DeterminedBy, @DeterminedOn, @Review, @RecordedByName, @RecordedByOrganisation, @RecordedAt)
        """;
}
