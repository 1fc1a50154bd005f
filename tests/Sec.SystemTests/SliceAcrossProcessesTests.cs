using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Google.Rpc;
using Grpc.Core;
using Grpc.Net.Client;
using Grpc.Reflection.V1Alpha;
using Sec.Common.V1;
using Sec.Identity;
using Sec.Proposals.V1;
using Sec.Releases.V1;

namespace Sec.SystemTests;

/// <summary>The processes every system test class shares: starting them takes most of a run.</summary>
[CollectionDefinition(Name)]
public sealed class SuiteCollection : ICollectionFixture<SuiteProcesses>
{
    public const string Name = "suite processes";
}

/// <summary>The skeleton's proof: a Draft Proposal raised at the gateway reaches another service's read model through the outbox and RabbitMQ.</summary>
[Collection(SuiteCollection.Name)]
public sealed class SliceAcrossProcessesTests(SuiteProcesses suite)
{
    /// <summary>The gateway, called as SECAS's Holly Burton (or with the roles given).</summary>
    private GrpcChannel Gateway(params string[] roles) =>
        SuiteProcesses.Channel(suite.GatewayGrpcPort, suite.Token("Holly Burton", "SECAS", roles.Length == 0 ? [SecRoles.Secas] : roles));

    private GrpcChannel Reader() => Gateway(SecRoles.Reader);

    /// <summary>Western Power Distribution's Draft Proposal, raised by SECAS at the gateway.</summary>
    private static Task<RaiseDraftProposalResponse> RaiseAsync(ProposalsService.ProposalsServiceClient proposals, string title, string problem, Google.Type.Date raisedOn) =>
        proposals.RaiseDraftProposalAsync(new RaiseDraftProposalRequest
        {
            Title = title, ProblemStatement = problem, RaisedOn = raisedOn,
            Proposer = new Proposer { Name = "Gemma Slaney", Organisation = "Western Power Distribution" },
        }).ResponseAsync;

    [Fact]
    public async Task A_draft_proposal_raised_at_the_gateway_reaches_Releases_through_RabbitMQ()
    {
        var proposals = new ProposalsService.ProposalsServiceClient(Gateway());

        var raised = await RaiseAsync(proposals, "Correcting DUIS Matrix for SRV7.7 Eligible Users", "The Service Request Matrix in Appendix AD was not updated when SECMP0025 was implemented.", new Google.Type.Date { Year = 2020, Month = 3, Day = 10 });

        var releases = new ReleasesService.ReleasesServiceClient(Reader());
        var request = new GetKnownModificationRequest { Reference = raised.Proposal.Reference };
        var deadline = DateTime.UtcNow.AddSeconds(30);
        GetKnownModificationResponse? known = null;
        while (known is null)
        {
            try
            {
                known = await releases.GetKnownModificationAsync(request);
            }
            catch (RpcException ex) when (ex.StatusCode == StatusCode.NotFound && DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
            catch (RpcException ex) when (ex.StatusCode == StatusCode.NotFound)
            {
                Assert.Fail($"Releases never learned of {raised.Proposal.Reference}.\n{suite.Logs()}");
            }
        }
        Assert.Equal("Correcting DUIS Matrix for SRV7.7 Eligible Users", known.Modification.Title);

        using var http = suite.Http(suite.Token("Holly Burton", "SECAS", SecRoles.Reader));
        var json = await http.GetFromJsonAsync<JsonElement>($"/v1/releases/known-modifications/{raised.Proposal.Reference.Value}");
        Assert.Equal("Correcting DUIS Matrix for SRV7.7 Eligible Users", json.GetProperty("modification").GetProperty("title").GetString());
    }

    [Fact]
    public async Task The_DCC_posts_JSON_through_the_gateway_with_its_client_token_and_a_repeated_post_returns_the_original_answer()
    {
        var proposals = new ProposalsService.ProposalsServiceClient(Gateway());
        var raised = await RaiseAsync(proposals, "Operational Metrics", "Users want reporting that reflects the business processes the DCC supports.", new Google.Type.Date { Year = 2020, Month = 3, Day = 24 });
        var reference = raised.Proposal.Reference;
        var assessments = new Sec.Assessments.V1.AssessmentsService.AssessmentsServiceClient(Gateway());
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                await assessments.GetKnownModificationAsync(new Sec.Assessments.V1.GetKnownModificationRequest { Reference = reference });
                break;
            }
            catch (RpcException ex) when (ex.StatusCode == StatusCode.NotFound && DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
        }
        await assessments.RequestAssessmentAsync(new Sec.Assessments.V1.RequestAssessmentRequest
        {
            Reference = reference,
            Kind = Sec.Assessments.V1.AssessmentKind.Preliminary,
            RequestedOn = new Google.Type.Date { Year = 2020, Month = 5, Day = 1 },
        });

        using var anonymous = suite.Http();
        using var http = suite.Http(await DccTokenAsync(anonymous));
        var key = $"{{\"reference\":{{\"value\":\"{reference.Value}\"}},\"kind\":\"ASSESSMENT_KIND_PRELIMINARY\"}}";
        var acceptBody = $$$"""{"idempotencyKey":"dcc-sys-1","assessment":{{{key}}},"acceptedOn":{"year":2020,"month":5,"day":5}}""";
        var withoutToken = await anonymous.PostAsync("/v1/assessments/dcc/accept", Json(acceptBody));
        var accept = await http.PostAsync("/v1/assessments/dcc/accept", Json(acceptBody));
        var returnBody = $$$"""{"idempotencyKey":"dcc-sys-2","assessment":{{{key}}},"returnedOn":{"year":2020,"month":5,"day":28},"costs":{"implementation":[{"activity":"ACTIVITY_DESIGN","cost":{"lowPence":"41439300","highPence":"41439300"}}]}}""";
        var first = await http.PostAsync("/v1/assessments/dcc/return", Json(returnBody));
        var repeat = await http.PostAsync("/v1/assessments/dcc/return", Json(returnBody));

        Assert.Equal(HttpStatusCode.Unauthorized, withoutToken.StatusCode);
        Assert.Equal(HttpStatusCode.OK, accept.StatusCode);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var firstJson = await first.Content.ReadAsStringAsync();
        Assert.Equal(firstJson, await repeat.Content.ReadAsStringAsync());
        Assert.Contains("ASSESSMENT_STATUS_RETURNED", firstJson);
    }

