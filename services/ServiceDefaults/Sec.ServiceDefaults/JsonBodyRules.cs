using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Google.Protobuf.Reflection;
using Microsoft.AspNetCore.Http;
using Sec.BuildingBlocks.Domain;

namespace Sec.ServiceDefaults;

/// <summary>
/// A JSON body checked against the request message it is meant to be, before the JSON transcoder
/// reads it: the transcoder drops fields it does not know (a misspelt cost is stored as no cost) and
/// answers bad JSON or a bad enum name without naming where. Each violation names the JSON path as
/// the caller wrote it, e.g. <c>costs.operationalOneoff</c>.
/// </summary>
internal static class JsonBodyRules
{
    private static readonly ConcurrentDictionary<MessageDescriptor, Fields> Known = new();

    /// <summary>A message's fields by both the names the transcoder reads (JSON name and proto name), and how a refusal lists them.</summary>
    private sealed record Fields(Dictionary<string, FieldDescriptor> ByName, string Listed);

    public static IReadOnlyList<FieldViolation> Check(byte[] json, MessageDescriptor message)
    {
        if (Syntax(json) is { } broken)
            return [broken];
        var found = new List<FieldViolation>();
        using var document = JsonDocument.Parse(json);
        Message(document.RootElement, message, "", found);
        return found;
    }

