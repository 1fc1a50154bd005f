using System.Globalization;
using Sec.Contracts;

namespace Sec.BuildingBlocks.Domain;

/// <summary>
/// What a context knows of one modification from the register's events: its history of steps,
/// each with the state after it, at the register's <see cref="Version"/>. A context checks its own
/// commands against it, judged on the business date each command takes effect, so history loaded
/// from the papers is checked the same way as today's work.
/// </summary>
public sealed record RegisterView(string Reference, string Title, DateOnly RaisedOn, int Version, IReadOnlyList<RegisterStep> Steps)
{
    private IEnumerable<RegisterStep> Standing => Steps.Where(s => !s.Voided);

    /// <summary>Whether the view carries the register's history (events from before version 2 did not).</summary>
    public bool HasHistory => Version > 0 && Steps.Count > 0;

    /// <summary>The state now: the last step that stands.</summary>
    public RegisterStep? Current => Standing.LastOrDefault();

    /// <summary>The state on a date: the last standing step on or before it.</summary>
    public RegisterStep? AsOf(DateOnly date) => Standing.LastOrDefault(s => s.EffectiveOn <= date);

    /// <summary>
    /// The date the modification was last submitted for decision on or before <paramref name="date"/>,
    /// if it was then, or came to be that day, awaiting the Change Board's decision.
    /// </summary>
    public DateOnly? AwaitingChangeBoardSince(DateOnly date)
    {
        DateOnly? since = null;
        foreach (var step in Standing.Where(s => s.EffectiveOn <= date))
        {
            if (step.Stage == Stage.AwaitingChangeBoard && !step.OnHold)
                since ??= step.EffectiveOn;
            else if (step.EffectiveOn < date)
                since = null; // it had moved on before the date
        }
        return since;
    }

    /// <summary>Whether the register had the modification at <paramref name="stage"/> at some point of <paramref name="date"/> (the day's last step, or any step that day).</summary>
    public bool WasAt(Stage stage, DateOnly date) =>
        AsOf(date)?.Stage == stage || Standing.Any(s => s.EffectiveOn == date && s.Stage == stage)
        || (Standing.LastOrDefault(s => s.EffectiveOn < date)?.Stage == stage && Standing.Any(s => s.EffectiveOn == date));

    /// <summary>
    /// Whether the register moved the modification on <paramref name="date"/> into one of
    /// <paramref name="to"/> straight from one of <paramref name="from"/> (not on hold): how papers
    /// record a decision taken that day without printing the stage that waited for it.
    /// </summary>
    public bool MovedOn(DateOnly date, IReadOnlyCollection<Stage> from, IReadOnlyCollection<Stage> to)
    {
        RegisterStep? previous = null;
        foreach (var step in Standing)
        {
            if (step.EffectiveOn == date && previous is { OnHold: false } p && from.Contains(p.Stage) && to.Contains(step.Stage))
                return true;
            previous = step;
        }
        return false;
    }

    /// <summary>The modification as the register has it on a date, for refusals: "MP140 is Refinement Process (Refine) on 3 June 2026 (since 1 May 2026)".</summary>
    public string Describe(DateOnly date)
    {
        var step = AsOf(date);
        return step is null
            ? $"{Reference} was not yet raised on {Day(date)} (raised {Day(RaisedOn)})"
            : $"{Reference} is {step.Status} ({step.Phase}) on {Day(date)} (since {Day(step.EffectiveOn)})";
    }

    /// <summary>The modification as the register has it now.</summary>
    public string DescribeNow() => Current is { } step
        ? $"{Reference} is {step.Status} ({step.Phase}) since {Day(step.EffectiveOn)}"
        : $"{Reference} has no history in this context's view of the register";

    public static string Day(DateOnly date) => date.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);
}

/// <summary>
/// Something a context's own record says about a modification, which the register must agree with:
/// the Change Board's final approval, for example, needs the register to show it approved or
/// implemented. The consistency check compares each claim with the register's stage now.
/// </summary>
public sealed record RegisterClaim(string Reference, string Claim, IReadOnlyList<Stage> CompatibleStages, DateOnly On);
