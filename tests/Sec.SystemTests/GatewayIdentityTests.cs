using System.Net;
using Grpc.Core;
using Grpc.Reflection.V1Alpha;
using Sec.Identity;
using Sec.Proposals.V1;

namespace Sec.SystemTests;

/// <summary>What the gateway guards itself, and what a token means end to end through it.</summary>
[Collection(SuiteCollection.Name)]
public sealed class GatewayIdentityTests(SuiteProcesses suite)
{
    private static RaiseDraftProposalRequest Draft(string title) => new()
    {
        Title = title,
        ProblemStatement = "The Service Request Matrix in Appendix AD was not updated.",
        Proposer = new Proposer { Name = "Gemma Slaney", Organisation = "Western Power Distribution" },
        RaisedOn = new Google.Type.Date { Year = 2020, Month = 3, Day = 10 },
    };

    private ProposalsService.ProposalsServiceClient Proposals(string? token, int? port = null) =>
        new(SuiteProcesses.Channel(port ?? suite.GatewayGrpcPort, token));

    [Fact]
    public async Task Reflection_at_the_gateway_is_refused_without_an_operator_token()
    {
        async Task<StatusCode> ListAs(string? token)
        {
            var reflection = new ServerReflection.ServerReflectionClient(SuiteProcesses.Channel(suite.GatewayGrpcPort, token));
            using var call = reflection.ServerReflectionInfo();
            try
            {
                await call.RequestStream.WriteAsync(new ServerReflectionRequest { ListServices = "" });
                await call.RequestStream.CompleteAsync();
                while (await call.ResponseStream.MoveNext(CancellationToken.None)) { }
                return StatusCode.OK;
            }
            catch (RpcException ex)
            {
                return ex.StatusCode;
            }
            catch (InvalidOperationException)
            {
                return call.GetStatus().StatusCode; // the refusal ended the call before the request was written
            }
        }

        Assert.Equal(StatusCode.Unauthenticated, await ListAs(null));
        Assert.Equal(StatusCode.PermissionDenied, await ListAs(suite.Token("Holly Burton", "SECAS", SecRoles.Secas)));
        Assert.Equal(StatusCode.OK, await ListAs(suite.Token("Ops", "SECAS", SecRoles.Operator)));
    }

    [Fact]
    public async Task Metrics_at_the_gateway_need_an_operator_token()
    {
        using var anonymous = suite.Http();
        using var operatorHttp = suite.Http(suite.Token("Ops", "SECAS", SecRoles.Operator));

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/metrics")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await operatorHttp.GetAsync("/metrics")).StatusCode);
    }

    [Fact]
    public async Task The_client_token_endpoint_refuses_a_wrong_secret()
    {
        using var http = suite.Http();

        var refused = await http.PostAsync("/v1/identity/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = SuiteProcesses.DccClientId,
            ["client_secret"] = "not-the-secret",
        }));

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    // Holds once the services' RPCs carry [Authorize]: the gateway passes the call on, the service refuses it.
    [Fact]
    public async Task An_anonymous_write_through_the_gateway_is_unauthenticated()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(() => Proposals(null).RaiseDraftProposalAsync(Draft("Anonymous")).ResponseAsync);

        Assert.Equal(StatusCode.Unauthenticated, ex.StatusCode);
    }

    [Fact]
    public async Task A_header_naming_another_actor_is_dropped_and_history_records_the_token_holder()
    {
        var proposals = Proposals(suite.Token("Holly Burton", "SECAS", SecRoles.Secas));
        var claimed = new Metadata { { "x-sec-actor", "Chair of the SEC Panel" }, { "x-sec-actor-organisation", "SEC Panel" } };

        var raised = await proposals.RaiseDraftProposalAsync(Draft("Actor from the token"), claimed);
        var read = await proposals.GetProposalAsync(new GetProposalRequest { Reference = raised.Proposal.Reference });

        var actor = read.Proposal.History[0].Actor;
        Assert.Equal(("Holly Burton", "SECAS"), (actor.Name, actor.Organisation));
    }

    [Fact]
    public async Task A_burst_over_the_limit_is_refused_with_resource_exhausted()
    {
        var proposals = Proposals(suite.Token("Holly Burton", "SECAS", SecRoles.Reader), suite.LimitedGatewayGrpcPort);
        var codes = new List<StatusCode>();

        for (var i = 0; i < 4 * SuiteProcesses.LimitedPermits; i++)
        {
            try
            {
                await proposals.GetProposalAsync(new GetProposalRequest { Reference = new() { Value = "MP999" } });
                codes.Add(StatusCode.OK);
            }
            catch (RpcException ex)
            {
                codes.Add(ex.StatusCode);
                if (ex.StatusCode == StatusCode.ResourceExhausted)
                    Assert.Contains("Too many calls", ex.Status.Detail);
            }
        }

        Assert.Contains(StatusCode.ResourceExhausted, codes);
        Assert.Contains(StatusCode.NotFound, codes);
    }

    [Fact]
    public async Task A_body_over_4_MB_is_refused_at_the_gateway()
    {
        using var http = suite.Http(suite.Token("Holly Burton", "SECAS", SecRoles.Secas));
        var body = new StringContent("{\"title\":\"" + new string('x', 5 * 1024 * 1024) + "\"}", System.Text.Encoding.UTF8, "application/json");

        // Expect: 100-continue lets the gateway refuse before the client sends the body it would not read.
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/proposals/draft-proposals") { Content = body };
        request.Headers.ExpectContinue = true;

        var refused = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, refused.StatusCode);
    }
}
