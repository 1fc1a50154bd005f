using Sec.Proposals.V1;

namespace Sec.Proposals.Api;

/// <summary>Working Groups and consultations.</summary>
public sealed partial class ProposalsApi
{
    [Authorize(Roles = SecRoles.Secas)]
    public override async Task<CreateWorkingGroupResponse> CreateWorkingGroup(CreateWorkingGroupRequest request, ServerCallContext context)
    {
        var checks = new FieldChecks();
        WorkingGroupRules.CheckGroup(request.Name, request.Theme, checks);
        checks.ThrowIfAny();
        await workingGroups.CreateAsync(request.Name, request.Theme, context.CancellationToken);
        return new CreateWorkingGroupResponse { Name = request.Name.Trim() };
    }

    [Authorize(Roles = SecRoles.Secas)]
    public override async Task<ScheduleWorkingGroupMeetingResponse> ScheduleWorkingGroupMeeting(ScheduleWorkingGroupMeetingRequest request, ServerCallContext context)
    {
        var checks = new FieldChecks();
        checks.RequiredText(request.WorkingGroup, "working_group", 100);
        var meetingOn = checks.Date(request.MeetingOn, "meeting_on");
        DateOnly? confirmed = request.AgendaConfirmedOn is null ? null : checks.Date(request.AgendaConfirmedOn, "agenda_confirmed_on");
        var kind = KindOf(request.Kind);
        WorkingGroupRules.CheckMeeting(kind, meetingOn, confirmed, checks);
        checks.Check(request.Agenda.Count <= WorkingGroupRules.MaxAgendaItems, "agenda", $"must list at most {WorkingGroupRules.MaxAgendaItems} modifications (it lists {request.Agenda.Count:N0})");
        var agenda = new List<ModificationReference>();
        for (var i = 0; i < Math.Min(request.Agenda.Count, WorkingGroupRules.MaxAgendaItems); i++)
        {
            if (ModificationReference.TryParse(request.Agenda[i].Value, out var r))
                agenda.Add(r);
            else
                checks.Add($"agenda[{i}].value", ModificationReference.NotAReference(request.Agenda[i].Value));
        }
        checks.OptionalText(request.Outcome, "outcome", WorkingGroupRules.MaxOutcomeLength);
        checks.ThrowIfAny();
        var outcome = string.IsNullOrWhiteSpace(request.Outcome) ? null : request.Outcome.Trim();
        var meeting = await workingGroups.ScheduleMeetingAsync(request.WorkingGroup, meetingOn, kind!.Value, agenda, confirmed, outcome, context.CancellationToken);
        return new ScheduleWorkingGroupMeetingResponse { Meeting = ToProto(meeting) };
    }

    [Authorize(Roles = SecRoles.Secas)]
    public override async Task<RecordWorkingGroupMeetingOutcomeResponse> RecordWorkingGroupMeetingOutcome(RecordWorkingGroupMeetingOutcomeRequest request, ServerCallContext context)
    {
        var checks = new FieldChecks();
        checks.RequiredText(request.WorkingGroup, "working_group", 100);
        var meetingOn = checks.Date(request.MeetingOn, "meeting_on");
        checks.Check(request.Number is >= 0 and <= 100, "number", $"must be the meeting's number that day, 1 to 100, or left out (got {request.Number})");
        checks.RequiredText(request.Outcome, "outcome", WorkingGroupRules.MaxOutcomeLength);
        checks.ThrowIfAny();
        var meeting = await workingGroups.RecordOutcomeAsync(request.WorkingGroup, meetingOn, request.Number == 0 ? null : request.Number, request.Outcome.Trim(), context.CancellationToken);
        return new RecordWorkingGroupMeetingOutcomeResponse { Meeting = ToProto(meeting) };
    }

    [Authorize(Roles = SecRoles.Readers)]
    public override async Task<ListWorkingGroupMeetingsResponse> ListWorkingGroupMeetings(ListWorkingGroupMeetingsRequest request, ServerCallContext context)
    {
        var checks = new FieldChecks();
        checks.OptionalText(request.WorkingGroup, "working_group", 100);
        DateOnly? from = string.IsNullOrEmpty(request.From) ? null : checks.IsoDate(request.From, "from");
        DateOnly? to = string.IsNullOrEmpty(request.To) ? null : checks.IsoDate(request.To, "to");
        if (from is { } f && to is { } t)
            checks.Check(f <= t, "to", $"{t:yyyy-MM-dd} is before from, {f:yyyy-MM-dd}");
        checks.ThrowIfAny();
        var group = string.IsNullOrWhiteSpace(request.WorkingGroup) ? null : request.WorkingGroup.Trim();
        var response = new ListWorkingGroupMeetingsResponse();
        response.Meetings.AddRange((await workingGroups.ListMeetingsAsync(group, from, to, context.CancellationToken)).Select(ToProto));
        return response;
    }

