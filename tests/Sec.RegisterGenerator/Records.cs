namespace Sec.RegisterGenerator;

// What a modification's life leaves in the other contexts (and in the Proposals context beside the
// register itself). Each is changed by the life's happenings as they take effect, so one cut at the
// register date leaves every context consistent with the others.

/// <summary>A context's own record as the life has left it so far, replaced by each step as it takes effect.</summary>
internal sealed class Lived<T>(T first) where T : class
{
    public T Current { get; private set; } = first;

    public void Apply(Func<T, T> step) => Current = step(Current);
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
