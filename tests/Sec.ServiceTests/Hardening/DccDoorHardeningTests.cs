using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Sec.Assessments.Storage;
using Sec.Assessments.V1;
using Sec.ServiceTests.Assessments;
using static Sec.ServiceTests.Assessments.DccDoorTests;
using AssessmentKind = Sec.Assessments.V1.AssessmentKind;

namespace Sec.ServiceTests.Hardening;

/// <summary>The DCC's door refuses what it does not understand, naming it, instead of storing it wrong.</summary>
public sealed class DccDoorHardeningTests() : SuiteTests(Today)
{
    private static readonly DateTimeOffset Today = new(2020, 10, 1, 9, 0, 0, TimeSpan.Zero);

    private static readonly DccAssessmentKey Mp122 = new() { Reference = Ref("MP122"), Kind = AssessmentKind.Preliminary };

    /// <summary>MP122's Preliminary Assessment, accepted on 16 July 2020 with a target of 15 working days.</summary>
    private async Task<Dcc> AcceptedAsync()
    {
        var dcc = await new Dcc(Suite).KnowAsync("MP122");
        await dcc.RequestAsync("MP122", AssessmentKind.Preliminary, new DateOnly(2020, 7, 8));
        await dcc.AcceptAsync("MP122", AssessmentKind.Preliminary, new DateOnly(2020, 7, 16), 15);
        await Suite.SettledAsync();
        return dcc;
    }

    [Fact]
    public async Task A_return_without_costs_is_refused_naming_costs_and_writes_nothing()
    {
        var dcc = await AcceptedAsync();
        var before = await Suite.EveryRowCountAsync();

        var refused = await Assert.ThrowsAsync<RpcException>(() => dcc.Client.ReturnAssessmentAsync(
            new ReturnAssessmentRequest { IdempotencyKey = "dcc-r1", Assessment = Mp122, ReturnedOn = D(2020, 9, 25) }).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        Assert.Equal(["costs"], refused.ViolatedFields());
        await Suite.SettledAsync();
        Assert.Equal(before, await Suite.EveryRowCountAsync());
    }

    [Theory]
    [InlineData("costs.operationalOneoff", """{"operationalOneoff":{"lowPence":"2269800","highPence":"2269800"}}""")]
    [InlineData("costs.implementation[0].cost.lowpence", """{"implementation":[{"activity":"ACTIVITY_DESIGN","cost":{"lowpence":"4140000","highPence":"4140000"}}]}""")]
    public async Task A_misspelt_JSON_field_is_refused_naming_it_and_writes_nothing(string field, string costs)
    {
        await AcceptedAsync();
        var before = await Suite.EveryRowCountAsync();
        using var http = DccHttp(Suite);
        var body = $$"""{"idempotencyKey":"dcc-r2","assessment":{"reference":{"value":"MP122"},"kind":"ASSESSMENT_KIND_PRELIMINARY"},"returnedOn":{"year":2020,"month":9,"day":25},"costs":{{costs}}}""";

        var refused = await PostAsync(http, ("/v1/assessments/dcc/return", body));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var error = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((int)StatusCode.InvalidArgument, error.GetProperty("code").GetInt32());
        Assert.Equal([field], DecodingTests.ViolatedFields(error));
        await Suite.SettledAsync();
        Assert.Equal(before, await Suite.EveryRowCountAsync());
    }

    [Fact]
    public async Task An_accept_under_a_new_key_with_another_target_is_refused_and_the_stored_target_stays()
    {
        var dcc = await AcceptedAsync();
        var before = await Suite.EveryRowCountAsync();

        var refused = await Assert.ThrowsAsync<RpcException>(() => dcc.Client.AcceptAssessmentAsync(new AcceptAssessmentRequest
        {
            IdempotencyKey = "dcc-a2", Assessment = Mp122, AcceptedOn = D(2020, 7, 16), TargetWorkingDays = 30,
        }).ResponseAsync);

        Assert.Equal(StatusCode.FailedPrecondition, refused.StatusCode);
        Assert.Contains("target of 30 conflicts", refused.Status.Detail);
        var stored = (await dcc.Client.ListAssessmentsAsync(new() { Reference = Ref("MP122") })).Assessments.Single();
        Assert.Equal(15, stored.TargetWorkingDays);
        await Suite.SettledAsync();
        Assert.Equal(before, await Suite.EveryRowCountAsync());
    }

    [Fact]
    public async Task The_same_post_with_its_reference_in_another_case_is_a_repeat_not_a_reused_key()
    {
        var dcc = await new Dcc(Suite).KnowAsync("MP122");
        await dcc.RequestAsync("MP122", AssessmentKind.Preliminary, new DateOnly(2020, 7, 8));
        using var http = DccHttp(Suite);
        const string accept = """{"idempotencyKey":"dcc-a1","assessment":{"reference":{"value":"MP122"},"kind":"ASSESSMENT_KIND_PRELIMINARY"},"acceptedOn":{"year":2020,"month":7,"day":16}}""";

        var first = await PostAsync(http, ("/v1/assessments/dcc/accept", accept));
        var again = await PostAsync(http, ("/v1/assessments/dcc/accept", accept.Replace("MP122", "mp122")));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await again.Content.ReadAsStringAsync());
        Assert.Equal(1, await Rows.CountAsync(Suite.Get<AssessmentsStore>(), "DccPost"));
    }
}
