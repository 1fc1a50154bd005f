using Sec.BuildingBlocks.Domain;

namespace Sec.Proposals.Domain;

/// <summary>
/// What SECAS writes on a month's Change Status Report besides the figures: who wrote it, the Panel
/// paper's reference, the date it is dated, a narrative for any section, and the papers appended to it
/// (Appendix A, the DCC's progress report, in the 2020 papers).
/// </summary>
public sealed record ReportCover(DateOnly Month, string Author, string PaperReference, DateOnly ReportDate, IReadOnlyDictionary<string, string> Narratives,
    IReadOnlyList<ReportAppendix> Appendices)
{
    /// <summary>The report's sections a narrative may open, by the names the request uses.</summary>
    public static readonly IReadOnlyList<string> Sections = ["summary", "define", "refine", "opine", "release"];

    public const int AuthorLength = 200;
    public const int PaperReferenceLength = 100;
    public const int NarrativeLength = 4000;
    public const int AppendixTitleLength = 300, AppendixUrlLength = DocumentRules.MaxUrl;

    /// <summary>Appendices are lettered A to Z.</summary>
    public const int MaxAppendices = 26;

    /// <summary>The letter an appendix is printed under: A for the first.</summary>
    public static char Letter(int index) => (char)('A' + index);

    /// <summary>A cover dated before its month's activity began cannot report it; each narrative names a section.</summary>
    public static ReportCover Set(DateOnly month, string author, string paperReference, DateOnly reportDate, IReadOnlyDictionary<string, string> narratives,
        IReadOnlyList<ReportAppendix> appendices, FieldChecks checks)
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
        checks.Check(appendices.Count <= MaxAppendices, "appendices", $"{appendices.Count} appendices; at most {MaxAppendices} (A to Z)");
        for (var i = 0; i < Math.Min(appendices.Count, MaxAppendices); i++)
        {
            var (title, url) = (appendices[i].Title, appendices[i].Url);
            checks.RequiredText(title, $"appendices[{i}].title", AppendixTitleLength);
            checks.Check(url.Length <= AppendixUrlLength, $"appendices[{i}].url", $"must be at most {AppendixUrlLength} characters");
            checks.Check(DocumentRules.IsWebLink(url), $"appendices[{i}].url", $"{FieldChecks.Excerpt(url)} is not an absolute http or https URL");
        }
        checks.ThrowIfAny();
        return new ReportCover(month, author.Trim(), paperReference.Trim(), reportDate,
            narratives.Where(n => !string.IsNullOrWhiteSpace(n.Value)).ToDictionary(n => n.Key, n => n.Value.Trim()),
            appendices.Select(a => new ReportAppendix(a.Title.Trim(), a.Url.Trim())).ToList());
    }
}

/// <summary>A paper appended to a month's report: its title and where a reader finds it.</summary>
public sealed record ReportAppendix(string Title, string Url);
