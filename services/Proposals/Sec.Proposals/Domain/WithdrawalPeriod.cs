namespace Sec.Proposals.Domain;

/// <summary>
/// The withdrawal period: after the proposer withdraws, any party may adopt the modification for a
/// number of legal working days; a durable timer ends the period if none does.
/// </summary>
public static class WithdrawalPeriod
{
    /// <summary>The timer kind; its subject is the proposal's id and its payload the reference.</summary>
    public const string TimerKind = "withdrawal-period";

    /// <summary>The last day of the period: <paramref name="workingDays"/> legal working days after the withdrawal.</summary>
    public static DateOnly EndsOn(LegalWorkingDays calendar, DateOnly withdrawnOn, int workingDays) => calendar.AddWorkingDays(withdrawnOn, workingDays);

    /// <summary>The period includes its last day: it ends at midnight after it, UK time.</summary>
    public static DateTimeOffset DueAt(DateOnly lastDay) => UkTime.StartOf(lastDay.AddDays(1));
}
