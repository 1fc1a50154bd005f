namespace Sec.BuildingBlocks.Domain;

/// <summary>
/// The one validation pattern: collect every field violation of a request, then refuse once with
/// all of them, before anything is written.
/// </summary>
public sealed class FieldChecks
{
    private readonly List<FieldViolation> _violations = [];

    public bool IsValid => _violations.Count == 0;

    public FieldChecks Add(string field, string description)
    {
        _violations.Add(new FieldViolation(field, description));
        return this;
    }

    /// <summary>Adds a violation when <paramref name="ok"/> is false.</summary>
    public FieldChecks Check(bool ok, string field, string description) => ok ? this : Add(field, description);

    /// <summary>
    /// A text allowed this long is prose (a problem statement, a reason) and may keep its tabs and
    /// line breaks; a shorter one is a title, a name or a key, all on one line.
    /// </summary>
    public const int FreeTextFrom = 256;

    /// <summary>
    /// A required text: not empty, not only white space, at most <paramref name="maxLength"/>
    /// characters, and none of the characters <see cref="Unprintable"/> refuses.
    /// </summary>
    public FieldChecks RequiredText(string? value, string field, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
            return Add(field, "is required and must not be blank");
        if (value.Length > maxLength)
            return Add(field, $"must be at most {maxLength} characters (it has {value.Length})");
        return Printable(value, field, maxLength);
    }

    /// <summary>An optional text, at most <paramref name="maxLength"/> characters, with no character <see cref="Unprintable"/> refuses.</summary>
    public FieldChecks OptionalText(string? value, string field, int maxLength)
    {
        if (string.IsNullOrEmpty(value))
            return this;
        if (value.Length > maxLength)
            return Add(field, $"must be at most {maxLength} characters");
        return Printable(value, field, maxLength);
    }

    /// <summary>
    /// Control characters (NUL, BEL...) corrupt stored text and reports, and the bidirectional
    /// overrides and isolates make a title read differently from what is stored. The refusal gives
    /// the position, not the character, so it shows nothing hidden.
    /// </summary>
    private FieldChecks Printable(string value, string field, int maxLength)
    {
        var prose = maxLength >= FreeTextFrom;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (prose && c is '\t' or '\n' or '\r')
                continue;
            if (Unprintable(c))
                return Add(field, $"must not contain control or bidirectional-override characters (one at position {i + 1}){(prose ? "; only tabs and line breaks are allowed" : "")}");
        }
        return this;
    }

    /// <summary>A control character, or a bidirectional override (U+202A..U+202E) or isolate (U+2066..U+2069).</summary>
    public static bool Unprintable(char c) => char.IsControl(c) || c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069';

    /// <summary>
    /// A bad value as a refusal quotes it: at most <paramref name="max"/> characters, control
    /// characters shown as '?', and the length when cut, so no refusal echoes a whole input back.
    /// </summary>
    public static string Excerpt(string? value, int max = 40)
    {
        if (value is null)
            return "''";
        var shown = new string(value.Take(max).Select(c => Unprintable(c) ? '?' : c).ToArray());
        return value.Length <= max ? $"'{shown}'" : $"'{shown}…' ({value.Length:N0} characters)";
    }

    /// <summary>Throws <see cref="InvalidFields"/> with every violation found, if any.</summary>
    public void ThrowIfAny()
    {
        if (_violations.Count > 0)
            throw new InvalidFields(_violations.ToArray());
    }
}
