namespace Sec.Contracts;

/// <summary>
/// An integration event one context publishes and others consume. Events are immutable, named in
/// the past tense and versioned by adding fields only. The namespace stays <c>Sec.Contracts</c>
/// because it names the message on the broker.
/// </summary>
public interface IIntegrationEvent
{
    /// <summary>The event's own id; consumers use it to apply each event once.</summary>
    Guid MessageId { get; }

    /// <summary>The modification the event is about, as the register names it now (DP119, MP122, SECMP0067).</summary>
    string Reference { get; }

    /// <summary>The business date the change takes effect, which may be in the past for imported history.</summary>
    DateOnly EffectiveOn { get; }
}
