using System.Text.Json;
using Google.Protobuf;
using Sec.Releases.Protos;

namespace Sec.Releases.Storage;

/// <summary>
/// How a RID version's content and scope snapshot, and a release's moves, are kept: the content as proto JSON (defaults left
/// out) and the snapshot as camel-case JSON, exactly as rows were always written, so every stored
/// row reads back as it was.
/// </summary>
internal static class RidFormats
{
    private static readonly JsonFormatter ContentWriter = new(JsonFormatter.Settings.Default.WithFormatDefaultValues(false));
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string Content(RidContent content) => ContentWriter.Format(RidContentProtos.ToProto(content));

    public static RidContent Content(string json) => RidContentProtos.ToDomain(V1.RidContent.Parser.ParseJson(json));

    public static string? Snapshot(IReadOnlyList<ScopeEntry>? scope) =>
        scope is null ? null : JsonSerializer.Serialize(scope.Select(SnapshotEntry.From).ToList(), Json);

    public static IReadOnlyList<ScopeEntry>? Snapshot(string? json) =>
        json is null ? null : JsonSerializer.Deserialize<List<SnapshotEntry>>(json, Json)!.Select(e => e.ToDomain()).ToList();

    /// <summary>A release's moves as camel-case JSON, oldest first; none is NULL.</summary>
    public static string? Reschedulings(IReadOnlyList<Rescheduling> moves) =>
        moves.Count == 0 ? null : JsonSerializer.Serialize(moves, Json);

    public static IReadOnlyList<Rescheduling> Reschedulings(string? json) =>
        json is null ? [] : JsonSerializer.Deserialize<List<Rescheduling>>(json, Json)!;

    /// <summary>One entry of a stored snapshot, its properties in the order they were always written (the label too, though never read).</summary>
    private sealed record SnapshotEntry(string ReleaseId, string Reference, int Part, ScopeKind AddedAs, DateOnly? DecisionCutOff, DateOnly AddedOn,
        DateOnly? ApprovedOn, DateOnly? LeftOn, string? LeftReason, string? Label)
    {
        public static SnapshotEntry From(ScopeEntry e) =>
            new(e.ReleaseId, e.Reference, e.Part, e.AddedAs, e.DecisionCutOff, e.AddedOn, e.ApprovedOn, e.LeftOn, e.LeftReason, e.Label);

        public ScopeEntry ToDomain() => new(ReleaseId, Reference, Part, AddedAs, DecisionCutOff, AddedOn, ApprovedOn, LeftOn, LeftReason);
    }
}