    [Fact]
    public async Task The_report_asks_the_other_services_for_their_sections_across_processes()
    {
        var proposals = new ProposalsService.ProposalsServiceClient(Gateway());

        var report = await proposals.GetChangeStatusReportAsync(new GetChangeStatusReportRequest { Month = "2020-04", PeriodEnd = "2020-03-31", AsOf = "2020-04-08" });

        Assert.StartsWith("reference,kind,accepted,target_wd,current_wd", report.Csv["open-assessments.csv"]);
        Assert.Equal(2, report.Report.Refine.AssessmentTimescales.Summary.Count);
        Assert.Contains("## 5. Release", report.Markdown);
    }

    private static StringContent Json(string body) => new(body, System.Text.Encoding.UTF8, "application/json");

    /// <summary>The DCC's token from the gateway, by client credentials, as its integration gets one.</summary>
    internal static async Task<string> DccTokenAsync(HttpClient gateway, string secret = SuiteProcesses.DccSecret)
    {
        var answer = await gateway.PostAsync("/v1/identity/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = SuiteProcesses.DccClientId,
            ["client_secret"] = secret,
        }));
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var json = await answer.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Bearer", json.GetProperty("token_type").GetString());
        return json.GetProperty("access_token").GetString()!;
    }

    [Fact]
    public async Task A_refusal_crosses_the_gateway_with_its_field_violations()
    {
        var proposals = new ProposalsService.ProposalsServiceClient(Gateway());

        var ex = await Assert.ThrowsAsync<RpcException>(() => proposals.RaiseDraftProposalAsync(new RaiseDraftProposalRequest
        {
            Title = " ",
            ProblemStatement = "x",
            Proposer = new Proposer { Name = "A", Organisation = "B" },
            RaisedOn = new Google.Type.Date { Year = 2020, Month = 2, Day = 30 },
        }).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        var fields = ex.GetRpcStatus()!.GetDetail<BadRequest>()!.FieldViolations.Select(v => v.Field).ToList();
        Assert.Equal(["raised_on", "title"], fields.Order().ToList());
    }

    [Fact]
    public async Task The_gateway_answers_reflection_for_every_context_to_an_operator_and_serves_JSON_on_HTTP1()
    {
        var reflection = new ServerReflection.ServerReflectionClient(Gateway(SecRoles.Operator));
        using var call = reflection.ServerReflectionInfo();
        await call.RequestStream.WriteAsync(new ServerReflectionRequest { ListServices = "" });
        await call.RequestStream.CompleteAsync();
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        var services = call.ResponseStream.Current.ListServicesResponse.Service.Select(s => s.Name).ToList();

        Assert.Contains("sec.proposals.v1.ProposalsService", services);
        Assert.Contains("sec.assessments.v1.AssessmentsService", services);
        Assert.Contains("sec.changeboard.v1.ChangeBoardService", services);
        Assert.Contains("sec.releases.v1.ReleasesService", services);

        using var http = suite.Http(suite.Token("Holly Burton", "SECAS", SecRoles.Reader));
        var missing = await http.GetAsync("/v1/proposals/MP999");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        using var anonymous = suite.Http();
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health/ready")).StatusCode);
    }
}
