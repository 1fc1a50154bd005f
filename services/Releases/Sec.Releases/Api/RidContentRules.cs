using Sec.BuildingBlocks.Api;
using Sec.BuildingBlocks.Domain;
using Sec.Releases.V1;

namespace Sec.Releases.Api;

/// <summary>The RID content's field rules: real dates inside the release's timeline, costs with low not above high.</summary>
public static class RidContentRules
{
    /// <summary>A RID's timeline runs from planning (up to two years before) to go-live.</summary>
    public static void Check(RidContent content, DateOnly implementationDate, FieldChecks checks)
    {
        var earliest = implementationDate.AddYears(-2);
        for (var i = 0; i < content.Timeline.Count; i++)
        {
            var e = content.Timeline[i];
            var on = checks.Date(e.On, $"content.timeline[{i}].on");
            checks.RequiredText(e.Event, $"content.timeline[{i}].event", 500);
            if (on != default)
                checks.Check(on >= earliest && on <= implementationDate, $"content.timeline[{i}].on",
                    $"{on:yyyy-MM-dd} is outside this release's timeline ({earliest:yyyy-MM-dd} to go-live on {implementationDate:yyyy-MM-dd})");
        }
        for (var i = 0; i < content.TestPhases.Count; i++)
        {
            var p = content.TestPhases[i];
            var from = checks.Date(p.StartsOn, $"content.test_phases[{i}].starts_on");
            var to = checks.Date(p.EndsOn, $"content.test_phases[{i}].ends_on");
            if (from != default && to != default)
                checks.Check(to >= from, $"content.test_phases[{i}].ends_on", "must not be before starts_on")
                      .Check(to <= implementationDate, $"content.test_phases[{i}].ends_on", $"{to:yyyy-MM-dd} is after go-live on {implementationDate:yyyy-MM-dd}");
        }
        for (var i = 0; i < content.EnteredDccCosts.Count; i++)
        {
            var line = content.EnteredDccCosts[i];
            checks.Check(ModificationReference.TryParse(line.Reference?.Value, out _), $"content.entered_dcc_costs[{i}].reference.value", "is not a modification reference");
            Range(line.Cost, $"content.entered_dcc_costs[{i}].cost", checks);
        }
        Range(content.OperationalOneOff, "content.operational_one_off", checks);
        Range(content.OperationalOngoing, "content.operational_ongoing", checks);
        for (var i = 0; i < content.SecasEffort.Count; i++)
            checks.Check(content.SecasEffort[i].Days >= 0, $"content.secas_effort[{i}].days", "must not be negative")
                  .Check((content.SecasEffort[i].Cost?.Pence ?? 0) >= 0, $"content.secas_effort[{i}].cost.pence", "must not be negative");
        for (var i = 0; i < content.AcceptanceCriteria.Count; i++)
            checks.RequiredText(content.AcceptanceCriteria[i].Text, $"content.acceptance_criteria[{i}].text", 2000);
    }

    private static void Range(Common.V1.MoneyRange? range, string field, FieldChecks checks)
    {
        if (range is null)
            return;
        checks.Check(range.LowPence >= 0, $"{field}.low_pence", "must not be negative")
              .Check(range.LowPence <= range.HighPence, $"{field}.high_pence", $"the low end ({range.LowPence}p) is above the high end ({range.HighPence}p)");
    }
}

/// <summary>The RID's sections as lines, so two versions can be compared.</summary>
public static class RidComparison
{
    public static IEnumerable<(string Section, IReadOnlyList<string> Before, IReadOnlyList<string> After)> Sections(Rid from, Rid to)
    {
        static IReadOnlyList<string> Scope(Rid r) => r.Scope.Select(s => $"{s.Reference.Value}{(s.Part == 0 ? "" : $" part {s.Part}")} ({s.Kind})").ToList();
        static IReadOnlyList<string> Matrix(IEnumerable<ImpactRow> rows) => rows.Select(r => $"{r.Subject}: {string.Join(", ", r.References.Select(x => x.Value))}").ToList();
        yield return ("scope", Scope(from), Scope(to));
        yield return ("participant impacts", Matrix(from.Content.ParticipantImpacts), Matrix(to.Content.ParticipantImpacts));
        yield return ("document impacts", Matrix(from.Content.DocumentImpacts), Matrix(to.Content.DocumentImpacts));
        yield return ("other codes", from.Content.OtherCodes.ToList(), to.Content.OtherCodes.ToList());
        yield return ("timeline", from.Content.Timeline.Select(t => $"{t.On.Year:0000}-{t.On.Month:00}-{t.On.Day:00} {t.Event}").ToList(),
            to.Content.Timeline.Select(t => $"{t.On.Year:0000}-{t.On.Month:00}-{t.On.Day:00} {t.Event}").ToList());
        yield return ("costs", from.Costs.PerModification.Select(c => $"{c.Reference.Value} {c.Implementation.LowPence}-{c.Implementation.HighPence}").ToList(),
            to.Costs.PerModification.Select(c => $"{c.Reference.Value} {c.Implementation.LowPence}-{c.Implementation.HighPence}").ToList());
        yield return ("acceptance criteria", from.Content.AcceptanceCriteria.Select(a => $"{a.Text} ({(a.Met ? "met" : "not met")})").ToList(),
            to.Content.AcceptanceCriteria.Select(a => $"{a.Text} ({(a.Met ? "met" : "not met")})").ToList());
    }
}
