using Sec.BuildingBlocks.Storage;

namespace Sec.ServiceTests;

/// <summary>Counts rows straight from a context's store, so tests can prove a refused call wrote nothing.</summary>
public static class Rows
{
    public static Task<long> CountAsync(ContextStore store, string table) =>
        store.ReadAsync(c => c.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {store.Schema}.{table}"));

    /// <summary>Row counts of every table that a write could touch.</summary>
    public static async Task<string> SnapshotAsync(ContextStore store, params string[] tables)
    {
        var counts = new List<string>();
        foreach (var table in tables)
            counts.Add($"{table}={await CountAsync(store, table)}");
        return string.Join(", ", counts);
    }
}
