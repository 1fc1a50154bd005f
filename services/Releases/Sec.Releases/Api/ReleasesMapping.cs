using Sec.Releases.Protos;
using CommonV1 = Sec.Common.V1;
using Proto = Sec.Releases.V1;

namespace Sec.Releases.Api;

/// <summary>The Releases context's protos to its domain and back.</summary>
internal static class ReleasesMapping
{
    public static ReleaseType? ToDomain(Proto.ReleaseType type) =>
        type is > Proto.ReleaseType.Unspecified and <= Proto.ReleaseType.Standalone ? (ReleaseType)type : null;

    public static ScopeKind? ToDomain(Proto.ScopeKind kind) => kind switch
    {
        Proto.ScopeKind.Approved => ScopeKind.Approved,
        Proto.ScopeKind.Targeted => ScopeKind.Targeted,
        _ => null,
    };

    public static CommonV1.ModificationReference Reference(string reference) => new() { Value = reference };

    public static Proto.Release ToProto(this Release r) => new()
    {
        ReleaseId = r.Id, Name = r.Name, Type = (Proto.ReleaseType)r.Type, ImplementationDate = r.ImplementationDate.ToProto(), Status = (Proto.ReleaseStatus)r.Status,
        Moves = { r.Reschedulings.Select(m => new Proto.ReleaseMove { From = m.From.ToProto(), To = m.To.ToProto(), DecidedOn = m.DecidedOn.ToProto(), Reason = m.Reason }) },
        CancelledOn = r.CancelledOn?.ToProto(), CancelReason = r.CancelReason ?? "",
    };

    public static Proto.ScopeEntry ToProto(this ScopeLine line) => new()
    {
        Reference = Reference(line.Reference),
        Title = line.Title,
        Part = line.Part,
        Kind = (Proto.ScopeKind)line.Kind,
        DecisionCutOff = line.DecisionCutOff?.ToProto(),
        PastCutOff = line.PastCutOff,
        PotentialDocumentImpacts = { line.PotentialDocumentImpacts },
        PotentialSystemImpacts = { line.PotentialSystemImpacts },
    };

    public static Proto.ScopeExit ToProto(this ScopeExit exit) => new()
    {
        Reference = Reference(exit.Reference), Part = exit.Part, Reason = exit.Reason, LeftOn = exit.LeftOn.ToProto(),
    };

    public static Proto.ReleaseContents ToProto(this ReleaseContents contents) => new()
    {
        Release = contents.Release.ToProto(), Scope = { contents.Scope.Select(ToProto) },
    };

    public static Proto.RidVersion ToProto(this RidVersion v) => new() { Version = v.Label, Dated = v.Dated.ToProto(), Changes = v.Changes, Baselined = v.Baselined };

    public static Proto.Rid ToProto(this RidView rid) => new()
    {
        Release = rid.Release.ToProto(),
        Version = rid.Version?.ToProto(),
        Scope = { rid.Scope.Select(ToProto) },
        Content = RidContentProtos.ToProto(rid.Content),
        Costs = rid.Costs.ToProto(),
        History = { rid.History.Select(ToProto) },
        GoNoGo = rid.Release.GoNoGo ?? "",
    };

    public static Proto.RidCosts ToProto(this RidCosts costs) => new()
    {
        PerModification =
        {
            costs.PerModification.Select(m => new Proto.ModificationCosts
            {
                Reference = Reference(m.Reference), Kind = (Proto.ScopeKind)m.Kind, Implementation = RidContentProtos.ToProto(m.Implementation), Source = m.Source,
            }),
        },
        ApprovedTotal = RidContentProtos.ToProto(costs.ApprovedTotal),
        TargetedTotal = RidContentProtos.ToProto(costs.TargetedTotal),
        SecasDays = costs.SecasDays,
        SecasCost = new CommonV1.Money { Pence = costs.SecasCostPence },
    };

    public static Proto.RidDifference ToProto(this RidDifference d) => new() { Section = d.Section, Added = { d.Added }, Removed = { d.Removed } };

    public static CommonV1.KnownModification ToProto(this KnownModification known) => new()
    {
        Reference = Reference(known.Reference), Title = known.Title, RaisedOn = known.RaisedOn.ToProto(),
    };
}
