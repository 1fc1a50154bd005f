using Sec.Contracts;

namespace Sec.Assessments.Domain;

/// <summary>An assessment still open, as the consistency check needs it.</summary>
public sealed record OpenAssessment
{
    public string Reference { get; init; } = "";
    public AssessmentKind Kind { get; init; }
    public AssessmentStatus Status { get; init; }
    public DateOnly RequestedOn { get; init; }
}

/// <summary>
/// What an open assessment says about the register: the DCC is still working for a modification
/// that is still alive. One open for an implemented, rejected or withdrawn modification disagrees.
/// </summary>
public static class AssessmentClaims
{
    private static readonly IReadOnlyList<Stage> Alive = Enum.GetValues<Stage>()
        .Where(s => s is not (Stage.Implemented or Stage.Rejected or Stage.Withdrawn)).ToList();

    public static RegisterClaim Of(OpenAssessment open) => new(open.Reference,
        $"has its {(open.Kind == AssessmentKind.Preliminary ? "Preliminary" : "Impact")} Assessment open ({open.Status}, requested {open.RequestedOn:d MMMM yyyy})",
        Alive, open.RequestedOn);
}
