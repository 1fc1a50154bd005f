using Google.Protobuf.Collections;
using Proto = Sec.ChangeBoard.V1;

namespace Sec.ChangeBoard.Api;

/// <summary>The one place the Change Board's protos and domain types meet.</summary>
internal static class ChangeBoardMapping
{
    public static VotingGroup? GroupOf(Proto.VotingGroup group, FieldChecks checks)
    {
        if (group is > Proto.VotingGroup.Unspecified and <= Proto.VotingGroup.Consumer)
            return (VotingGroup)group;
        checks.Add("voting_group", $"{group} is not a voting group; use Large Supplier, Small Supplier, Electricity Network, Gas Network, Other SEC Parties or Consumer");
        return null;
    }

    public static AgendaItemKind? KindOf(Proto.AgendaItemKind kind) => kind switch
    {
        Proto.AgendaItemKind.ModificationVote => AgendaItemKind.ModificationVote,
        Proto.AgendaItemKind.ImpactAssessmentRequest => AgendaItemKind.ImpactAssessmentRequest,
        _ => null,
    };

    public static VoteValue? ValueOf(Proto.VoteValue value) => value switch
    {
        Proto.VoteValue.Approve => VoteValue.Approve,
        Proto.VoteValue.Reject => VoteValue.Reject,
        Proto.VoteValue.Abstain => VoteValue.Abstain,
        _ => null,
    };

    /// <summary>The outcome as given; the domain step refuses one it does not accept.</summary>
    public static Outcome OutcomeOf(Proto.Outcome outcome) => (Outcome)outcome;

    /// <summary>The path as given; <see cref="DecisionPath.None"/> leaves it to the register's.</summary>
    public static DecisionPath PathOf(Proto.DecisionPath path) => (DecisionPath)path;

    /// <summary>An item's id: required, and no longer than the ids this service gives out.</summary>
    public static void RequireId(string id)
    {
        if (string.IsNullOrWhiteSpace(id))
            throw new InvalidFields("item_id", "is required");
        new FieldChecks().RequiredText(id, "item_id", 36).ThrowIfAny();
    }

    /// <summary>An item's id (required) and the date of what happened to it, when given.</summary>
    public static DateOnly? ItemOnOptional(string itemId, Google.Type.Date? date, string field)
    {
        var checks = new FieldChecks();
        checks.RequiredText(itemId, "item_id", 36);
        var on = checks.OptionalDate(date, field);
        checks.ThrowIfAny();
        return on;
    }

    /// <summary>An item's id and the date of what happened to it, both required.</summary>
    public static DateOnly ItemOn(string itemId, Google.Type.Date? date, string field)
    {
        var checks = new FieldChecks();
        checks.RequiredText(itemId, "item_id", 36);
        var on = checks.Date(date, field);
        checks.ThrowIfAny();
        return on;
    }

    /// <summary>A period given as two dates (yyyy-mm-dd), the second not before the first.</summary>
    public static (DateOnly From, DateOnly To) Period(string from, string to)
    {
        var checks = new FieldChecks();
        var f = checks.IsoDate(from, "from");
        var t = checks.IsoDate(to, "to");
        if (f != default && t != default)
            checks.Check(t >= f, "to", "must not be before from");
        checks.ThrowIfAny();
        return (f, t);
    }

    /// <summary>A date given as text (yyyy-mm-dd).</summary>
    public static DateOnly AsOf(string asOf)
    {
        var date = ProtoFieldChecks.RequireIsoDate(asOf, "as_of");
        return date;
    }

    public static Proto.Member ToProto(this Member m) => new()
    {
        MemberId = m.Id, Name = m.Name, Organisation = m.Organisation, VotingGroup = (Proto.VotingGroup)m.Group, From = m.From.ToProto(), To = m.To?.ToProto(),
    };

    public static void Add(this RepeatedField<Proto.AgendaItem> items, IEnumerable<AgendaItem> from) => items.AddRange(from.Select(ToProto));

    public static Proto.AgendaItem ToProto(this AgendaItem i)
    {
        var message = new Proto.AgendaItem
        {
            ItemId = i.Id,
            MeetingId = i.MeetingId,
            MeetingOn = i.MeetingOn.ToProto(),
            Reference = new Common.V1.ModificationReference { Value = i.Reference },
            Kind = (Proto.AgendaItemKind)i.Kind,
            Path = (Proto.DecisionPath)i.Path,
            Status = (Proto.AgendaItemStatus)i.Status,
            Outcome = (Proto.Outcome)i.Outcome,
            ReferralWindowEndsOn = i.ReferralWindowEndsOn?.ToProto(),
            ReferredBy = i.ReferredBy ?? "",
            FinalOutcome = (Proto.Outcome)i.FinalOutcome,
            FinalOn = i.FinalOn?.ToProto(),
            CarriedTo = i.CarriedTo ?? "",
            CountingRule = i.CountingRule ?? "",
            DecidedOn = i.Outcome == Outcome.None ? null : (i.DecidedOn ?? i.MeetingOn).ToProto(),
        };
        message.Breakdown.AddRange(i.Breakdown.Select(t => new Proto.GroupPosition
        {
            VotingGroup = (Proto.VotingGroup)t.Group, Approve = t.Approve, Reject = t.Reject, Abstain = t.Abstain, Position = (Proto.Outcome)t.Position,
        }));
        message.Votes.AddRange(i.Votes.Select(v => new Proto.Vote
        {
            MemberId = v.MemberId, MemberName = v.MemberName, VotingGroup = (Proto.VotingGroup)v.Group, Value = (Proto.VoteValue)v.Value, Superseded = v.Superseded,
            CastOn = (v.CastOn ?? i.MeetingOn).ToProto(),
        }));
        return message;
    }

    public static Common.V1.KnownModification ToProto(this KnownModificationEntry known) => new()
    {
        Reference = new Common.V1.ModificationReference { Value = known.Reference }, Title = known.Title, RaisedOn = known.RaisedOn.ToProto(),
    };
}
