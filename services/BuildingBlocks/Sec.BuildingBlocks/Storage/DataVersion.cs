namespace Sec.BuildingBlocks.Storage;

/// <summary>
/// A context's data version: equal versions mean none of the context's data changed in between, so
/// an answer built from it may be served again. It combines this process's commits through the store
/// (every write, the inbox's and the timers' included), with a mark of this process so a restart
/// never repeats an old version, and the database's own marks (the highest audit entry and the
/// inbox), which another replica's writes to the same database move too.
/// </summary>
public static class DataVersion
{
    /// <summary>This process, so a restarted context's commit count starting again from 0 is not taken for an old one.</summary>
    private static readonly string Process = Guid.NewGuid().ToString("N")[..12];

    /// <summary>
    /// The context's current version. Read it before reading the data an answer is built from: a
    /// write that lands in between makes the next version differ, so the answer is only ever newer
    /// than its version says, never older.
    /// </summary>
    public static async Task<string> OfAsync(ContextStore store, CancellationToken ct = default)
    {
        var commits = store.Committed.Commits;
        var marks = await store.ReadAsync(c => c.QuerySingleAsync<Marks>(new CommandDefinition(store.Dialect.DataVersionMarks(store.Schema), cancellationToken: ct)), ct);
        return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Process}.{commits}.{marks.Audit}.{marks.Inbox}");
    }

    private sealed class Marks
    {
        public long Audit { get; init; }

        public long Inbox { get; init; }
    }
}
