using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using static Sec.ServiceTests.Assessments.DccDoorTests;

namespace Sec.ServiceTests.Hardening;

/// <summary>
/// A body the RPC cannot decode, JSON or gRPC, is refused with INVALID_ARGUMENT saying where it
/// went wrong, writes nothing and is no error of the service's.
/// </summary>
public sealed class DecodingTests : SuiteTests
{
    private const string Accept = "/v1/assessments/dcc/accept";

    /// <summary>The field names a JSON refusal's google.rpc.BadRequest details carry.</summary>
    internal static IReadOnlyList<string> ViolatedFields(JsonElement error) =>
        error.TryGetProperty("details", out var details)
            ? details.EnumerateArray().SelectMany(d => d.GetProperty("fieldViolations").EnumerateArray()).Select(v => v.GetProperty("field").GetString()!).ToList()
            : [];

    private async Task<(HttpStatusCode Status, JsonElement Error)> PostAsync(string body, string contentType = "application/json")
    {
        using var http = DccHttp(Suite);
        var response = await http.PostAsync(Accept, new StringContent(body, System.Text.Encoding.UTF8, contentType));
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    [Theory]
    [InlineData("""{"idempotencyKey":"k1","acceptedOn":{"year":2020,"month":7,"day":16,}}""", "acceptedOn.day")]
    [InlineData("""{"idempotencyKey":"k1" "acceptedOn":{}}""", "idempotencyKey")]
    [InlineData("""{"idempotencyKey":"k1","targetWorkingDays":40""", "targetWorkingDays")]
    [InlineData("", "body")]
    public async Task Malformed_JSON_is_refused_naming_where_it_stops(string body, string field)
    {
        var before = await Suite.EveryRowCountAsync();

        var (status, error) = await PostAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal((int)StatusCode.InvalidArgument, error.GetProperty("code").GetInt32());
        Assert.Equal([field], ViolatedFields(error));
        Assert.Contains("is not valid JSON at line 1", error.GetProperty("message").GetString());
        Assert.Equal(before, await Suite.EveryRowCountAsync());
    }

    [Theory]
    [InlineData("""{"idempotencyKey":"k1","assessment":{"reference":{"value":"MP122"},"kind":"ASSESSMENT_KIND_BOGUS"}}""", "assessment.kind")]
    [InlineData("""{"idempotencyKey":"k1","assessment":{"reference":{"value":"MP122"},"kind":{}}}""", "assessment.kind")]
    [InlineData("""{"idempotencyKey":"k1","targetWorkingDays":"forty"}""", "targetWorkingDays")]
    [InlineData("""{"idempotencyKey":"k1","targetWorkingDays":4294967296}""", "targetWorkingDays")]
    [InlineData("""{"idempotencyKey":["k1"]}""", "idempotencyKey")]
    [InlineData("""["k1"]""", "body")]
    public async Task A_value_of_the_wrong_kind_is_refused_naming_the_field_and_no_NET_type(string body, string field)
    {
        var (status, error) = await PostAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal((int)StatusCode.InvalidArgument, error.GetProperty("code").GetInt32());
        Assert.Equal([field], ViolatedFields(error));
        Assert.DoesNotContain("Sec.Assessments", error.ToString());
        Assert.DoesNotContain("System.", error.ToString());
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    public async Task A_body_that_is_not_JSON_gets_415(string contentType)
    {
        var (status, error) = await PostAsync("""{"idempotencyKey":"k1"}""", contentType);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, status);
        Assert.Equal((int)StatusCode.InvalidArgument, error.GetProperty("code").GetInt32());
        Assert.Contains("application/json", error.GetProperty("message").GetString());
    }

    public static TheoryData<string, string, string, byte[]> Garbage => new()
    {
        { "sec.assessments.v1.AssessmentsService", "AcceptAssessment", "sec.assessments.v1.AcceptAssessmentRequest", [0xFF, 0xFF, 0xFF] },
        { "sec.assessments.v1.AssessmentsService", "ReturnAssessment", "sec.assessments.v1.ReturnAssessmentRequest", [0x0A, 0x64, 0x01] },
        { "sec.proposals.v1.ProposalsService", "RaiseDraftProposal", "sec.proposals.v1.RaiseDraftProposalRequest", [0x00] },
        // Larger than the part examined where it lies (8 KB), so it is read whole first: a title said to be 30,000 bytes, cut at 20,000.
        { "sec.proposals.v1.ProposalsService", "RaiseDraftProposal", "sec.proposals.v1.RaiseDraftProposalRequest", [0x0A, 0xB0, 0xEA, 0x01, .. new byte[20_000]] },
    };

    [Theory, MemberData(nameof(Garbage))]
    public async Task A_gRPC_frame_of_garbage_is_an_invalid_argument_logged_as_a_warning_without_a_stack_trace(string service, string method, string message, byte[] garbage)
    {
        var logs = new RecordedLogs();
        await using var suite = new SuiteFactory(services: s => s.AddSingleton<ILoggerProvider>(logs));
        await suite.StartHostAsync();
        var before = await suite.EveryRowCountAsync();
        var raw = Marshallers.Create<byte[]>(b => b, b => b);

        var refused = await Assert.ThrowsAsync<RpcException>(() => suite.Channel().CreateCallInvoker()
            .AsyncUnaryCall(new Method<byte[], byte[]>(MethodType.Unary, service, method, raw, raw), null, default, garbage).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        Assert.Equal($"The request is not a valid {message} message.", refused.Status.Detail);
        var warning = Assert.Single(logs.Entries, e => e.Message.Contains($"not a valid {message} message"));
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Null(warning.Exception);
        Assert.DoesNotContain(logs.Entries, e => e.Level >= LogLevel.Error && e.Category.StartsWith("Grpc"));
        Assert.Equal(before, await suite.EveryRowCountAsync());
    }

    /// <summary>What the host logs, kept for the test to read.</summary>
    private sealed class RecordedLogs : ILoggerProvider
    {
        public ConcurrentQueue<(string Category, LogLevel Level, string Message, Exception? Exception)> Entries { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Recorder(this, categoryName);

        public void Dispose() { }

        private sealed class Recorder(RecordedLogs logs, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                logs.Entries.Enqueue((category, logLevel, formatter(state, exception), exception));
        }
    }
}
