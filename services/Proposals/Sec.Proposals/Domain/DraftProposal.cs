namespace Sec.Proposals.Domain;

/// <summary>What a party gives to raise a Draft Proposal.</summary>
public sealed record RaiseDraftProposal(string Title, string ProblemStatement, Proposer? Proposer, DateOnly RaisedOn);

/// <summary>The party that raises a proposal: a person and the SEC party they act for.</summary>
public sealed record Proposer(string Name, string Organisation);

/// <summary>The rules for raising a Draft Proposal.</summary>
public static class DraftProposalRules
{
    public const int MaxTitleLength = 255;
    public const int MaxProblemStatementLength = 20_000;
    public const int MaxNameLength = 200;

    /// <summary>A step's reason, recorded in the register's history.</summary>
    public const int MaxReasonLength = 2000;

    /// <summary>
    /// Adds a violation for every field that breaks a rule. Field names are the request's, so a
    /// client can highlight them. A raised date may be in the past (imported history) but not in
    /// the future.
    /// </summary>
    public static void Check(RaiseDraftProposal command, DateOnly today, FieldChecks checks)
    {
        checks.RequiredText(command.Title, "title", MaxTitleLength)
              .RequiredText(command.ProblemStatement, "problem_statement", MaxProblemStatementLength);
        if (command.Proposer is null)
            checks.Add("proposer", "is required: the proposer's name and organisation");
        else
            checks.RequiredText(command.Proposer.Name, "proposer.name", MaxNameLength)
                  .RequiredText(command.Proposer.Organisation, "proposer.organisation", MaxNameLength);
        if (command.RaisedOn != default)
            checks.Check(command.RaisedOn <= today, "raised_on", $"{command.RaisedOn:yyyy-MM-dd} is in the future; a proposal is raised today or earlier");
    }
}
