using Google.Protobuf;
using Google.Rpc;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.Logging;
using Sec.BuildingBlocks.Domain;
using Status = Google.Rpc.Status;

namespace Sec.ServiceDefaults;

/// <summary>
/// The one place domain refusals become gRPC status codes. Field errors travel as
/// <c>google.rpc.BadRequest</c> details so a client can highlight the field; nothing a caller sends
/// ends as Unknown.
/// </summary>
public sealed class RefusalInterceptor(ILogger<RefusalInterceptor> logger) : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(request, context);
        }
        catch (Exception ex) when (ex is not RpcException)
        {
            throw Map(ex, context);
        }
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await continuation(request, responseStream, context);
        }
        catch (Exception ex) when (ex is not RpcException)
        {
            throw Map(ex, context);
        }
    }

    public override async Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(requestStream, context);
        }
        catch (Exception ex) when (ex is not RpcException)
        {
            throw Map(ex, context);
        }
    }

    private RpcException Map(Exception ex, ServerCallContext context)
    {
        switch (ex)
        {
            case InvalidFields invalid:
                return InvalidArgument(invalid.Violations);
            case MoveNotAllowed refused:
                return ToRpc(Code.FailedPrecondition, refused.Message);
            case NotPermitted denied:
                return ToRpc(Code.PermissionDenied, denied.Message);
            case NotFound missing:
                return ToRpc(Code.NotFound, missing.Message);
            case AlreadyExists exists:
                return ToRpc(Code.AlreadyExists, exists.Message);
            case ConcurrencyConflict conflict:
                return ToRpc(Code.Aborted, conflict.Message);
            case OperationCanceledException when context.CancellationToken.IsCancellationRequested:
                return ToRpc(Code.Cancelled, "The call was cancelled.");
            default:
                logger.LogError(ex, "Unhandled failure in {Method}", context.Method);
                return ToRpc(Code.Internal, "The service failed to process the call; it has been logged.");
        }
    }

    /// <summary>At most this many field violations travel with a refusal; the rest are counted.</summary>
    public const int MaxViolations = 20;

    /// <summary>A field's name or a violation's description is cut at these lengths.</summary>
    public const int MaxFieldLength = 100, MaxDescriptionLength = 300;

    /// <summary>A refusal's message is cut at this length. The status and its details travel in the trailers, which
    /// clients and the gateway limit (HPACK); with these bounds a refusal stays under about 16 KB.</summary>
    public const int MaxMessageLength = 2_000;

    private static RpcException InvalidArgument(IReadOnlyList<FieldViolation> violations) => FieldRefusal(violations).ToRpcException();

    /// <summary>The status of a refusal of bad fields, bounded as above; the JSON door's own checks answer with it too.</summary>
    internal static Status FieldRefusal(IReadOnlyList<FieldViolation> violations)
    {
        var shown = violations.Take(MaxViolations)
            .Select(v => new FieldViolation(Cut(v.Field, MaxFieldLength), Cut(v.Description, MaxDescriptionLength))).ToList();
        var badRequest = new BadRequest();
        badRequest.FieldViolations.AddRange(shown.Select(v => new BadRequest.Types.FieldViolation { Field = v.Field, Description = v.Description }));
        var rest = violations.Count - shown.Count;
        var message = string.Join("; ", shown.Select(v => $"{v.Field}: {v.Description}")) + (rest > 0 ? $"; and {rest:N0} more" : "");
        return Refusal(Code.InvalidArgument, message, badRequest);
    }

    private static string Cut(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";

    private static RpcException ToRpc(Code code, string message) => Refusal(code, message).ToRpcException();

    internal static Status Refusal(Code code, string message, IMessage? detail = null)
    {
        var status = new Status { Code = (int)code, Message = Cut(message, MaxMessageLength) };
        if (detail is not null)
            status.Details.Add(Google.Protobuf.WellKnownTypes.Any.Pack(detail));
        return status;
    }
}
