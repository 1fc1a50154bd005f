namespace Sec.Proposals.Domain;

/// <summary>A DCC assessment open on a date, for the modification it names.</summary>
public enum OpenAssessmentKind
{
    Preliminary = 1,
    Impact = 2,
}

/// <summary>
/// The Refinement Process's modifications by what they wait for, as the December 2016 Modification
/// Status Report breaks its count down: "Further refinement, 13; DCC Preliminary Assessments, 3;
/// DCC Impact Assessment, 1". Each counts once: an open Impact Assessment comes first (it follows the
/// Preliminary one), then an open Preliminary Assessment; the rest are in further refinement.
/// </summary>
public sealed record RefinementBreakdown(int FurtherRefinement, IReadOnlyList<string> AwaitingPreliminary, IReadOnlyList<string> AwaitingImpact)
{
    /// <summary>
    /// Breaks down <paramref name="inRefinement"/> (references as on the as-of date) by the assessments
    /// open on that date. A modification is matched by its number and suffix, not its prefix, since
    /// an assessment may name it as it was when requested (DP109, now MP109).
    /// </summary>
    public static RefinementBreakdown Of(IEnumerable<string> inRefinement, IEnumerable<(string Reference, OpenAssessmentKind Kind)> open)
    {
        var openKinds = open.GroupBy(o => Key(o.Reference)).ToDictionary(g => g.Key, g => g.Select(o => o.Kind).ToHashSet());
        var further = 0;
        List<string> preliminary = [], impact = [];
        foreach (var reference in inRefinement.Distinct().Order(StringComparer.Ordinal))
        {
            var kinds = openKinds.GetValueOrDefault(Key(reference));
            if (kinds?.Contains(OpenAssessmentKind.Impact) == true)
                impact.Add(reference);
            else if (kinds?.Contains(OpenAssessmentKind.Preliminary) == true)
                preliminary.Add(reference);
            else
                further++;
        }
        return new RefinementBreakdown(further, preliminary, impact);
    }

    /// <summary>A reference without its series prefix: SECMP0016 and MP16 are one modification; MP102A is not MP102.</summary>
    private static string Key(string reference)
    {
        var rest = reference.AsSpan().TrimStart("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");
        var digits = 0;
        while (digits < rest.Length && char.IsAsciiDigit(rest[digits]))
            digits++;
        var number = rest[..digits].TrimStart('0').ToString();
        return $"{(number.Length == 0 ? "0" : number)}{rest[digits..].ToString().ToUpperInvariant()}";
    }
}
