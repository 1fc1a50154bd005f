using System.Globalization;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Sec.BuildingBlocks.Api;
using Sec.Identity;
using Sec.Releases.V1;

namespace Sec.Releases.Api;

/// <summary>The releases as the Change Status Report lists them: upcoming, by modification, implemented in a month.</summary>
public sealed partial class ReleasesApi
{
    [Authorize(Roles = SecRoles.Readers)]
    public override async Task<ListUpcomingReleasesResponse> ListUpcomingReleases(ListUpcomingReleasesRequest request, ServerCallContext context)
    {
        var checks = new FieldChecks();
        var asOf = checks.IsoDate(request.AsOf, "as_of");
        checks.ThrowIfAny();
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
        if (!DateOnly.TryParseExact(request.Month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first))
            throw new InvalidFields("month", $"'{request.Month}' is not a month in the form yyyy-mm");
        var implemented = await queries.ImplementedInMonthAsync(first, context.CancellationToken);
        return new ListImplementedInMonthResponse { Releases = { implemented.Select(r => r.ToProto()) } };
    }
}
