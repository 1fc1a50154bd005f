namespace Sec.ChangeBoard.Domain;

/// <summary>
/// A Self-Governance decision waits for the referral window: for a number of legal working days
/// after the vote a party may refer it to the Panel. A durable timer ends the window, so the
/// decision stands (and is published) even if the process restarted meanwhile.
/// </summary>
public static class ReferralWindow
{
    /// <summary>The durable timer's kind; its subject is the agenda item's id.</summary>
    public const string TimerKind = "referral-window";

    /// <summary>The window includes its last day: it ends at midnight after it, UK time.</summary>
    public static DateTimeOffset EndsAt(DateOnly lastDay) => UkTime.StartOf(lastDay.AddDays(1));

    /// <summary>Sets the timer that ends a decided item's window.</summary>
    public static Effects Open(AgendaItem decided) =>
        Effects.Schedule(TimerKind, decided.Id, EndsAt(decided.ReferralWindowEndsOn
            ?? throw new InvalidOperationException($"{decided.Reference} has no referral window.")));

    /// <summary>Clears the timer once the decision is referred: the Panel decides instead.</summary>
    public static Effects Close(AgendaItem referred) => Effects.Cancel(TimerKind, referred.Id);
}
