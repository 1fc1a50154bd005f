using System.Data.Common;
using System.Security.Cryptography;
using Dapper;
using Google.Protobuf;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Sec.Assessments.Storage;
using Sec.BuildingBlocks.Domain;
using Sec.BuildingBlocks.Storage;

namespace Sec.Assessments.Api;

/// <summary>
/// The DCC's door: every post carries the DCC's idempotency key. The first post that succeeds is
/// stored with its answer, in the same transaction as its change; a repeat returns that answer and
/// changes nothing. A refused post stores nothing, so the DCC can retry it later (a return that
/// arrived before its accept succeeds once the accept is in).
/// </summary>
public sealed class DccDoor(AssessmentsStore store, IClock clock)
{
    public async Task<TResponse> PostAsync<TResponse>(string idempotencyKey, string operation, IMessage request,
        Func<DbConnection, DbTransaction, Task<TResponse>> apply, MessageParser<TResponse> parser, CancellationToken ct)
        where TResponse : IMessage<TResponse>
    {
        var hash = Convert.ToHexString(SHA256.HashData(request.ToByteArray()));
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await store.InTransactionAsync(async (connection, tx) =>
                {
                    var earlier = await connection.QuerySingleOrDefaultAsync<Earlier>(new CommandDefinition(FindSql(store.Schema), new { IdempotencyKey = idempotencyKey }, tx, cancellationToken: ct));
                    if (earlier is not null)
                    {
                        if (earlier.Operation != operation || earlier.RequestHash != hash)
                            throw new AlreadyExists($"The DCC's key '{idempotencyKey}' was used for a different post ({earlier.Operation}); each post needs a key of its own.");
                        return parser.ParseFrom(earlier.Response);
                    }
                    var response = await apply(connection, tx);
                    await connection.ExecuteAsync(InsertSql(store.Schema), new
                    {
                        IdempotencyKey = idempotencyKey,
                        Operation = operation,
                        RequestHash = hash,
                        Response = response.ToByteArray(),
                        PostedAt = clock.UtcNow,
                    }, tx);
                    return response;
                }, ct);
            }
            catch (DbException ex) when (attempt == 1 && IsDuplicateKey(ex))
            {
                // The same post raced in twice; the other one won. Read its answer.
            }
        }
    }

    private static bool IsDuplicateKey(DbException ex) => ex switch
    {
        SqliteException sqlite => sqlite.SqliteErrorCode == 19,
        SqlException sql => sql.Number is 2627 or 2601,
        _ => false,
    };

    private sealed record Earlier
    {
        public string Operation { get; init; } = "";
        public string RequestHash { get; init; } = "";
        public byte[] Response { get; init; } = [];
    }

    [SqlText] public static string FindSql(string schema) => $"SELECT Operation, RequestHash, Response FROM {schema}.DccPost WHERE IdempotencyKey = @IdempotencyKey";

    [SqlText]
    public static string InsertSql(string schema) =>
        $"INSERT INTO {schema}.DccPost (IdempotencyKey, Operation, RequestHash, Response, PostedAt) VALUES (@IdempotencyKey, @Operation, @RequestHash, @Response, @PostedAt)";
}
