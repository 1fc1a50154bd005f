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

    /// <summary>A required text: not empty, not only white space, at most <paramref name="maxLength"/> characters.</summary>
    public FieldChecks RequiredText(string? value, string field, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
            return Add(field, "is required and must not be blank");
        return Check(value.Length <= maxLength, field, $"must be at most {maxLength} characters (it has {value.Length})");
    }

    /// <summary>An optional text, at most <paramref name="maxLength"/> characters.</summary>
    public FieldChecks OptionalText(string? value, string field, int maxLength) =>
        Check(value is null || value.Length <= maxLength, field, $"must be at most {maxLength} characters");

    /// <summary>
    /// A bad value as a refusal quotes it: at most <paramref name="max"/> characters, control
    /// characters shown as '?', and the length when cut, so no refusal echoes a whole input back.
    /// </summary>
    public static string Excerpt(string? value, int max = 40)
    {
        if (value is null)
            return "''";
        var shown = new string(value.Take(max).Select(c => char.IsControl(c) || c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069' ? '?' : c).ToArray());
        return value.Length <= max ? $"'{shown}'" : $"'{shown}…' ({value.Length:N0} characters)";
    }

    /// <summary>Throws <see cref="InvalidFields"/> with every violation found, if any.</summary>
    public void ThrowIfAny()
    {
        if (_violations.Count > 0)
            throw new InvalidFields(_violations.ToArray());
    }
}
