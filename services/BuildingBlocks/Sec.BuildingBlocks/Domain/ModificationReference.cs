using System.Globalization;
using System.Text.RegularExpressions;

namespace Sec.BuildingBlocks.Domain;

/// <summary>What kind of thing a reference names.</summary>
public enum ReferenceKind
{
    /// <summary>A Draft Proposal, DPnnn.</summary>
    DraftProposal,

    /// <summary>A Modification Proposal, MPnnn, or its alternate MPnnnA.</summary>
    ModificationProposal,

    /// <summary>A legacy modification from before 2018, SECMPnnnn.</summary>
    Legacy,
}

/// <summary>
/// A modification's reference in its canonical form: DP119, MP119, MP102A or SECMP0067. Parsing
/// accepts the obvious variants (MP78, mp078, SECMP67, "SECMP 0067") so every lookup works from
/// what a person types.
/// </summary>
public sealed partial record ModificationReference
{
    private ModificationReference(ReferenceKind kind, int number, string alternate)
    {
        // Only what TryParse reads back: a reference outside the series' numbers could be stored but never found again.
        ArgumentOutOfRangeException.ThrowIfLessThan(number, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(number, kind == ReferenceKind.Legacy ? MaxLegacyNumber : MaxNumber);
        Kind = kind;
        Number = number;
        Alternate = alternate;
        Value = kind switch
        {
            ReferenceKind.DraftProposal => $"DP{number:000}",
            ReferenceKind.ModificationProposal => $"MP{number:000}{alternate}",
            _ => $"SECMP{number:0000}",
        };
    }

    /// <summary>The highest DP or MP number the register gives or accepts: five digits.</summary>
    public const int MaxNumber = 99_999;

    /// <summary>The highest legacy SECMP number: the legacy series has four digits.</summary>
    public const int MaxLegacyNumber = 9_999;

    /// <summary>The longest text a reference can be, however it is written.</summary>
    public const int MaxLength = 20;

    public ReferenceKind Kind { get; }

    /// <summary>The number; DP119 and MP119 share it.</summary>
    public int Number { get; }

    /// <summary>The alternate's letter (A in MP102A), or empty.</summary>
    public string Alternate { get; }

    /// <summary>The canonical text.</summary>
    public string Value { get; }

    public static ModificationReference Draft(int number) => new(ReferenceKind.DraftProposal, number, "");

    public static ModificationReference Modification(int number, string alternate = "") => new(ReferenceKind.ModificationProposal, number, alternate);

    public static ModificationReference Legacy(int number) => new(ReferenceKind.Legacy, number, "");

    /// <summary>The Modification Proposal a Draft Proposal becomes on conversion: DP119 becomes MP119.</summary>
    public ModificationReference AsModification() => Modification(Number, Alternate);

    public static bool TryParse(string? text, out ModificationReference reference)
    {
        reference = null!;
        if (string.IsNullOrWhiteSpace(text) || text.Length > MaxLength)
            return false;
        // Scanned papers read O for 0 (SECMPO0007, MPO78); accept that too.
        var match = Pattern().Match(text.Trim());
        if (!match.Success)
            return false;
        var digits = match.Groups["number"].Value.Replace('O', '0').Replace('o', '0');
        var prefix = match.Groups["prefix"].Value.ToUpperInvariant();
        if (!int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number <= 0
            || number > (prefix == "SECMP" ? MaxLegacyNumber : MaxNumber))
            return false;
        var alternate = match.Groups["alternate"].Value.ToUpperInvariant();
        reference = prefix switch
        {
            "DP" when alternate.Length == 0 => Draft(number),
            "MP" => Modification(number, alternate),
            "SECMP" when alternate.Length == 0 => Legacy(number),
            _ => null!,
        };
        return reference is not null;
    }

    /// <summary>Parses a reference or refuses with InvalidArgument naming <paramref name="field"/>.</summary>
    public static ModificationReference Parse(string? text, string field) =>
        TryParse(text, out var reference) ? reference
            : throw new InvalidFields(field, NotAReference(text));

    /// <summary>The refusal of a text that is no reference, quoting a short excerpt of it.</summary>
    public static string NotAReference(string? text) =>
        $"{FieldChecks.Excerpt(text)} is not a modification reference; expected a form such as DP119, MP122, MP102A or SECMP0067 (DP and MP numbers up to {MaxNumber:N0}, SECMP up to {MaxLegacyNumber:N0})";

    public override string ToString() => Value;

    [GeneratedRegex(@"^(?<prefix>SECMP|DP|MP)[\s\-_]*(?<number>[0-9Oo]*[0-9][0-9Oo]*)(?<alternate>[A-Za-z]?)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
