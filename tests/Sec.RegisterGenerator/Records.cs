using Sec.Assessments.Domain;
using Sec.ChangeBoard.Domain;
using Sec.Proposals.Domain;
using Sec.Contracts;
using DecisionPath = Sec.Contracts.DecisionPath;
using AssessmentKind = Sec.Contracts.AssessmentKind;

namespace Sec.RegisterGenerator;

// What a modification's life leaves in the other contexts (and in the Proposals context beside the
// register itself). Each is changed by the life's happenings as they take effect, so one cut at the
// register date leaves every context consistent with the others.

internal sealed class AssessmentRecord
{
    public required string Id { get; init; }
    public required string Reference { get; init; }
    public required AssessmentKind Kind { get; init; }
    public AssessmentStatus Status { get; set; }
    public DateOnly RequestedOn { get; init; }
    public DateOnly? AcceptedOn { get; set; }
    public int TargetWorkingDays { get; set; }
    public DateOnly? ReturnedOn { get; set; }
    public DateOnly? ClosedOn { get; set; }
    public AssessmentCosts? Costs { get; set; }
    public List<ClockStopPeriod> ClockStops { get; } = [];
    public int Version { get; set; } = 1;

    public bool IsClosed => Status is AssessmentStatus.Rejected or AssessmentStatus.Returned or AssessmentStatus.Cancelled;
}

internal sealed class ConsultationRecord
{
    public required string Id { get; init; }
    public required ConsultationKind Kind { get; init; }
    public DateOnly? ExpectedWeekCommencing { get; set; }
    public DateOnly? IssuedOn { get; set; }
    public DateOnly? ClosesOn { get; set; }
    public List<ConsultationResponse> Responses { get; } = [];
}

internal sealed class BoardItemRecord
{
    public required string Id { get; init; }
    public required string MeetingId { get; init; }
    public required DateOnly MeetingOn { get; init; }
    public required string Reference { get; init; }
    public required AgendaItemKind Kind { get; init; }
    public Sec.Contracts.DecisionPath Path { get; init; }
    public ItemStatus Status { get; set; } = ItemStatus.Open;
    public Outcome Outcome { get; set; }
    public IReadOnlyList<GroupTally> Breakdown { get; set; } = [];
    public List<Vote> Votes { get; } = [];
    public string? CountingRule { get; set; }
    public DateOnly? ReferralWindowEndsOn { get; set; }
    public string? ReferredBy { get; set; }
    public DateOnly? ReferredOn { get; set; }
    public Outcome FinalOutcome { get; set; }
    public DateOnly? FinalOn { get; set; }
    public int Version { get; set; } = 1;
}

internal sealed class ScopeRecord
{
    public required ReleasePlan Release { get; init; }
    public required string Reference { get; init; }
    public required Sec.Releases.Domain.ScopeKind AddedAs { get; init; }
    public DateOnly? DecisionCutOff { get; init; }
    public required DateOnly AddedOn { get; init; }
    public DateOnly? ApprovedOn { get; set; }
    public DateOnly? LeftOn { get; set; }
    public string? LeftReason { get; set; }
}

internal sealed record DccCostRecord(long LowPence, long HighPence, string Source, DateOnly ReturnedOn);

internal sealed record AgendaEntry(int Group, int Meeting);

/// <summary>One thing that happens on a date; <c>Always</c> ones take effect even after the life is cut short by a withdrawal.</summary>
internal readonly record struct Happening(DateOnly On, int Order, bool History, bool Always, Action Apply);
