using System.Globalization;
using Google.Protobuf.WellKnownTypes;

namespace Sec.BuildingBlocks.Api;

/// <summary>Maps the protos' value types to the domain's, refusing malformed values with the field named.</summary>
public static class ProtoConversions
{
    /// <summary>
    /// The register's business dates run from 1990-01-01 (before smart metering's SEC) to
    /// 2100-12-31 (well past any plan); a date outside is a typing slip, and refusing it keeps the
    /// working-day and money arithmetic away from the calendar's ends.
    /// </summary>
    public static readonly DateOnly EarliestBusinessDate = new(1990, 1, 1);

    public static readonly DateOnly LatestBusinessDate = new(2100, 12, 31);

    /// <summary>A required business date; a missing, impossible (30 February) or implausible date is refused.</summary>
    public static DateOnly ToDateOnly(this Google.Type.Date? date, string field)
    {
        if (date is null || (date.Year == 0 && date.Month == 0 && date.Day == 0))
            throw new InvalidFields(field, "is required");
        if (date.Year < EarliestBusinessDate.Year || date.Year > LatestBusinessDate.Year)
            throw new InvalidFields(field, $"{date.Year:0000}-{date.Month:00}-{date.Day:00} {OutsideBusinessDates}");
        if (date.Month is < 1 or > 12 || date.Day < 1 || date.Day > DateTime.DaysInMonth(date.Year, date.Month))
            throw new InvalidFields(field, $"{date.Year:0000}-{date.Month:00}-{date.Day:00} is not a real date");
        return new DateOnly(date.Year, date.Month, date.Day);
    }

    internal const string OutsideBusinessDates = "is outside the register's dates, 1990-01-01 to 2100-12-31";

    public static Google.Type.Date ToProto(this DateOnly date) => new() { Year = date.Year, Month = date.Month, Day = date.Day };

    public static Timestamp ToProto(this DateTimeOffset instant) => Timestamp.FromDateTimeOffset(instant);
}

/// <summary>Field checks for proto values, so one request's violations are all reported together.</summary>
public static class ProtoFieldChecks
{
    /// <summary>A query's one date, given as text (yyyy-mm-dd): the date, or InvalidArgument naming <paramref name="field"/>.</summary>
    public static DateOnly RequireIsoDate(string? text, string field)
    {
        var checks = new FieldChecks();
        var date = checks.IsoDate(text, field);
        checks.ThrowIfAny();
        return date;
    }

    /// <summary>A date given as text (yyyy-mm-dd), as the queries' paths carry it.</summary>
    public static DateOnly IsoDate(this FieldChecks checks, string? text, string field)
    {
        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            checks.Add(field, $"{FieldChecks.Excerpt(text)} is not a date in the form yyyy-mm-dd");
        else if (date < ProtoConversions.EarliestBusinessDate || date > ProtoConversions.LatestBusinessDate)
            checks.Add(field, $"{text} {ProtoConversions.OutsideBusinessDates}");
        else
            return date;
        return default;
    }

    /// <summary>A month given as text (yyyy-mm), as the report's requests carry it: its first day.</summary>
    public static DateOnly IsoMonth(this FieldChecks checks, string? text, string field)
    {
        if (!DateOnly.TryParseExact(text + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first))
        {
            checks.Add(field, $"{FieldChecks.Excerpt(text)} is not a month in the form yyyy-mm");
            return default;
        }
        checks.Check(first >= ProtoConversions.EarliestBusinessDate && first <= ProtoConversions.LatestBusinessDate, field, $"{text} {ProtoConversions.OutsideBusinessDates}");
        return first;
    }

    /// <summary>A query's one month, given as text (yyyy-mm): its first day, or InvalidArgument naming <paramref name="field"/>.</summary>
    public static DateOnly RequireIsoMonth(string? text, string field)
    {
        var checks = new FieldChecks();
        var first = checks.IsoMonth(text, field);
        checks.ThrowIfAny();
        return first;
    }

    /// <summary>A modification reference in any accepted form; null with a violation recorded when it is not one.</summary>
    public static ModificationReference? Reference(this FieldChecks checks, Sec.Common.V1.ModificationReference? reference, string field)
    {
        if (ModificationReference.TryParse(reference?.Value, out var parsed))
            return parsed;
        checks.Add(field, ModificationReference.NotAReference(reference?.Value));
        return null;
    }

    /// <summary>Checks an optional date: null when unset, else as <see cref="Date"/>.</summary>
    public static DateOnly? OptionalDate(this FieldChecks checks, Google.Type.Date? date, string field) =>
        date is null ? null : checks.Date(date, field);

    /// <summary>Checks a required date; returns it, or <c>default</c> with a violation recorded.</summary>
    public static DateOnly Date(this FieldChecks checks, Google.Type.Date? date, string field)
    {
        try
        {
            return date.ToDateOnly(field);
        }
        catch (InvalidFields invalid)
        {
            foreach (var v in invalid.Violations)
                checks.Add(v.Field, v.Description);
            return default;
        }
    }
}
