using Sec.Contracts;

namespace Sec.ChangeBoard.Domain;

/// <summary>
/// What each vote on the board's record says about the register, for the consistency check: an
/// open, decided or referred Self-Governance vote needs the modification awaiting the Change Board;
/// a final decision needs it where that decision leads; a recommendation needs it with the Authority.
/// </summary>
public static class BoardClaims
{
    private static readonly Stage[] Waiting = [Stage.AwaitingChangeBoard];
    private static readonly Stage[] Approved = [Stage.AwaitingImplementation, Stage.Implemented];
    private static readonly Stage[] Rejected = [Stage.Rejected];
    private static readonly Stage[] WithAuthority = [Stage.AwaitingAuthority];

    /// <summary>Sent back to the Report Phase, the modification may since have gone on to anything after it.</summary>
    private static readonly Stage[] SentBack =
        [Stage.ReportPhase, Stage.ModificationReportConsultation, Stage.AwaitingChangeBoard, Stage.AwaitingAuthority,
         Stage.AwaitingImplementation, Stage.Implemented, Stage.Rejected, Stage.Withdrawn];

    /// <summary>The item's claim, or null for an item that says nothing about the register (an Impact Assessment request, a carried or cancelled vote).</summary>
    public static RegisterClaim? Of(AgendaItem item)
    {
        if (item.Kind != AgendaItemKind.ModificationVote)
            return null;
        var meeting = RegisterView.Day(item.MeetingOn);
        return item.Status switch
        {
            ItemStatus.Open => new(item.Reference, $"on the agenda of the Change Board meeting of {meeting}, the vote open", Waiting, item.MeetingOn),
            ItemStatus.Decided => new(item.Reference,
                $"{Done(item.Outcome)} by the Change Board on {meeting}, in its referral window until {RegisterView.Day(item.ReferralWindowEndsOn!.Value)}", Waiting, item.MeetingOn),
            ItemStatus.Referred => new(item.Reference,
                $"{Done(item.Outcome)} by the Change Board on {meeting}, referred to the Panel by {item.ReferredBy} on {RegisterView.Day(item.ReferredOn!.Value)}", Waiting, item.ReferredOn!.Value),
            ItemStatus.WithAuthority => new(item.Reference,
                $"recommended for {(item.Outcome == Outcome.Approved ? "approval" : "rejection")} by the Change Board on {meeting}, with the Authority for decision", WithAuthority, item.MeetingOn),
            ItemStatus.Final when item.IsSelfGoverned => new(item.Reference,
                $"{Done(item.FinalOutcome)} by the Change Board on {RegisterView.Day(item.FinalOn!.Value)} (final{(item.ReferredBy is null ? "" : ", on the Panel's determination")})",
                item.FinalOutcome == Outcome.Approved ? Approved : Rejected, item.FinalOn!.Value),
            ItemStatus.Final => new(item.Reference, $"{Done(item.FinalOutcome)} by the Authority on {RegisterView.Day(item.FinalOn!.Value)}",
                item.FinalOutcome switch { Outcome.Approved => Approved, Outcome.Rejected => Rejected, _ => SentBack }, item.FinalOn!.Value),
            _ => null,
        };
    }

    private static string Done(Outcome outcome) => outcome switch
    {
        Outcome.Approved => "approved",
        Outcome.Rejected => "rejected",
        Outcome.SentBack => "sent back",
        _ => outcome.ToString().ToLowerInvariant(),
    };
}
