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
        new FieldChecks().ReleaseId(request.ReleaseId).ThrowIfAny();
        var dates = new FieldChecks();
        var content = RidContentProtos.ToDomain(request.Content ?? new V1.RidContent(), (date, field) => dates.Date(date, field));
        var rid = await rids.EditAsync(new Application.EditRid(request.ReleaseId, content, Violations(dates)), context.CancellationToken);
        return new EditRidResponse { Rid = rid.ToProto() };
    }

    [Authorize(Roles = SecRoles.Secas)]
    public override async Task<StartRidVersionResponse> StartRidVersion(StartRidVersionRequest request, ServerCallContext context)
    {
        var checks = new FieldChecks().ReleaseId(request.ReleaseId);
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
        var checks = new FieldChecks().ReleaseId(request.ReleaseId);
        var on = checks.Date(request.BaselinedOn, "baselined_on");
        checks.ThrowIfAny();
        return new BaselineRidResponse { Rid = (await rids.BaselineAsync(new Application.BaselineRid(request.ReleaseId, on), context.CancellationToken)).ToProto() };
    }

    [Authorize(Roles = SecRoles.Readers)]
    public override async Task<GetRidResponse> GetRid(GetRidRequest request, ServerCallContext context)
    {
        // A read looks a label up as stored, so it is bounded here, not held to the rules new labels follow.
        new FieldChecks().ReleaseId(request.ReleaseId).OptionalText(request.Version, "version", MaxLabelRead).ThrowIfAny();
        var label = string.IsNullOrWhiteSpace(request.Version) ? null : request.Version.Trim();
        return new GetRidResponse { Rid = (await rids.GetAsync(request.ReleaseId, label, context.CancellationToken)).ToProto() };
    }

    [Authorize(Roles = SecRoles.Readers)]
    public override async Task<CompareRidVersionsResponse> CompareRidVersions(CompareRidVersionsRequest request, ServerCallContext context)
    {
        new FieldChecks().ReleaseId(request.ReleaseId)
            .RequiredText(request.FromVersion, "from_version", MaxLabelRead).RequiredText(request.ToVersion, "to_version", MaxLabelRead).ThrowIfAny();
        var differences = await rids.CompareAsync(request.ReleaseId, request.FromVersion.Trim(), request.ToVersion.Trim(), context.CancellationToken);
        return new CompareRidVersionsResponse { Differences = { differences.Select(d => d.ToProto()) } };
    }

    /// <summary>The longest version label a read looks up.</summary>
    private const int MaxLabelRead = 200;

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
