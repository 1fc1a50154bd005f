using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Reflection;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using BadRequest = Google.Rpc.BadRequest;
using Code = Google.Rpc.Code;
using Grpc.AspNetCore.Server;
using Grpc.Core;
using Microsoft.AspNetCore.Grpc.JsonTranscoding;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Sec.BuildingBlocks.Domain;
using Sec.ServiceDefaults.Identity;
using Status = Google.Rpc.Status;

namespace Sec.ServiceDefaults;

/// <summary>
/// Reads a request's body before its RPC does and refuses one the RPC could not decode, so the
/// caller learns what was wrong and nothing is written. gRPC's and the JSON transcoder's own
/// answers say neither: a gRPC frame that is not the method's message ends as UNKNOWN with an
/// error logged, and the transcoder drops unknown JSON fields silently.
/// </summary>
public sealed class RequestDecoding(RequestDelegate next, ILogger<RequestDecoding> logger)
{
    private static readonly JsonFormatter StatusJson = new(JsonFormatter.Settings.Default.WithTypeRegistry(TypeRegistry.FromMessages(BadRequest.Descriptor)));

    /// <summary>Each gRPC request type's parser and descriptor, found once.</summary>
    private static readonly ConcurrentDictionary<Type, (MessageParser Parser, MessageDescriptor Descriptor)?> Parsers = new();

