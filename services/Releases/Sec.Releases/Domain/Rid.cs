namespace Sec.Releases.Domain;

/// <summary>One version of a Release Implementation Document, with the scope it was baselined (or replaced) with.</summary>
public sealed partial record RidVersion(string Label, DateOnly Dated, string Changes, bool Baselined, RidContent Content, IReadOnlyList<ScopeEntry>? ScopeSnapshot)
{
    /// <summary>A label is shown, compared and named in messages: short, and only letters, digits, dots and dashes ("0.1", "1.0", "2.1-draft").</summary>
    public const int MaxLabelLength = 20;

    /// <summary>No SEC release predates 2015; a RID is not planned more than five years ahead.</summary>
    public static readonly DateOnly EarliestDate = new(2015, 1, 1);

    public const int MaxYearsAhead = 5;

    [System.Text.RegularExpressions.GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9.-]*$")]
    private static partial System.Text.RegularExpressions.Regex SafeLabel();

    public static FieldChecks CheckLabel(string label, string field, FieldChecks checks) =>
        checks.Check(label.Length <= MaxLabelLength && SafeLabel().IsMatch(label), field,
            $"{FieldChecks.Excerpt(label, MaxLabelLength)} is not a version label: at most {MaxLabelLength} letters, digits, dots and dashes, such as 1.0");

    /// <summary>A version's, a baseline's or a go-live's date (<paramref name="what"/>), from 2015 to five years after <paramref name="today"/>.</summary>
    public static void CheckDated(DateOnly dated, DateOnly today, string field, string what = "date for a RID")
    {
        var latest = today.AddYears(MaxYearsAhead);
        if (dated < EarliestDate || dated > latest)
            throw new InvalidFields(field, $"{dated:yyyy-MM-dd} is not a plausible {what} (from {EarliestDate:yyyy-MM-dd} to {latest:yyyy-MM-dd})");
    }

    public void RequireDraft()
    {
        if (Baselined)
            throw new MoveNotAllowed($"Version {Label} of the RID was baselined and cannot change; start a new version instead.");
    }
}

/// <summary>
/// A release's Release Implementation Document and its versions. Work goes into the latest version;
/// the Panel baselines it (0.1 a first draft, 1.0 baselined, 1.1 re-baselined). A baselined version
/// is an immutable snapshot, and so is any version a later one has replaced: a change starts a new version.
/// </summary>
public sealed record Rid(Release Release, IReadOnlyList<RidVersion> Versions)
{
    public RidVersion? Current => Versions.Count == 0 ? null : Versions[^1];

    /// <summary>The current version's content; empty before the first version.</summary>
    public RidContent Content => Current?.Content ?? RidContent.Empty;

    /// <summary>A new draft from the latest content; the version it replaces keeps the scope it had on its date, as a snapshot, like a baseline.</summary>
    public Rid StartVersion(string label, DateOnly dated, string changes, IReadOnlyList<ScopeEntry> scope)
    {
        if (Versions.Any(v => v.Label == label))
            throw new AlreadyExists($"The RID already has a version {label}.");
        if (Current is { } latest && dated < latest.Dated)
            throw new InvalidFields("dated", $"{dated:yyyy-MM-dd} is before version {latest.Label}, dated {latest.Dated:yyyy-MM-dd}; versions follow one another");
        var versions = Versions.ToList();
        if (Current is { ScopeSnapshot: null } replaced)
            versions[^1] = replaced with { ScopeSnapshot = ScopeEntry.Snapshot(scope, replaced.Dated) };
        versions.Add(new RidVersion(label, dated, changes, false, Content, null));
        return this with { Versions = versions };
    }

    /// <summary>Replaces the draft's content; the content must keep the RID's rules.</summary>
    public Rid Edit(RidContent content, IReadOnlyList<FieldViolation> unreadable)
    {
        RidContentRules.Check(content, Release.ImplementationDate, unreadable);
        var current = Current ?? throw new MoveNotAllowed($"{Release.Name} has no RID version yet; start version 0.1 first.");
        current.RequireDraft();
        return WithCurrent(current with { Content = content });
    }

