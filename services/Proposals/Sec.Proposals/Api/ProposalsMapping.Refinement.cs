using Sec.Proposals.V1;

namespace Sec.Proposals.Api;

/// <summary>Working Groups' and consultations' protos: the Refinement Process's mapping, shared with the report.</summary>
public static partial class ProposalsMapping
{
    public static Proto.WorkingGroupSchedule ToProto(Domain.WorkingGroupSchedule g) => new()
    {
        WorkingGroup = g.WorkingGroup,
        Theme = g.Theme,
        LastHeld = g.LastHeld is null ? null : ToProto(g.LastHeld),
        Next = g.Next is null ? null : ToProto(g.Next),
    };

    public static Proto.WorkingGroupMeeting ToProto(Domain.WorkingGroupMeeting m)
    {
        var message = new Proto.WorkingGroupMeeting
        {
            WorkingGroup = m.WorkingGroup,
            MeetingOn = m.MeetingOn.ToProto(),
            Kind = m.Kind == Domain.MeetingKind.Monthly ? Proto.MeetingKind.Monthly : Proto.MeetingKind.AdHoc,
            AgendaConfirmedOn = m.AgendaConfirmedOn?.ToProto(),
            Number = m.Number,
            Outcome = m.Outcome ?? "",
        };
        message.Agenda.AddRange(m.Agenda.Select(Reference));
        return message;
    }

    /// <summary>A consultation as on <paramref name="asOf"/>: whether it is late or open then.</summary>
    public static Proto.Consultation ToProto(Domain.Consultation c, DateOnly asOf)
    {
        var message = new Proto.Consultation
        {
            Reference = Reference(c.Reference),
            Title = c.Title,
            Kind = c.Kind == Domain.ConsultationKind.Refinement ? Proto.ConsultationKind.Refinement : Proto.ConsultationKind.ModificationReport,
            ExpectedWeekCommencing = c.ExpectedWeekCommencing?.ToProto(),
            IssuedOn = c.IssuedOn?.ToProto(),
            ClosesOn = c.ClosesOn?.ToProto(),
            Late = c.IsLate(asOf),
            Open = c.IsOpen(asOf),
            CancelledOn = c.CancelledOn?.ToProto(),
            CancellationReason = c.CancellationReason ?? "",
        };
        message.Responses.AddRange(c.Responses.Select(r => new ConsultationResponseEntry
        {
            Respondent = r.Respondent,
            Organisation = r.Organisation,
            PartyCategory = r.PartyCategory,
            ReceivedOn = r.ReceivedOn.ToProto(),
            Position = (Proto.ResponsePosition)(int)r.Position,
            Text = r.Text,
        }));
        return message;
    }

    public static Domain.ConsultationKind? KindOf(Proto.ConsultationKind kind) => kind switch
    {
        Proto.ConsultationKind.Refinement => Domain.ConsultationKind.Refinement,
        Proto.ConsultationKind.ModificationReport => Domain.ConsultationKind.ModificationReport,
        _ => null,
    };

    public static Domain.ResponsePosition? PositionOf(Proto.ResponsePosition position) => position switch
    {
        Proto.ResponsePosition.Support => Domain.ResponsePosition.Support,
        Proto.ResponsePosition.Oppose => Domain.ResponsePosition.Oppose,
        Proto.ResponsePosition.Neutral => Domain.ResponsePosition.Neutral,
        _ => null,
    };

    public static Domain.MeetingKind? KindOf(Proto.MeetingKind kind) => kind switch
    {
        Proto.MeetingKind.Monthly => Domain.MeetingKind.Monthly,
        Proto.MeetingKind.AdHoc => Domain.MeetingKind.AdHoc,
        _ => null,
    };
}
