using Sec.BuildingBlocks.Domain;

namespace Sec.Proposals.Domain;

/// <summary>
/// What SECAS writes on a month's Change Status Report besides the figures: who wrote it, the Panel
/// paper's reference, the date it is dated, and a narrative for any section.
/// </summary>
public sealed record ReportCover(DateOnly Month, string Author, string PaperReference, DateOnly ReportDate, IReadOnlyDictionary<string, string> Narratives)
{
    /// <summary>The report's sections a narrative may open, by the names the request uses.</summary>
    public static readonly IReadOnlyList<string> Sections = ["summary", "define", "refine", "opine", "release"];

    public const int AuthorLength = 200;
    public const int PaperReferenceLength = 100;
    public const int NarrativeLength = 4000;

    /// <summary>A cover dated before its month's activity began cannot report it; each narrative names a section.</summary>
    public static ReportCover Set(DateOnly month, string author, string paperReference, DateOnly reportDate, IReadOnlyDictionary<string, string> narratives, FieldChecks checks)
    {
        // An unreadable month was refused already; there is no activity month to compare with.
        var activityFrom = month == DateOnly.MinValue ? DateOnly.MinValue : month.AddMonths(-1);
        checks.RequiredText(author, "author", AuthorLength)
            .OptionalText(paperReference, "paper_reference", PaperReferenceLength)
            .Check(reportDate >= activityFrom, "report_date", $"{reportDate:yyyy-MM-dd} is before the activity month of the {month:yyyy-MM} report ({activityFrom:yyyy-MM})");
        foreach (var (section, text) in narratives)
        {
            // A key is named in the field only when it is short and printable; otherwise the map is.
            var field = section.Length <= 40 && !section.Any(FieldChecks.Unprintable) ? $"narratives[{section}]" : "narratives";
            checks.Check(Sections.Contains(section), field, $"{FieldChecks.Excerpt(section)} is not a section; use one of {string.Join(", ", Sections)}");
            checks.OptionalText(text, field, NarrativeLength);
        }
        checks.ThrowIfAny();
        return new ReportCover(month, author.Trim(), paperReference.Trim(), reportDate,
            narratives.Where(n => !string.IsNullOrWhiteSpace(n.Value)).ToDictionary(n => n.Key, n => n.Value.Trim()));
    }
}
