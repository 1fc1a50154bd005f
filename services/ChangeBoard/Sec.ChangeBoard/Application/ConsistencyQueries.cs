using Sec.BuildingBlocks.ReadModels;

namespace Sec.ChangeBoard.Application;

/// <summary>
/// What this context holds about every modification, for the register's consistency check: its
/// view of the register, and the claims its own record makes that the register must agree with
/// (each vote's, <see cref="BoardClaims"/>).
/// </summary>
public sealed class ConsistencyQueries(ChangeBoardStore store, ChangeBoardRepository board)
{
    public async Task<(IReadOnlyList<RegisterView> Views, IReadOnlyList<RegisterClaim> Claims)> DescribeAsync(CancellationToken ct)
    {
        var views = await store.ReadAsync(c => KnownModifications.AllViewsAsync(c, null, store.Schema), ct);
        var claims = (await board.StandingVotesAsync(ct)).Select(BoardClaims.Of).OfType<RegisterClaim>().ToList();
        return (views, claims);
    }
}
