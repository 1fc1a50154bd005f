using System.Security.Cryptography;
using System.Text;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Sec.BuildingBlocks.Storage;

namespace Sec.ServiceDefaults;

/// <summary>
/// Idempotency keys for every write, with no change to any RPC: a call carrying request metadata
/// <c>idempotency-key</c> (a header, for JSON callers) has its key recorded in the same transaction
/// as its write, and its answer kept beside it. The same key again, with the same body from the same
/// caller, gets the first answer and writes nothing; with another body it is refused (ALREADY_EXISTS,
/// naming the key). A call that was refused wrote nothing and recorded nothing, so its retry is tried afresh.
/// </summary>
public sealed class IdempotencyInterceptor : Interceptor
{
    /// <summary>The request metadata that carries the key.</summary>
    public const string Header = "idempotency-key";

    /// <summary>The longest key accepted.</summary>
    public const int MaxKeyLength = 200;

    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        var key = context.RequestHeaders.GetValue(Header);
        if (key is null || request is not IMessage message)
            return await continuation(request, context);
        if (key.Length is 0 or > MaxKeyLength || key.Any(char.IsControl))
            throw new RpcException(new Grpc.Core.Status(StatusCode.InvalidArgument,
                $"{Header}: a key is 1 to {MaxKeyLength} printable characters; \"{Shorten(key)}\" is not."));

        var scope = new IdempotencyScope(key, context.Method, Fingerprint(context, message));
        IdempotencyScope.Enter(scope);
        try
        {
            var response = await continuation(request, context);
            if (response is IMessage answer)
                await scope.SaveResponseAsync(Convert.ToBase64String(answer.ToByteArray()), CancellationToken.None);
            return response;
        }
        catch (IdempotentReplay replay) when (replay.Fingerprint != scope.Fingerprint)
        {
            throw new RpcException(new Grpc.Core.Status(StatusCode.AlreadyExists,
                $"{Header}: {Shorten(key)} was already used for a different call; use a new key for a new call."));
        }
        catch (IdempotentReplay replay) when (replay.Response is null)
        {
            throw new RpcException(new Grpc.Core.Status(StatusCode.Aborted,
                $"{Header}: the call with {Shorten(key)} took effect (or is taking effect now) but its answer is not kept yet; retry shortly for it, or read the current state."));
        }
        catch (IdempotentReplay replay)
        {
            var first = Activator.CreateInstance<TResponse>();
            ((IMessage)first).MergeFrom(Convert.FromBase64String(replay.Response!));
            return first;
        }
        finally
        {
            IdempotencyScope.Enter(null);
        }
    }

    /// <summary>The call's method, its caller (the token's subject) and its body: a key names one call by one caller.</summary>
    private static string Fingerprint(ServerCallContext context, IMessage request)
    {
        var caller = context.GetHttpContext().User.FindFirst("sub")?.Value ?? context.GetHttpContext().User.Identity?.Name ?? "";
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes(context.Method + "\n" + caller + "\n"));
        hash.AppendData(request.ToByteArray());
        return Convert.ToHexString(hash.GetHashAndReset());
    }

    private static string Shorten(string key) => key.Length <= 40 ? key : key[..40] + "…";
}
