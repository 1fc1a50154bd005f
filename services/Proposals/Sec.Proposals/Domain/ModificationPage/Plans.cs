namespace Sec.Proposals.Domain;

/// <summary>The milestones the 2016 paper plans each modification by, month by month.</summary>
public enum Milestone
{
    Solution = 1,
    PreliminaryAssessment = 2,
    ImpactAssessment = 3,
    Consultation = 4,
    DraftModificationReport = 5,
    ChangeBoard = 6,
    Decision = 7,
}

/// <summary>One milestone's planned date, and for one the other records cannot tell (the Solution) the date it was reached.</summary>
public sealed record PlannedMilestone(Milestone Milestone, DateOnly PlannedOn, DateOnly? ReachedOn = null);

/// <summary>A plan as it was made: the first is revision 1, each re-plan the next; earlier ones are kept.</summary>
public sealed record PlanRevision(int Revision, DateOnly PlannedOn, string? Reason, IReadOnlyList<PlannedMilestone> Milestones, Actor PlannedBy, DateTimeOffset RecordedAt);

/// <summary>When a milestone was reached, and which record says so.</summary>
public sealed record MilestoneReached(DateOnly On, string From);

/// <summary>One milestone planned against actual.</summary>
public sealed record MilestoneProgress(Milestone Milestone, DateOnly PlannedOn, DateOnly? ActualOn, string? ActualFrom, int SlippageDays, bool Overdue);

/// <summary>Planning a modification and measuring it against what happened.</summary>
public static class PlanRules
{
    public const int MaxReason = 2000;

    public static void Check(IReadOnlyList<PlannedMilestone> milestones, DateOnly plannedOn, string? reason, DateOnly today, FieldChecks checks)
    {
        checks.Check(milestones.Count > 0, "milestones", "must plan at least one milestone");
        checks.Check(plannedOn <= today, "planned_on", $"must not be in the future (today is {today:yyyy-MM-dd})");
        checks.OptionalText(reason, "reason", MaxReason);
        var seen = new HashSet<Milestone>();
        for (var i = 0; i < milestones.Count; i++)
        {
            var m = milestones[i];
            if (!Enum.IsDefined(m.Milestone))
                checks.Add($"milestones[{i}].milestone", "must be Solution, PA, IA, Consultation, DMR, CB or Decision");
            else if (!seen.Add(m.Milestone))
                checks.Add($"milestones[{i}].milestone", $"{m.Milestone} is planned twice; plan each milestone once");
            if (m.ReachedOn is { } reached)
                checks.Check(reached <= today, $"milestones[{i}].reached_on", $"must not be in the future (today is {today:yyyy-MM-dd})");
        }
    }

    /// <summary>
    /// The plan in force against the actual dates: an actual date the records give wins over one the
    /// plan recorded; slippage is in calendar days, to the actual date or, not yet reached, to <paramref name="asOf"/> once the planned date has passed.
    /// </summary>
    public static IReadOnlyList<MilestoneProgress> Progress(PlanRevision plan, IReadOnlyDictionary<Milestone, MilestoneReached> reached, DateOnly asOf) =>
        plan.Milestones.OrderBy(m => m.Milestone).Select(m =>
        {
            var actual = reached.TryGetValue(m.Milestone, out var r) ? r
                : m.ReachedOn is { } on ? new MilestoneReached(on, "plan: recorded reached") : null;
            if (actual is not null && actual.On > asOf)
                actual = null;
            var slip = actual is not null ? actual.On.DayNumber - m.PlannedOn.DayNumber
                : asOf > m.PlannedOn ? asOf.DayNumber - m.PlannedOn.DayNumber : 0;
            return new MilestoneProgress(m.Milestone, m.PlannedOn, actual?.On, actual?.From, slip, actual is null && asOf > m.PlannedOn);
        }).ToList();

    /// <summary>The first milestone of the plan not yet reached, for the next step's date.</summary>
    public static MilestoneProgress? NextPlanned(IEnumerable<MilestoneProgress> progress) =>
        progress.Where(p => p.ActualOn is null).OrderBy(p => p.PlannedOn).FirstOrDefault();
}
