namespace Sec.Contracts;

/// <summary>A party raised a Draft Proposal and the register gave it its DP number.</summary>
public sealed record DraftProposalRaised(
    Guid MessageId,
    string Reference,
    DateOnly EffectiveOn,
    string Title,
    string ProblemStatement,
    string ProposerName,
    string ProposerOrganisation,
    DateOnly RaisedOn,
    DateTimeOffset RecordedAt,
    string RecordedBy) : IIntegrationEvent;
