namespace Sec.BuildingBlocks.Storage;

/// <summary>
/// The idempotency key of the call being served, if it has one. The first transaction a store commits
/// during the call records the key with it, so the key exists exactly when the call's write does; a
/// transaction that finds the key already recorded writes nothing and says so with <see cref="IdempotentReplay"/>.
/// </summary>
public sealed class IdempotencyScope(string key, string method, string fingerprint)
{
    private static readonly AsyncLocal<IdempotencyScope?> Ambient = new();

    public string Key => key;

    public string Method => method;

    /// <summary>SHA-256 of the method, the caller and the request's bytes, as hex.</summary>
    public string Fingerprint => fingerprint;

    /// <summary>The store whose transaction recorded the key, once one has.</summary>
    public ContextStore? RecordedIn { get; internal set; }

    /// <summary>The scope of the call in progress on this flow, or none.</summary>
    public static IdempotencyScope? Current => Ambient.Value;

    /// <summary>Makes <paramref name="scope"/> current for the rest of the calling flow.</summary>
    public static void Enter(IdempotencyScope? scope) => Ambient.Value = scope;

    /// <summary>Keeps the call's answer beside its key, for a retry to get back.</summary>
    public Task SaveResponseAsync(string response, CancellationToken ct) =>
        RecordedIn is not { } store
            ? Task.CompletedTask
            : store.ReadAsync(c => c.ExecuteAsync(Idempotency.SaveResponseSql(store.Schema), new { Response = response, IdempotencyKey = key }), ct);
}

/// <summary>A call whose key is already recorded: its earlier fingerprint and answer (none if it was not kept, or is still being made).</summary>
public sealed class IdempotentReplay(string key, string fingerprint, string? response)
    : Exception($"The idempotency key {key} was already used.")
{
    public string Key => key;

    public string Fingerprint => fingerprint;

    public string? Response => response;
}

/// <summary>The SQL of the idempotency keys' table (<c>IdempotentRequest</c>, in every context's schema).</summary>
public static class Idempotency
{
    [SqlText]
    public static string FindSql(string schema) =>
        $"SELECT Fingerprint, Response FROM {schema}.IdempotentRequest WHERE IdempotencyKey = @IdempotencyKey";

    [SqlText]
    public static string InsertSql(string schema) => $"""
        INSERT INTO {schema}.IdempotentRequest (IdempotencyKey, Method, Fingerprint, Response, CreatedAt)
        VALUES (@IdempotencyKey, @Method, @Fingerprint, NULL, @CreatedAt)
        """;

    [SqlText]
    public static string SaveResponseSql(string schema) =>
        $"UPDATE {schema}.IdempotentRequest SET Response = @Response WHERE IdempotencyKey = @IdempotencyKey";

    /// <summary>Inside a write's transaction: refuses a key already recorded, else records it with the write.</summary>
    internal static async Task RecordAsync(ContextStore store, DbConnection connection, DbTransaction tx, IdempotencyScope scope)
    {
        var earlier = await connection.QuerySingleOrDefaultAsync<Earlier>(FindSql(store.Schema), new { IdempotencyKey = scope.Key }, tx);
        if (earlier is not null)
            throw new IdempotentReplay(scope.Key, earlier.Fingerprint, earlier.Response);
        try
        {
            await connection.ExecuteAsync(InsertSql(store.Schema), new
            {
                IdempotencyKey = scope.Key, scope.Method, scope.Fingerprint, CreatedAt = DateTimeOffset.UtcNow,
            }, tx);
        }
        catch (DbException ex) when (store.Dialect.IsDuplicateKey(ex))
        {
            // Two calls with one key at once: the other recorded it first, and this one writes nothing.
            throw new IdempotentReplay(scope.Key, scope.Fingerprint, null);
        }
    }

    private sealed class Earlier
    {
        public string Fingerprint { get; init; } = "";
        public string? Response { get; init; }
    }
}
