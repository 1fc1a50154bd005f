using Sec.Contracts;

namespace Sec.BuildingBlocks.Domain;

/// <summary>
/// What a domain step causes besides its next state: the events to publish and the deadlines to set
/// or clear. The domain returns them; the use case saves the state and enqueues them in the same
/// transaction. Storage never decides which events go out, and the Api never builds one.
/// </summary>
public sealed record Effects
{
    public static readonly Effects None = new();

    public IReadOnlyList<IIntegrationEvent> Events { get; init; } = [];

    public IReadOnlyList<TimerChange> Timers { get; init; } = [];

    public bool IsEmpty => Events.Count == 0 && Timers.Count == 0;

    public static Effects Publish(params IEnumerable<IIntegrationEvent> events) => None.AndPublish(events);

    public static Effects Schedule(string kind, string subjectKey, DateTimeOffset dueAt, string? payload = null) =>
        None.AndSchedule(kind, subjectKey, dueAt, payload);

    public static Effects Cancel(string kind, string subjectKey) => None.AndCancel(kind, subjectKey);

    public Effects AndPublish(params IEnumerable<IIntegrationEvent> events) => this with { Events = [.. Events, .. events] };

    public Effects AndSchedule(string kind, string subjectKey, DateTimeOffset dueAt, string? payload = null) =>
        this with { Timers = [.. Timers, new ScheduleTimer(kind, subjectKey, dueAt, payload)] };

    public Effects AndCancel(string kind, string subjectKey) => this with { Timers = [.. Timers, new CancelTimer(kind, subjectKey)] };

    public Effects And(Effects other) => this with { Events = [.. Events, .. other.Events], Timers = [.. Timers, .. other.Timers] };
}

/// <summary>A change to a durable deadline, one live timer per kind and subject.</summary>
public abstract record TimerChange(string Kind, string SubjectKey);

/// <summary>Sets (or moves) the deadline of a kind for a subject.</summary>
public sealed record ScheduleTimer(string Kind, string SubjectKey, DateTimeOffset DueAt, string? Payload) : TimerChange(Kind, SubjectKey);

/// <summary>Clears the live deadline of a kind for a subject, if there is one.</summary>
public sealed record CancelTimer(string Kind, string SubjectKey) : TimerChange(Kind, SubjectKey);

/// <summary>The state after a domain step, with what the step causes.</summary>
public readonly record struct Changed<T>(T State, Effects Effects)
{
    public static implicit operator Changed<T>(T state) => new(state, Effects.None);
}

/// <summary>Builds a <see cref="Changed{T}"/> without naming its type.</summary>
public static class Changed
{
    public static Changed<T> To<T>(T state, Effects? effects = null) => new(state, effects ?? Effects.None);
}
