namespace Sec.Proposals.Domain;

/// <summary>What happens next to a proposal, and when, as the register shows it.</summary>
public sealed record NextStep(string Step, DateOnly? On)
{
    /// <param name="nextMeeting">The next Working Group meeting with the proposal on its agenda, if any.</param>
    /// <param name="consultationCloses">When its open consultation closes, if one is open.</param>
    public static NextStep For(Proposal p, DateOnly? nextMeeting, DateOnly? consultationCloses)
    {
        var s = p.State;
        if (s.WithdrawalEndsOn is { } end)
            return new("Withdrawal period ends; it is Withdrawn unless a party adopts it", end);
        if (s.OnHold)
            return new("Panel decides when to resume it", null);
        return s.Stage switch
        {
            Stage.DraftRaised or Stage.NeedsFurtherDevelopment => new("Change Sub-Committee review", null),
            Stage.ReadyForConversion => new("Panel decides on conversion to a Modification Proposal", null),
            Stage.Refinement when consultationCloses is { } closes => new("Refinement Consultation closes", closes),
            Stage.Refinement => new("Working Group meeting", nextMeeting),
            Stage.ReportPhase when s.Path == DecisionPath.FastTrackSelfGovernance => new("Change Board vote", null),
            Stage.ReportPhase => new("Modification Report issued for consultation", null),
            Stage.ModificationReportConsultation => new("Modification Report Consultation closes", consultationCloses),
            Stage.AwaitingChangeBoard => new("Change Board vote", null),
            Stage.AwaitingAuthority => new("Authority decision", null),
            Stage.AwaitingImplementation => new(p.TargetRelease is null ? "Implementation in a SEC Release" : $"Implementation in the {p.TargetRelease}", null),
            _ => new("None: the process has ended", null),
        };
    }
}
