using Sec.Proposals.V1;

namespace Sec.Proposals.Api;

/// <summary>
/// The one place the register's protos meet its domain: requests' enums and values to domain types
/// (a value out of range is a violation naming the field), domain results back to protos.
/// </summary>
public static partial class ProposalsMapping
{
    public static Proto.Proposal ToProto(ProposalView view)
    {
        var p = view.Proposal;
        var message = new Proto.Proposal
        {
            Reference = Reference(p.Reference.Value),
            Title = p.Title,
            ProblemStatement = p.ProblemStatement,
            Proposer = new Proto.Proposer { Name = p.ProposerName, Organisation = p.ProposerOrganisation },
            RaisedOn = p.RaisedOn.ToProto(),
            Phase = ToProto(p.Phase),
            Status = p.Status,
            Version = p.Version,
            Path = ToProto(p.State.Path),
            Urgent = p.State.Urgent,
            OnHold = p.State.OnHold,
            WithdrawalEndsOn = p.State.WithdrawalEndsOn?.ToProto(),
            NextStep = view.Next.Step,
            NextStepOn = view.Next.On?.ToProto(),
            WorkingDaysOnHold = view.WorkingDaysOnHold,
            TargetRelease = p.TargetRelease ?? "",
            AlternateOf = view.AlternateOf is { } original ? Reference(original.Value) : null,
            Alternates = { view.Alternates.Select(a => new Proto.AlternateModification { Reference = Reference(a.Reference.Value), Title = a.Title }) },
        };
        // Voided steps stay in the history, marked, in the order of their dates.
        message.History.AddRange(p.History.Select(h => (h.EffectiveOn, Voided: false, Entry: ToProto(h)))
            .Concat(p.Voided.Select(v => (v.Entry.EffectiveOn, Voided: true, Entry: ToProto(v))))
            .OrderBy(e => e.EffectiveOn).ThenBy(e => e.Voided).Select(e => e.Entry));
        return message;
    }

    public static Proto.HistoryEntry ToProto(Domain.HistoryEntry h) => new()
    {
        EffectiveOn = h.EffectiveOn.ToProto(),
        RecordedAt = h.RecordedAt.ToProto(),
        Actor = new Common.V1.Actor { Name = h.ActorName, Organisation = h.ActorOrganisation },
        Reason = h.Reason,
        Phase = ToProto(h.Phase),
        Status = h.Status,
        Step = h.Step,
        Reference = Reference(h.Reference),
    };

    public static Proto.HistoryEntry ToProto(Domain.VoidedStep v)
    {
        var entry = ToProto(v.Entry);
        entry.Voided = new Proto.VoidedStep
        {
            VoidedAt = v.VoidedAt.ToProto(),
            VoidedBy = new Common.V1.Actor { Name = v.VoidedBy.Name, Organisation = v.VoidedBy.Organisation },
            Reason = v.Reason,
        };
        return entry;
    }

    public static ProposalSummary ToProto(RegisterLine line) => new()
    {
        Reference = Reference(line.Reference),
        Title = line.Title,
        Proposer = new Proto.Proposer { Name = line.ProposerName, Organisation = line.ProposerOrganisation },
        RaisedOn = line.RaisedOn.ToProto(),
        Phase = ToProto(Enum.Parse<Phase>(line.Phase)),
        Status = line.Status,
        Path = ToProto((DecisionPath)line.Path),
        Urgent = line.Urgent,
        TargetRelease = line.TargetRelease ?? "",
    };

    public static Proto.Phase ToProto(Phase phase) => phase switch
    {
        Phase.Define => Proto.Phase.Define,
        Phase.Refine => Proto.Phase.Refine,
        Phase.Opine => Proto.Phase.Opine,
        Phase.Release => Proto.Phase.Release,
        Phase.Implemented => Proto.Phase.Implemented,
        Phase.Rejected => Proto.Phase.Rejected,
        Phase.Withdrawn => Proto.Phase.Withdrawn,
        _ => Proto.Phase.Unspecified,
    };

    public static Phase? FromProto(Proto.Phase phase) => phase switch
    {
        Proto.Phase.Define => Phase.Define,
        Proto.Phase.Refine => Phase.Refine,
        Proto.Phase.Opine => Phase.Opine,
        Proto.Phase.Release => Phase.Release,
        Proto.Phase.Implemented => Phase.Implemented,
        Proto.Phase.Rejected => Phase.Rejected,
        Proto.Phase.Withdrawn => Phase.Withdrawn,
        _ => null,
    };

    public static Proto.DecisionPath ToProto(DecisionPath path) => path switch
    {
        DecisionPath.AuthorityLed => Proto.DecisionPath.AuthorityLed,
        DecisionPath.AuthorityDetermination => Proto.DecisionPath.AuthorityDetermination,
        DecisionPath.SelfGovernance => Proto.DecisionPath.SelfGovernance,
        DecisionPath.FastTrackSelfGovernance => Proto.DecisionPath.FastTrackSelfGovernance,
        _ => Proto.DecisionPath.Unspecified,
    };

    /// <summary>The requested path; unspecified means none only where <paramref name="allowNone"/>.</summary>
    public static DecisionPath PathOf(Proto.DecisionPath path, FieldChecks checks, bool allowNone)
    {
        DecisionPath? mapped = path switch
        {
            Proto.DecisionPath.Unspecified when allowNone => DecisionPath.None,
            Proto.DecisionPath.AuthorityLed => DecisionPath.AuthorityLed,
            Proto.DecisionPath.AuthorityDetermination => DecisionPath.AuthorityDetermination,
            Proto.DecisionPath.SelfGovernance => DecisionPath.SelfGovernance,
            Proto.DecisionPath.FastTrackSelfGovernance => DecisionPath.FastTrackSelfGovernance,
            _ => null,
        };
        if (mapped is null)
            checks.Add("path", $"must be Path 1, 2 or 3 (got {path})");
        return mapped ?? DecisionPath.None;
    }

    /// <summary>Maps a request's enum through <paramref name="map"/>; any other value is a violation on <paramref name="field"/>.</summary>
    public static TDomain EnumOf<TProto, TDomain>(TProto value, FieldChecks checks, string field, string description, params (TProto Proto, TDomain Domain)[] map)
        where TProto : struct, Enum
    {
        foreach (var (proto, domain) in map)
            if (proto.Equals(value))
                return domain;
        checks.Add(field, $"{description} (got {value})");
        return default!;
    }

    public static Domain.Proposer? ToDomain(Proto.Proposer? proposer) => proposer is null ? null : new Domain.Proposer(proposer.Name, proposer.Organisation);

    internal static Common.V1.ModificationReference Reference(string value) => new() { Value = value };

    public static Proto.ReportCover ToProto(Domain.ReportCover cover) => new()
    {
        Month = cover.Month.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture),
        Author = cover.Author,
        PaperReference = cover.PaperReference,
        ReportDate = cover.ReportDate.ToProto(),
        Narratives = { cover.Narratives.ToDictionary() },
        Appendices = { cover.Appendices.Select(a => new Proto.ReportAppendix { Title = a.Title, Url = a.Url }) },
    };
}
