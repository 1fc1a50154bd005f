using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Sec.ChangeBoard.V1;
using Sec.Identity;
using static Sec.ChangeBoard.Api.ChangeBoardMapping;

namespace Sec.ChangeBoard.Api;

/// <summary>Reading agenda items: one item, and the lists the board and the Change Status Report read.</summary>
public sealed partial class ChangeBoardApi
{
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
        var response = new ListVotesResponse();
        response.Items.Add(await agenda.VotesAsync(from, to, context.CancellationToken));
        return response;
    }

    [Authorize(Roles = SecRoles.Readers)]
    public override async Task<ListDecisionsResponse> ListDecisions(ListDecisionsRequest request, ServerCallContext context)
    {
        var (from, to) = Period(request.From, request.To);
        var response = new ListDecisionsResponse();
        response.Items.Add(await agenda.DecisionsAsync(from, to, context.CancellationToken));
        return response;
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
