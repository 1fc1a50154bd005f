using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Sec.Assessments.Storage;
using Sec.Assessments.V1;
using Sec.Contracts;
using Sec.Identity;
using AssessmentKind = Sec.Assessments.V1.AssessmentKind;

namespace Sec.ServiceTests.Assessments;

public sealed class DccDoorTests() : SuiteTests(Today)
{
    private static readonly DateTimeOffset Today = new(2020, 10, 1, 9, 0, 0, TimeSpan.Zero);
    private Dcc? _dcc;

    private Dcc Dcc => _dcc ??= new Dcc(Suite);

    private static DateOnly D(int y, int m, int d) => new(y, m, d);

    /// <summary>The DCC's conversation about MP122's Impact Assessment, as JSON posts (path, body).</summary>
    private static readonly (string Path, string Body)[] Conversation =
    [
        ("/v1/assessments/dcc/accept", """{"idempotencyKey":"dcc-7001","assessment":{"reference":{"value":"MP122"},"kind":"ASSESSMENT_KIND_IMPACT"},"acceptedOn":{"year":2020,"month":7,"day":16},"targetWorkingDays":40}"""),
        ("/v1/assessments/dcc/clock-stop", """{"idempotencyKey":"dcc-7002","assessment":{"reference":{"value":"MP122"},"kind":"ASSESSMENT_KIND_IMPACT"},"stop":{"from":{"year":2020,"month":7,"day":27},"to":{"year":2020,"month":7,"day":31},"reason":"Waiting for the Working Group's view on the metrics"}}"""),
        ("/v1/assessments/dcc/clock-stop", """{"idempotencyKey":"dcc-7003","assessment":{"reference":{"value":"MP122"},"kind":"ASSESSMENT_KIND_IMPACT"},"stop":{"from":{"year":2020,"month":8,"day":13},"to":{"year":2020,"month":8,"day":14},"reason":"Ad hoc Working Group review"}}"""),
        ("/v1/assessments/dcc/return", """{"idempotencyKey":"dcc-7004","assessment":{"reference":{"value":"MP122"},"kind":"ASSESSMENT_KIND_IMPACT"},"returnedOn":{"year":2020,"month":9,"day":25},"costs":{"implementation":[{"activity":"ACTIVITY_DESIGN","cost":{"lowPence":"4140000","highPence":"4140000"}},{"activity":"ACTIVITY_COMBINED","covers":["ACTIVITY_BUILD","ACTIVITY_PRE_INTEGRATION_TESTING"],"cost":{"lowPence":"57300000","highPence":"76900000"}}],"operationalOneOff":{"lowPence":"2269800","highPence":"2269800"}}}"""),
    ];

    /// <summary>The DCC's JSON door, called with the DCC integration's token.</summary>
    internal static HttpClient DccHttp(SuiteFactory suite)
    {
        var http = suite.CreateClient();
        http.DefaultRequestHeaders.Authorization = new("Bearer", suite.Token("DCC integration", "Data Communications Company", [SecRoles.Dcc]));
        return http;
    }

    internal static Task<HttpResponseMessage> PostAsync(HttpClient http, (string Path, string Body) post) =>
        http.PostAsync(post.Path, new StringContent(post.Body, System.Text.Encoding.UTF8, "application/json"));

    private static async Task<(Assessment Assessment, long Events, long Posts)> RunAsync(SuiteFactory suite, IEnumerable<(string Path, string Body)> posts, bool retryRefusals)
    {
        var dcc = await new Dcc(suite).KnowAsync("MP122");
        var requested = await dcc.RequestAsync("MP122", AssessmentKind.Impact, D(2020, 7, 8));
        using var http = DccHttp(suite);
        var pending = posts.ToList();
        for (var round = 0; pending.Count > 0; round++)
        {
            Assert.True(round < 10, "the conversation never settled");
            var refused = new List<(string, string)>();
            foreach (var post in pending)
            {
                var response = await PostAsync(http, post);
                if (response.StatusCode == HttpStatusCode.OK)
                    continue;
                var error = await response.Content.ReadFromJsonAsync<JsonElement>();
                Assert.True(retryRefusals && error.GetProperty("code").GetInt32() == (int)StatusCode.FailedPrecondition, $"{post.Path}: {error}");
                refused.Add(post);
            }
            pending = refused;
        }
        var assessment = (await dcc.Client.GetAssessmentAsync(new() { AssessmentId = requested.AssessmentId })).Assessment;
        var store = suite.Get<AssessmentsStore>();
        return (assessment, await Rows.CountAsync(store, "OutboxMessage"), await Rows.CountAsync(store, "DccPost"));
    }

