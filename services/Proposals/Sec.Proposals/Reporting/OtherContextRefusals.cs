using Grpc.Core;
using Grpc.Core.Interceptors;

namespace Sec.Proposals.Reporting;

/// <summary>
/// Another context's refusal as this context's caller hears it. The status code is kept (but for the
/// other context's own failures, below), so UNAVAILABLE still says retry and PERMISSION_DENIED still
/// speaks of the caller's own roles; the
/// message says which context refused which call, so a field it names is not taken for one of the
/// caller's, and the other context's field details (which name its request's fields) stay behind.
/// </summary>
public sealed class OtherContextRefusals(string context) : Interceptor
{
    public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(TRequest request, ClientInterceptorContext<TRequest, TResponse> callContext,
        AsyncUnaryCallContinuation<TRequest, TResponse> continuation)
    {
        var call = continuation(request, callContext);
        return new AsyncUnaryCall<TResponse>(NamedAsync(call.ResponseAsync, callContext.Method.Name), call.ResponseHeadersAsync, call.GetStatus, call.GetTrailers, call.Dispose);
    }

    public override AsyncServerStreamingCall<TResponse> AsyncServerStreamingCall<TRequest, TResponse>(TRequest request, ClientInterceptorContext<TRequest, TResponse> callContext,
        AsyncServerStreamingCallContinuation<TRequest, TResponse> continuation)
    {
        var call = continuation(request, callContext);
        return new AsyncServerStreamingCall<TResponse>(new NamedReader<TResponse>(call.ResponseStream, this, callContext.Method.Name),
            call.ResponseHeadersAsync, call.GetStatus, call.GetTrailers, call.Dispose);
    }

    private async Task<T> NamedAsync<T>(Task<T> response, string method)
    {
        try
        {
            return await response;
        }
        catch (RpcException e)
        {
            throw Named(e, method);
        }
    }

    /// <summary>
    /// The same code, the message prefixed with the context and call, no trailers of the other context's.
    /// A failure inside the other context (or in reaching it: a connection that breaks) is UNAVAILABLE
    /// here: this context did nothing wrong, and the call can be made again.
    /// </summary>
    internal RpcException Named(RpcException e, string method) =>
        new(new Status(e.StatusCode is StatusCode.Internal or StatusCode.Unknown or StatusCode.DataLoss ? StatusCode.Unavailable : e.StatusCode,
            $"{context} answered {method} with {e.StatusCode}: {e.Status.Detail}"));

    private sealed class NamedReader<T>(IAsyncStreamReader<T> inner, OtherContextRefusals refusals, string method) : IAsyncStreamReader<T>
    {
        public T Current => inner.Current;

        public async Task<bool> MoveNext(CancellationToken cancellationToken)
        {
            try
            {
                return await inner.MoveNext(cancellationToken);
            }
            catch (RpcException e)
            {
                throw refusals.Named(e, method);
            }
        }
    }
}