    public Task InvokeAsync(HttpContext context)
    {
        var metadata = context.GetEndpoint()?.Metadata;
        if (metadata?.GetMetadata<GrpcJsonTranscodingMetadata>() is { } json)
        {
            if (JsonBodyRules.CheckQuery(context.Request.Query, json.MethodDescriptor.InputType) is { Count: > 0 } bad)
                return AnswerJsonAsync(context, StatusCodes.Status400BadRequest, RefusalInterceptor.FieldRefusal(bad));
            if (BodyOf(json) is { } body)
                return JsonAsync(context, body);
        }
        if (metadata?.GetMetadata<GrpcMethodMetadata>() is { Method.Type: MethodType.Unary or MethodType.ServerStreaming } grpc
            && context.Request.ContentType is { } type && type.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase)
            && !type.StartsWith("application/grpc-web", StringComparison.OrdinalIgnoreCase))
            return GrpcAsync(context, grpc.Method);
        return next(context);
    }

    /// <summary>The message a JSON body is read into, when the route takes one (not a raw HttpBody).</summary>
    private static MessageDescriptor? BodyOf(GrpcJsonTranscodingMetadata json)
    {
        var input = json.MethodDescriptor.InputType;
        var body = json.HttpRule.Body switch
        {
            "" => null,
            "*" => input,
            var name => input.FindFieldByName(name) is { FieldType: FieldType.Message, IsRepeated: false } field ? field.MessageType : null,
        };
        return body?.FullName == "google.api.HttpBody" ? null : body;
    }

    private async Task JsonAsync(HttpContext context, MessageDescriptor body)
    {
        // RFC 8259: JSON between systems is UTF-8; anything else is refused rather than guessed at.
        if (!MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var media)
            || !(media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) || media.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase))
            || media.Charset.HasValue && !media.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase))
        {
            await AnswerJsonAsync(context, StatusCodes.Status415UnsupportedMediaType, RefusalInterceptor.Refusal(Code.InvalidArgument,
                $"The body must be JSON in UTF-8 (Content-Type: application/json), not {FieldChecks.Excerpt(context.Request.ContentType ?? "no content type")}."));
            return;
        }
        byte[] bytes;
        try
        {
            bytes = await ReadAsync(context.Request);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            await RefuseTooLargeAsync(context);
            return;
        }
        var violations = JsonBodyRules.Check(bytes, body);
        if (violations.Count > 0)
        {
            await AnswerJsonAsync(context, StatusCodes.Status400BadRequest, RefusalInterceptor.FieldRefusal(violations));
            return;
        }
        context.Request.Body = new MemoryStream(bytes, writable: false);
        await next(context);
    }

    private async Task GrpcAsync(HttpContext context, IMethod method)
    {
        bool refused;
        try
        {
            refused = await RefusesBodyAsync(context, method);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            await RefuseTooLargeAsync(context);
            return;
        }
        if (!refused)
            await next(context);
    }

    /// <summary>
    /// Kestrel stops a body at the suite's limit by throwing; unanswered, that is a bare HTTP 413,
    /// which a gRPC client reports as UNKNOWN. The caller hears RESOURCE_EXHAUSTED (413 and a status for JSON).
    /// </summary>
    private Task RefuseTooLargeAsync(HttpContext context)
    {
        logger.LogWarning("{Path}: the request is larger than the suite accepts ({Limit} bytes)", context.Request.Path.Value, ServiceDefaultsExtensions.MaxRequestBytes);
        return Refusals.TooLargeAsync(context);
    }

    /// <summary>Reads a gRPC call's body and answers InvalidArgument if it is not the method's message; true when it did.</summary>
    private async Task<bool> RefusesBodyAsync(HttpContext context, IMethod method)
    {
        var reader = context.Request.BodyReader;
        var read = await reader.ReadAsync(context.RequestAborted);
        // A small body is examined where it lies and left unconsumed, so gRPC reads the same bytes
        // without a copy. Held unconsumed it counts against HTTP/2 flow control, so only this much
        // is held per call: a connection's streams together stay within its window.
        while (!read.IsCompleted && read.Buffer.Length <= InPlaceBytes)
        {
            reader.AdvanceTo(read.Buffer.Start, read.Buffer.End);
            read = await reader.ReadAsync(context.RequestAborted);
        }
        if (read.IsCompleted && read.Buffer.Length <= InPlaceBytes)
        {
            var refused = Refuses(context, method, read.Buffer);
            reader.AdvanceTo(read.Buffer.Start);
            return refused;
        }
        // Larger: copied, consumed as it comes (so flow control lets the rest arrive), and read
        // again by gRPC from the copy itself; a unary request is at most 4 MB.
        var copy = await RequestBodies.DrainAsync(reader, read, context.RequestAborted);
        context.Request.Body = copy;
        return Refuses(context, method, new ReadOnlySequence<byte>(copy.GetBuffer(), 0, (int)copy.Length));
    }

    /// <summary>The most a call's body may hold unconsumed: 100 streams (Kestrel's limit per connection) stay within a 1 MB connection window.</summary>
    private const int InPlaceBytes = 8 * 1024;

    /// <summary>
    /// Answers when the body is not one whole gRPC frame holding the method's message: gRPC's own
    /// answers to a bad frame are INTERNAL or UNKNOWN (with an error logged), as if the fault were the
    /// service's. A compressed message is decompressed as gRPC would, within the suite's limit, to be examined.
    /// </summary>
    private bool Refuses(HttpContext context, IMethod method, ReadOnlySequence<byte> body)
    {
        if (Parsers.GetOrAdd(method.GetType().GetGenericArguments()[0], ParserOf) is not { } request)
            return false;
        if (Unframe(context, body, out var message) is { } refusal)
        {
            logger.LogWarning("{Method}: the request is not one whole {Message} message as gRPC frames it ({Reason})", method.FullName, request.Descriptor.FullName, refusal.Detail);
            Answer(context, refusal.Code, refusal.Detail);
            return true;
        }
        try
        {
            request.Parser.ParseFrom(message);
            return false;
        }
        catch (InvalidProtocolBufferException ex)
        {
            // The caller's mistake, not the service's: a warning, and no stack trace.
            logger.LogWarning("{Method}: the request is not a valid {Message} message ({Reason})", method.FullName, request.Descriptor.FullName, ex.Message);
            if (FirstInvalidText(request.Descriptor, message.ToArray(), "") is { } field)
                Answer(context, RefusalInterceptor.FieldRefusal([new FieldViolation(field, "is not valid UTF-8 text")]));
            else
                Answer(context, StatusCode.InvalidArgument, $"The request is not a valid {request.Descriptor.FullName} message.");
            return true;
        }
    }

    /// <summary>
    /// The first text field, by its path in the request (<c>proposer.name</c>, <c>history[2].reason</c>),
    /// whose bytes are not UTF-8: protobuf refuses the whole message without saying which. Null when
    /// the message is malformed some other way, or nested deeper than protobuf itself reads.
    /// </summary>
    internal static string? FirstInvalidText(MessageDescriptor descriptor, byte[] bytes, string prefix, int depth = 0)
    {
        if (depth > MaxNesting)
            return null;
        try
        {
            var input = new CodedInputStream(bytes);
            var seen = new Dictionary<int, int>();
            uint tag;
            while ((tag = input.ReadTag()) != 0)
            {
                var field = descriptor.FindFieldByNumber(WireFormat.GetTagFieldNumber(tag));
                if (field is null || WireFormat.GetTagWireType(tag) != WireFormat.WireType.LengthDelimited
                    || field.FieldType is not (FieldType.String or FieldType.Message))
                {
                    input.SkipLastField();
                    continue;
                }
                var path = prefix + field.Name;
                if (field.IsRepeated)
                {
                    seen[field.FieldNumber] = seen.GetValueOrDefault(field.FieldNumber) + 1;
                    path += $"[{seen[field.FieldNumber] - 1}]";
                }
                var payload = input.ReadBytes().ToByteArray();
                if (field.FieldType == FieldType.String)
                {
                    if (!System.Text.Unicode.Utf8.IsValid(payload))
                        return path;
                }
                else if (FirstInvalidText(field.MessageType, payload, path + ".", depth + 1) is { } inner)
                    return inner;
            }
            return null;
        }
        catch (InvalidProtocolBufferException)
        {
            return null;
        }
    }

    /// <summary>Protobuf's own limit on nested messages.</summary>
    private const int MaxNesting = 100;

    /// <summary>
    /// The message a unary body frames (a flag byte, a four-byte length, then exactly that many bytes),
    /// decompressed when its flag says so; or why it frames none.
    /// </summary>
    private static (StatusCode Code, string Detail)? Unframe(HttpContext context, ReadOnlySequence<byte> body, out ReadOnlySequence<byte> message)
    {
        message = default;
        const string OneMessage = "a unary call sends one message, a flag byte and a four-byte length before it";
        if (body.Length < 5)
            return (StatusCode.InvalidArgument, $"The request is not a whole gRPC message ({body.Length} bytes); {OneMessage}.");
        Span<byte> prefix = stackalloc byte[5];
        body.Slice(0, 5).CopyTo(prefix);
        var declared = BinaryPrimitives.ReadUInt32BigEndian(prefix[1..]);
        if (prefix[0] > 1)
            return (StatusCode.InvalidArgument, $"The request's gRPC flag byte is {prefix[0]}; it is 0 (uncompressed) or 1 (compressed).");
        if (declared != body.Length - 5)
            return (StatusCode.InvalidArgument, $"The request is not one whole gRPC message: it declares {declared:N0} bytes and {body.Length - 5:N0} follow; {OneMessage}.");
        message = body.Slice(5);
        if (prefix[0] == 0)
            return null;
        var encoding = context.Request.Headers["grpc-encoding"].ToString();
        var provider = context.RequestServices.GetService<IOptions<GrpcServiceOptions>>()?.Value.CompressionProviders
            .FirstOrDefault(p => string.Equals(p.EncodingName, encoding, StringComparison.OrdinalIgnoreCase));
        if (provider is null)
            return (StatusCode.InvalidArgument, encoding.Length == 0
                ? "The request's message is marked compressed but names no grpc-encoding."
                : $"The request's message is compressed as {FieldChecks.Excerpt(encoding)}, which the suite does not read.");
        try
        {
            using var compressed = provider.CreateDecompressionStream(new MemoryStream(message.ToArray(), writable: false));
            var plain = new MemoryStream();
            var buffer = new byte[81920];
            int read;
            while ((read = compressed.Read(buffer)) > 0)
            {
                // A small body may unpack to any size: it stops at the limit the body itself has.
                if (plain.Length + read > ServiceDefaultsExtensions.MaxRequestBytes)
                    return (StatusCode.ResourceExhausted, $"The request's message is larger than the suite accepts ({ServiceDefaultsExtensions.MaxRequestBytes / (1024 * 1024)} MB) once decompressed.");
                plain.Write(buffer, 0, read);
            }
            message = new ReadOnlySequence<byte>(plain.GetBuffer(), 0, (int)plain.Length);
            return null;
        }
        catch (InvalidDataException)
        {
            return (StatusCode.InvalidArgument, $"The request's message is marked {provider.EncodingName} but does not decompress.");
        }
    }

    /// <summary>A trailers-only refusal with its details (the fields), as the refusals' interceptor gives them.</summary>
    private static void Answer(HttpContext context, Status status)
    {
        Refusals.WriteGrpc(context, status.Code, status.Message);
        context.Response.Headers["grpc-status-details-bin"] = Convert.ToBase64String(status.ToByteArray());
    }

    /// <summary>A trailers-only gRPC answer, before the call reaches its service.</summary>
    private static void Answer(HttpContext context, StatusCode code, string detail) => Refusals.WriteGrpc(context, (int)code, detail);

    private static (MessageParser, MessageDescriptor)? ParserOf(Type type) =>
        type.GetProperty("Parser", BindingFlags.Public | BindingFlags.Static)?.GetValue(null) is MessageParser parser
        && type.GetProperty("Descriptor", BindingFlags.Public | BindingFlags.Static)?.GetValue(null) is MessageDescriptor descriptor
            ? (parser, descriptor) : null;

    /// <summary>The whole body; Kestrel stops it at <see cref="ServiceDefaultsExtensions.MaxRequestBytes"/>.</summary>
    private static async Task<byte[]> ReadAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, request.HttpContext.RequestAborted);
        return buffer.ToArray();
    }

    /// <summary>A refusal as the JSON transcoder writes one: google.rpc.Status as JSON.</summary>
    private static Task AnswerJsonAsync(HttpContext context, int httpStatus, Status status)
    {
        context.Response.StatusCode = httpStatus;
        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.WriteAsync(StatusJson.Format(status));
    }
}
