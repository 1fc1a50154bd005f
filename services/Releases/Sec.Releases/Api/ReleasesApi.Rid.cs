using Sec.Releases.Protos;
using Sec.Releases.V1;

namespace Sec.Releases.Api;

/// <summary>The Release Implementation Document: versions, edits, baselines, reading and comparing.</summary>
public sealed partial class ReleasesApi
{
    [Authorize(Roles = SecRoles.Secas)]
    public override async Task<EditRidResponse> EditRid(EditRidRequest request, ServerCallContext context)
    {
        // A date that is not one is left out here and reported by the RID's rules in its place among the other fields.
        var dates = new FieldChecks();
        var content = RidContentProtos.ToDomain(request.Content ?? new V1.RidContent(), (date, field) => dates.Date(date, field));
        var rid = await rids.EditAsync(new Application.EditRid(request.ReleaseId, content, Violations(dates)), context.CancellationToken);
        return new EditRidResponse { Rid = rid.ToProto() };
    }

    [Authorize(Roles = SecRoles.Secas)]
    public override async Task<StartRidVersionResponse> StartRidVersion(StartRidVersionRequest request, ServerCallContext context)
    {
        var checks = new FieldChecks();
        if (string.IsNullOrWhiteSpace(request.Version))
            checks.RequiredText(request.Version, "version", Domain.RidVersion.MaxLabelLength);
        else
            Domain.RidVersion.CheckLabel(request.Version.Trim(), "version", checks);
        checks.RequiredText(request.Changes, "changes", 4000);
        var dated = checks.Date(request.Dated, "dated");
        checks.ThrowIfAny();
        var command = new Application.StartRidVersion(request.ReleaseId, request.Version.Trim(), dated, request.Changes.Trim());
        return new StartRidVersionResponse { Rid = (await rids.StartVersionAsync(command, context.CancellationToken)).ToProto() };
    }

    [Authorize(Roles = SecRoles.Panel)]
    public override async Task<BaselineRidResponse> BaselineRid(BaselineRidRequest request, ServerCallContext context)
    {
        var checks = new FieldChecks();
        var on = checks.Date(request.BaselinedOn, "baselined_on");
        checks.ThrowIfAny();
        return new BaselineRidResponse { Rid = (await rids.BaselineAsync(new Application.BaselineRid(request.ReleaseId, on), context.CancellationToken)).ToProto() };
    }

    [Authorize(Roles = SecRoles.Readers)]
    public override async Task<GetRidResponse> GetRid(GetRidRequest request, ServerCallContext context)
    {
        RequireReleaseId(request.ReleaseId);
        var label = string.IsNullOrWhiteSpace(request.Version) ? null : request.Version.Trim();
        return new GetRidResponse { Rid = (await rids.GetAsync(request.ReleaseId, label, context.CancellationToken)).ToProto() };
    }

    [Authorize(Roles = SecRoles.Readers)]
    public override async Task<CompareRidVersionsResponse> CompareRidVersions(CompareRidVersionsRequest request, ServerCallContext context)
    {
        RequireReleaseId(request.ReleaseId);
        var differences = await rids.CompareAsync(request.ReleaseId, request.FromVersion, request.ToVersion, context.CancellationToken);
        return new CompareRidVersionsResponse { Differences = { differences.Select(d => d.ToProto()) } };
    }

    private static void RequireReleaseId(string releaseId)
    {
        if (string.IsNullOrWhiteSpace(releaseId))
            throw new InvalidFields("release_id", "is required");
    }

    /// <summary>What the checks found, without refusing yet.</summary>
    private static IReadOnlyList<FieldViolation> Violations(FieldChecks checks)
    {
        try
        {
            checks.ThrowIfAny();
            return [];
        }
        catch (InvalidFields invalid)
        {
            return invalid.Violations;
        }
    }
}
