namespace Sec.Proposals.Domain;

/// <summary>What happens next to a proposal, and when, as the register shows it.</summary>
public sealed record NextStep(string Step, DateOnly? On)
{
    /// <param name="nextMeeting">The next Working Group meeting with the proposal on its agenda, if any.</param>
    /// <param name="consultationCloses">When its open consultation closes, if one is open.</param>
    /// <summary>
    /// Which dates <see cref="For"/> can use for <paramref name="p"/>: the next Working Group meeting
    /// only in Refinement, a consultation's closing only in Refinement or the Modification Report
    /// Consultation, neither while it is on hold or in its withdrawal period. A caller reads no others.
    /// </summary>
    public static (bool Meeting, bool Consultation) Needs(Proposal p)
    {
        var s = p.State;
        if (s.WithdrawalEndsOn is not null || s.OnHold)
            return (false, false);
        return (s.Stage == Stage.Refinement, s.Stage is Stage.Refinement or Stage.ModificationReportConsultation);
    }

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
