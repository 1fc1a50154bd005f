using Sec.Contracts;

namespace Sec.ChangeBoard.Domain;

/// <summary>
/// The Change Board acts only on what the register says: a vote on a modification awaiting its
/// decision, on its own path; the Authority's decision on one with the Authority. Each check is
/// judged on the business date the command takes effect (the meeting's, or the decision's), so
/// history loaded from the papers is checked as today's work is, and a refusal names the
/// modification's state on that date and the state the command needs.
/// </summary>
public static class RegisterAgreement
{
    /// <summary>Where a modification stands before the Change Board decides it.</summary>
    private static readonly Stage[] BeforeDecision = [Stage.Refinement, Stage.ReportPhase, Stage.ModificationReportConsultation, Stage.AwaitingChangeBoard];

    /// <summary>Where the Change Board's decision (or recommendation) takes a modification.</summary>
    private static readonly Stage[] AfterDecision = [Stage.AwaitingAuthority, Stage.AwaitingImplementation, Stage.Rejected];

    private static readonly Stage[] Concluded = [Stage.Implemented, Stage.Rejected, Stage.Withdrawn];

    /// <summary>
    /// Whether the register has the modification before the Change Board on the meeting's date:
    /// submitted for decision on or before it and not moved on before it (moving on that day is the
    /// decision itself), or, as imported papers record it, decided that day straight from an earlier stage.
    /// </summary>
    public static bool BeforeTheBoardOn(RegisterView register, DateOnly meetingOn) =>
        register.AwaitingChangeBoardSince(meetingOn) is not null || register.MovedOn(meetingOn, BeforeDecision, AfterDecision);

    /// <summary>A vote needs the modification awaiting the Change Board's decision on the meeting's date.</summary>
    public static void RequireBeforeTheBoard(RegisterView register, DateOnly meetingOn, string what)
    {
        if (!BeforeTheBoardOn(register, meetingOn))
            throw new MoveNotAllowed($"{register.Describe(meetingOn)}; {what} needs it Awaiting Change Board decision on {RegisterView.Day(meetingOn)}, submitted for decision on or before the meeting.");
    }

    /// <summary>
    /// The vote's path: the register's on the meeting's date. A path given that differs is refused
    /// naming both; with neither, the path must be given.
    /// </summary>
    public static DecisionPath PathFor(RegisterView register, DateOnly meetingOn, DecisionPath given)
    {
        var registers = register.AsOf(meetingOn)?.Path ?? DecisionPath.None;
        if (given != DecisionPath.None && registers != DecisionPath.None && given != registers)
            throw new MoveNotAllowed($"{register.Reference} is on {Paths.Name(registers)} in the register on {RegisterView.Day(meetingOn)}; a vote on {Paths.Name(given)} contradicts it. Give its own path, or none for the register's.");
        return given != DecisionPath.None ? given
            : registers != DecisionPath.None ? registers
            : throw new InvalidFields("path", $"the register gives {register.Reference} no path on {meetingOn:yyyy-MM-dd}; give its path");
    }

    /// <summary>An Impact Assessment request needs a modification raised and not yet concluded on the meeting's date.</summary>
    public static void RequireOpen(RegisterView register, DateOnly meetingOn)
    {
        if (register.AsOf(meetingOn) is not { } state || Concluded.Contains(state.Stage))
            throw new MoveNotAllowed($"{register.Describe(meetingOn)}; an Impact Assessment request needs it raised and not Implemented, Rejected or Withdrawn on the meeting's date.");
    }

    /// <summary>The Authority's decision needs the modification with the Authority on the decision's date.</summary>
    public static void RequireWithTheAuthority(RegisterView register, DateOnly decidedOn)
    {
        if (!register.WasAt(Stage.AwaitingAuthority, decidedOn))
            throw new MoveNotAllowed($"{register.Describe(decidedOn)}; the Authority's decision needs it Awaiting Authority Decision on {RegisterView.Day(decidedOn)}.");
    }

    /// <summary>A decision is reopened only while the modification has not been implemented.</summary>
    public static void RequireNotImplemented(RegisterView register, string what)
    {
        if (register.Current?.Stage == Stage.Implemented)
            throw new MoveNotAllowed($"{register.DescribeNow()}; {what} cannot reopen the decision of a modification already implemented.");
    }

    /// <summary>Votes, closes and decisions happen at the meeting or after it, never before it.</summary>
    public static void RequireHeld(DateOnly meetingOn, DateOnly today, string what)
    {
        if (meetingOn > today)
            throw new MoveNotAllowed($"The meeting of {RegisterView.Day(meetingOn)} has not yet been held (today is {RegisterView.Day(today)}); {what} is recorded on or after the meeting's date.");
    }

    /// <summary>A dated step takes effect today or earlier, as the register's steps do.</summary>
    public static void RequireNotFuture(DateOnly on, DateOnly today, string field)
    {
        if (on > today)
            throw new InvalidFields(field, $"{on:yyyy-MM-dd} is in the future (today is {today:yyyy-MM-dd})");
    }
}

/// <summary>The decision paths as refusals name them.</summary>
public static class Paths
{
    public static string Name(DecisionPath path) => path switch
    {
        DecisionPath.AuthorityLed => "Path 1 (Authority-led)",
        DecisionPath.AuthorityDetermination => "Path 2 (Authority Determination)",
        DecisionPath.SelfGovernance => "Path 3 (Self-Governance)",
        DecisionPath.FastTrackSelfGovernance => "Fast-Track Self-Governance",
        _ => "no path",
    };
}
