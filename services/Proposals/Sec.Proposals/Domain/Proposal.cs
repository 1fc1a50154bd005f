using Sec.BuildingBlocks.Domain;

namespace Sec.Proposals.Domain;

/// <summary>A proposal in the register, from Draft Proposal to outcome.</summary>
public sealed class Proposal
{
    public string Id { get; init; } = "";
    public string Reference { get; init; } = "";
    public string Title { get; init; } = "";
    public string ProblemStatement { get; init; } = "";
    public string ProposerName { get; init; } = "";
    public string ProposerOrganisation { get; init; } = "";
    public DateOnly RaisedOn { get; init; }
    public Phase Phase { get; init; }
    public string Status { get; init; } = "";

    /// <summary>The row version for optimistic concurrency; every change adds one.</summary>
    public int Version { get; init; }

    public IReadOnlyList<HistoryEntry> History { get; init; } = [];

    /// <summary>A new Draft Proposal with its first history entry.</summary>
    public static Proposal Raise(ModificationReference reference, RaiseDraftProposal command, Actor actor, DateTimeOffset now)
    {
        var proposer = command.Proposer ?? throw new ArgumentException("A checked command has a proposer.", nameof(command));
        return new()
        {
        Id = Guid.NewGuid().ToString("D"),
        Reference = reference.Value,
        Title = command.Title.Trim(),
        ProblemStatement = command.ProblemStatement.Trim(),
        ProposerName = proposer.Name.Trim(),
        ProposerOrganisation = proposer.Organisation.Trim(),
        RaisedOn = command.RaisedOn,
        Phase = Phase.Define,
        Status = Statuses.DraftProposalRaised,
        Version = 1,
        History =
        [
            new HistoryEntry
            {
                EffectiveOn = command.RaisedOn,
                RecordedAt = now,
                ActorName = actor.Name,
                ActorOrganisation = actor.Organisation,
                Reason = $"Raised by {proposer.Name.Trim()} ({proposer.Organisation.Trim()})",
                Phase = Phase.Define,
                Status = Statuses.DraftProposalRaised,
            },
        ],
        };
    }
}

/// <summary>One change in a proposal's history: the business date it took effect and when and by whom it was recorded.</summary>
public sealed class HistoryEntry
{
    public DateOnly EffectiveOn { get; init; }
    public DateTimeOffset RecordedAt { get; init; }
    public string ActorName { get; init; } = "";
    public string ActorOrganisation { get; init; } = "";
    public string Reason { get; init; } = "";
    public Phase Phase { get; init; }
    public string Status { get; init; } = "";
}
