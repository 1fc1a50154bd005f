namespace Sec.Releases.Domain;

/// <summary>
/// A release goes live on its implementation date (a durable timer) or when asked. Every approved
/// modification in its scope is published as implemented, once: a second go-live finds the release
/// implemented and publishes nothing. A modification split into parts is implemented with its last part.
/// </summary>
public static class GoLive
{
    /// <summary>The timer kind, one per release.</summary>
    public const string Kind = "go-live";

    /// <summary>A release goes live as its implementation date begins, UK time.</summary>
    public static DateTimeOffset DueAt(DateOnly implementationDate) => UkTime.StartOf(implementationDate);

    /// <summary>The entries approved in the release's scope on its date: what goes live with it.</summary>
    public static IEnumerable<ScopeEntry> ApprovedScope(Release release, IReadOnlyList<ScopeEntry> everyScope) =>
        everyScope.Where(e => e.ReleaseId == release.Id && e.InScopeOn(release.ImplementationDate) && e.KindOn(release.ImplementationDate) == ScopeKind.Approved);

    /// <summary>One event for each approved entry in the release's scope on its date, unless a later part of it is still to come in another release.</summary>
    public static IReadOnlyList<ModificationImplemented> Implemented(Release release, IReadOnlyList<ScopeEntry> everyScope)
    {
        var on = release.ImplementationDate;
        return ApprovedScope(release, everyScope)
            .Where(e => !everyScope.Any(o => o.Reference == e.Reference && o.Part > e.Part && o.LeftOn is null && o.ReleaseId != release.Id))
            .Select(e => new ModificationImplemented(NewIds.Message(), e.Reference, on, release.Name))
            .ToList();
    }
}