    [Authorize(Roles = SecRoles.Readers)]
    public override async Task<GetWorkingGroupScheduleResponse> GetWorkingGroupSchedule(GetWorkingGroupScheduleRequest request, ServerCallContext context)
    {
        var asOf = ProtoFieldChecks.RequireIsoDate(request.AsOf, "as_of");
        var response = new GetWorkingGroupScheduleResponse();
        response.Groups.AddRange((await workingGroups.ScheduleOnAsync(asOf, context.CancellationToken)).Select(ToProto));
        return response;
    }

    [Authorize(Roles = SecRoles.Secas)]
    public override async Task<RecordConsultationResponse> RecordConsultation(RecordConsultationRequest request, ServerCallContext context)
    {
        var checks = new FieldChecks();
        var reference = checks.Reference(request.Reference, "reference.value");
        var kind = KindOf(request.Kind);
        DateOnly? week = request.ExpectedWeekCommencing is null ? null : checks.Date(request.ExpectedWeekCommencing, "expected_week_commencing");
        DateOnly? issued = request.IssuedOn is null ? null : checks.Date(request.IssuedOn, "issued_on");
        DateOnly? closes = request.ClosesOn is null ? null : checks.Date(request.ClosesOn, "closes_on");
        ConsultationRules.Check(kind, week, issued, closes, checks);
        if (issued is { } i)
            checks.Check(i <= clock.Today, "issued_on", $"{i:yyyy-MM-dd} is in the future; record the expected week instead");
        checks.ThrowIfAny();
        var consultation = await consultations.RecordAsync(reference!, kind!.Value, week, issued, closes, context.CancellationToken);
        return new RecordConsultationResponse { Consultation = ToProto(consultation, clock.Today) };
    }

    [Authorize(Roles = SecRoles.Secas)]
    public override async Task<AddConsultationResponseResponse> AddConsultationResponse(AddConsultationResponseRequest request, ServerCallContext context)
    {
        var checks = new FieldChecks();
        var reference = checks.Reference(request.Reference, "reference.value");
        var kind = KindOf(request.Kind);
        checks.Check(kind is not null, "kind", "must be the Refinement Consultation or the Modification Report Consultation");
        var received = checks.Date(request.ReceivedOn, "received_on");
        var position = PositionOf(request.Position);
        checks.Check(position is not null, "position", "must be support, oppose or neutral");
        checks.OptionalText(request.Text, "text", Domain.ConsultationRules.MaxResponseText);
        checks.ThrowIfAny();
        var response = new Domain.ConsultationResponse(request.Respondent, request.Organisation, request.PartyCategory, received, position!.Value, request.Text ?? "");
        var consultation = await consultations.AddResponseAsync(reference!, kind!.Value, response, context.CancellationToken);
        return new AddConsultationResponseResponse { Consultation = ToProto(consultation, clock.Today) };
    }

    [Authorize(Roles = SecRoles.Secas)]
    public override async Task<CancelConsultationResponse> CancelConsultation(CancelConsultationRequest request, ServerCallContext context)
    {
        var checks = new FieldChecks();
        var reference = checks.Reference(request.Reference, "reference.value");
        var kind = KindOf(request.Kind);
        checks.Check(kind is not null, "kind", "must be the Refinement Consultation or the Modification Report Consultation");
        var cancelledOn = checks.Date(request.CancelledOn, "cancelled_on");
        if (cancelledOn != default)
            checks.Check(cancelledOn <= clock.Today, "cancelled_on", $"{cancelledOn:yyyy-MM-dd} is in the future");
        checks.RequiredText(request.Reason, "reason", 1000);
        checks.ThrowIfAny();
        var consultation = await consultations.CancelAsync(reference!, kind!.Value, cancelledOn, request.Reason.Trim(), context.CancellationToken);
        return new CancelConsultationResponse { Consultation = ToProto(consultation, clock.Today) };
    }

    [Authorize(Roles = SecRoles.Readers)]
    public override async Task<ListConsultationsResponse> ListConsultations(ListConsultationsRequest request, ServerCallContext context)
    {
        var asOf = ProtoFieldChecks.RequireIsoDate(request.AsOf, "as_of");
        var response = new ListConsultationsResponse();
        response.Consultations.AddRange((await consultations.AllAsync(context.CancellationToken)).Select(c => ToProto(c, asOf)));
        return response;
    }

}
