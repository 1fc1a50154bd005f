namespace Sec.Releases.Domain;

/// <summary>
/// The RID content's rules: real dates inside the release's timeline, costs with low not above high,
/// and every list, text, figure and total bounded so that what is saved can always be read back.
/// </summary>
public static class RidContentRules
{
    /// <summary>A RID has tens of lines per section; more is a mistake, not a release.</summary>
    public const int MaxEntries = 500;

    public const int MaxShortText = 500;

    public const int MaxLongText = 4000;

    /// <summary>SECAS effort per line, in days (about forty working years).</summary>
    public const int MaxDaysPerLine = 10_000;

    /// <summary>SECAS effort over the whole RID, in days.</summary>
    public const int MaxTotalDays = 100_000;

    /// <summary>A cost figure, in pence: £1bn, far above any SEC modification's cost.</summary>
    public const long MaxPencePerLine = 100_000_000_000;

    /// <summary>The entered DCC costs, or the SECAS costs, over the whole RID, in pence: £10bn.</summary>
    public const long MaxTotalPence = 1_000_000_000_000;

    /// <summary>
    /// A RID's timeline runs from planning (up to two years before) to go-live. Dates the request
    /// could not read (<paramref name="unreadable"/>, left as <c>default</c> in the content) are
    /// reported in their place among the other violations, all of them together.
    /// </summary>
    public static void Check(RidContent content, DateOnly implementationDate, IReadOnlyList<FieldViolation> unreadable)
    {
        var checks = new FieldChecks();
        DateOnly Read(DateOnly date, string field)
        {
            foreach (var v in unreadable.Where(v => v.Field == field))
                checks.Add(v.Field, v.Description);
            return date;
        }

        Texts(content, checks);
        var earliest = implementationDate.AddYears(-2);
        for (var i = 0; i < content.Timeline.Count; i++)
        {
            var e = content.Timeline[i];
            var on = Read(e.On, $"content.timeline[{i}].on");
            checks.RequiredText(e.Event, $"content.timeline[{i}].event", MaxShortText);
            if (on != default)
                checks.Check(on >= earliest && on <= implementationDate, $"content.timeline[{i}].on",
                    $"{on:yyyy-MM-dd} is outside this release's timeline ({earliest:yyyy-MM-dd} to go-live on {implementationDate:yyyy-MM-dd})");
        }
        for (var i = 0; i < content.TestPhases.Count; i++)
        {
            var p = content.TestPhases[i];
            var from = Read(p.StartsOn, $"content.test_phases[{i}].starts_on");
            var to = Read(p.EndsOn, $"content.test_phases[{i}].ends_on");
            if (from != default)
                checks.Check(from >= earliest, $"content.test_phases[{i}].starts_on", $"{from:yyyy-MM-dd} is before this release's timeline ({earliest:yyyy-MM-dd} to go-live on {implementationDate:yyyy-MM-dd})");
            if (from != default && to != default)
                checks.Check(to >= from, $"content.test_phases[{i}].ends_on", "must not be before starts_on")
                      .Check(to <= implementationDate, $"content.test_phases[{i}].ends_on", $"{to:yyyy-MM-dd} is after go-live on {implementationDate:yyyy-MM-dd}");
        }
        for (var i = 0; i < content.EnteredDccCosts.Count; i++)
        {
            var line = content.EnteredDccCosts[i];
            checks.Check(ModificationReference.TryParse(line.Reference, out _), $"content.entered_dcc_costs[{i}].reference.value", ModificationReference.NotAReference(line.Reference));
            checks.Check(line.Cost is not null, $"content.entered_dcc_costs[{i}].cost", "is required: a figure or a range, in pence");
            Range(line.Cost, $"content.entered_dcc_costs[{i}].cost", checks);
        }
        Total(content.EnteredDccCosts.Select(l => l.Cost?.HighPence ?? 0), MaxPencePerLine, MaxTotalPence, "content.entered_dcc_costs", "pence", checks);
        Range(content.OperationalOneOff, "content.operational_one_off", checks);
        Range(content.OperationalOngoing, "content.operational_ongoing", checks);
        for (var i = 0; i < content.SecasEffort.Count; i++)
            Bounded(content.SecasEffort[i].Days, MaxDaysPerLine, $"content.secas_effort[{i}].days", "days", checks)
                .Check(Within(content.SecasEffort[i].CostPence ?? 0, MaxPencePerLine), $"content.secas_effort[{i}].cost.pence", PenceBound);
        Total(content.SecasEffort.Select(e => (long)e.Days), MaxDaysPerLine, MaxTotalDays, "content.secas_effort", "days", checks);
        Total(content.SecasEffort.Select(e => e.CostPence ?? 0), MaxPencePerLine, MaxTotalPence, "content.secas_effort", "pence", checks);
        checks.ThrowIfAny();
    }