    /// <summary>
    /// A JSON route's query values for enum, number and true/false fields that the transcoder would refuse
    /// without naming the field ("Invalid value '999' for enum type ..."), each named as the caller
    /// sent it. Keys that are no field are left to the transcoder.
    /// </summary>
    public static IReadOnlyList<FieldViolation> CheckQuery(IQueryCollection query, MessageDescriptor request)
    {
        var found = new List<FieldViolation>();
        foreach (var (key, values) in query)
        {
            var message = request;
            FieldDescriptor? field = null;
            foreach (var part in key.Split('.'))
            {
                field = message is null ? null : FieldsOf(message).ByName.GetValueOrDefault(part);
                message = field?.FieldType == FieldType.Message ? field.MessageType : null;
            }
            if (field is null)
                continue;
            foreach (var value in values)
            {
                var problem = field.FieldType switch
                {
                    FieldType.Enum when field.EnumType.FindValueByName(value ?? "") is null
                        && !(int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) && field.EnumType.FindValueByNumber(number) is not null)
                        => $"{FieldChecks.Excerpt(value)} is not one of {string.Join(", ", field.EnumType.Values.Select(v => v.Name))}",
                    FieldType.Int32 or FieldType.SInt32 or FieldType.SFixed32 when !int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _)
                        => $"{FieldChecks.Excerpt(value)} is not a whole number from {int.MinValue:N0} to {int.MaxValue:N0}",
                    FieldType.UInt32 or FieldType.Fixed32 when !uint.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out _)
                        => $"{FieldChecks.Excerpt(value)} is not a whole number from 0 to {uint.MaxValue:N0}",
                    FieldType.Int64 or FieldType.SInt64 or FieldType.SFixed64 when !long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _)
                        => $"{FieldChecks.Excerpt(value)} is not a whole number from {long.MinValue:N0} to {long.MaxValue:N0}",
                    FieldType.UInt64 or FieldType.Fixed64 when !ulong.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out _)
                        => $"{FieldChecks.Excerpt(value)} is not a whole number from 0 to {ulong.MaxValue:N0}",
                    FieldType.Bool when value is not ("true" or "false") => $"{FieldChecks.Excerpt(value)} is not true or false",
                    _ => null,
                };
                if (problem is not null)
                    found.Add(new FieldViolation(key, problem));
            }
        }
        return found;
    }

    /// <summary>Where the JSON stops parsing, by path as far as it was read, line and byte.</summary>
    private static FieldViolation? Syntax(byte[] json)
    {
        var reader = new Utf8JsonReader(json);
        var path = new JsonPath();
        try
        {
            while (reader.Read())
            {
                // The transcoder refuses a string it cannot decode (a lone surrogate escaped, bytes
                // that are not UTF-8) without saying where; past this, every look at the text decodes.
                if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName && !Decodes(ref reader))
                    // A value is named by its own path; a property's name by the object it is in.
                    return new FieldViolation(path.ToString() is { Length: > 0 } at ? at : "body",
                        $"holds text that is not valid Unicode at line {LineOf(json, reader.TokenStartIndex)} (a lone surrogate, or bytes that are not UTF-8)");
                path.Step(ref reader);
            }
            return null;
        }
        catch (JsonException ex)
        {
            var reason = ex.Message.Split(" LineNumber:")[0].Split(" Path:")[0];
            return new FieldViolation(path.ToString() is { Length: > 0 } at ? at : "body",
                $"is not valid JSON at line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1}: {reason}");
        }
    }

    private static bool Decodes(ref Utf8JsonReader reader)
    {
        // Text without escapes is its own UTF-8 (the body is one buffer); only an escaped one is decoded to look.
        if (!reader.ValueIsEscaped)
            return System.Text.Unicode.Utf8.IsValid(reader.ValueSpan);
        try
        {
            _ = reader.GetString();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static int LineOf(byte[] json, long index) => json.AsSpan(0, (int)index).Count((byte)'\n') + 1;

    private static Fields FieldsOf(MessageDescriptor message) => Known.GetOrAdd(message, m => new Fields(
        m.Fields.InDeclarationOrder().SelectMany(f => new[] { (f.Name, f), (f.JsonName, f) }).DistinctBy(p => p.Item1).ToDictionary(p => p.Item1, p => p.Item2),
        string.Join(", ", m.Fields.InDeclarationOrder().Select(f => f.JsonName))));

    private static void Message(JsonElement value, MessageDescriptor message, string path, List<FieldViolation> found)
    {
        // The well-known types (Timestamp, wrappers, Struct...) have JSON forms of their own; the transcoder checks those.
        if (value.ValueKind == JsonValueKind.Null || message.File.Package == "google.protobuf" && message.Fields.InDeclarationOrder().Count > 0)
            return;
        if (value.ValueKind != JsonValueKind.Object)
        {
            found.Add(new(Named(path), $"must be a JSON object (a {message.FullName}), not {Shown(value)}"));
            return;
        }
        var fields = FieldsOf(message);
        var seen = new HashSet<int>();
        foreach (var property in value.EnumerateObject())
        {
            var at = path.Length == 0 ? property.Name : $"{path}.{property.Name}";
            if (!fields.ByName.TryGetValue(property.Name, out var field))
                found.Add(new(at, $"is not a field of {message.FullName}; its fields are {fields.Listed}"));
            else if (!seen.Add(field.FieldNumber))
                found.Add(new(at, $"gives {field.JsonName} a second time"));
            else
                Field(property.Value, field, at, found);
        }
    }

    private static void Field(JsonElement value, FieldDescriptor field, string path, List<FieldViolation> found)
    {
        if (value.ValueKind == JsonValueKind.Null)
            return;
        if (field.IsMap)
        {
            if (value.ValueKind != JsonValueKind.Object)
                found.Add(new(path, $"must be a JSON object, not {Shown(value)}"));
            else
                foreach (var entry in value.EnumerateObject())
                    Single(entry.Value, field.MessageType.FindFieldByNumber(2), $"{path}.{entry.Name}", found);
        }
        else if (field.IsRepeated)
        {
            if (value.ValueKind != JsonValueKind.Array)
            {
                found.Add(new(path, $"must be a JSON array, not {Shown(value)}"));
                return;
            }
            var i = 0;
            foreach (var item in value.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.Null)
                    found.Add(new($"{path}[{i}]", "must not be null in a list"));
                else
                    Single(item, field, $"{path}[{i}]", found);
                i++;
            }
        }
        else
            Single(value, field, path, found);
    }

    /// <summary>One value, as the protobuf JSON mapping allows it (64-bit numbers may come as strings).</summary>
    private static void Single(JsonElement value, FieldDescriptor field, string path, List<FieldViolation> found)
    {
        var problem = field.FieldType switch
        {
            FieldType.Message or FieldType.Group => null,
            FieldType.Enum => EnumProblem(value, field.EnumType),
            FieldType.String => value.ValueKind == JsonValueKind.String ? null : $"must be a JSON string, not {Shown(value)}",
            FieldType.Bool => value.ValueKind is JsonValueKind.True or JsonValueKind.False ? null : $"must be true or false, not {Shown(value)}",
            FieldType.Bytes => value.ValueKind == JsonValueKind.String && Convert.TryFromBase64String(value.GetString()!, new byte[value.GetString()!.Length], out _)
                ? null : $"must be base64 text, not {Shown(value)}",
            FieldType.Double or FieldType.Float => IsNumber(value) ? null : $"must be a number, not {Shown(value)}",
            // 32-bit numbers as JSON numbers only: the transcoder refuses "40" for one, though the mapping allows it.
            FieldType.Int32 or FieldType.SInt32 or FieldType.SFixed32 => WholeNumberProblem(value, int.MinValue, int.MaxValue, textAllowed: false),
            FieldType.UInt32 or FieldType.Fixed32 => WholeNumberProblem(value, 0, uint.MaxValue, textAllowed: false),
            FieldType.Int64 or FieldType.SInt64 or FieldType.SFixed64 => WholeNumberProblem(value, long.MinValue, long.MaxValue, textAllowed: true),
            _ => WholeNumberProblem(value, 0, ulong.MaxValue, textAllowed: true),
        };
        if (problem is not null)
            found.Add(new(path, problem));
        else if (field.FieldType is FieldType.Message or FieldType.Group)
            Message(value, field.MessageType, path, found);
    }

    /// <summary>An enum by its proto name or its number; never the .NET type's name in the answer.</summary>
    private static string? EnumProblem(JsonElement value, EnumDescriptor type)
    {
        if (value.ValueKind == JsonValueKind.String && type.FindValueByName(value.GetString()!) is not null
            || value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out _))
            return null;
        return $"{Shown(value)} is not one of {string.Join(", ", type.Values.Select(v => v.Name))}";
    }

    private static string? WholeNumberProblem(JsonElement value, decimal min, decimal max, bool textAllowed)
    {
        var text = value.ValueKind switch { JsonValueKind.Number => value.GetRawText(), JsonValueKind.String when textAllowed => value.GetString(), _ => null };
        return decimal.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) && number >= min && number <= max
            ? null : $"must be a whole number from {min:N0} to {max:N0}{(textAllowed ? "" : " as a JSON number")}, not {Shown(value)}";
    }

    private static bool IsNumber(JsonElement value) =>
        value.ValueKind == JsonValueKind.Number
        || value.ValueKind == JsonValueKind.String && (value.GetString() is "NaN" or "Infinity" or "-Infinity"
            || double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out _));

    /// <summary>A value as a refusal quotes it: short, never the whole input.</summary>
    private static string Shown(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => FieldChecks.Excerpt(value.GetString()),
        JsonValueKind.Number => FieldChecks.Excerpt(value.GetRawText()),
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        _ => value.GetRawText(),
    };

    private static string Named(string path) => path.Length == 0 ? "body" : path;

    /// <summary>The path to the token being read: property names and array indexes, as far as the JSON has been read.</summary>
    private sealed class JsonPath
    {
        private readonly List<(bool IsArray, int Index, string? Name)> _open = [];

        public void Step(ref Utf8JsonReader reader)
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName:
                    _open[^1] = _open[^1] with { Name = reader.GetString() };
                    break;
                case JsonTokenType.EndObject or JsonTokenType.EndArray:
                    _open.RemoveAt(_open.Count - 1);
                    break;
                default:
                    if (_open.Count > 0 && _open[^1].IsArray)
                        _open[^1] = _open[^1] with { Index = _open[^1].Index + 1 };
                    if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                        _open.Add((reader.TokenType == JsonTokenType.StartArray, -1, null));
                    break;
            }
        }

        public override string ToString() => string.Concat(_open.Select((level, i) => level switch
        {
            { IsArray: true, Index: >= 0 } => $"[{level.Index}]",
            { IsArray: false, Name: { } name } => i == 0 ? name : $".{name}",
            _ => "",
        }));
    }
}
