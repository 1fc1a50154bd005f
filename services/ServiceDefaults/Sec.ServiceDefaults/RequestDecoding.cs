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
using Microsoft.Extensions.Logging;
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

    /// <summary>Each gRPC request type's parser and proto name, found once.</summary>
    private static readonly ConcurrentDictionary<Type, (MessageParser Parser, string Name)?> Parsers = new();

    public Task InvokeAsync(HttpContext context)
    {
        var metadata = context.GetEndpoint()?.Metadata;
        if (metadata?.GetMetadata<GrpcJsonTranscodingMetadata>() is { } json && BodyOf(json) is { } body)
            return JsonAsync(context, body);
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

    /// <summary>Answers InvalidArgument when the body is one whole, uncompressed frame that is not the method's message; anything else gRPC itself refuses.</summary>
    private bool Refuses(HttpContext context, IMethod method, ReadOnlySequence<byte> body)
    {
        Span<byte> prefix = stackalloc byte[5];
        if (body.Length < 5)
            return false;
        body.Slice(0, 5).CopyTo(prefix);
        if (prefix[0] != 0 || BinaryPrimitives.ReadUInt32BigEndian(prefix[1..]) != body.Length - 5
            || Parsers.GetOrAdd(method.GetType().GetGenericArguments()[0], ParserOf) is not { } request)
            return false;
        try
        {
            request.Parser.ParseFrom(body.Slice(5));
            return false;
        }
        catch (InvalidProtocolBufferException ex)
        {
            // The caller's mistake, not the service's: a warning, and no stack trace.
            logger.LogWarning("{Method}: the request is not a valid {Message} message ({Reason})", method.FullName, request.Name, ex.Message);
            var response = context.Response;
            response.ContentType = "application/grpc";
            response.Headers["grpc-status"] = ((int)StatusCode.InvalidArgument).ToString();
            response.Headers["grpc-message"] = $"The request is not a valid {request.Name} message.";
            return true;
        }
    }

    private static (MessageParser, string)? ParserOf(Type type) =>
        type.GetProperty("Parser", BindingFlags.Public | BindingFlags.Static)?.GetValue(null) is MessageParser parser
        && type.GetProperty("Descriptor", BindingFlags.Public | BindingFlags.Static)?.GetValue(null) is MessageDescriptor descriptor
            ? (parser, descriptor.FullName) : null;

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