    private static readonly string PenceBound = $"must be from 0 to {MaxPencePerLine:N0} pence (£1bn)";

    private static bool Within(long value, long max) => value >= 0 && value <= max;

    private static FieldChecks Bounded(long value, long max, string field, string unit, FieldChecks checks) =>
        checks.Check(Within(value, max), field, $"must be from 0 to {max:N0} {unit}");

    /// <summary>The total of the lines within their bound (the others are already refused), checked, at most <paramref name="maxTotal"/>.</summary>
    private static void Total(IEnumerable<long> lines, long maxLine, long maxTotal, string field, string unit, FieldChecks checks)
    {
        var total = lines.Where(v => Within(v, maxLine)).Aggregate(0L, (sum, v) => checked(sum + v));
        Bounded(total, maxTotal, field, $"{unit} in total (it is {total:N0})", checks);
    }

    private static void Range(MoneyRange? range, string field, FieldChecks checks)
    {
        if (range is null)
            return;
        checks.Check(Within(range.LowPence, MaxPencePerLine), $"{field}.low_pence", PenceBound)
              .Check(Within(range.HighPence, MaxPencePerLine), $"{field}.high_pence", PenceBound)
              .Check(range.LowPence <= range.HighPence, $"{field}.high_pence", $"the low end ({range.LowPence}p) is above the high end ({range.HighPence}p)");
    }

    /// <summary>Every list at most <see cref="MaxEntries"/> long, every text bounded.</summary>
    private static void Texts(RidContent content, FieldChecks checks)
    {
        void Entries(int count, string field) => checks.Check(count <= MaxEntries, field, $"has {count:N0} entries; at most {MaxEntries} are allowed");
        void Each<T>(IReadOnlyList<T> items, string field, Action<T, string> check)
        {
            Entries(items.Count, $"content.{field}");
            for (var i = 0; i < items.Count; i++)
                check(items[i], $"content.{field}[{i}]");
        }
        void Matrix(ImpactRow row, string field)
        {
            checks.OptionalText(row.Subject, $"{field}.subject", MaxShortText);
            Entries(row.References.Count, $"{field}.references");
            for (var j = 0; j < row.References.Count; j++)
                checks.Check(ModificationReference.TryParse(row.References[j], out _), $"{field}.references[{j}].value", ModificationReference.NotAReference(row.References[j]));
        }
        Each(content.ParticipantImpacts, "participant_impacts", Matrix);
        Each(content.DocumentImpacts, "document_impacts", Matrix);
        Each(content.ImpactSummaries, "impact_summaries", (s, f) =>
        {
            checks.OptionalText(s.Participant, $"{f}.participant", MaxShortText);
            Entries(s.Impacts.Count, $"{f}.impacts");
            for (var j = 0; j < s.Impacts.Count; j++)
                checks.OptionalText(s.Impacts[j], $"{f}.impacts[{j}]", MaxLongText);
        });
        Each(content.OtherCodes, "other_codes", (code, f) => checks.OptionalText(code, f, MaxShortText));
        Each(content.Timeline, "timeline", (e, f) => checks.OptionalText(e.Notes, $"{f}.notes", MaxLongText));
        Each(content.TestPhases, "test_phases", (p, f) => checks.OptionalText(p.Phase, $"{f}.phase", MaxShortText).OptionalText(p.CompletionReport, $"{f}.completion_report", MaxLongText));
        Each(content.EnteredDccCosts, "entered_dcc_costs", (l, f) => checks.OptionalText(l.Activity, $"{f}.activity", MaxShortText));
        Each(content.SecasEffort, "secas_effort", (e, f) => checks.OptionalText(e.Purpose, $"{f}.purpose", MaxShortText));
        Each(content.AcceptanceCriteria, "acceptance_criteria", (a, f) =>
            checks.RequiredText(a.Text, $"{f}.text", 2000).OptionalText(a.Evidence, $"{f}.evidence", MaxLongText));
    }
}
