using System.Security.Cryptography;

namespace Sec.Assessments.Application;

/// <summary>A post from the DCC as the door sees it: its idempotency key, and its content, whose hash tells a repeat from a reused key.</summary>
public sealed record DccPost(string IdempotencyKey, byte[] Content);

/// <summary>
/// The answer to a DCC post: made from the assessment the post leaves, then kept as bytes and read
/// back for a repeat, so a repeat gets the very answer the first post got.
/// </summary>
public sealed record DccAnswer<TResponse>(Func<Assessment, TResponse> Of, Func<TResponse, byte[]> Write, Func<byte[], TResponse> Read);

/// <summary>
/// The DCC's door: every post carries the DCC's idempotency key. The first post that succeeds is
/// stored with its answer, in the same transaction as its change; a repeat returns that answer and
/// changes nothing. A refused post stores nothing, so the DCC can retry it later (a return that
/// arrived before its accept succeeds once the accept is in).
/// </summary>
public sealed class DccDoor(AssessmentsStore store, DccPostStore posts, IClock clock)
{
    /// <summary>Runs <paramref name="apply"/> for the first post with its key, in one transaction with the post's answer.</summary>
    public async Task<TResponse> PostAsync<TResponse>(string operation, DccPost post, DccAnswer<TResponse> answer,
        Func<DbConnection, DbTransaction, Task<Assessment>> apply, CancellationToken ct)
    {
        var hash = Convert.ToHexString(SHA256.HashData(post.Content));
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await store.InTransactionAsync(async (connection, tx) =>
                {
                    if (await posts.FindAsync(connection, tx, post.IdempotencyKey, ct) is { } earlier)
                    {
                        if (earlier.Operation != operation || earlier.RequestHash != hash)
                            throw new AlreadyExists($"The DCC's key '{post.IdempotencyKey}' was used for a different post ({earlier.Operation}); each post needs a key of its own.");
                        return answer.Read(earlier.Response);
                    }
                    var response = answer.Of(await apply(connection, tx));
                    await posts.AddAsync(connection, tx, post.IdempotencyKey,
                        new AnsweredDccPost(operation, hash, answer.Write(response)), clock.UtcNow);
                    return response;
                }, ct);
            }
            catch (DbException ex) when (attempt == 1 && store.Dialect.IsDuplicateKey(ex))
            {
                // The same post raced in twice; the other one won. Read its answer.
            }
        }
    }
}
