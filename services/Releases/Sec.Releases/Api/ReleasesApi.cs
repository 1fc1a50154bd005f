using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Sec.BuildingBlocks.Api;
using Sec.Identity;
using Sec.Releases.V1;

namespace Sec.Releases.Api;

/// <summary>
/// The Releases context's gRPC surface: releases, scope, the RID and go-live. It maps requests to
/// the use cases' commands, checking each field, and their results back to the protos.
/// </summary>
public sealed partial class ReleasesApi(ReleaseUseCases releases, ScopeUseCases scopes, RidUseCases rids, ReleaseQueries queries)
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
        var checks = new FieldChecks();
        var on = checks.Date(request.DecidedOn, "decided_on");
        checks.OptionalText(request.OverrideReason, "override_reason", 2000);
        checks.ThrowIfAny();
        var decided = await releases.DecideGoNoGoAsync(new Application.DecideGoNoGo(request.ReleaseId, request.Go, on, request.OverrideReason), context.CancellationToken);
        return new DecideGoNoGoResponse { Release = decided.ToProto() };
    }

    [Authorize(Roles = SecRoles.Secas)]
    public override async Task<ImplementReleaseResponse> ImplementRelease(ImplementReleaseRequest request, ServerCallContext context)
    {
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
}
