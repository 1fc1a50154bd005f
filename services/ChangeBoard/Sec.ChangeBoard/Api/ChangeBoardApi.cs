using System.Globalization;
using Grpc.Core;
using Microsoft.Extensions.Options;
using Sec.BuildingBlocks.Api;
using Sec.BuildingBlocks.Domain;
using Sec.BuildingBlocks.ReadModels;
using Sec.BuildingBlocks.Timers;
using Sec.Calendar;
using Sec.ChangeBoard.Domain;
using Sec.ChangeBoard.Messaging;
using Sec.ChangeBoard.Storage;
using Sec.ChangeBoard.V1;
using Sec.Contracts;
using AgendaItem = Sec.ChangeBoard.Domain.AgendaItem;
using AgendaItemKind = Sec.ChangeBoard.Domain.AgendaItemKind;
using Member = Sec.ChangeBoard.Domain.Member;
using Outcome = Sec.ChangeBoard.Domain.Outcome;
using Proto = Sec.ChangeBoard.V1;
using Vote = Sec.ChangeBoard.Domain.Vote;
using VoteValue = Sec.ChangeBoard.Domain.VoteValue;
using VotingGroup = Sec.ChangeBoard.Domain.VotingGroup;

namespace Sec.ChangeBoard.Api;

/// <summary>The ChangeBoard context's gRPC surface.</summary>
public sealed class ChangeBoardApi(
    ChangeBoardStore store,
    ChangeBoardRepository board,
    CountingRuleInForce counting,
    LegalWorkingDays legal,
    IOptions<ChangeBoardOptions> options,
    IClock clock) : ChangeBoardService.ChangeBoardServiceBase
{
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
        var member = await board.AddMemberAsync(new Member(Guid.NewGuid().ToString("D"), request.Name.Trim(), request.Organisation.Trim(), group!.Value, from, to), context.CancellationToken);
        return new AddMemberResponse { Member = ToProto(member) };
    }

    public override async Task<ScheduleMeetingResponse> ScheduleMeeting(ScheduleMeetingRequest request, ServerCallContext context)
    {
        var checks = new FieldChecks();
        var on = checks.Date(request.MeetingOn, "meeting_on");
        checks.ThrowIfAny();
        return new ScheduleMeetingResponse { MeetingId = await board.ScheduleMeetingAsync(on, context.CancellationToken) };
    }

    public override async Task<AddAgendaItemResponse> AddAgendaItem(AddAgendaItemRequest request, ServerCallContext context)
    {
        var checks = new FieldChecks();
        checks.RequiredText(request.MeetingId, "meeting_id", 36);
        var reference = ModificationReference.TryParse(request.Reference?.Value, out var r) ? r : null;
        checks.Check(reference is not null, "reference.value", $"'{request.Reference?.Value}' is not a modification reference");
        AgendaItemKind? kind = request.Kind switch
        {
            Proto.AgendaItemKind.ModificationVote => AgendaItemKind.ModificationVote,
            Proto.AgendaItemKind.ImpactAssessmentRequest => AgendaItemKind.ImpactAssessmentRequest,
            _ => null,
        };
        checks.Check(kind is not null, "kind", "must be a modification vote or an Impact Assessment request");
        checks.ThrowIfAny();
        var item = await store.InTransactionAsync(async (c, tx) =>
        {
            var known = await KnownModifications.RequireAsync(c, tx, store.Schema, reference!, "reference.value");
            var meetingOn = await board.MeetingDateAsync(c, tx, request.MeetingId, context.CancellationToken);
            var path = (DecisionPath)request.Path;
            if (kind == AgendaItemKind.ModificationVote && path == DecisionPath.None)
                path = (DecisionPath)(await board.ReadyPathAsync(c, tx, known) ?? throw new InvalidFields("path",
                    $"{known} has not been sent for decision by the register; give its path"));
            var item = new AgendaItem
            {
                Id = Guid.NewGuid().ToString("D"), MeetingId = request.MeetingId, MeetingOn = meetingOn, Reference = known,
                Kind = kind!.Value, Path = kind == AgendaItemKind.ModificationVote ? path : DecisionPath.None, Version = 1,
            };
            await board.InsertItemAsync(c, tx, item, []);
            return item;
        }, context.CancellationToken);
        return new AddAgendaItemResponse { Item = ToProto(item) };
    }

    public override async Task<CarryForwardResponse> CarryForward(CarryForwardRequest request, ServerCallContext context)
    {
        var checks = new FieldChecks();
        checks.RequiredText(request.ItemId, "item_id", 36).RequiredText(request.ToMeetingId, "to_meeting_id", 36);
        checks.ThrowIfAny();
        var carried = await store.InTransactionAsync(async (c, tx) =>
        {
            var before = await board.LoadItemAsync(c, tx, request.ItemId, context.CancellationToken);
            var meetingOn = await board.MeetingDateAsync(c, tx, request.ToMeetingId, context.CancellationToken);
            await board.SaveAsync(c, tx, before, before.CarryTo(request.ToMeetingId, meetingOn), []);
            var next = before with
            {
                Id = Guid.NewGuid().ToString("D"), MeetingId = request.ToMeetingId, MeetingOn = meetingOn, Votes = [], Version = 1,
            };
            await board.InsertItemAsync(c, tx, next, []);
            return next;
        }, context.CancellationToken);
        return new CarryForwardResponse { Item = ToProto(carried) };
    }

    public override async Task<CastVoteResponse> CastVote(CastVoteRequest request, ServerCallContext context)
    {
        var checks = new FieldChecks();
        checks.RequiredText(request.ItemId, "item_id", 36).RequiredText(request.MemberId, "member_id", 36);
        VoteValue? value = request.Value switch
        {
            Proto.VoteValue.Approve => VoteValue.Approve,
            Proto.VoteValue.Reject => VoteValue.Reject,
            Proto.VoteValue.Abstain => VoteValue.Abstain,
            _ => null,
        };
        checks.Check(value is not null, "value", $"must be approve, reject or abstain (got {request.Value})");
        checks.ThrowIfAny();
        return new CastVoteResponse
        {
            Item = await ChangeAsync(request.ItemId, async (item, c, tx) => item.Cast(await board.MemberAsync(c, tx, request.MemberId, context.CancellationToken), value!.Value), null, context),
        };
    }

    public override async Task<CloseVoteResponse> CloseVote(CloseVoteRequest request, ServerCallContext context)
    {
        RequireId(request.ItemId);
        var days = options.Value.ReferralWindowWorkingDays;
        return new CloseVoteResponse
        {
            Item = await ChangeAsync(request.ItemId, (item, _, _) => Task.FromResult(item.Close(counting.Rule, on => legal.AddWorkingDays(on, days))),
                async (after, c, tx) =>
                {
                    if (after.IsSelfGoverned)
                    {
                        await DurableTimers.ScheduleAsync(c, tx, store.Schema, ReferralWindowEnded.Kind, after.Id, ReferralWindowEnded.DueAt(after.ReferralWindowEndsOn!.Value), null, clock.UtcNow);
                        return [];
                    }
                    return [new ModificationRecommended(Guid.NewGuid(), after.Reference, after.MeetingOn, after.Outcome == Outcome.Approved)];
                }, context),
        };
    }

    public override async Task<ReferDecisionResponse> ReferDecision(ReferDecisionRequest request, ServerCallContext context)
    {
        var checks = new FieldChecks();
        checks.RequiredText(request.ItemId, "item_id", 36).RequiredText(request.ReferredBy, "referred_by", 200);
        var on = checks.Date(request.ReferredOn, "referred_on");
        checks.ThrowIfAny();
        return new ReferDecisionResponse
        {
            Item = await ChangeAsync(request.ItemId, (item, _, _) => Task.FromResult(item.Refer(request.ReferredBy, on)),
                async (after, c, tx) =>
                {
                    await DurableTimers.CancelAsync(c, tx, store.Schema, ReferralWindowEnded.Kind, after.Id, clock.UtcNow);
                    return [new ModificationReferred(Guid.NewGuid(), after.Reference, on, after.ReferredBy!, after.Outcome.ToDecision())];
                }, context),
        };
    }

    public override async Task<DetermineReferralResponse> DetermineReferral(DetermineReferralRequest request, ServerCallContext context)
    {
        var checks = new FieldChecks();
        checks.RequiredText(request.ItemId, "item_id", 36);
        var on = checks.Date(request.DeterminedOn, "determined_on");
        checks.ThrowIfAny();
        return new DetermineReferralResponse
        {
            Item = await ChangeAsync(request.ItemId, (item, _, _) => Task.FromResult(item.DetermineReferral(request.Upheld, on)),
                (after, _, _) => Task.FromResult<IEnumerable<IIntegrationEvent>>(
                    [new ReferralDetermined(Guid.NewGuid(), after.Reference, on, request.Upheld, after.FinalOutcome.ToDecision()), Decisions.Final(after)]), context),
        };
    }

    public override async Task<RecordAuthorityDecisionResponse> RecordAuthorityDecision(RecordAuthorityDecisionRequest request, ServerCallContext context)
    {
        var checks = new FieldChecks();
        checks.RequiredText(request.ItemId, "item_id", 36);
        var on = checks.Date(request.DecidedOn, "decided_on");
        checks.ThrowIfAny();
        return new RecordAuthorityDecisionResponse
        {
            Item = await ChangeAsync(request.ItemId, (item, _, _) => Task.FromResult(item.RecordAuthorityDecision((Outcome)request.Outcome, on)),
                (after, _, _) => Task.FromResult<IEnumerable<IIntegrationEvent>>(
                    [new AuthorityDecided(Guid.NewGuid(), after.Reference, on, after.FinalOutcome.ToDecision())]), context),
        };
    }

    public override async Task<DecideImpactAssessmentRequestResponse> DecideImpactAssessmentRequest(DecideImpactAssessmentRequestRequest request, ServerCallContext context)
    {
        RequireId(request.ItemId);
        return new DecideImpactAssessmentRequestResponse
        {
            Item = await ChangeAsync(request.ItemId, (item, _, _) => Task.FromResult(item.DecideImpactAssessmentRequest((Outcome)request.Outcome)),
                (after, _, _) => Task.FromResult<IEnumerable<IIntegrationEvent>>(
                    [new ImpactAssessmentRequestDecided(Guid.NewGuid(), after.Reference, after.MeetingOn, after.FinalOutcome.ToImpactRequestDecision())]), context),
        };
    }

    public override async Task<GetAgendaItemResponse> GetAgendaItem(GetAgendaItemRequest request, ServerCallContext context)
    {
        RequireId(request.ItemId);
        await using var c = await store.OpenAsync(context.CancellationToken);
        return new GetAgendaItemResponse { Item = ToProto(await board.LoadItemAsync(c, null, request.ItemId, context.CancellationToken)) };
    }

    public override async Task<ListVotesResponse> ListVotes(ListVotesRequest request, ServerCallContext context)
    {
        var (from, to) = Period(request.From, request.To);
        var response = new ListVotesResponse();
        response.Items.AddRange((await board.ItemsAsync(ChangeBoardRepository.Filters.VotesIn, new { From = from, To = to }, context.CancellationToken)).Select(ToProto));
        return response;
    }

    public override async Task<ListDecisionsResponse> ListDecisions(ListDecisionsRequest request, ServerCallContext context)
    {
        var (from, to) = Period(request.From, request.To);
        var response = new ListDecisionsResponse();
        response.Items.AddRange((await board.ItemsAsync(ChangeBoardRepository.Filters.FinalIn, new { From = from, To = to }, context.CancellationToken)).Select(ToProto));
        return response;
    }

    public override async Task<ListPendingReferralsResponse> ListPendingReferrals(ListPendingReferralsRequest request, ServerCallContext context)
    {
        var checks = new FieldChecks();
        var asOf = checks.IsoDate(request.AsOf, "as_of");
        checks.ThrowIfAny();
        var response = new ListPendingReferralsResponse();
        response.Items.AddRange((await board.ItemsAsync(ChangeBoardRepository.Filters.PendingReferrals, new { AsOf = asOf }, context.CancellationToken)).Select(ToProto));
        return response;
    }

    public override async Task<ListPendingAuthorityDecisionsResponse> ListPendingAuthorityDecisions(ListPendingAuthorityDecisionsRequest request, ServerCallContext context)
    {
        var response = new ListPendingAuthorityDecisionsResponse();
        response.Items.AddRange((await board.ItemsAsync(ChangeBoardRepository.Filters.WithAuthority, new { }, context.CancellationToken)).Select(ToProto));
        return response;
    }

    public override async Task<GetNextMeetingResponse> GetNextMeeting(GetNextMeetingRequest request, ServerCallContext context)
    {
        var checks = new FieldChecks();
        var asOf = checks.IsoDate(request.AsOf, "as_of");
        checks.ThrowIfAny();
        var next = await board.NextMeetingAsync(asOf, context.CancellationToken)
            ?? throw new NotFound($"No Change Board meeting is scheduled after {asOf:d MMMM yyyy}.");
        var response = new GetNextMeetingResponse { MeetingId = next.Id, MeetingOn = next.MeetingOn.ToProto() };
        response.Agenda.AddRange((await board.ItemsAsync(ChangeBoardRepository.Filters.OnMeeting, new { MeetingId = next.Id }, context.CancellationToken)).Select(ToProto));
        return response;
    }

    public override async Task<GetKnownModificationResponse> GetKnownModification(GetKnownModificationRequest request, ServerCallContext context) =>
        new() { Modification = await KnownModifications.LookupAsync(store, request.Reference, context.CancellationToken) };

    /// <summary>Loads an item, applies a rule, saves it with its events; all in one transaction.</summary>
    private async Task<Proto.AgendaItem> ChangeAsync(string itemId, Func<AgendaItem, System.Data.Common.DbConnection, System.Data.Common.DbTransaction, Task<AgendaItem>> rule,
        Func<AgendaItem, System.Data.Common.DbConnection, System.Data.Common.DbTransaction, Task<IEnumerable<IIntegrationEvent>>>? events, ServerCallContext context)
    {
        var after = await store.InTransactionAsync(async (c, tx) =>
        {
            var before = await board.LoadItemAsync(c, tx, itemId, context.CancellationToken);
            var changed = await rule(before, c, tx);
            await board.SaveAsync(c, tx, before, changed, events is null ? [] : await events(changed, c, tx));
            return changed;
        }, context.CancellationToken);
        return ToProto(after);
    }

    private static void RequireId(string id)
    {
        if (string.IsNullOrWhiteSpace(id))
            throw new InvalidFields("item_id", "is required");
    }

    private static (DateOnly From, DateOnly To) Period(string from, string to)
    {
        var checks = new FieldChecks();
        var f = checks.IsoDate(from, "from");
        var t = checks.IsoDate(to, "to");
        if (f != default && t != default)
            checks.Check(t >= f, "to", "must not be before from");
        checks.ThrowIfAny();
        return (f, t);
    }


    private static VotingGroup? GroupOf(Proto.VotingGroup group, FieldChecks checks)
    {
        if (group is > Proto.VotingGroup.Unspecified and <= Proto.VotingGroup.Consumer)
            return (VotingGroup)group;
        checks.Add("voting_group", $"{group} is not a voting group; use Large Supplier, Small Supplier, Electricity Network, Gas Network, Other SEC Parties or Consumer");
        return null;
    }

    private static Proto.Member ToProto(Member m) => new()
    {
        MemberId = m.Id, Name = m.Name, Organisation = m.Organisation, VotingGroup = (Proto.VotingGroup)m.Group, From = m.From.ToProto(), To = m.To?.ToProto(),
    };

    private static Proto.AgendaItem ToProto(AgendaItem i)
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
        };
        message.Breakdown.AddRange(i.Breakdown.Select(t => new GroupPosition
        {
            VotingGroup = (Proto.VotingGroup)t.Group, Approve = t.Approve, Reject = t.Reject, Abstain = t.Abstain, Position = (Proto.Outcome)t.Position,
        }));
        message.Votes.AddRange(i.Votes.Select(v => new Proto.Vote
        {
            MemberId = v.MemberId, MemberName = v.MemberName, VotingGroup = (Proto.VotingGroup)v.Group, Value = (Proto.VoteValue)v.Value, Superseded = v.Superseded,
        }));
        return message;
    }
}