    /// <summary>The Panel baselines the draft with the scope on the day; the first baseline moves a planned release to baselined.</summary>
    public Rid Baseline(DateOnly on, IReadOnlyList<ScopeEntry> scope)
    {
        var current = Current ?? throw new MoveNotAllowed($"{Release.Name} has no RID version to baseline.");
        current.RequireDraft();
        return WithCurrent(current with { Baselined = true, ScopeSnapshot = ScopeEntry.Snapshot(scope, on) }) with { Release = Release.Baselined() };
    }

    /// <summary>
    /// The whole RID as read: a named version (with its snapshot) or the current one (with the live
    /// scope on <paramref name="today"/>), and the costs of the scope it shows.
    /// </summary>
    public RidView View(string? label, DateOnly today, IReadOnlyList<ScopeEntry> liveScope, IReadOnlyDictionary<string, DccCost> returned)
    {
        var version = label is null ? Current : Versions.FirstOrDefault(v => v.Label == label)
            ?? throw new NotFound($"{Release.Name}'s RID has no version {FieldChecks.Excerpt(label, RidVersion.MaxLabelLength)}.");
        var snapshot = version?.ScopeSnapshot;
        // A snapshot holds exactly the scope it was taken with; the live draft shows today's.
        var on = snapshot is not null ? DateOnly.MaxValue.AddDays(-1) : today;
        var scope = snapshot ?? liveScope;
        var content = version?.Content ?? RidContent.Empty;
        return new RidView(Release, version, ScopeEntry.LinesOn(scope, on, snapshot is not null), content, RidCosts.Of(scope, on, content, returned), Versions);
    }

    private Rid WithCurrent(RidVersion current) => this with { Versions = [.. Versions.SkipLast(1), current] };
}

/// <summary>The RID as read: the version shown, the scope it shows, its content and costs, and every version.</summary>
public sealed record RidView(Release Release, RidVersion? Version, IReadOnlyList<ScopeLine> Scope, RidContent Content, RidCosts Costs, IReadOnlyList<RidVersion> History);

/// <summary>What one section gained and lost between two versions.</summary>
public sealed record RidDifference(string Section, IReadOnlyList<string> Added, IReadOnlyList<string> Removed);

/// <summary>The RID's sections as lines, so two versions can be compared.</summary>
public static class RidComparison
{
    /// <summary>Section by section; sections with no difference are left out.</summary>
    public static IReadOnlyList<RidDifference> Differences(RidView from, RidView to) =>
        Sections(from, to)
            .Select(s => new RidDifference(s.Section, s.After.Except(s.Before).ToList(), s.Before.Except(s.After).ToList()))
            .Where(d => d.Added.Count + d.Removed.Count > 0)
            .ToList();

    private static IEnumerable<(string Section, IReadOnlyList<string> Before, IReadOnlyList<string> After)> Sections(RidView from, RidView to)
    {
        static IReadOnlyList<string> Scope(RidView r) => r.Scope.Select(s => $"{s.Reference}{(s.Part == 0 ? "" : $" part {s.Part}")} ({s.Kind})").ToList();
        static IReadOnlyList<string> Matrix(IEnumerable<ImpactRow> rows) => rows.Select(r => $"{r.Subject}: {string.Join(", ", r.References)}").ToList();
        static IReadOnlyList<string> Timeline(RidView r) => r.Content.Timeline.Select(t => $"{t.On.Year:0000}-{t.On.Month:00}-{t.On.Day:00} {t.Event}").ToList();
        static IReadOnlyList<string> Costs(RidView r) => r.Costs.PerModification.Select(c => $"{c.Reference} {c.Implementation.LowPence}-{c.Implementation.HighPence}").ToList();
        static IReadOnlyList<string> Criteria(RidView r) => r.Content.AcceptanceCriteria.Select(a => $"{a.Text} ({(a.Met ? "met" : "not met")})").ToList();
        yield return ("scope", Scope(from), Scope(to));
        yield return ("participant impacts", Matrix(from.Content.ParticipantImpacts), Matrix(to.Content.ParticipantImpacts));
        yield return ("document impacts", Matrix(from.Content.DocumentImpacts), Matrix(to.Content.DocumentImpacts));
        yield return ("other codes", from.Content.OtherCodes, to.Content.OtherCodes);
        yield return ("timeline", Timeline(from), Timeline(to));
        yield return ("costs", Costs(from), Costs(to));
        yield return ("acceptance criteria", Criteria(from), Criteria(to));
    }
}
