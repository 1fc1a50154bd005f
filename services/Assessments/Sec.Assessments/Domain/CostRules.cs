namespace Sec.Assessments.Domain;

/// <summary>
/// The rules for the DCC's costs: each figure from 0 to £1bn, no range with its low above its high,
/// each activity once; so the totals, at most seven activities, are always held.
/// </summary>
public static class CostRules
{
    /// <summary>A cost figure, in pence: £1bn, far above any SEC modification's cost.</summary>
    public const long MaxPence = 100_000_000_000;

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

    private static readonly string Bound = $"must be from 0 to {MaxPence:N0} pence (£1bn)";

    private static void CheckRange(PenceRange range, string field, FieldChecks checks) =>
        checks.Check(range.Low is >= 0 and <= MaxPence, $"{field}.low_pence", Bound)
              .Check(range.High is >= 0 and <= MaxPence, $"{field}.high_pence", Bound)
              .Check(range.Low <= range.High, $"{field}.high_pence", $"the low end ({range.Low}p) is above the high end ({range.High}p)");
}
