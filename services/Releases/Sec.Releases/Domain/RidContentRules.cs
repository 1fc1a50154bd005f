namespace Sec.Releases.Domain;

/// <summary>The RID content's rules: real dates inside the release's timeline, costs with low not above high.</summary>
public static class RidContentRules
{
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

        var earliest = implementationDate.AddYears(-2);
        for (var i = 0; i < content.Timeline.Count; i++)
        {
            var e = content.Timeline[i];
            var on = Read(e.On, $"content.timeline[{i}].on");
            checks.RequiredText(e.Event, $"content.timeline[{i}].event", 500);
            if (on != default)
                checks.Check(on >= earliest && on <= implementationDate, $"content.timeline[{i}].on",
                    $"{on:yyyy-MM-dd} is outside this release's timeline ({earliest:yyyy-MM-dd} to go-live on {implementationDate:yyyy-MM-dd})");
        }
        for (var i = 0; i < content.TestPhases.Count; i++)
        {
            var p = content.TestPhases[i];
            var from = Read(p.StartsOn, $"content.test_phases[{i}].starts_on");
            var to = Read(p.EndsOn, $"content.test_phases[{i}].ends_on");
            if (from != default && to != default)
                checks.Check(to >= from, $"content.test_phases[{i}].ends_on", "must not be before starts_on")
                      .Check(to <= implementationDate, $"content.test_phases[{i}].ends_on", $"{to:yyyy-MM-dd} is after go-live on {implementationDate:yyyy-MM-dd}");
        }
        for (var i = 0; i < content.EnteredDccCosts.Count; i++)
        {
            var line = content.EnteredDccCosts[i];
            checks.Check(ModificationReference.TryParse(line.Reference, out _), $"content.entered_dcc_costs[{i}].reference.value", "is not a modification reference");
            Range(line.Cost, $"content.entered_dcc_costs[{i}].cost", checks);
        }
        Range(content.OperationalOneOff, "content.operational_one_off", checks);
        Range(content.OperationalOngoing, "content.operational_ongoing", checks);
        for (var i = 0; i < content.SecasEffort.Count; i++)
            checks.Check(content.SecasEffort[i].Days >= 0, $"content.secas_effort[{i}].days", "must not be negative")
                  .Check((content.SecasEffort[i].CostPence ?? 0) >= 0, $"content.secas_effort[{i}].cost.pence", "must not be negative");
        for (var i = 0; i < content.AcceptanceCriteria.Count; i++)
            checks.RequiredText(content.AcceptanceCriteria[i].Text, $"content.acceptance_criteria[{i}].text", 2000);
        checks.ThrowIfAny();
    }

    private static void Range(MoneyRange? range, string field, FieldChecks checks)
    {
        if (range is null)
            return;
        checks.Check(range.LowPence >= 0, $"{field}.low_pence", "must not be negative")
              .Check(range.LowPence <= range.HighPence, $"{field}.high_pence", $"the low end ({range.LowPence}p) is above the high end ({range.HighPence}p)");
    }
}
