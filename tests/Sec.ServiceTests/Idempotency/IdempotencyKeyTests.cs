using System.Net;
using System.Net.Http.Json;
using Sec.Proposals.Storage;
using Sec.Proposals.V1;
using Sec.ServiceTests.Proposals;

namespace Sec.ServiceTests.Idempotency;

/// <summary>
/// A client that retries an ambiguous failure sends the same idempotency key, and the write happens
/// once. No RPC names keys itself: every write takes them, through the request metadata.
/// </summary>
public sealed class IdempotencyKeyTests : SuiteTests
{
    private static Metadata Key(string key) => new() { { "idempotency-key", key } };

    [Fact]
    public async Task A_create_retried_with_its_key_happens_once_and_answers_as_the_first_time()
    {
        var first = await Proposals.RaiseDraftProposalAsync(RaiseDraftProposalTests.Dp119(), Key("raise-dp119-7f3a"));
        var again = await Proposals.RaiseDraftProposalAsync(RaiseDraftProposalTests.Dp119(), Key("raise-dp119-7f3a"));
        var unkeyed = await Proposals.RaiseDraftProposalAsync(RaiseDraftProposalTests.Dp119());

        Assert.Equal(first, again);
        Assert.Equal("DP001", again.Proposal.Reference.Value);
        Assert.Equal("DP002", unkeyed.Proposal.Reference.Value);
        var store = Suite.Get<ProposalsStore>();
        Assert.Equal(2, await Rows.CountAsync(store, "Proposal"));
        Assert.Equal(4, await Rows.CountAsync(store, "OutboxMessage"));
        Assert.Equal(2, await Rows.CountAsync(store, "AuditEntry"));
        Assert.Equal(1, await Rows.CountAsync(store, "IdempotentRequest"));
    }

    [Fact]
    public async Task The_same_key_with_another_body_is_refused_naming_the_key_and_writes_nothing()
    {
        await Proposals.RaiseDraftProposalAsync(RaiseDraftProposalTests.Dp119(), Key("raise-once"));
        await Suite.SettledAsync();
        var before = await Suite.EveryRowCountAsync();
        var other = RaiseDraftProposalTests.Dp119();
        other.Title = "Another proposal altogether";

        var ex = await Assert.ThrowsAsync<RpcException>(() => Proposals.RaiseDraftProposalAsync(other, Key("raise-once")).ResponseAsync);

        Assert.Equal(StatusCode.AlreadyExists, ex.StatusCode);
        Assert.Contains("idempotency-key: raise-once was already used for a different call", ex.Status.Detail);
        await Suite.SettledAsync();
        Assert.Equal(before, await Suite.EveryRowCountAsync());
    }

    [Fact]
    public async Task A_refused_call_records_no_key_so_its_corrected_retry_goes_ahead()
    {
        var bad = RaiseDraftProposalTests.Dp119();
        bad.Title = " ";
        var before = await Suite.EveryRowCountAsync();

        var refused = await Assert.ThrowsAsync<RpcException>(() => Proposals.RaiseDraftProposalAsync(bad, Key("raise-after-fix")).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        await Suite.SettledAsync();
        Assert.Equal(before, await Suite.EveryRowCountAsync());

        var raised = await Proposals.RaiseDraftProposalAsync(RaiseDraftProposalTests.Dp119(), Key("raise-after-fix"));
        Assert.Equal("DP001", raised.Proposal.Reference.Value);
    }

    [Fact]
    public async Task Calls_racing_with_one_key_write_once()
    {
        var calls = Enumerable.Range(0, 6).Select(async _ =>
        {
            try
            {
                return (await Proposals.RaiseDraftProposalAsync(RaiseDraftProposalTests.Dp119(), Key("raced")).ResponseAsync).Proposal.Reference.Value;
            }
            catch (RpcException ex) when (ex.StatusCode == StatusCode.Aborted)
            {
                return "in progress";
            }
        }).ToList();

        var answers = await Task.WhenAll(calls);

        Assert.Equal(1, await Rows.CountAsync(Suite.Get<ProposalsStore>(), "Proposal"));
        Assert.All(answers, a => Assert.Contains(a, new[] { "DP001", "in progress" }));
        Assert.Contains("DP001", answers);
    }

    [Fact]
    public async Task A_key_too_long_is_refused_naming_the_metadata()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(() => Proposals.RaiseDraftProposalAsync(RaiseDraftProposalTests.Dp119(), Key(new string('k', 201))).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        Assert.StartsWith("idempotency-key:", ex.Status.Detail);
        Assert.Equal(0, await Rows.CountAsync(Suite.Get<ProposalsStore>(), "Proposal"));
    }

    [Fact]
    public async Task A_JSON_caller_sends_the_key_as_a_header()
    {
        using var http = Suite.CreateDefaultClient();
        http.DefaultRequestHeaders.Authorization = new("Bearer", Suite.Token("Holly Burton", "SECAS", SuiteFactory.Clerk, null));
        http.DefaultRequestHeaders.Add("idempotency-key", "json-raise-1");
        const string body = """{"title":"Operational Metrics","problemStatement":"Users want reporting.","proposer":{"name":"Jo Bloggs","organisation":"Example Energy"},"raisedOn":{"year":2020,"month":3,"day":24}}""";

        var first = await http.PostAsync("/v1/proposals/draft-proposals", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        var again = await http.PostAsync("/v1/proposals/draft-proposals", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await again.Content.ReadAsStringAsync());
        Assert.Equal(1, await Rows.CountAsync(Suite.Get<ProposalsStore>(), "Proposal"));
    }
}
