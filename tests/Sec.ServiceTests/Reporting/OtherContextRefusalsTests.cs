using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;
using Google.Protobuf;
using Grpc.Core.Interceptors;
using Sec.Assessments.V1;
using Sec.Common.V1;
using Sec.Proposals.Reporting;
using Sec.Proposals.V1;

namespace Sec.ServiceTests.Reporting;

/// <summary>
/// The report is composed from every context. When one of them cannot answer, the caller hears the
/// code it gave (UNAVAILABLE: retry) with the context and the call named, not a bare transport error
/// that reads as the Proposals context's own; a call the Proposals context gave up on is its own cancellation.
/// </summary>
public sealed class OtherContextRefusalsTests
{
    /// <summary>The Assessments service's address refuses every connection, as a socket does when nothing listens.</summary>
    private sealed class Unreachable : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            throw new HttpRequestException("Connection refused (assessments:8080)", new System.Net.Sockets.SocketException((int)System.Net.Sockets.SocketError.ConnectionRefused));
    }

    /// <summary>The Assessments service answers every call with a failure of its own.</summary>
    private sealed class Failing : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = new HttpResponseMessage(System.Net.HttpStatusCode.OK) { Version = new Version(2, 0), Content = new ByteArrayContent([]) };
            response.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/grpc");
            response.TrailingHeaders.Add("grpc-status", "13");
            response.TrailingHeaders.Add("grpc-message", "The service failed to process the call; it has been logged.");
            return Task.FromResult(response);
        }
    }

    private static SuiteFactory WithAssessments(HttpMessageHandler handler) =>
        new(now: new DateTimeOffset(2020, 4, 8, 9, 0, 0, TimeSpan.Zero), services: s =>
            s.Configure<HttpClientFactoryOptions>(typeof(AssessmentsService.AssessmentsServiceClient).Name,
                o => o.HttpMessageHandlerBuilderActions.Add(b => b.PrimaryHandler = handler)));

    private static Task<RpcException> ReportRefusedAsync(SuiteFactory suite) => Assert.ThrowsAsync<RpcException>(() =>
        new ProposalsService.ProposalsServiceClient(suite.Channel()).GetChangeStatusReportAsync(new GetChangeStatusReportRequest { Month = "2020-04", AsOf = "2020-04-08" }).ResponseAsync);

    [Fact]
    public async Task A_report_while_the_Assessments_context_is_unreachable_is_UNAVAILABLE_naming_it_and_its_call()
    {
        await using var suite = WithAssessments(new Unreachable());

        var refused = await ReportRefusedAsync(suite);

        Assert.True(refused.StatusCode == StatusCode.Unavailable, refused.ToString());
        Assert.StartsWith("Assessments answered GetDataVersion with Unavailable: ", refused.Status.Detail);
        Assert.Contains("Connection refused (assessments:8080)", refused.Status.Detail);
    }

    [Fact]
    public async Task A_failure_inside_the_Assessments_context_keeps_its_code_and_says_whose_it_was()
    {
        await using var suite = WithAssessments(new Failing());

        var refused = await ReportRefusedAsync(suite);

        Assert.True(refused.StatusCode == StatusCode.Internal, refused.ToString());
        Assert.Equal("Assessments answered GetDataVersion with Internal: The service failed to process the call; it has been logged.", refused.Status.Detail);
    }

    private static readonly Method<GetDataVersionRequest, GetDataVersionResponse> Timescales = new(MethodType.Unary, "sec.assessments.v1.AssessmentsService", "GetTimescales",
        Marshallers.Create<GetDataVersionRequest>(r => r.ToByteArray(), GetDataVersionRequest.Parser.ParseFrom),
        Marshallers.Create<GetDataVersionResponse>(r => r.ToByteArray(), GetDataVersionResponse.Parser.ParseFrom));

    /// <summary>A call through the interceptor whose other context answers <paramref name="failure"/>.</summary>
    private static AsyncUnaryCall<GetDataVersionResponse> CallFailingWith(RpcException failure, CancellationToken cancellation = default) =>
        new OtherContextRefusals("Assessments").AsyncUnaryCall(new GetDataVersionRequest(),
            new ClientInterceptorContext<GetDataVersionRequest, GetDataVersionResponse>(Timescales, null, new CallOptions(cancellationToken: cancellation)),
            (_, _) => new AsyncUnaryCall<GetDataVersionResponse>(Task.FromException<GetDataVersionResponse>(failure), Task.FromResult(new Metadata()),
                () => failure.Status, () => failure.Trailers, () => { }));

    [Fact]
    public async Task A_refusal_passed_on_is_one_bounded_line_without_the_other_contexts_field_details_and_its_status_agrees()
    {
        var details = new Metadata { { "grpc-status-details-bin", new byte[] { 1, 2, 3 } } };
        var call = CallFailingWith(new RpcException(new Status(StatusCode.InvalidArgument, "period_end: bad\nline\u0007" + new string('x', 5_000)), details));

        var refused = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        Assert.StartsWith("Assessments answered GetTimescales with InvalidArgument: period_end: bad line ", refused.Status.Detail);
        // The Proposals module does not see the hosts' interceptor; the two bounds are kept equal here.
        Assert.Equal(Sec.ServiceDefaults.RefusalInterceptor.MaxMessageLength, OtherContextRefusals.MaxMessageLength);
        Assert.Equal(OtherContextRefusals.MaxMessageLength, refused.Status.Detail.Length);
        Assert.EndsWith("x…", refused.Status.Detail);
        Assert.Empty(refused.Trailers);
        Assert.Equal(refused.Status, call.GetStatus());
        Assert.Empty(call.GetTrailers());
    }

    [Fact]
    public async Task A_call_this_context_gave_up_on_is_a_cancellation_here_and_a_cancellation_there_is_not()
    {
        using var gaveUp = new CancellationTokenSource();
        await gaveUp.CancelAsync();
        var cancelled = new RpcException(new Status(StatusCode.Cancelled, "Call canceled by the client."));

        var here = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => CallFailingWith(cancelled, gaveUp.Token).ResponseAsync);
        var there = await Assert.ThrowsAsync<RpcException>(() => CallFailingWith(cancelled).ResponseAsync);

        Assert.Equal(gaveUp.Token, here.CancellationToken);
        Assert.Equal((StatusCode.Cancelled, "Assessments answered GetTimescales with Cancelled: Call canceled by the client."), (there.StatusCode, there.Status.Detail));
    }
}
