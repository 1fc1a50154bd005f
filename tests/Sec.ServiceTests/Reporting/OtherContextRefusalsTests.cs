using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;
using Sec.Assessments.V1;
using Sec.Proposals.V1;

namespace Sec.ServiceTests.Reporting;

/// <summary>
/// The report is composed from every context. When one of them cannot answer, the caller hears the
/// code it gave (UNAVAILABLE: retry) with the context and the call named, not a bare transport error
/// that reads as the Proposals context's own.
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
    public async Task A_failure_inside_the_Assessments_context_reaches_the_reports_caller_as_UNAVAILABLE_not_INTERNAL()
    {
        await using var suite = WithAssessments(new Failing());

        var refused = await ReportRefusedAsync(suite);

        Assert.True(refused.StatusCode == StatusCode.Unavailable, refused.ToString());
        Assert.Equal("Assessments answered GetDataVersion with Internal: The service failed to process the call; it has been logged.", refused.Status.Detail);
    }
}
