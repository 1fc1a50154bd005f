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

/// <summary>What the proposer gives to amend a Draft Proposal's problem statement.</summary>
public sealed record AmendProblemStatement(string ProblemStatement, int ExpectedVersion, DateOnly EffectiveOn, string Reason);

/// <summary>The rules for amending a Draft Proposal.</summary>
public static class AmendmentRules
{
    public static void Check(AmendProblemStatement command, DateOnly today, FieldChecks checks)
    {
        checks.RequiredText(command.ProblemStatement, "problem_statement", DraftProposalRules.MaxProblemStatementLength)
              .Check(command.ExpectedVersion >= 0, "expected_version", "must not be negative")
              .OptionalText(command.Reason, "reason", 2000);
        if (command.EffectiveOn != default)
            checks.Check(command.EffectiveOn <= today, "effective_on", $"{command.EffectiveOn:yyyy-MM-dd} is in the future");
    }

    /// <summary>Only a Draft Proposal's problem statement can be amended, and history never runs backwards.</summary>
    public static HistoryEntry Apply(Proposal proposal, AmendProblemStatement command, Actor actor, DateTimeOffset now)
    {
        if (proposal.Phase != Phase.Define)
            throw new MoveNotAllowed($"{proposal.Reference} is in {proposal.Phase} ({proposal.Status}); the problem statement can be amended only while it is a Draft Proposal.");
        var last = proposal.History.Count == 0 ? proposal.RaisedOn : proposal.History[^1].EffectiveOn;
        if (command.EffectiveOn < last)
            throw new InvalidFields("effective_on", $"{command.EffectiveOn:yyyy-MM-dd} is before {proposal.Reference}'s last step on {last:yyyy-MM-dd}");
        return new HistoryEntry
        {
            EffectiveOn = command.EffectiveOn,
            RecordedAt = now,
            ActorName = actor.Name,
            ActorOrganisation = actor.Organisation,
            Reason = string.IsNullOrWhiteSpace(command.Reason) ? "Problem statement amended" : command.Reason.Trim(),
            Phase = proposal.Phase,
            Status = proposal.Status,
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
