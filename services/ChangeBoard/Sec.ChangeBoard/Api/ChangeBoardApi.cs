using Microsoft.Extensions.DependencyInjection;
using Sec.ChangeBoard.V1;
using static Sec.ChangeBoard.Api.ChangeBoardMapping;

namespace Sec.ChangeBoard.Api;

/// <summary>
/// The ChangeBoard context's gRPC surface: it checks each request's fields, hands a command to a use
/// case and maps the result back. This part: members, meetings and agendas.
/// </summary>
public sealed partial class ChangeBoardApi(BoardUseCases board, AgendaUseCases agenda, DecisionUseCases decisions,
    ConsistencyQueries consistency, [FromKeyedServices("changeboard")] DiscrepancyApi discrepancies,
    [FromKeyedServices("changeboard")] DataVersionApi dataVersion)
    : ChangeBoardService.ChangeBoardServiceBase
{
    [Authorize(Roles = SecRoles.Secas)]
    public override async Task<AddMemberResponse> AddMember(AddMemberRequest request, ServerCallContext context)
    {
        var checks = new FieldChecks();
        checks.RequiredText(request.Name, "name", 200).RequiredText(request.Organisation, "organisation", 200);
        var group = GroupOf(request.VotingGroup, checks);
        var from = checks.Date(request.From, "from");
        DateOnly? to = request.To is null ? null : checks.Date(request.To, "to");
        if (to is { } t && from != default)
            checks.Check(t >= from, "to", "must not be before from");
        checks.ThrowIfAny();
        var member = await board.AddMemberAsync(new Application.AddMember(request.Name, request.Organisation, group!.Value, from, to), context.CancellationToken);
        return new AddMemberResponse { Member = member.ToProto() };
    }

    [Authorize(Roles = SecRoles.Secas)]
    public override async Task<ScheduleMeetingResponse> ScheduleMeeting(ScheduleMeetingRequest request, ServerCallContext context)
    {
        var checks = new FieldChecks();
        var on = checks.Date(request.MeetingOn, "meeting_on");
        checks.ThrowIfAny();
        return new ScheduleMeetingResponse { MeetingId = await board.ScheduleMeetingAsync(on, context.CancellationToken) };
    }

    [Authorize(Roles = SecRoles.Secas)]
    public override async Task<AddAgendaItemResponse> AddAgendaItem(AddAgendaItemRequest request, ServerCallContext context)
    {
        var checks = new FieldChecks();
        checks.RequiredText(request.MeetingId, "meeting_id", 36);
        var reference = ModificationReference.TryParse(request.Reference?.Value, out var r) ? r : null;
        checks.Check(reference is not null, "reference.value", ModificationReference.NotAReference(request.Reference?.Value));
        var kind = KindOf(request.Kind);
        checks.Check(kind is not null, "kind", "must be a modification vote or an Impact Assessment request");
        checks.Check(Enum.IsDefined(PathOf(request.Path)), "path", $"{(int)request.Path} is not a decision path; give Path 1, 2 or 3, Fast-Track, or none for the register's");
        checks.ThrowIfAny();
        var item = await agenda.AddAgendaItemAsync(new Application.AddAgendaItem(request.MeetingId, reference!, kind!.Value, PathOf(request.Path)), context.CancellationToken);
        return new AddAgendaItemResponse { Item = item.ToProto() };
    }

    [Authorize(Roles = SecRoles.Secas)]
    public override async Task<CarryForwardResponse> CarryForward(CarryForwardRequest request, ServerCallContext context)
    {
        var checks = new FieldChecks();
        checks.RequiredText(request.ItemId, "item_id", 36).RequiredText(request.ToMeetingId, "to_meeting_id", 36);
        checks.ThrowIfAny();
        var carried = await agenda.CarryForwardAsync(new Application.CarryForward(request.ItemId, request.ToMeetingId), context.CancellationToken);
        return new CarryForwardResponse { Item = carried.ToProto() };
    }

    [Authorize(Roles = SecRoles.Readers)]
    public override async Task<GetNextMeetingResponse> GetNextMeeting(GetNextMeetingRequest request, ServerCallContext context)
    {
        var next = await board.NextMeetingAsync(AsOf(request.AsOf), context.CancellationToken);
        var response = new GetNextMeetingResponse { MeetingId = next.Id, MeetingOn = next.MeetingOn.ToProto() };
        response.Agenda.Add(next.Agenda);
        return response;
    }

    [Authorize(Roles = SecRoles.Readers)]
    public override async Task<ListMembersResponse> ListMembers(ListMembersRequest request, ServerCallContext context) =>
        new() { Members = { (await board.MembersAsync(context.CancellationToken)).Select(m => m.ToProto()) } };

    [Authorize(Roles = SecRoles.Readers)]
    public override async Task<ListMeetingsResponse> ListMeetings(ListMeetingsRequest request, ServerCallContext context)
    {
        var (from, to) = Period(request.From, request.To);
        var response = new ListMeetingsResponse();
        foreach (var meeting in await board.MeetingsAsync(from, to, context.CancellationToken))
        {
            var listed = new Meeting { MeetingId = meeting.Id, MeetingOn = meeting.MeetingOn.ToProto() };
            listed.Agenda.Add(meeting.Agenda);
            response.Meetings.Add(listed);
        }
        return response;
    }

    [Authorize(Roles = SecRoles.Readers)]
    public override async Task<GetKnownModificationResponse> GetKnownModification(GetKnownModificationRequest request, ServerCallContext context) =>
        new() { Modification = (await board.KnownModificationAsync(request.Reference?.Value, context.CancellationToken)).ToProto() };

    // Reading agenda items: one item, and the lists the board and the Change Status Report read.

    [Authorize(Roles = SecRoles.Readers)]
    public override async Task<GetAgendaItemResponse> GetAgendaItem(GetAgendaItemRequest request, ServerCallContext context)
    {
        RequireId(request.ItemId);
        return new GetAgendaItemResponse { Item = (await agenda.ItemAsync(request.ItemId, context.CancellationToken)).ToProto() };
    }

    [Authorize(Roles = SecRoles.Readers)]
    public override async Task<ListVotesResponse> ListVotes(ListVotesRequest request, ServerCallContext context)
    {
        var (from, to) = Period(request.From, request.To);
        return new ListVotesResponse { Items = { await agenda.VotesAsync(from, to, context.CancellationToken) } };
    }

    [Authorize(Roles = SecRoles.Readers)]
    public override async Task<ListModificationItemsResponse> ListModificationItems(ListModificationItemsRequest request, ServerCallContext context)
    {
        var reference = ModificationReference.Parse(request.Reference?.Value, "reference.value");
        return new ListModificationItemsResponse { Items = { await agenda.ItemsOfAsync(reference, context.CancellationToken) } };
    }

    [Authorize(Roles = SecRoles.Readers)]
    public override async Task<ListDecisionsResponse> ListDecisions(ListDecisionsRequest request, ServerCallContext context)
    {
        var (from, to) = Period(request.From, request.To);
        return new ListDecisionsResponse { Items = { await agenda.DecisionsAsync(from, to, context.CancellationToken) } };
    }

    [Authorize(Roles = SecRoles.Readers)]
    public override async Task<ListPendingReferralsResponse> ListPendingReferrals(ListPendingReferralsRequest request, ServerCallContext context)
    {
        var asOf = AsOf(request.AsOf);
        var response = new ListPendingReferralsResponse();
        response.Items.Add(await agenda.PendingReferralsAsync(asOf, context.CancellationToken));
        return response;
    }

    [Authorize(Roles = SecRoles.Readers)]
    public override async Task<ListPendingAuthorityDecisionsResponse> ListPendingAuthorityDecisions(ListPendingAuthorityDecisionsRequest request, ServerCallContext context)
    {
        var response = new ListPendingAuthorityDecisionsResponse();
        response.Items.Add(await agenda.PendingAuthorityDecisionsAsync(context.CancellationToken));
        return response;
    }
}
