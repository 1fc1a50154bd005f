namespace Sec.Releases.Domain;

/// <summary>
/// What a modification (or part) in a release's scope may affect if implemented, from a date on:
/// the SEC documents and the systems the December 2016 paper lists per modification under "Potential
/// Impacts" (Docs "SMETS2, GBCS, DUIS"; Systems "DCC"). A later record replaces an earlier one from its
/// date; the earlier ones stay, so the scope as of a date shows what stood then.
/// </summary>
public sealed record PotentialImpacts(string ReleaseId, string Reference, int Part, DateOnly EffectiveOn, IReadOnlyList<string> Documents, IReadOnlyList<string> Systems);

/// <summary>The rules for recording and reading a scope entry's potential impacts.</summary>
public static class PotentialImpactRules
{
    public const int MaxImpacts = 30, MaxImpactLength = 100;

    /// <summary>Checks the two lists, each item naming its field; every violation is reported together.</summary>
    public static void CheckLists(IReadOnlyList<string> documents, IReadOnlyList<string> systems, FieldChecks checks)
    {
        CheckList(documents, "potential_document_impacts", checks);
        CheckList(systems, "potential_system_impacts", checks);
    }

    private static void CheckList(IReadOnlyList<string> items, string field, FieldChecks checks)
    {
        checks.Check(items.Count <= MaxImpacts, field, $"{items.Count} entries; at most {MaxImpacts}");
        for (var i = 0; i < Math.Min(items.Count, MaxImpacts); i++)
            checks.RequiredText(items[i], $"{field}[{i}]", MaxImpactLength);
        var repeated = items.Take(MaxImpacts).Select(s => s.Trim()).GroupBy(s => s, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Key.Length > 0 && g.Count() > 1);
        checks.Check(repeated is null, field, $"{FieldChecks.Excerpt(repeated?.Key)} is given more than once");
    }

    /// <summary>
    /// A record for an entry in the release's scope on its effective date; an entry not in scope then
    /// has nothing to record against.
    /// </summary>
    public static PotentialImpacts Record(IEnumerable<ScopeEntry> releaseScope, string releaseId, string reference, int part, DateOnly on,
        IReadOnlyList<string> documents, IReadOnlyList<string> systems)
    {
        if (!releaseScope.Any(e => e.Reference == reference && e.Part == part && e.InScopeOn(on)))
            throw new NotFound($"{reference}{(part == 0 ? "" : $" part {part}")} is not in this release's scope on {on:yyyy-MM-dd}; add it to the scope first.");
        return new PotentialImpacts(releaseId, reference, part, on, documents.Select(d => d.Trim()).ToList(), systems.Select(s => s.Trim()).ToList());
    }

    /// <summary>
    /// The impacts standing on a date for an entry: the latest record effective by then (of two on one
    /// day, the one recorded later; <paramref name="history"/> is in recorded order); none before the first.
    /// </summary>
    public static PotentialImpacts? On(IEnumerable<PotentialImpacts> history, string reference, int part, DateOnly date) =>
        history.Where(h => h.Reference == reference && h.Part == part && h.EffectiveOn <= date)
            .Select((h, recorded) => (h, recorded)).OrderBy(x => x.h.EffectiveOn).ThenBy(x => x.recorded).Select(x => x.h).LastOrDefault();

    /// <summary>Each line with the impacts standing on the date it is shown as of.</summary>
    public static IReadOnlyList<ScopeLine> WithImpactsOn(IReadOnlyList<ScopeLine> lines, IReadOnlyList<PotentialImpacts> history, DateOnly date) =>
        lines.Select(l => On(history, l.Reference, l.Part, date) is { } impacts
            ? l with { PotentialDocumentImpacts = impacts.Documents, PotentialSystemImpacts = impacts.Systems }
            : l).ToList();
}
