namespace Sec.Contracts;

/// <summary>A SEC Release went live with this modification in its scope.</summary>
public sealed record ModificationImplemented(Guid MessageId, string Reference, DateOnly EffectiveOn, string Release) : IIntegrationEvent;