    [Fact]
    public async Task Posting_the_conversation_twice_and_shuffled_with_retries_ends_as_posting_it_once_in_order()
    {
        var once = await RunAsync(Suite, Conversation, retryRefusals: false);
        var shuffled = Conversation.Concat(Conversation).OrderBy(_ => Random.Shared.Next()).ToList();
        await using var another = await SuiteFactory.StartAsync(Today);
        var messy = await RunAsync(another, shuffled, retryRefusals: true);

        Assert.Equal(AssessmentStatus.Returned, once.Assessment.Status);
        Assert.Equal(2, once.Assessment.ClockStops.Count);
        Assert.Equal(4, once.Posts);
        messy.Assessment.AssessmentId = once.Assessment.AssessmentId;
        Assert.Equal(once.Assessment, messy.Assessment);
        Assert.Equal(once.Events, messy.Events);
        Assert.Equal(once.Posts, messy.Posts);
    }

    [Fact]
    public async Task A_return_before_its_accept_is_refused_changes_nothing_and_succeeds_when_retried()
    {
        await Dcc.KnowAsync("MP122");
        await Dcc.RequestAsync("MP122", AssessmentKind.Impact, D(2020, 7, 8));
        using var http = DccHttp(Suite);
        var store = Suite.Get<AssessmentsStore>();
        var before = await Rows.SnapshotAsync(store, "Assessment", "ClockStop", "DccPost", "OutboxMessage", "AuditEntry");

        var early = await PostAsync(http, Conversation[3]);
        Assert.Equal(HttpStatusCode.BadRequest, early.StatusCode);
        Assert.Equal((int)StatusCode.FailedPrecondition, (await early.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetInt32());
        Assert.Equal(before, await Rows.SnapshotAsync(store, "Assessment", "ClockStop", "DccPost", "OutboxMessage", "AuditEntry"));

        Assert.Equal(HttpStatusCode.OK, (await PostAsync(http, Conversation[0])).StatusCode);
        var retried = await PostAsync(http, Conversation[3]);
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        var returned = await retried.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("ASSESSMENT_STATUS_RETURNED", returned.GetProperty("assessment").GetProperty("status").GetString());
    }

    [Fact]
    public async Task An_Impact_Assessment_cannot_be_accepted_before_the_Change_Board_approves_it()
    {
        await Dcc.KnowAsync("MP092");
        await Dcc.Client.RequestAssessmentAsync(new RequestAssessmentRequest { Reference = Ref("MP092"), Kind = AssessmentKind.Impact, RequestedOn = D(2020, 7, 1).ToProtoDate() });
        var store = Suite.Get<AssessmentsStore>();
        var before = await Rows.SnapshotAsync(store, "Assessment", "DccPost", "OutboxMessage", "AuditEntry");

        var ex = await Assert.ThrowsAsync<RpcException>(() => Dcc.AcceptAsync("MP092", AssessmentKind.Impact, D(2020, 7, 20), 40));

        Assert.Equal(StatusCode.FailedPrecondition, ex.StatusCode);
        Assert.Contains("Change Board's approval", ex.Status.Detail);
        Assert.Equal(before, await Rows.SnapshotAsync(store, "Assessment", "DccPost", "OutboxMessage", "AuditEntry"));
    }

    [Fact]
    public async Task A_withdrawn_modifications_open_assessment_is_cancelled_and_cannot_be_returned()
    {
        await Dcc.KnowAsync("MP105");
        var pa = await Dcc.RequestAsync("MP105", AssessmentKind.Preliminary, D(2020, 7, 15));
        await Dcc.AcceptAsync("MP105", AssessmentKind.Preliminary, D(2020, 7, 15), 15);

        await Suite.Harness.Bus.Publish(new ModificationWithdrawn(Guid.NewGuid(), "MP105", new DateOnly(2020, 8, 20), "MP105 title"));
        await Eventually.UntilAsync(async () => (await Dcc.Client.GetAssessmentAsync(new() { AssessmentId = pa.AssessmentId })).Assessment.Status == AssessmentStatus.Cancelled,
            "the withdrawal to cancel the assessment");
        var ex = await Assert.ThrowsAsync<RpcException>(() => Dcc.ReturnAsync("MP105", AssessmentKind.Preliminary, D(2020, 9, 1)));

        Assert.Equal(StatusCode.FailedPrecondition, ex.StatusCode);
        Assert.Contains("cancelled", ex.Status.Detail);
    }

    [Fact]
    public async Task A_repeated_post_returns_the_original_answer_and_a_reused_key_with_other_content_is_refused()
    {
        await Dcc.KnowAsync("MP107");
        await Dcc.RequestAsync("MP107", AssessmentKind.Preliminary, D(2020, 4, 20));
        var accept = new AcceptAssessmentRequest
        {
            IdempotencyKey = "dcc-1",
            Assessment = new DccAssessmentKey { Reference = Ref("MP107"), Kind = AssessmentKind.Preliminary },
            AcceptedOn = D(2020, 4, 20).ToProtoDate(),
        };

        var first = (await Dcc.Client.AcceptAssessmentAsync(accept)).Assessment;
        var again = (await Dcc.Client.AcceptAssessmentAsync(accept)).Assessment;
        accept.AcceptedOn = D(2020, 4, 21).ToProtoDate();
        var reused = await Assert.ThrowsAsync<RpcException>(() => Dcc.Client.AcceptAssessmentAsync(accept).ResponseAsync);

        Assert.Equal(first, again);
        Assert.Equal(15, first.TargetWorkingDays);
        Assert.Equal(StatusCode.AlreadyExists, reused.StatusCode);
    }

    [Fact]
    public async Task A_rejected_Impact_Assessment_request_closes_it_and_a_deferred_one_waits_for_the_next_decision()
    {
        await Dcc.KnowAsync("MP078", "MP092");
        var ia078 = (await Dcc.Client.RequestAssessmentAsync(new RequestAssessmentRequest { Reference = Ref("MP078"), Kind = AssessmentKind.Impact, RequestedOn = D(2020, 3, 1).ToProtoDate() })).Assessment;
        var ia092 = (await Dcc.Client.RequestAssessmentAsync(new RequestAssessmentRequest { Reference = Ref("MP092"), Kind = AssessmentKind.Impact, RequestedOn = D(2020, 7, 1).ToProtoDate() })).Assessment;

        await Suite.Harness.Bus.Publish(new ImpactAssessmentRequestDecided(Guid.NewGuid(), "MP078", new DateOnly(2020, 3, 25), ImpactAssessmentRequestOutcome.Rejected));
        await Suite.Harness.Bus.Publish(new ImpactAssessmentRequestDecided(Guid.NewGuid(), "MP092", new DateOnly(2020, 7, 22), ImpactAssessmentRequestOutcome.Deferred));
        await Eventually.UntilAsync(async () => (await Dcc.Client.GetAssessmentAsync(new() { AssessmentId = ia078.AssessmentId })).Assessment.Status == AssessmentStatus.Rejected, "the rejection");
        await Eventually.UntilAsync(async () => (await Dcc.Client.GetAssessmentAsync(new() { AssessmentId = ia092.AssessmentId })).Assessment.Status == AssessmentStatus.Deferred, "the deferral");
        var deferred = await Assert.ThrowsAsync<RpcException>(() => Dcc.AcceptAsync("MP092", AssessmentKind.Impact, D(2020, 7, 23), 40));
        var again = (await Dcc.Client.ReRequestAssessmentAsync(new ReRequestAssessmentRequest { AssessmentId = ia078.AssessmentId, RequestedOn = D(2020, 4, 1).ToProtoDate() })).Assessment;
        var newPa = await Dcc.RequestAsync("MP078", AssessmentKind.Preliminary, D(2020, 3, 26));

        Assert.Equal(StatusCode.FailedPrecondition, deferred.StatusCode);
        Assert.Equal(ia078.AssessmentId, again.ReRequests);
        Assert.Equal(AssessmentStatus.AwaitingApproval, again.Status);
        Assert.Equal(AssessmentStatus.Requested, newPa.Status);
        var all = (await Dcc.Client.ListAssessmentsAsync(new() { Reference = Ref("mp78") })).Assessments;
        Assert.Equal(3, all.Count);
    }

    public static TheoryData<string, Func<DccAssessmentKey, object>> BadPosts => new()
    {
        { "target_working_days", key => new AcceptAssessmentRequest { IdempotencyKey = "b1", Assessment = key, AcceptedOn = D(2020, 4, 20).ToProtoDate(), TargetWorkingDays = 0 } },
        { "target_working_days", key => new AcceptAssessmentRequest { IdempotencyKey = "b2", Assessment = key, AcceptedOn = D(2020, 4, 20).ToProtoDate(), TargetWorkingDays = -5 } },
        { "stop.to", key => new StopClockRequest { IdempotencyKey = "b3", Assessment = key, Stop = new() { From = D(2020, 5, 4).ToProtoDate(), To = D(2020, 5, 1).ToProtoDate() } } },
        { "stop.from", key => new StopClockRequest { IdempotencyKey = "b4", Assessment = key, Stop = new() { From = D(2020, 5, 6).ToProtoDate(), To = D(2020, 5, 12).ToProtoDate() } } },
        { "costs.implementation[0].cost.high_pence", key => new ReturnAssessmentRequest { IdempotencyKey = "b5", Assessment = key, ReturnedOn = D(2020, 6, 1).ToProtoDate(),
            Costs = new() { Implementation = { new ActivityCost { Activity = Activity.Design, Cost = new() { LowPence = 76900000, HighPence = 57300000 } } } } } },
        { "costs.implementation[0].activity", key => new ReturnAssessmentRequest { IdempotencyKey = "b6", Assessment = key, ReturnedOn = D(2020, 6, 1).ToProtoDate(),
            Costs = new() { Implementation = { new ActivityCost { Activity = (Activity)42, Cost = new() { LowPence = 1, HighPence = 1 } } } } } },
        { "assessment.reference.value", _ => new AcceptAssessmentRequest { IdempotencyKey = "b7", Assessment = new() { Reference = Ref("MP999"), Kind = AssessmentKind.Preliminary }, AcceptedOn = D(2020, 4, 20).ToProtoDate() } },
    };

    [Theory]
    [MemberData(nameof(BadPosts))]
    public async Task Bad_posts_are_refused_naming_the_field_and_write_nothing(string field, Func<DccAssessmentKey, object> post)
    {
        await Dcc.KnowAsync("MP109");
        await Dcc.RequestAsync("MP109", AssessmentKind.Preliminary, D(2020, 4, 20));
        await Dcc.AcceptAsync("MP109", AssessmentKind.Preliminary, D(2020, 4, 20), 15);
        var key = new DccAssessmentKey { Reference = Ref("MP109"), Kind = AssessmentKind.Preliminary };
        await Dcc.Client.StopClockAsync(new StopClockRequest { IdempotencyKey = "existing", Assessment = key, Stop = new() { From = D(2020, 5, 4).ToProtoDate(), To = D(2020, 5, 8).ToProtoDate() } });
        var store = Suite.Get<AssessmentsStore>();
        var before = await Rows.SnapshotAsync(store, "Assessment", "ClockStop", "DccPost", "OutboxMessage", "AuditEntry");

        var ex = await Assert.ThrowsAsync<RpcException>(() => post(key) switch
        {
            AcceptAssessmentRequest a => Dcc.Client.AcceptAssessmentAsync(a).ResponseAsync,
            StopClockRequest s => Dcc.Client.StopClockAsync(s).ResponseAsync,
            ReturnAssessmentRequest r => (Task)Dcc.Client.ReturnAssessmentAsync(r).ResponseAsync,
            _ => throw new InvalidOperationException(),
        });

        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        Assert.Contains(field, ex.ViolatedFields());
        Assert.Equal(before, await Rows.SnapshotAsync(store, "Assessment", "ClockStop", "DccPost", "OutboxMessage", "AuditEntry"));
    }
}

internal static class DateExtensions
{
    public static Google.Type.Date ToProtoDate(this DateOnly d) => new() { Year = d.Year, Month = d.Month, Day = d.Day };
}
