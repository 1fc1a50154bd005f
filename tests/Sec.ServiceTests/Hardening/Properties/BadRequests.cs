using FsCheck;
using FsCheck.Fluent;

namespace Sec.ServiceTests.Hardening.Properties;

/// <summary>One request that must be refused: which RPC, which field was broken and how, and how to send it.</summary>
public sealed record BadRequest(string Rpc, string Field, string Breach, Func<CallOptions, Task> Send)
{
    public override string ToString() => $"{Rpc}: {Field} {Breach}";
}

/// <summary>A bad value for a field, described short enough to print.</summary>
public sealed record Bad<T>(string What, T Value);

/// <summary>
/// A valid request of one RPC and the ways to break it field by field. Every break makes the
/// request one the service must refuse, so a refusal is the only right answer and no row may change.
/// </summary>
public sealed class BadRequestsOf<TRequest>(string rpc, Func<TRequest> valid, Func<TRequest, CallOptions, Task> send) where TRequest : IMessage
{
    private readonly List<Gen<BadRequest>> _breaks = [];

    public IReadOnlyList<Gen<BadRequest>> Breaks => _breaks;

    public BadRequestsOf<TRequest> Break<T>(string field, Gen<Bad<T>> values, Action<TRequest, T> set)
    {
        _breaks.Add(values.Select(bad => new BadRequest(rpc, field, bad.What, options =>
        {
            var request = valid();
            set(request, bad.Value);
            return send(request, options);
        })));
        return this;
    }
}

/// <summary>The bad values the properties draw from: each is outside every bound the suite sets or should set.</summary>
public static class BadValues
{
    private const string Fine = "Smart meter firmware rollback";

    public static Gen<Bad<T>> Is<T>(string what, T value) => Gen.Constant(new Bad<T>(what, value));

    /// <summary>Longer than the longest text any field takes (20,000), up to 30 KB.</summary>
    public static readonly Gen<Bad<string>> Oversized =
        Gen.Choose(20_001, 30_000).Select(n => new Bad<string>($"of {n:N0} characters", new string('x', n)));

    /// <summary>C0 controls but tab and line breaks (which a statement may hold), DEL and C1's NEL.</summary>
    public static readonly Gen<Bad<string>> WithControl =
        from c in Gen.Elements('\u0000', '\u0001', '\u0007', '\u0008', '\u000B', '\u000C', '\u001B', '\u007F', '\u0085')
        from at in Gen.Choose(0, Fine.Length)
        select new Bad<string>($"with control character U+{(int)c:X4} at {at}", Fine.Insert(at, c.ToString()));

