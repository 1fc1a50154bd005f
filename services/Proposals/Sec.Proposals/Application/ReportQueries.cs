using Sec.Proposals.Storage;

namespace Sec.Proposals.Application;

/// <summary>
/// The register's reads for the monthly Change Status Report: each reads only what the report's
/// dates need. The report's other sections come from the other contexts, over gRPC.
/// </summary>
public sealed class ReportQueries(RegisterQueries register, WorkingGroupRepository workingGroups, ConsultationRepository consultations, ReportCoverRepository covers)
{
    /// <summary>Every proposal's state on <paramref name="asOf"/>; proposals raised later have none.</summary>
    public Task<IReadOnlyList<StateOn>> StatesOnAsync(DateOnly asOf, CancellationToken ct) => register.StatesOnAsync(asOf, ct);

    /// <summary>The latest effective date in the register, if it holds any.</summary>
    public Task<DateOnly?> LatestEffectiveOnAsync(CancellationToken ct) => register.LatestEffectiveOnAsync(ct);

    /// <summary>The lines for the given history entries.</summary>
    public Task<IReadOnlyList<ReportLine>> LinesAsync(IEnumerable<long> sequences, CancellationToken ct) => register.LinesAsync(sequences, ct);

    /// <summary>Proposals raised in the period, each named as on <paramref name="asOf"/>.</summary>
    public Task<IReadOnlyList<ReportLine>> RaisedBetweenAsync(DateOnly from, DateOnly to, DateOnly asOf, CancellationToken ct) => register.RaisedBetweenAsync(from, to, asOf, ct);

    /// <summary>History entries in the period whose step starts with <paramref name="stepPrefix"/>.</summary>
    public Task<IReadOnlyList<ReportLine>> StepsBetweenAsync(DateOnly from, DateOnly to, string stepPrefix, CancellationToken ct) => register.StepsBetweenAsync(from, to, stepPrefix, ct);

    /// <summary>The moves between stages in the period.</summary>
    public Task<IReadOnlyList<StageStep>> StagesBetweenAsync(DateOnly from, DateOnly to, CancellationToken ct) => register.StagesBetweenAsync(from, to, ct);

    /// <summary>Proposals that first reached one of <paramref name="stages"/> in the period: when raised and when reached.</summary>
    public Task<IReadOnlyList<(DateOnly RaisedOn, DateOnly ReachedOn)>> FirstReachedBetweenAsync(IEnumerable<Stage> stages, DateOnly from, DateOnly to, CancellationToken ct) =>
        register.FirstReachedBetweenAsync(stages, from, to, ct);

    /// <summary>The consultations still current on <paramref name="asOf"/>.</summary>
    public Task<IReadOnlyList<Consultation>> ConsultationsCurrentOnAsync(DateOnly asOf, CancellationToken ct) => consultations.CurrentOnAsync(asOf, ct);

    /// <summary>The cover and narratives SECAS set for the month's report, if any.</summary>
    public Task<ReportCover?> CoverAsync(DateOnly month, CancellationToken ct) => covers.GetAsync(month, ct);

    /// <summary>Working Group meetings in the period, their agendas named as on each meeting's date.</summary>
    public Task<IReadOnlyList<ReportMeetingRow>> MeetingsBetweenAsync(DateOnly from, DateOnly to, CancellationToken ct) => register.MeetingsBetweenAsync(from, to, ct);

    /// <summary>References and titles of the proposals with these numbers, in every series.</summary>
    public Task<IReadOnlyList<(string Reference, string Title)>> TitlesNumberedAsync(IEnumerable<long> numbers, CancellationToken ct) => register.TitlesNumberedAsync(numbers, ct);

    /// <summary>Every Working Group's last and next meeting on <paramref name="asOf"/>.</summary>
    public Task<IReadOnlyList<WorkingGroupSchedule>> WorkingGroupsOnAsync(DateOnly asOf, CancellationToken ct) => workingGroups.ScheduleOnAsync(asOf, ct);
}
