using System.Net;
using System.Text.Json;
using Grpc.Core;
using Sec.Identity;
using Sec.Proposals.V1;

namespace Sec.SystemTests;

/// <summary>
/// A body over the suite's 4 MB limit is refused as the caller's protocol expects it, on a real
/// Kestrel (which alone enforces the limit): RESOURCE_EXHAUSTED for gRPC, 413 with a status for
/// JSON. Never a bare HTTP 413, which a gRPC client reports as UNKNOWN; and nothing is written.
/// </summary>
[Collection(SuiteCollection.Name)]
public sealed class OversizedRequestTests(SuiteProcesses suite)
{
    private const int FiveMegabytes = 5 * 1024 * 1024;

    private string Secas => suite.Token("Holly Burton", "SECAS", SecRoles.Secas);

    /// <summary>A Draft Proposal whose problem statement alone is over the limit, from an organisation no other test uses.</summary>
    private static RaiseDraftProposalRequest Oversized(string organisation) => new()
    {
        Title = "Oversized",
        ProblemStatement = new string('x', FiveMegabytes),
        Proposer = new Proposer { Name = "Gemma Slaney", Organisation = organisation },
        RaisedOn = new Google.Type.Date { Year = 2020, Month = 3, Day = 10 },
    };

    private async Task<int> RaisedByAsync(string organisation) =>
        (await new ProposalsService.ProposalsServiceClient(SuiteProcesses.Channel(suite.GatewayGrpcPort, Secas))
            .SearchProposalsAsync(new SearchProposalsRequest { ProposerOrganisation = organisation })).Proposals.Count;

    [Theory]
    [InlineData("the gateway")]
    [InlineData("the service itself")]
    public async Task A_gRPC_write_over_the_limit_is_resource_exhausted_and_writes_nothing(string through)
    {
        var organisation = "Oversized " + Guid.NewGuid().ToString("N")[..8];
        // gRPC sends a unary body without a length, so the gateway streams a write on and the service's Kestrel stops it.
        var port = through == "the gateway" ? suite.GatewayGrpcPort : suite.ServiceGrpcPort("proposals");
        var proposals = new ProposalsService.ProposalsServiceClient(SuiteProcesses.Channel(port, Secas));

        var refused = await Assert.ThrowsAsync<RpcException>(() => proposals.RaiseDraftProposalAsync(Oversized(organisation)).ResponseAsync);

        Assert.Equal(StatusCode.ResourceExhausted, refused.StatusCode);
        Assert.Equal("The request is larger than the suite accepts (4 MB).", refused.Status.Detail);
        Assert.Equal(0, await RaisedByAsync(organisation));
    }

    [Fact]
    public async Task A_JSON_body_over_the_limit_at_a_service_is_413_with_a_status_and_writes_nothing()
    {
        var organisation = "Oversized " + Guid.NewGuid().ToString("N")[..8];
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{suite.ServiceHttpPort("proposals")}") };
        http.DefaultRequestHeaders.Authorization = new("Bearer", Secas);
        var body = JsonSerializer.Serialize(new
        {
            title = "Oversized",
            problemStatement = new string('x', FiveMegabytes),
            proposer = new { name = "Gemma Slaney", organisation },
            raisedOn = new { year = 2020, month = 3, day = 10 },
        });

        // Expect: 100-continue lets the service refuse before the client sends a body it would not read.
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/proposals/draft-proposals")
        {
            Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.ExpectContinue = true;

        var refused = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, refused.StatusCode);
        var status = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal((int)StatusCode.ResourceExhausted, status.GetProperty("code").GetInt32());
        Assert.Equal("The request is larger than the suite accepts (4 MB).", status.GetProperty("message").GetString());
        Assert.Equal(0, await RaisedByAsync(organisation));
    }
}
