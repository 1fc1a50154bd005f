using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Sec.BuildingBlocks.Api;
using Sec.Identity;
using Sec.Releases.V1;

namespace Sec.Releases.Api;

/// <summary>A release's scope: in, out, and as it stood on a date.</summary>
public sealed partial class ReleasesApi
{
    [Authorize(Roles = SecRoles.Secas)]
    public override async Task<AddToScopeResponse> AddToScope(AddToScopeRequest request, ServerCallContext context)
    {
        var checks = new FieldChecks();
        checks.RequiredText(request.ReleaseId, "release_id", 36).Check(request.Part is >= 0 and <= 9, "part", "must be 0 (not split) or a part number from 1 to 9");
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
        checks.RequiredText(request.ReleaseId, "release_id", 36).RequiredText(request.Reason, "reason", 500);
        var reference = checks.Reference(request.Reference, "reference.value");
        var on = checks.Date(request.EffectiveOn, "effective_on");
        checks.ThrowIfAny();
        var exit = await scopes.RemoveAsync(new Application.RemoveFromScope(request.ReleaseId, reference!, request.Part, request.Reason.Trim(), on), context.CancellationToken);
        return new RemoveFromScopeResponse { Exit = exit.ToProto() };
    }

    [Authorize(Roles = SecRoles.Readers)]
    public override async Task<GetScopeResponse> GetScope(GetScopeRequest request, ServerCallContext context)
    {
        var checks = new FieldChecks();
        var asOf = checks.IsoDate(request.AsOf, "as_of");
        checks.ThrowIfAny();
        var scope = await scopes.GetAsync(request.ReleaseId, asOf, context.CancellationToken);
        return new GetScopeResponse { Entries = { scope.Entries.Select(e => e.ToProto()) }, Exits = { scope.Exits.Select(e => e.ToProto()) } };
    }
}
