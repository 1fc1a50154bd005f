using Sec.BuildingBlocks.Domain;

namespace Sec.Releases.Domain;

/// <summary>The kinds of SEC Release.</summary>
public enum ReleaseType
{
    Major = 1,
    Minor = 2,
    Standalone = 3,
}

/// <summary>Where a release stands.</summary>
public enum ReleaseStatus
{
    Planned = 1,
    Baselined = 2,
    Go = 3,
    NoGo = 4,
    Implemented = 5,
    Cancelled = 6,
}

/// <summary>How a modification is in scope.</summary>
public enum ScopeKind
{
    Approved = 1,
    Targeted = 2,
}

/// <summary>A SEC Release: its type and implementation date, and the Panel's go/no-go.</summary>
public sealed record Release(string Id, string Name, ReleaseType Type, DateOnly ImplementationDate, ReleaseStatus Status, string? GoNoGo, int Version)
{
    /// <summary>Scheduled releases keep to their months: major in June or November, minor in February.</summary>
    public static void Check(string name, ReleaseType? type, DateOnly date, FieldChecks checks)
    {
        checks.RequiredText(name, "name", 200).Check(type is not null, "type", "must be major, minor or standalone");
        if (date == default)
            return;
        if (type == ReleaseType.Major)
            checks.Check(date.Month is 6 or 11, "implementation_date", $"a major release goes live in June or November, not {date:MMMM}");
        if (type == ReleaseType.Minor)
            checks.Check(date.Month == 2, "implementation_date", $"a minor release goes live in February, not {date:MMMM}");
    }

    /// <summary>Go is refused while any acceptance criterion is unmet, unless an override reason is recorded.</summary>
    public Release Decide(bool go, DateOnly on, IReadOnlyList<string> unmetCriteria, string? overrideReason)
    {
        if (Status is ReleaseStatus.Implemented or ReleaseStatus.Cancelled)
            throw new MoveNotAllowed($"{Name} is {Status}; the go/no-go decision is made before go-live.");
        if (!go)
            return this with { Status = ReleaseStatus.NoGo, GoNoGo = $"no-go on {on:d MMMM yyyy}", Version = Version + 1 };
        if (unmetCriteria.Count > 0 && string.IsNullOrWhiteSpace(overrideReason))
            throw new MoveNotAllowed($"{Name} has {unmetCriteria.Count} acceptance criteria unmet ({string.Join("; ", unmetCriteria)}); go needs them met, or an override reason recorded.");
        var note = unmetCriteria.Count > 0 ? $" (override: {overrideReason!.Trim()})" : "";
        return this with { Status = ReleaseStatus.Go, GoNoGo = $"go on {on:d MMMM yyyy}{note}", Version = Version + 1 };
    }

    /// <summary>Goes live; null when it already has (go-live happens once however often it is asked for).</summary>
    public Release? Implement()
    {
        if (Status == ReleaseStatus.Implemented)
            return null;
        if (Status is ReleaseStatus.NoGo or ReleaseStatus.Cancelled)
            throw new MoveNotAllowed($"{Name} is {Status}; it cannot go live.");
        return this with { Status = ReleaseStatus.Implemented, Version = Version + 1 };
    }
}

/// <summary>A modification, or one part of it, in a release's scope, with its history: when it joined, was approved, or left and why.</summary>
public sealed record ScopeEntry(string ReleaseId, string Reference, int Part, ScopeKind AddedAs, DateOnly? DecisionCutOff, DateOnly AddedOn,
    DateOnly? ApprovedOn, DateOnly? LeftOn, string? LeftReason)
{
    public bool InScopeOn(DateOnly date) => AddedOn <= date && (LeftOn is null || LeftOn > date);

    public ScopeKind KindOn(DateOnly date) => ApprovedOn is { } approved && approved <= date ? ScopeKind.Approved : ScopeKind.Targeted;

    /// <summary>Targeted, undecided, and past its decision cut-off on the date.</summary>
    public bool PastCutOff(DateOnly date) => KindOn(date) == ScopeKind.Targeted && DecisionCutOff is { } cutOff && cutOff < date;

    public string Label => Part == 0 ? Reference : $"{Reference} part {Part}";
}

/// <summary>The rules of a release's scope.</summary>
public static class ScopeRules
{
    /// <summary>A modification is in a release once, whole, or in distinct parts.</summary>
    public static void CheckAdd(IEnumerable<ScopeEntry> inRelease, string reference, int part)
    {
        foreach (var e in inRelease.Where(e => e.Reference == reference && e.LeftOn is null))
            if (e.Part == part || e.Part == 0 || part == 0)
                throw new AlreadyExists($"{e.Label} is already in this release's scope; split it into parts to put it in again.");
    }
}

/// <summary>One version of a Release Implementation Document.</summary>
public sealed record RidVersion(string Label, DateOnly Dated, string Changes, bool Baselined, string Content, string? ScopeSnapshot);

/// <summary>
/// The RID's version rules: work goes into the latest version; the Panel baselines it (0.1 a first
/// draft, 1.0 baselined, 1.1 re-baselined). A baselined version is an immutable snapshot, and so is
/// any version a later one has replaced: a change starts a new version.
/// </summary>
public static class RidVersions
{
    public static void RequireDraft(RidVersion current)
    {
        if (current.Baselined)
            throw new MoveNotAllowed($"Version {current.Label} of the RID was baselined and cannot change; start a new version instead.");
    }

    public static void CheckNew(IReadOnlyList<RidVersion> versions, string label)
    {
        if (versions.Any(v => v.Label == label))
            throw new AlreadyExists($"The RID already has a version {label}.");
    }
}
