namespace Sec.BuildingBlocks.Domain;

/// <summary>
/// Ids for new rows and new events. They are time-ordered (UUID version 7, whose text sorts by
/// creation time), so the tables and indexes keyed by them (proposals and their history, the
/// outbox, every consumer's inbox) take each new key at their end: a write touches the leaf it
/// touched last, not a page at random, and a group of writes shares it.
/// </summary>
public static class NewIds
{
    /// <summary>The id of a new integration event, which its outbox row and its consumers' inboxes are keyed by.</summary>
    public static Guid Message() => Guid.CreateVersion7();

    /// <summary>The id of a new row, as stored.</summary>
    public static string Row() => Guid.CreateVersion7().ToString("D");
}
