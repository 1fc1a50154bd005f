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
                var badRequest = new BadRequest();
                badRequest.FieldViolations.AddRange(invalid.Violations.Select(v => new BadRequest.Types.FieldViolation { Field = v.Field, Description = v.Description }));
                return ToRpc(Code.InvalidArgument, invalid.Message, badRequest);
            case MoveNotAllowed refused:
                return ToRpc(Code.FailedPrecondition, refused.Message);
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

    private static RpcException ToRpc(Code code, string message, IMessage? detail = null)
    {
        var status = new Status { Code = (int)code, Message = message };
        if (detail is not null)
            status.Details.Add(Google.Protobuf.WellKnownTypes.Any.Pack(detail));
        return status.ToRpcException();
    }
}
