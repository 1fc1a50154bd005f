using Microsoft.Extensions.DependencyInjection;
using Sec.Releases.V1;

namespace Sec.Releases.Api;

/// <summary>
/// The Releases context's gRPC surface: releases, scope, the RID and go-live. It maps requests to
/// the use cases' commands, checking each field, and their results back to the protos.
/// </summary>
public sealed partial class ReleasesApi(ReleaseUseCases releases, ScopeUseCases scopes, RidUseCases rids, ReleaseQueries queries,
    ConsistencyQueries consistency, [FromKeyedServices("releases")] DiscrepancyApi discrepancies,
    [FromKeyedServices("releases")] DataVersionApi dataVersion)
    : ReleasesService.ReleasesServiceBase
{
    [Authorize(Roles = SecRoles.Secas)]
    public override async Task<CreateReleaseResponse> CreateRelease(CreateReleaseRequest request, ServerCallContext context)
    {
        var checks = new FieldChecks();
        var type = ReleasesMapping.ToDomain(request.Type);
        var date = checks.Date(request.ImplementationDate, "implementation_date");
        Domain.Release.Check(request.Name, type, date, checks);
        checks.ThrowIfAny();
        var planned = await releases.PlanAsync(new PlanRelease(request.Name.Trim(), type!.Value, date), context.CancellationToken);
        return new CreateReleaseResponse { Release = planned.ToProto() };
    }

    [Authorize(Roles = SecRoles.Panel)]
    public override async Task<DecideGoNoGoResponse> DecideGoNoGo(DecideGoNoGoRequest request, ServerCallContext context)
    {
        var checks = new FieldChecks().ReleaseId(request.ReleaseId);
        var on = checks.Date(request.DecidedOn, "decided_on");
        checks.OptionalText(request.OverrideReason, "override_reason", 2000);
        checks.ThrowIfAny();
        var decided = await releases.DecideGoNoGoAsync(new Application.DecideGoNoGo(request.ReleaseId, request.Go, on, request.OverrideReason), context.CancellationToken);
        return new DecideGoNoGoResponse { Release = decided.ToProto() };
    }

    [Authorize(Roles = SecRoles.Panel)]
    public override async Task<RescheduleReleaseResponse> RescheduleRelease(RescheduleReleaseRequest request, ServerCallContext context)
    {
        var checks = new FieldChecks();
        checks.ReleaseId(request.ReleaseId).RequiredText(request.Reason, "reason", 2000);
        var to = checks.Date(request.ImplementationDate, "implementation_date");
        var on = checks.Date(request.DecidedOn, "decided_on");
        checks.ThrowIfAny();
        var moved = await releases.RescheduleAsync(new RescheduleRelease(request.ReleaseId, to, on, request.Reason.Trim()), context.CancellationToken);
        return new RescheduleReleaseResponse { Release = moved.ToProto() };
    }

    [Authorize(Roles = SecRoles.Panel)]
    public override async Task<CancelReleaseResponse> CancelRelease(CancelReleaseRequest request, ServerCallContext context)
    {
        var checks = new FieldChecks();
        checks.ReleaseId(request.ReleaseId).RequiredText(request.Reason, "reason", 2000);
        var on = checks.Date(request.CancelledOn, "cancelled_on");
        checks.ThrowIfAny();
        var (cancelled, exits) = await releases.CancelAsync(new CancelRelease(request.ReleaseId, on, request.Reason.Trim()), context.CancellationToken);
        return new CancelReleaseResponse { Release = cancelled.ToProto(), Exits = { exits.Select(e => e.ToProto()) } };
    }

    [Authorize(Roles = SecRoles.Readers)]
    public override async Task<ListReleasesResponse> ListReleases(ListReleasesRequest request, ServerCallContext context)
    {
        DateOnly? asOf = string.IsNullOrEmpty(request.AsOf) ? null : ProtoFieldChecks.RequireIsoDate(request.AsOf, "as_of");
        return new ListReleasesResponse { Releases = { (await queries.AllAsync(asOf, context.CancellationToken)).Select(r => r.ToProto()) } };
    }

    [Authorize(Roles = SecRoles.Secas)]
    public override async Task<ImplementReleaseResponse> ImplementRelease(ImplementReleaseRequest request, ServerCallContext context)
    {
        new FieldChecks().ReleaseId(request.ReleaseId).ThrowIfAny();
        var implementation = await releases.ImplementAsync(request.ReleaseId, context.CancellationToken);
        return new ImplementReleaseResponse
        {
            Release = implementation.Release.ToProto(), Implemented = { implementation.Implemented.Select(ReleasesMapping.Reference) },
        };
    }

    [Authorize(Roles = SecRoles.Readers)]
    public override async Task<GetKnownModificationResponse> GetKnownModification(GetKnownModificationRequest request, ServerCallContext context)
    {
        var reference = ModificationReference.Parse(request.Reference?.Value, "reference.value");
        return new GetKnownModificationResponse { Modification = (await queries.KnownModificationAsync(reference, context.CancellationToken)).ToProto() };
    }

    // A release's scope: in, out, and as it stood on a date.

    [Authorize(Roles = SecRoles.Secas)]
    public override async Task<AddToScopeResponse> AddToScope(AddToScopeRequest request, ServerCallContext context)
    {
        var checks = new FieldChecks();
        checks.ReleaseId(request.ReleaseId).Check(request.Part is >= 0 and <= 9, "part", "must be 0 (not split) or a part number from 1 to 9");
        var reference = checks.Reference(request.Reference, "reference.value");
        var kind = ReleasesMapping.ToDomain(request.Kind);
        checks.Check(kind is not null, "kind", "must be approved or targeted");
        DateOnly? cutOff = request.DecisionCutOff is null ? null : checks.Date(request.DecisionCutOff, "decision_cut_off");
        var on = checks.Date(request.EffectiveOn, "effective_on");
        checks.ThrowIfAny();
        var added = await scopes.AddAsync(new Application.AddToScope(request.ReleaseId, reference!, request.Part, kind!.Value, cutOff, on), context.CancellationToken);
        return new AddToScopeResponse { Entry = added.ToProto() };
    }

    [Authorize(Roles = SecRoles.Secas)]
    public override async Task<RemoveFromScopeResponse> RemoveFromScope(RemoveFromScopeRequest request, ServerCallContext context)
    {
        var checks = new FieldChecks();
        checks.ReleaseId(request.ReleaseId).RequiredText(request.Reason, "reason", 500);
        var reference = checks.Reference(request.Reference, "reference.value");
        var on = checks.Date(request.EffectiveOn, "effective_on");
        checks.ThrowIfAny();
        var exit = await scopes.RemoveAsync(new Application.RemoveFromScope(request.ReleaseId, reference!, request.Part, request.Reason.Trim(), on), context.CancellationToken);
        return new RemoveFromScopeResponse { Exit = exit.ToProto() };
    }

    [Authorize(Roles = SecRoles.Secas)]
    public override async Task<RecordPotentialImpactsResponse> RecordPotentialImpacts(RecordPotentialImpactsRequest request, ServerCallContext context)
    {
        var checks = new FieldChecks();
        checks.ReleaseId(request.ReleaseId).Check(request.Part is >= 0 and <= 9, "part", "must be 0 (not split) or a part number from 1 to 9");
        var reference = checks.Reference(request.Reference, "reference.value");
        PotentialImpactRules.CheckLists(request.PotentialDocumentImpacts, request.PotentialSystemImpacts, checks);
        var on = checks.Date(request.EffectiveOn, "effective_on");
        checks.ThrowIfAny();
        var line = await scopes.RecordImpactsAsync(new Application.RecordPotentialImpacts(request.ReleaseId, reference!, request.Part,
            request.PotentialDocumentImpacts, request.PotentialSystemImpacts, on), context.CancellationToken);
        return new RecordPotentialImpactsResponse { Entry = line.ToProto() };
    }

    [Authorize(Roles = SecRoles.Readers)]
    public override async Task<GetScopeResponse> GetScope(GetScopeRequest request, ServerCallContext context)
    {
        var checks = new FieldChecks().ReleaseId(request.ReleaseId);
        var asOf = checks.IsoDate(request.AsOf, "as_of");
        checks.ThrowIfAny();
        var scope = await scopes.GetAsync(request.ReleaseId, asOf, context.CancellationToken);
        return new GetScopeResponse { Entries = { scope.Entries.Select(e => e.ToProto()) }, Exits = { scope.Exits.Select(e => e.ToProto()) } };
    }

    // The releases as the Change Status Report lists them: upcoming, by modification, implemented in a month.

    [Authorize(Roles = SecRoles.Readers)]
    public override async Task<ListUpcomingReleasesResponse> ListUpcomingReleases(ListUpcomingReleasesRequest request, ServerCallContext context)
    {
        var asOf = ProtoFieldChecks.RequireIsoDate(request.AsOf, "as_of");
        var upcoming = await queries.UpcomingAsync(asOf, context.CancellationToken);
        return new ListUpcomingReleasesResponse { Releases = { upcoming.Select(r => r.ToProto()) } };
    }

    [Authorize(Roles = SecRoles.Readers)]
    public override async Task<ListReleasesWithModificationResponse> ListReleasesWithModification(ListReleasesWithModificationRequest request, ServerCallContext context)
    {
        var reference = ModificationReference.Parse(request.Reference?.Value, "reference.value");
        var with = await queries.WithModificationAsync(reference, context.CancellationToken);
        return new ListReleasesWithModificationResponse { Releases = { with.Select(r => r.ToProto()) } };
    }

    [Authorize(Roles = SecRoles.Readers)]
    public override async Task<ListImplementedInMonthResponse> ListImplementedInMonth(ListImplementedInMonthRequest request, ServerCallContext context)
    {
        var first = ProtoFieldChecks.RequireIsoMonth(request.Month, "month");
        var implemented = await queries.ImplementedInMonthAsync(first, context.CancellationToken);
        return new ListImplementedInMonthResponse { Releases = { implemented.Select(r => r.ToProto()) } };
    }
}
