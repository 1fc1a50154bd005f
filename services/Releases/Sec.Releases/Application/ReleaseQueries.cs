using Sec.BuildingBlocks.ReadModels;
using KnownModification = Sec.Releases.Domain.KnownModification;

namespace Sec.Releases.Application;

/// <summary>A release with its scope on a date.</summary>
public sealed record ReleaseContents(Release Release, IReadOnlyList<ScopeLine> Scope);

/// <summary>The Change Status Report's questions of the releases, and what this context knows of the register.</summary>
public sealed class ReleaseQueries(ReleasesStore store, ReleaseRepository releases)
{
    /// <summary>Releases not yet implemented on a date, as they stood then, with their scope on it.</summary>
    public async Task<IReadOnlyList<ReleaseContents>> UpcomingAsync(DateOnly asOf, CancellationToken ct) =>
        (await ContentsAsync(r => r.IsUpcomingOn(asOf), _ => asOf, _ => true, ct))
        .Select(c => c with { Release = c.Release.AsOf(asOf) }).OrderBy(c => c.Release.ImplementationDate).ToList();

    /// <summary>Every release, each as it stood on <paramref name="asOf"/> when one is given, by implementation date.</summary>
    public async Task<IReadOnlyList<Release>> AllAsync(DateOnly? asOf, CancellationToken ct) =>
        (await store.ReadAsync(c => releases.ReleasesAsync(c, null, ct), ct))
        .Select(r => asOf is { } on ? r.AsOf(on) : r).OrderBy(r => r.ImplementationDate).ThenBy(r => r.Name).ToList();

    /// <summary>The releases a modification is in, each with its entries on its implementation date.</summary>
    public async Task<IReadOnlyList<ReleaseContents>> WithModificationAsync(ModificationReference reference, CancellationToken ct) =>
        (await ContentsAsync(_ => true, r => r.ImplementationDate, e => e.Reference == reference.Value, ct)).Where(r => r.Scope.Count > 0).ToList();

    /// <summary>The releases implemented in the month beginning on <paramref name="firstDay"/>, with their scope on their date.</summary>
    public Task<IReadOnlyList<ReleaseContents>> ImplementedInMonthAsync(DateOnly firstDay, CancellationToken ct) =>
        ContentsAsync(r => r.WasImplementedBetween(firstDay, firstDay.AddMonths(1).AddDays(-1)), r => r.ImplementationDate, _ => true, ct);

    public async Task<KnownModification> KnownModificationAsync(ModificationReference reference, CancellationToken ct)
    {
        var known = await KnownModifications.GetAsync(store, reference, ct);
        return new KnownModification(known.Reference, known.Title, known.RaisedOn);
    }

    /// <summary>Releases chosen by <paramref name="which"/>, each with its scope on the date <paramref name="on"/> gives.</summary>
    private async Task<IReadOnlyList<ReleaseContents>> ContentsAsync(Func<Release, bool> which, Func<Release, DateOnly> on, Func<ScopeEntry, bool> entries, CancellationToken ct)
    {
        await using var c = await store.OpenAsync(ct);
        var contents = new List<ReleaseContents>();
        foreach (var release in (await releases.ReleasesAsync(c, null, ct)).Where(which))
        {
            var scope = (await releases.ScopeAsync(c, null, release.Id, ct)).Where(entries);
            contents.Add(new ReleaseContents(release, await ScopeTitles.LinesOnAsync(releases, c, release.Id, scope, on(release), ct)));
        }
        return contents;
    }
}
