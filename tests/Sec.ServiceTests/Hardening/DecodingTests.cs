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
    [InlineData("""{"idempotencyKey":"k1","targetWorkingDays":"40"}""", "targetWorkingDays")]
    [InlineData("""{"idempotencyKey":"k1","acceptedOn":{"year":"2020","month":7,"day":16}}""", "acceptedOn.year")]
    [InlineData("""{"idempotencyKey":"k\ud800"}""", "idempotencyKey")]
    [InlineData("""{"idempotencyKey":"k1","assessment":{"reference":{"value":"MP\udc00122"}}}""", "assessment.reference.value")]
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

    [Fact]
    public async Task Bytes_that_are_not_UTF_8_in_a_JSON_string_are_refused_naming_the_field()
    {
        using var http = DccHttp(Suite);
        byte[] body = [.. "{\"idempotencyKey\":\"k"u8, 0xFF, 0xFE, .. "\"}"u8];
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new("application/json") { CharSet = "utf-8" };

        var response = await http.PostAsync(Accept, content);
        var error = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["idempotencyKey"], ViolatedFields(error));
        Assert.Contains("not valid Unicode", error.GetProperty("message").GetString());
    }

    [Theory]
    [InlineData("stageNames=999", "stageNames")]
    [InlineData("stage_names=SOMETIMES", "stage_names")]
    public async Task A_query_value_the_transcoder_cannot_read_is_refused_naming_its_key(string query, string field)
    {
        using var http = Suite.CreateDefaultClient();
        http.DefaultRequestHeaders.Authorization = new("Bearer", Suite.Token());

        var response = await http.GetAsync($"/v1/proposals/reports/change-status/2020-04?{query}");
        var error = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal([field], ViolatedFields(error));
        Assert.DoesNotContain("enum type", error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task A_query_value_the_transcoder_reads_still_reaches_the_call()
    {
        using var http = Suite.CreateDefaultClient();
        http.DefaultRequestHeaders.Authorization = new("Bearer", Suite.Token());

        var byName = await http.GetAsync("/v1/proposals/reports/change-status/2020-04?stageNames=REPORT_STAGE_NAMES_PHASES");

        Assert.Equal(HttpStatusCode.OK, byName.StatusCode);
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

    /// <summary>A gRPC frame as a client writes it: the flag byte, the four-byte length it declares, then the bytes.</summary>
    private static byte[] Frame(byte flag, uint declared, byte[] bytes) =>
        [flag, (byte)(declared >> 24), (byte)(declared >> 16), (byte)(declared >> 8), (byte)declared, .. bytes];

    private static byte[] Gzip(byte[] bytes)
    {
        using var packed = new MemoryStream();
        using (var gzip = new System.IO.Compression.GZipStream(packed, System.IO.Compression.CompressionLevel.Fastest))
            gzip.Write(bytes);
        return packed.ToArray();
    }

    /// <summary>A valid RaiseDraftProposalRequest's bytes.</summary>
    private static byte[] Draft => Google.Protobuf.MessageExtensions.ToByteArray(Sec.ServiceTests.Proposals.RaiseDraftProposalTests.Dp119());

    public static TheoryData<string, string?, byte[], StatusCode, string> BadFrames => new()
    {
        { "no body at all", null, [], StatusCode.InvalidArgument, "not a whole gRPC message (0 bytes)" },
        { "a prefix cut short", null, [0, 0, 0], StatusCode.InvalidArgument, "not a whole gRPC message (3 bytes)" },
        { "a length longer than the body", null, Frame(0, (uint)Draft.Length + 100, Draft), StatusCode.InvalidArgument, "follow; a unary call sends one message" },
        { "a length shorter than the body", null, Frame(0, 10, Draft), StatusCode.InvalidArgument, "follow; a unary call sends one message" },
        { "two messages", null, [.. Frame(0, (uint)Draft.Length, Draft), .. Frame(0, (uint)Draft.Length, Draft)], StatusCode.InvalidArgument, "follow; a unary call sends one message" },
        { "the largest length", null, Frame(0, uint.MaxValue, Draft), StatusCode.InvalidArgument, "follow; a unary call sends one message" },
        { "an unknown flag", null, Frame(2, (uint)Draft.Length, Draft), StatusCode.InvalidArgument, "flag byte is 2" },
        { "compressed without an encoding", null, Frame(1, (uint)Draft.Length, Draft), StatusCode.InvalidArgument, "names no grpc-encoding" },
        { "compressed as an encoding the suite does not read", "br", Frame(1, (uint)Draft.Length, Draft), StatusCode.InvalidArgument, "compressed as 'br', which the suite does not read" },
        { "marked gzip but not gzip", "gzip", Frame(1, (uint)Draft.Length, Draft), StatusCode.InvalidArgument, "does not decompress" },
        { "gzip of garbage", "gzip", Frame(1, (uint)Gzip([0xFF, 0xFF, 0xFF]).Length, Gzip([0xFF, 0xFF, 0xFF])), StatusCode.InvalidArgument, "not a valid sec.proposals.v1.RaiseDraftProposalRequest message" },
        { "gzip that unpacks past the limit", "gzip", Frame(1, (uint)Gzip(new byte[5 * 1024 * 1024]).Length, Gzip(new byte[5 * 1024 * 1024])), StatusCode.ResourceExhausted, "once decompressed" },
    };

    [Theory, MemberData(nameof(BadFrames))]
    public async Task A_body_that_is_not_one_whole_gRPC_message_is_refused_by_the_caller_s_fault_and_writes_nothing(
        string frame, string? encoding, byte[] body, StatusCode expected, string detail)
    {
        var logs = new RecordedLogs();
        await using var suite = new SuiteFactory(services: s => s.AddSingleton<ILoggerProvider>(logs));
        await suite.StartHostAsync();
        var before = await suite.EveryRowCountAsync();
        using var http = suite.CreateDefaultClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/sec.proposals.v1.ProposalsService/RaiseDraftProposal")
        {
            Version = HttpVersion.Version20,
            Content = new ByteArrayContent(body),
        };
        request.Content.Headers.ContentType = new("application/grpc");
        request.Headers.Authorization = new("Bearer", suite.Token());
        request.Headers.TryAddWithoutValidation("te", "trailers");
        if (encoding is not null)
            request.Headers.TryAddWithoutValidation("grpc-encoding", encoding);

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(((int)expected).ToString(), string.Join(",", response.Headers.GetValues("grpc-status")));
        Assert.Contains(detail, Uri.UnescapeDataString(string.Join(",", response.Headers.GetValues("grpc-message"))));
        Assert.DoesNotContain(logs.Entries, e => e.Level >= LogLevel.Error);
        Assert.Equal(before, await suite.EveryRowCountAsync());
        _ = frame;
    }

    /// <summary>A length-delimited field: its tag (field number, wire type 2), its length, its bytes.</summary>
    private static byte[] Field(int number, params byte[] bytes) => [(byte)(number << 3 | 2), (byte)bytes.Length, .. bytes];

    /// <summary>"ab", half of a UTF-16 surrogate pair encoded on its own (not UTF-8), then "cd".</summary>
    private static readonly byte[] NotUtf8 = [0x61, 0x62, 0xED, 0xA0, 0x80, 0x63, 0x64];

    private static readonly byte[] Text = "ok"u8.ToArray();

    public static TheoryData<string, byte[], string> NotUtf8Fields => new()
    {
        { "RaiseDraftProposal", [.. Field(1, NotUtf8), .. Field(2, Text)], "title" },
        { "RaiseDraftProposal", [.. Field(1, Text), .. Field(3, [.. Field(1, Text), .. Field(2, NotUtf8)])], "proposer.organisation" },
        { "ImportModification", [.. Field(3, Text), .. Field(9, Field(3, Text)), .. Field(9, Field(3, NotUtf8))], "history[1].reason" },
    };

    [Theory, MemberData(nameof(NotUtf8Fields))]
    public async Task Text_that_is_not_UTF_8_is_refused_naming_its_field(string method, byte[] body, string field)
    {
        var before = await Suite.EveryRowCountAsync();
        var raw = Marshallers.Create<byte[]>(b => b, b => b);

        var refused = await Assert.ThrowsAsync<RpcException>(() => Suite.Channel().CreateCallInvoker()
            .AsyncUnaryCall(new Method<byte[], byte[]>(MethodType.Unary, "sec.proposals.v1.ProposalsService", method, raw, raw), null, default, body).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        Assert.Equal([field], refused.ViolatedFields());
        Assert.Equal($"{field}: is not valid UTF-8 text", refused.Status.Detail);
        Assert.Equal(before, await Suite.EveryRowCountAsync());
    }

    [Fact]
    public async Task A_gzip_compressed_request_is_read_as_its_message()
    {
        var proposals = new Sec.Proposals.V1.ProposalsService.ProposalsServiceClient(Suite.Channel());
        // The client compresses the request with gzip (grpc-encoding: gzip, the frame's flag set).
        var compressed = new Metadata { { "grpc-internal-encoding-request", "gzip" } };

        var raised = await proposals.RaiseDraftProposalAsync(Sec.ServiceTests.Proposals.RaiseDraftProposalTests.Dp119(), compressed);

        Assert.Equal("DP001", raised.Proposal.Reference.Value);
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
