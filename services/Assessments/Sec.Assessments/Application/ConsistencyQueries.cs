using Sec.BuildingBlocks.ReadModels;

namespace Sec.Assessments.Application;

/// <summary>
/// What this context holds about every modification, for the register's consistency check: its
/// view of the register, and the claims its own record makes that the register must agree with.
/// </summary>
public sealed class ConsistencyQueries(AssessmentsStore store, AssessmentRepository assessments)
{
    public Task<(IReadOnlyList<RegisterView> Views, IReadOnlyList<RegisterClaim> Claims)> DescribeAsync(CancellationToken ct) =>
        store.ReadAsync(async c => (await KnownModifications.AllViewsAsync(c, null, store.Schema),
            (IReadOnlyList<RegisterClaim>)(await assessments.OpenAsync(c, ct)).Select(AssessmentClaims.Of).ToList()), ct);
}
