using Microsoft.Extensions.Options;

namespace Sec.Assessments;

/// <summary>The Assessments context's settings (section <c>Assessments</c>).</summary>
public sealed class AssessmentsOptions
{
    /// <summary>How durations are counted for the report; the default reproduces the published figures.</summary>
    public string DurationPolicy { get; set; } = PublishedWeekdays.PolicyName;
}

/// <summary>The named working-day policy the timescales use, chosen by configuration.</summary>
public sealed class DurationPolicy(IOptions<AssessmentsOptions> options, HolidayCalendar holidays)
{
    public IWorkingDayPolicy Policy { get; } = WorkingDayPolicies.ByName(options.Value.DurationPolicy, holidays);
}
