using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Sec.Calendar;

/// <summary>One England and Wales bank holiday.</summary>
public sealed record BankHoliday(DateOnly Date, string Name, bool Substitute = false, bool OneOff = false);

/// <summary>
/// England and Wales bank holidays, one-off ones included, loaded from versioned data: the file
/// shipped with the suite, extended by any files an operator adds for later years, without a
/// code change.
/// </summary>
public sealed class HolidayCalendar
{
    private const string EmbeddedName = "england-and-wales-bank-holidays.json";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new IsoDateConverter() } };
    private readonly DateOnly[] _dates;

    private HolidayCalendar(IEnumerable<string> versions, IEnumerable<BankHoliday> holidays)
    {
        Versions = versions.ToArray();
        Holidays = holidays.OrderBy(h => h.Date).ToArray();
        _dates = Holidays.Select(h => h.Date).ToArray();
    }

    /// <summary>The data versions in force, shipped file first.</summary>
    public IReadOnlyList<string> Versions { get; }

    public IReadOnlyList<BankHoliday> Holidays { get; }

    /// <summary>The shipped holidays, 2016 to 2030.</summary>
    public static HolidayCalendar Embedded { get; } = Load();

    /// <summary>The shipped holidays plus those in <paramref name="extraFiles"/> (same format); a date given twice is refused.</summary>
    public static HolidayCalendar Load(params string[] extraFiles)
    {
        using var stream = typeof(HolidayCalendar).Assembly.GetManifestResourceStream(EmbeddedName)!;
        var files = new List<(string Source, HolidayFile File)> { ("shipped calendar", Parse(stream, "shipped calendar")) };
        foreach (var path in extraFiles)
        {
            using var extra = File.OpenRead(path);
            files.Add((path, Parse(extra, path)));
        }
        var seen = new Dictionary<DateOnly, string>();
        foreach (var (source, file) in files)
            foreach (var holiday in file.Holidays)
            {
                if (holiday.Date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
                    throw new InvalidDataException($"{source}: {holiday.Date:yyyy-MM-dd} ({holiday.Name}) falls on a weekend; give its substitute weekday instead.");
                if (!seen.TryAdd(holiday.Date, source))
                    throw new InvalidDataException($"{source}: {holiday.Date:yyyy-MM-dd} is already a holiday in {seen[holiday.Date]}.");
            }
        return new HolidayCalendar(files.Select(f => f.File.Version), files.SelectMany(f => f.File.Holidays));
    }

    public bool IsHoliday(DateOnly date) => Array.BinarySearch(_dates, date) >= 0;

    /// <summary>How many holidays fall from <paramref name="from"/> through <paramref name="to"/>, both included.</summary>
    public int CountBetween(DateOnly from, DateOnly to)
    {
        if (to < from)
            return 0;
        return LowerBound(to.AddDays(1)) - LowerBound(from);
    }

    private int LowerBound(DateOnly date)
    {
        var i = Array.BinarySearch(_dates, date);
        return i >= 0 ? i : ~i;
    }

    private static HolidayFile Parse(Stream stream, string source)
    {
        try
        {
            var file = JsonSerializer.Deserialize<HolidayFile>(stream, Json);
            if (file is null || string.IsNullOrWhiteSpace(file.Version) || file.Holidays is null)
                throw new InvalidDataException($"{source}: a holiday file needs a version and a list of holidays.");
            return file;
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{source}: {ex.Message}", ex);
        }
    }

    private sealed record HolidayFile(string Version, IReadOnlyList<BankHoliday> Holidays);

    private sealed class IsoDateConverter : JsonConverter<DateOnly>
    {
        public override DateOnly Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            DateOnly.TryParseExact(reader.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                ? date
                : throw new JsonException($"'{reader.GetString()}' is not a date in the form yyyy-mm-dd.");

        public override void Write(Utf8JsonWriter writer, DateOnly value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
    }
}