    /// <summary>Bidirectional overrides and isolates, which can make a title read other than it is stored.</summary>
    public static readonly Gen<Bad<string>> WithBidi =
        from c in Gen.Elements('\u202A', '\u202B', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069')
        from at in Gen.Choose(0, Fine.Length)
        select new Bad<string>($"with bidi character U+{(int)c:X4} at {at}", Fine.Insert(at, c.ToString()));

    public static readonly Gen<Bad<string>> Blank = Gen.OneOf(
        Is("empty", ""), Is("a space", " "), Is("tabs and line breaks", "\t\r\n"), Is("no-break spaces", "\u00A0\u3000"));

    public static readonly Gen<Bad<string>> OptionalText = Gen.OneOf(Oversized, WithControl, WithBidi);

    public static readonly Gen<Bad<string>> RequiredText = Gen.OneOf(Blank, Oversized, WithControl, WithBidi);

    /// <summary>An id the service gave out never looks like these.</summary>
    public static readonly Gen<Bad<string>> Id = Gen.OneOf(Blank, Oversized, WithControl, WithBidi,
        Is("unknown", "00000000-0000-0000-0000-000000000000"), Is("not a GUID", "item-1' OR '1'='1"));

    public static readonly Gen<Bad<string>> Reference = Gen.OneOf(Blank, WithControl, WithBidi,
        Is("beyond the numbers", "MP2147483647"), Is("beyond int", "MP99999999999999999999"), Is("no digits", "DPx"),
        Is("number zero", "MP0"), Is("signed", "MP+1"), Is("unknown prefix", "XP119"),
        Gen.Choose(20_001, 30_000).Select(n => new Bad<string>($"MP and {n:N0} digits", "MP" + new string('9', n))));

    /// <summary>Impossible dates, and dates no SEC business happens on.</summary>
    public static readonly Gen<Bad<Google.Type.Date>> Date = Gen.OneOf(
        Gen.Choose(1901, 2100).Select(y => new Bad<Google.Type.Date>($"{y}-02-30", new() { Year = y, Month = 2, Day = 30 })),
        Gen.Choose(1, 12).Select(m => new Bad<Google.Type.Date>($"0000-{m:00}-01", new() { Year = 0, Month = m, Day = 1 })),
        Gen.Choose(1, 12).Select(m => new Bad<Google.Type.Date>($"2999-{m:00}-15", new() { Year = 2999, Month = m, Day = 15 })),
        Is("2026-13-01", new Google.Type.Date { Year = 2026, Month = 13, Day = 1 }),
        Is("2026-11-00", new Google.Type.Date { Year = 2026, Month = 11, Day = 0 }),
        Is("-1-01-01", new Google.Type.Date { Year = -1, Month = 1, Day = 1 }),
        Is("int.MaxValue-01-01", new Google.Type.Date { Year = int.MaxValue, Month = 1, Day = 1 }));

    /// <summary>A required date: an impossible one, or none.</summary>
    public static readonly Gen<Bad<Google.Type.Date?>> RequiredDate = Gen.OneOf(
        Date.Select(d => new Bad<Google.Type.Date?>(d.What, d.Value)), Is<Google.Type.Date?>("missing", null));

    /// <summary>Text that is not a date in the form yyyy-mm-dd, or a date no SEC business happens on.</summary>
    public static readonly Gen<Bad<string>> GivenDateText = Gen.OneOf(Oversized, WithControl, WithBidi,
        Is("30 February", "2026-02-30"), Is("year 0", "0000-01-01"), Is("year 2999", "2999-01-01"), Is("not ISO", "23/11/2026"));

    /// <summary>As <see cref="GivenDateText"/>, or blank where the date is required.</summary>
    public static readonly Gen<Bad<string>> DateText = Gen.OneOf(Blank, GivenDateText);

    public static readonly Gen<Bad<string>> MonthText = Gen.OneOf(Blank, Oversized, WithControl,
        Is("month 13", "2026-13"), Is("year 0", "0000-01"), Is("year 2999", "2999-01"), Is("a date", "2026-11-23"));

    public static readonly Gen<Bad<int>> NegativeOrHuge = Gen.OneOf(
        Gen.Choose(int.MinValue, -1).Select(n => new Bad<int>($"{n}", n)), Is("int.MaxValue", int.MaxValue), Is("-1", -1));

    public static readonly Gen<Bad<long>> Pence = Gen.OneOf(
        Is("long.MinValue", long.MinValue), Is("-1", -1L), Gen.Choose(int.MinValue, -1).Select(n => new Bad<long>($"{n}", (long)n)),
        Is("long.MaxValue", long.MaxValue));

    /// <summary>A value the enum does not have; with <paramref name="unspecified"/>, its zero too, where the field is required.</summary>
    public static Gen<Bad<TEnum>> Enum<TEnum>(bool unspecified = true) where TEnum : struct, System.Enum
    {
        var unknown = Gen.OneOf(Gen.Choose(100, int.MaxValue), Gen.Choose(int.MinValue, -1))
            .Select(n => new Bad<TEnum>($"unknown value {n}", (TEnum)System.Enum.ToObject(typeof(TEnum), n)));
        return unspecified ? Gen.OneOf(unknown, Is("unspecified", default(TEnum))) : unknown;
    }

    /// <summary>Many more entries than any list takes, each of them fine.</summary>
    public static Gen<Bad<int>> TooMany => Gen.Choose(5_000, 10_000).Select(n => new Bad<int>($"{n:N0} entries", n));

    /// <summary>Entries of half the largest amount each: their sum overflows a long.</summary>
    public static Gen<Bad<int>> HugeSum => Gen.Choose(3, 5).Select(n => new Bad<int>($"{n} entries of long.MaxValue / 2 pence", n));

    public static Gen<Bad<T?>> Missing<T>() where T : class => Is<T?>("missing", null);
}
