using System.Text.RegularExpressions;

namespace Sec.Proposals.Domain;

/// <summary>A category of the harmonised code modification prioritisation: reference data an operator keeps.</summary>
public sealed record PriorityCategory(string Code, string Name, string Description, int Rank, bool Retired);

/// <summary>A request to determine (or review) a modification's priority.</summary>
public sealed record DeterminePriority(string Category, string CriteriaNotes, string DeterminedBy, DateOnly DeterminedOn, bool Review);

/// <summary>One determination or review, as kept.</summary>
public sealed record PriorityDetermination(PriorityCategory Category, string CriteriaNotes, string DeterminedBy, DateOnly DeterminedOn, bool Review, Actor RecordedBy, DateTimeOffset RecordedAt);

/// <summary>The rules of prioritisation: a live category, notes on the criteria, who and when; the one in force on a date is the latest determined by then.</summary>
public static partial class PriorityRules
{
    public const int MaxCode = 40, MaxName = 100, MaxDescription = 2000, MaxNotes = 4000, MaxDeterminedBy = 200;

    public static void CheckCategory(PriorityCategory category, FieldChecks checks)
    {
        checks.RequiredText(category.Code, "category.code", MaxCode)
            .RequiredText(category.Name, "category.name", MaxName)
            .OptionalText(category.Description, "category.description", MaxDescription);
        if (!string.IsNullOrEmpty(category.Code) && category.Code.Length <= MaxCode)
            checks.Check(Code().IsMatch(category.Code), "category.code", $"{FieldChecks.Excerpt(category.Code)} must be lower-case letters, digits and hyphens, for example 'high'");
        checks.Check(category.Rank is >= 0 and <= 1000, "category.rank", "must be from 0 to 1000");
    }

    public static void Check(DeterminePriority determine, DateOnly today, FieldChecks checks)
    {
        checks.RequiredText(determine.Category, "category", MaxCode)
            .RequiredText(determine.CriteriaNotes, "criteria_notes", MaxNotes)
            .RequiredText(determine.DeterminedBy, "determined_by", MaxDeterminedBy);
        checks.Check(determine.DeterminedOn <= today, "determined_on", $"must not be in the future (today is {today:yyyy-MM-dd})");
    }

    /// <summary>The category to determine: it must exist and not be retired.</summary>
    public static PriorityCategory Live(string code, IReadOnlyList<PriorityCategory> categories)
    {
        var category = categories.FirstOrDefault(c => c.Code == code.Trim())
            ?? throw new InvalidFields("category", $"{FieldChecks.Excerpt(code)} is not a priority category; use one of {string.Join(", ", categories.Where(c => !c.Retired).Select(c => c.Code))}");
        return category.Retired
            ? throw new InvalidFields("category", $"'{category.Code}' is retired; use one of {string.Join(", ", categories.Where(c => !c.Retired).Select(c => c.Code))}")
            : category;
    }

    /// <summary>A review needs a determination to review, made on or before it.</summary>
    public static void CheckReview(DeterminePriority determine, IReadOnlyList<PriorityDetermination> history, string reference)
    {
        if (determine.Review && !history.Any(h => h.DeterminedOn <= determine.DeterminedOn))
            throw new MoveNotAllowed($"{reference} has no priority determined on or before {determine.DeterminedOn:d MMMM yyyy} to review; determine it first");
    }

    /// <summary>The determination in force on <paramref name="asOf"/>: the latest determined by then (the later recorded, on the same day).</summary>
    public static PriorityDetermination? InForce(IEnumerable<PriorityDetermination> history, DateOnly asOf) =>
        history.Where(h => h.DeterminedOn <= asOf).OrderBy(h => h.DeterminedOn).ThenBy(h => h.RecordedAt).LastOrDefault();

    [GeneratedRegex("^[a-z0-9][a-z0-9-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex Code();
}
