namespace Sec.Assessments.Domain;

/// <summary>The rules for the DCC's costs: no negative figures, no range with its low above its high, each activity once.</summary>
public static class CostRules
{
    public static void Check(AssessmentCosts costs, FieldChecks checks)
    {
        for (var i = 0; i < costs.Implementation.Count; i++)
        {
            var line = costs.Implementation[i];
            CheckRange(line.Cost, $"costs.implementation[{i}].cost", checks);
            if (line.Activity == Activity.Combined)
                checks.Check(line.Covers.Count >= 2 && !line.Covers.Contains(Activity.Combined), $"costs.implementation[{i}].covers",
                    "a combined figure names the two or more activities it covers");
        }
        var named = costs.Implementation.SelectMany(a => a.Activity == Activity.Combined ? a.Covers : [a.Activity]).ToList();
        checks.Check(named.Distinct().Count() == named.Count, "costs.implementation", "each activity may be costed once");
        if (costs.OperationalOneOff is { } oneOff)
            CheckRange(oneOff, "costs.operational_one_off", checks);
        if (costs.OperationalOngoing is { } ongoing)
            CheckRange(ongoing, "costs.operational_ongoing", checks);
    }

    private static void CheckRange(PenceRange range, string field, FieldChecks checks) =>
        checks.Check(range.Low >= 0, $"{field}.low_pence", "must not be negative")
              .Check(range.Low <= range.High, $"{field}.high_pence", $"the low end ({range.Low}p) is above the high end ({range.High}p)");
}
