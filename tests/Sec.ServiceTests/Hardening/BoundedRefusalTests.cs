using Sec.Proposals.Storage;
using Sec.Proposals.V1;

namespace Sec.ServiceTests.Hardening;

/// <summary>
/// A refusal answers with a short message whatever the caller sent, and no input can stop the
/// register giving new numbers.
/// </summary>
public sealed class BoundedRefusalTests : SuiteTests
{
    [Fact]
    public async Task A_huge_reference_is_refused_with_a_short_excerpt_not_an_echo()
    {
        var huge = "MP" + new string('9', 30_000);

        var refused = await Assert.ThrowsAsync<RpcException>(() => Proposals.GetProposalAsync(
            new GetProposalRequest { Reference = Ref(huge) }, deadline: DateTime.UtcNow.AddSeconds(20)).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        Assert.Equal(["reference.value"], refused.ViolatedFields());
        Assert.True(refused.Status.Detail.Length < 500, $"the message has {refused.Status.Detail.Length} characters");
        Assert.Contains("(30,002 characters)", refused.Status.Detail);
    }

    [Fact]
    public async Task A_huge_date_text_is_refused_quickly_with_the_field_named()
    {
        var refused = await Assert.ThrowsAsync<RpcException>(() => Proposals.GetPhaseCountsAsync(
            new GetPhaseCountsRequest { AsOf = new string('x', 100_000) }, deadline: DateTime.UtcNow.AddSeconds(20)).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        Assert.Equal(["as_of"], refused.ViolatedFields());
        Assert.True(refused.Status.Detail.Length < 200, $"the message has {refused.Status.Detail.Length} characters");
    }

    [Fact]
    public async Task Hundreds_of_bad_history_steps_give_a_bounded_list_of_violations_and_a_count_of_the_rest()
    {
        var import = ImportRequest("MP900", "Many bad steps", D(2020, 3, 10));
        for (var i = 0; i < 250; i++)
            import.History.Add(new ImportedStep { EffectiveOn = D(2020, 2, 31), Stage = "Refinement" });

        var refused = await Assert.ThrowsAsync<RpcException>(() => Proposals.ImportModificationAsync(import, deadline: DateTime.UtcNow.AddSeconds(20)).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        Assert.Equal(20, refused.ViolatedFields().Count);
        Assert.Equal("history[0].effective_on", refused.ViolatedFields()[0]);
        Assert.EndsWith("more", refused.Status.Detail);
        Assert.True(refused.Status.Detail.Length <= 2_000, $"the message has {refused.Status.Detail.Length} characters");
        Assert.Equal(0, await Rows.CountAsync(Suite.Get<ProposalsStore>(), "Proposal"));
    }

    [Fact]
    public async Task An_import_beyond_theRegister_numbers_is_refused_and_newProposals_still_get_numbers()
    {
        // An import that would take the counter to its end.
        var refused = await Assert.ThrowsAsync<RpcException>(() => Proposals.ImportModificationAsync(ImportRequest("MP2147483647", "The last number", D(2020, 3, 10))).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        Assert.Equal(["reference.value"], refused.ViolatedFields());
        Assert.Contains("DP and MP numbers up to 99,999", refused.Status.Detail);
        var raised = (await Proposals.RaiseDraftProposalAsync(RaiseDraftProposalTests.Dp119())).Proposal;
        Assert.Equal("DP001", raised.Reference.Value);
    }

    [Fact]
    public async Task A_JSON_call_with_a_huge_reference_gets_a_small_answer_that_names_the_field()
    {
        using var http = Suite.CreateClient();
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Suite.Token());

        var answer = await http.GetAsync("/v1/proposals/MP" + new string('9', 20_000));

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, answer.StatusCode);
        var body = await answer.Content.ReadAsStringAsync();
        Assert.Contains("reference.value", body);
        Assert.True(body.Length < 2_500, $"the answer has {body.Length} characters");
        Assert.All(answer.Headers.Concat(answer.Content.Headers), h => Assert.True(string.Join(",", h.Value).Length < 2_500, h.Key));
    }
}
