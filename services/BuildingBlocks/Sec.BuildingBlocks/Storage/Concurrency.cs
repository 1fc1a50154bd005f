namespace Sec.BuildingBlocks.Storage;

/// <summary>
/// Optimistic concurrency: every update names the version it read (<c>WHERE Version = @ExpectedVersion</c>)
/// and adds one. No row changed means someone else won the race.
/// </summary>
public static class Concurrency
{
    public static void EnsureUpdated(int rowsChanged, string what, int expectedVersion)
    {
        if (rowsChanged != 1)
            throw new ConcurrencyConflict($"{what} was changed by someone else after version {expectedVersion} was read; read it again and retry.");
    }

    /// <summary>Refuses when the caller's version is not the stored one; zero means the caller did not name one.</summary>
    public static void EnsureExpected(int expectedVersion, int storedVersion, string what)
    {
        if (expectedVersion != 0 && expectedVersion != storedVersion)
            throw new ConcurrencyConflict($"{what} is at version {storedVersion}, not version {expectedVersion} as read; read it again and retry.");
    }
}
