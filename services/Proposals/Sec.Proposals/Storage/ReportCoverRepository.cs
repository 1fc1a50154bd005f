using System.Globalization;
using System.Text.Json;
using Dapper;
using Sec.BuildingBlocks.Storage;

namespace Sec.Proposals.Storage;

/// <summary>Each month's report cover; the narratives are kept as one JSON object, by section, and the appendices as one JSON array, in order.</summary>
public sealed class ReportCoverRepository(ProposalsStore store)
{
    public async Task<ReportCover?> LoadAsync(DbConnection connection, DbTransaction? tx, DateOnly month, CancellationToken ct)
    {
        var row = await connection.QuerySingleOrDefaultAsync<CoverRow>(new CommandDefinition(SelectSql(store.Schema), new { Month = Key(month) }, tx, cancellationToken: ct));
        return row is null ? null : new ReportCover(month, row.Author, row.PaperReference, row.ReportDate,
            JsonSerializer.Deserialize<Dictionary<string, string>>(row.Narratives) ?? [],
            JsonSerializer.Deserialize<List<ReportAppendix>>(row.Appendices) ?? []);
    }

    public Task<ReportCover?> GetAsync(DateOnly month, CancellationToken ct) => store.ReadAsync(c => LoadAsync(c, null, month, ct));

    /// <summary>Replaces the month's cover.</summary>
    public async Task SaveAsync(DbConnection connection, DbTransaction tx, ReportCover cover)
    {
        await connection.ExecuteAsync(DeleteSql(store.Schema), new { Month = Key(cover.Month) }, tx);
        await connection.ExecuteAsync(InsertSql(store.Schema), new
        {
            Month = Key(cover.Month), cover.Author, cover.PaperReference, cover.ReportDate, Narratives = JsonSerializer.Serialize(cover.Narratives),
            Appendices = JsonSerializer.Serialize(cover.Appendices),
        }, tx);
    }

    private static string Key(DateOnly month) => month.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    private sealed record CoverRow
    {
        public string Author { get; init; } = "";
        public string PaperReference { get; init; } = "";
        public DateOnly ReportDate { get; init; }
        public string Narratives { get; init; } = "{}";
        public string Appendices { get; init; } = "[]";
    }

    [SqlText] public static string SelectSql(string schema) => $"SELECT Author, PaperReference, ReportDate, Narratives, Appendices FROM {schema}.ReportCover WHERE Month = @Month";
    [SqlText] public static string DeleteSql(string schema) => $"DELETE FROM {schema}.ReportCover WHERE Month = @Month";
    [SqlText]
    public static string InsertSql(string schema) =>
        $"INSERT INTO {schema}.ReportCover (Month, Author, PaperReference, ReportDate, Narratives, Appendices) VALUES (@Month, @Author, @PaperReference, @ReportDate, @Narratives, @Appendices)";
}
