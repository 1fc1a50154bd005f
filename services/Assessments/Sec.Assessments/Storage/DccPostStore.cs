using Dapper;
using Sec.BuildingBlocks.Storage;

namespace Sec.Assessments.Storage;

/// <summary>A DCC post the door answered: what it did, the hash of what it carried, and the answer it gave.</summary>
public sealed record AnsweredDccPost(string Operation, string RequestHash, byte[] Response);

/// <summary>Keeps the DCC's answered posts by their idempotency key, one row a key.</summary>
public sealed class DccPostStore(AssessmentsStore store)
{
    public Task<AnsweredDccPost?> FindAsync(DbConnection connection, DbTransaction tx, string idempotencyKey, CancellationToken ct) =>
        connection.QuerySingleOrDefaultAsync<AnsweredDccPost>(new CommandDefinition(FindSql(store.Schema), new { IdempotencyKey = idempotencyKey }, tx, cancellationToken: ct));

    /// <summary>Adds an answered post; a second row for the same key is the provider's duplicate-key error.</summary>
    public Task AddAsync(DbConnection connection, DbTransaction tx, string idempotencyKey, AnsweredDccPost post, DateTimeOffset postedAt) =>
        connection.ExecuteAsync(InsertSql(store.Schema), new
        {
            IdempotencyKey = idempotencyKey,
            post.Operation,
            post.RequestHash,
            post.Response,
            PostedAt = postedAt,
        }, tx);

    [SqlText] public static string FindSql(string schema) => $"SELECT Operation, RequestHash, Response FROM {schema}.DccPost WHERE IdempotencyKey = @IdempotencyKey";

    [SqlText]
    public static string InsertSql(string schema) =>
        $"INSERT INTO {schema}.DccPost (IdempotencyKey, Operation, RequestHash, Response, PostedAt) VALUES (@IdempotencyKey, @Operation, @RequestHash, @Response, @PostedAt)";
}
