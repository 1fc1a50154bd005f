using Grpc.Core;
using Grpc.Core.Interceptors;
using Sec.BuildingBlocks.Domain;

namespace Sec.Proposals.Reporting;

/// <summary>
/// Another context's refusal as this context's caller hears it. The status code is kept, so
/// UNAVAILABLE still says retry and PERMISSION_DENIED still speaks of the caller's own roles; the
/// message says which context refused which call, so a field it names is not taken for one of the
/// caller's, and the other context's field details (which name its request's fields) stay behind.
/// A call this context gave up on is an <see cref="OperationCanceledException"/>, as for any other
/// work it cancels, so a caller sharing a composition with the one who left composes again.
/// </summary>
public sealed class OtherContextRefusals(string context) : Interceptor
{
    /// <summary>As a refusal's message anywhere in the suite (see RefusalInterceptor).</summary>
    public const int MaxMessageLength = 2_000;

    public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(TRequest request, ClientInterceptorContext<TRequest, TResponse> callContext,
        AsyncUnaryCallContinuation<TRequest, TResponse> continuation)
    {
        var call = continuation(request, callContext);
        var outcome = new Outcome(this, callContext.Method.Name, callContext.Options.CancellationToken);
        return new AsyncUnaryCall<TResponse>(outcome.Of(call.ResponseAsync), call.ResponseHeadersAsync,
            () => outcome.Renamed?.Status ?? call.GetStatus(), () => outcome.Renamed is null ? call.GetTrailers() : [], call.Dispose);
    }

    /// <summary>The same code; the message prefixed with the context and call, one line, bounded; none of the other context's trailers.</summary>
    internal RpcException Named(RpcException e, string method)
    {
        var message = $"{context} answered {method} with {e.StatusCode}: {e.Status.Detail}";
        var shown = new string(message.Take(MaxMessageLength - 1).Select(c => FieldChecks.Unprintable(c) ? ' ' : c).ToArray());
        return new RpcException(new Status(e.StatusCode, message.Length < MaxMessageLength ? shown : shown + "…"));
    }

    /// <summary>One call's failure as this context passes it on.</summary>
    private sealed class Outcome(OtherContextRefusals refusals, string method, CancellationToken cancellation)
    {
        public RpcException? Renamed { get; private set; }

        public async Task<T> Of<T>(Task<T> response)
        {
            try
            {
                return await response;
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.Cancelled && cancellation.IsCancellationRequested)
            {
                throw new OperationCanceledException($"{method} was cancelled here.", e, cancellation);
            }
            catch (RpcException e)
            {
                Renamed = refusals.Named(e, method);
                throw Renamed;
            }
        }
    }
}
