using Sec.Contracts;

namespace Sec.Assessments.Domain;

/// <summary>Where an assessment stands.</summary>
public enum AssessmentStatus
{
    Requested = 1,
    AwaitingApproval = 2,
    Deferred = 3,
    Approved = 4,
    Rejected = 5,
    Accepted = 6,
    Returned = 7,
    Cancelled = 8,
    Withdrawn = 9,
}

/// <summary>The implementation activities the DCC costs; Combined is one figure for several.</summary>
public enum Activity
{
    Design = 1,
    Build = 2,
    PreIntegrationTesting = 3,
    SystemIntegrationTesting = 4,
    UserIntegrationTesting = 5,
    ImplementToLive = 6,
    Combined = 7,
}

/// <summary>An amount or a range in pence; a single figure has Low == High.</summary>
public readonly record struct PenceRange(long Low, long High)
{
    public static PenceRange Exactly(long pence) => new(pence, pence);
}

/// <summary>One costed activity; a combined figure lists what it covers.</summary>
public sealed record ActivityCost(Activity Activity, PenceRange Cost, IReadOnlyList<Activity> Covers)
{
    /// <summary>The line as the returned event carries it: activities by name.</summary>
    public CostLine ToCostLine() => new(Activity.ToString(), Cost.Low, Cost.High, Covers.Select(c => c.ToString()).ToList());
}

/// <summary>The DCC's costs in a return.</summary>
public sealed record AssessmentCosts(IReadOnlyList<ActivityCost> Implementation, PenceRange? OperationalOneOff, PenceRange? OperationalOngoing)
{
    public PenceRange ImplementationTotal => new(Implementation.Sum(a => a.Cost.Low), Implementation.Sum(a => a.Cost.High));

    /// <summary>An operational figure as the returned event carries it, named for what it is.</summary>
    public static CostLine? OperationalLine(string name, PenceRange? range) => range is { } r ? new CostLine(name, r.Low, r.High, []) : null;
}

/// <summary>A span the DCC waited for information; <c>To</c> is null while the clock is stopped.</summary>
public sealed record ClockStopPeriod(DateOnly From, DateOnly? To, string Reason);

/// <summary>
/// An acceptance the DCC replaced by accepting the assessment afresh: its date and target, the day
/// the fresh acceptance was made (until then this one stood, so reports as of earlier dates show it), and why.
/// </summary>
public sealed record PastAcceptance(DateOnly AcceptedOn, int TargetWorkingDays, DateOnly SupersededOn, string Reason);

/// <summary>The DCC's forecast, made on a day, of when it will return the assessment.</summary>
public sealed record ReturnForecast(DateOnly MadeOn, DateOnly ReturnOn);

/// <summary>
/// A DCC Preliminary or Impact Assessment. Requested, approved by the Change Board (Impact only),
/// accepted, paused and returned by the DCC; cancelled when the modification is withdrawn.
/// </summary>
public sealed record Assessment
{
    public const int DefaultPreliminaryTarget = 15;
    public const int DefaultImpactTarget = 40;

    public string Id { get; init; } = "";
    public string Reference { get; init; } = "";
    public AssessmentKind Kind { get; init; }
    public AssessmentStatus Status { get; init; }
    public DateOnly RequestedOn { get; init; }
    public DateOnly? AcceptedOn { get; init; }
    public int TargetWorkingDays { get; init; }
    public DateOnly? ReturnedOn { get; init; }
    public DateOnly? ClosedOn { get; init; }
    public IReadOnlyList<ClockStopPeriod> ClockStops { get; init; } = [];
    public AssessmentCosts? Costs { get; init; }
    public string? ReRequests { get; init; }
    public int Version { get; init; }

    /// <summary>Earlier acceptances the DCC replaced by accepting afresh, oldest first; the current one is <see cref="AcceptedOn"/>.</summary>
    public IReadOnlyList<PastAcceptance> PastAcceptances { get; init; } = [];

    /// <summary>Why SECAS withdrew the request, once withdrawn (its date is <see cref="ClosedOn"/>).</summary>
    public string? WithdrawalReason { get; init; }

    /// <summary>The status a withdrawal of the modification cancelled it from, kept so a reversed withdrawal can put it back.</summary>
    public AssessmentStatus? CancelledFrom { get; init; }

    /// <summary>The DCC's forecasts of the return, in the order made; the last made by a date is the one that stands then.</summary>
    public IReadOnlyList<ReturnForecast> Forecasts { get; init; } = [];

    public bool IsClosed => Status is AssessmentStatus.Rejected or AssessmentStatus.Returned or AssessmentStatus.Cancelled or AssessmentStatus.Withdrawn;

    public string Name => $"{Reference} {(Kind == AssessmentKind.Preliminary ? "PA" : "IA")}";

    public static int DefaultTarget(AssessmentKind kind) => kind == AssessmentKind.Preliminary ? DefaultPreliminaryTarget : DefaultImpactTarget;

    /// <summary>
    /// SECAS requests an assessment of a modification the register knows, on or after the day it was
    /// raised; an Impact Assessment then waits for the Change Board.
    /// </summary>
    public static Changed<Assessment> Request(string reference, DateOnly raisedOn, AssessmentKind kind, DateOnly requestedOn, string? reRequests = null)
    {
        if (requestedOn < raisedOn)
            throw new InvalidFields("requested_on", $"{requestedOn:yyyy-MM-dd} is before {reference} was raised, on {raisedOn:yyyy-MM-dd}");
        var assessment = new Assessment
        {
            Id = NewIds.Row(),
            Reference = reference,
            Kind = kind,
            Status = kind == AssessmentKind.Impact ? AssessmentStatus.AwaitingApproval : AssessmentStatus.Requested,
            RequestedOn = requestedOn,
            TargetWorkingDays = DefaultTarget(kind),
            ReRequests = reRequests,
            Version = 1,
        };
        var effects = Effects.Publish(new AssessmentRequested(NewIds.Message(), reference, requestedOn, assessment.Id, kind));
        if (kind == AssessmentKind.Impact)
            effects = effects.AndPublish(new ImpactAssessmentApprovalNeeded(NewIds.Message(), reference, requestedOn, assessment.Id));
        return Changed.To(assessment, effects);
    }

    /// <summary>SECAS asks again for a returned, rejected or cancelled assessment: a new request of the same kind that names this one.</summary>
    public Changed<Assessment> ReRequest(DateOnly raisedOn, DateOnly requestedOn)
    {
        if (!IsClosed)
            throw new MoveNotAllowed($"{Name} is {Status}; only a returned, rejected, cancelled or withdrawn assessment can be re-requested.");
        if (ClosedOn is { } closed && requestedOn < closed)
            throw new InvalidFields("requested_on", $"{requestedOn:yyyy-MM-dd} is before {Name} closed, on {closed:yyyy-MM-dd}");
        return Request(Reference, raisedOn, Kind, requestedOn, Id);
    }

    /// <summary>An Impact Assessment request the Change Board has still to approve, reject or defer.</summary>
    public bool AwaitsImpactDecision => Kind == AssessmentKind.Impact && Status is AssessmentStatus.AwaitingApproval or AssessmentStatus.Deferred;

    /// <summary>The Change Board's decision on an Impact Assessment request.</summary>
    public Assessment DecideImpactRequest(ImpactAssessmentRequestOutcome outcome, DateOnly on)
    {
        if (!AwaitsImpactDecision)
            throw new MoveNotAllowed($"{Name} is {Status}; only an Impact Assessment request waiting for the Change Board can be approved, rejected or deferred.");
        // A rejection dated before the request would close it before it was open.
        if (on < RequestedOn)
            throw new InvalidFields("decided_on", $"{on:yyyy-MM-dd} is before {Name} was requested, on {RequestedOn:yyyy-MM-dd}");
        return outcome switch
        {
            ImpactAssessmentRequestOutcome.Approved => this with { Status = AssessmentStatus.Approved, Version = Version + 1 },
            ImpactAssessmentRequestOutcome.Rejected => this with { Status = AssessmentStatus.Rejected, ClosedOn = on, Version = Version + 1 },
            ImpactAssessmentRequestOutcome.Deferred => this with { Status = AssessmentStatus.Deferred, Version = Version + 1 },
            _ => throw new InvalidFields("outcome", $"'{outcome}' is not approved, rejected or deferred"),
        };
    }

    /// <summary>The DCC accepts it: a Preliminary Assessment once requested, an Impact Assessment only once the Change Board approved it.</summary>
    public Changed<Assessment> Accept(DateOnly acceptedOn, int? targetWorkingDays)
    {
        if (Status == AssessmentStatus.Accepted && AcceptedOn == acceptedOn)
            return this;
        var ready = Kind == AssessmentKind.Preliminary ? Status == AssessmentStatus.Requested : Status == AssessmentStatus.Approved;
        if (!ready)
            throw new MoveNotAllowed(Kind == AssessmentKind.Impact && Status is AssessmentStatus.AwaitingApproval or AssessmentStatus.Deferred
                ? $"{Name} is waiting for the Change Board's approval; the DCC can accept it once the request is approved."
                : $"{Name} is {Status}; the DCC can accept only a requested assessment.");
        if (acceptedOn < RequestedOn)
            throw new InvalidFields("accepted_on", $"{acceptedOn:yyyy-MM-dd} is before the request on {RequestedOn:yyyy-MM-dd}");
        var accepted = this with
        {
            Status = AssessmentStatus.Accepted,
            AcceptedOn = acceptedOn,
            TargetWorkingDays = targetWorkingDays ?? DefaultTarget(Kind),
            Version = Version + 1,
        };
        return Changed.To(accepted, Effects.Publish(new AssessmentAccepted(NewIds.Message(), Reference, acceptedOn, Id, Kind, accepted.TargetWorkingDays)));
    }

    /// <summary>
    /// The DCC accepts an accepted assessment afresh: the duration counts from the new acceptance
    /// date, and the old acceptance is kept. <paramref name="madeOn"/> is the day the fresh acceptance
    /// was made; until then the old one stood, so a report as of an earlier date shows the old date.
    /// The new date may precede that day (the DCC may date it back) but not the acceptance it replaces.
    /// </summary>
    public Changed<Assessment> AcceptAfresh(DateOnly acceptedOn, DateOnly madeOn, int? targetWorkingDays, string reason)
    {
        var last = PastAcceptances.Count == 0 ? null : PastAcceptances[^1];
        if (last is not null && last.SupersededOn == madeOn && AcceptedOn == acceptedOn && TargetWorkingDays == (targetWorkingDays ?? TargetWorkingDays))
            return this;
        RequireAccepted("accept it afresh");
        if (ClockStops.Any(s => s.To is null))
            throw new MoveNotAllowed($"{Name}'s clock is stopped; restart the clock before accepting it afresh.");
        if (acceptedOn <= AcceptedOn)
            throw new InvalidFields("accepted_on", $"{acceptedOn:yyyy-MM-dd} is not after the acceptance it replaces, on {AcceptedOn:yyyy-MM-dd}");
        if (madeOn < acceptedOn)
            throw new InvalidFields("made_on", $"{madeOn:yyyy-MM-dd} is before the new acceptance on {acceptedOn:yyyy-MM-dd}; a fresh acceptance is made on or after its own date");
        if (last is not null && madeOn < last.SupersededOn)
            throw new InvalidFields("made_on", $"{madeOn:yyyy-MM-dd} is before {Name} was last accepted afresh, on {last.SupersededOn:yyyy-MM-dd}");
        var previous = new PastAcceptance(AcceptedOn!.Value, TargetWorkingDays, madeOn, reason);
        var afresh = this with
        {
            AcceptedOn = acceptedOn,
            TargetWorkingDays = targetWorkingDays ?? TargetWorkingDays,
            PastAcceptances = [.. PastAcceptances, previous],
            Version = Version + 1,
        };
        return Changed.To(afresh, Effects.Publish(new AssessmentAcceptedAfresh(NewIds.Message(), Reference, madeOn, Id, Kind, acceptedOn, previous.AcceptedOn, afresh.TargetWorkingDays, reason)));
    }

    /// <summary>
    /// The assessment as it stood on <paramref name="date"/> as far as its acceptance goes: an
    /// acceptance replaced after that date is the one shown.
    /// </summary>
    public Assessment AsItStoodOn(DateOnly date)
    {
        var standing = PastAcceptances.FirstOrDefault(p => date < p.SupersededOn);
        return standing is null ? this : this with { AcceptedOn = standing.AcceptedOn, TargetWorkingDays = standing.TargetWorkingDays };
    }

    /// <summary>SECAS withdraws its request, with a reason: an open assessment closes on that date, whatever stage it reached.</summary>
    public Changed<Assessment> Withdraw(DateOnly on, string reason)
    {
        if (IsClosed)
            throw new MoveNotAllowed($"{Name} is {Status}{(ClosedOn is { } closed ? $" since {closed:d MMMM yyyy}" : "")}; only an open request can be withdrawn.");
        if (on < RequestedOn)
            throw new InvalidFields("withdrawn_on", $"{on:yyyy-MM-dd} is before the request on {RequestedOn:yyyy-MM-dd}");
        if (AcceptedOn is { } accepted && on < accepted)
            throw new InvalidFields("withdrawn_on", $"{on:yyyy-MM-dd} is before the DCC accepted {Name} on {accepted:yyyy-MM-dd}");
        if (ClockStops.LastOrDefault() is { } stop && on < stop.From)
            throw new InvalidFields("withdrawn_on", $"{on:yyyy-MM-dd} is before the clock stop from {stop.From:yyyy-MM-dd}");
        RequireAfterTheDccsLastStep(on, "withdrawn_on");
        var stops = ClockStops.Select(s => s.To is null ? s with { To = on } : s).ToList();
        return Changed.To(this with { Status = AssessmentStatus.Withdrawn, ClosedOn = on, WithdrawalReason = reason, ClockStops = stops, Version = Version + 1 },
            Effects.Publish(new AssessmentWithdrawn(NewIds.Message(), Reference, on, Id, Kind, reason)));
    }

    /// <summary>
    /// The DCC forecasts (or revises its forecast of) the return date. Forecasts are kept in the
    /// order made; a forecast is made while the DCC has the assessment, and looks no earlier than the day it is made.
    /// </summary>
    public Changed<Assessment> ForecastReturn(DateOnly madeOn, DateOnly returnOn)
    {
        var forecast = new ReturnForecast(madeOn, returnOn);
        if (Forecasts.Count > 0 && Forecasts[^1] == forecast)
            return this;
        RequireAccepted("forecast its return");
        if (madeOn < AcceptedOn)
            throw new InvalidFields("made_on", $"{madeOn:yyyy-MM-dd} is before the DCC accepted {Name} on {AcceptedOn:yyyy-MM-dd}");
        if (returnOn < madeOn)
            throw new InvalidFields("forecast_return_on", $"{returnOn:yyyy-MM-dd} is before the forecast is made on {madeOn:yyyy-MM-dd}");
        if (Forecasts.Count > 0 && madeOn < Forecasts[^1].MadeOn)
            throw new InvalidFields("made_on", $"{madeOn:yyyy-MM-dd} is before the DCC's last forecast, made on {Forecasts[^1].MadeOn:yyyy-MM-dd}");
        return Changed.To(this with { Forecasts = [.. Forecasts, forecast], Version = Version + 1 },
            Effects.Publish(new AssessmentReturnForecast(NewIds.Message(), Reference, madeOn, Id, Kind, returnOn)));
    }

    /// <summary>The return date the DCC forecast as it stood on <paramref name="date"/>: its last forecast made by then.</summary>
    public DateOnly? ForecastReturnOn(DateOnly date) => Forecasts.LastOrDefault(f => f.MadeOn <= date)?.ReturnOn;

    /// <summary>
    /// The DCC stops the clock. Stops may not overlap, end before they start, or begin before
    /// acceptance. A stop with both dates may arrive after the return (posts can be reordered) as
    /// long as it lies between acceptance and return; stops are kept in date order, so the order
    /// they arrive in changes nothing. A stop that arrives with its end restarts the clock too.
    /// </summary>
    public Changed<Assessment> StopClock(ClockStopPeriod stop)
    {
        var lateButClosed = Status == AssessmentStatus.Returned && stop.To is { } last && last <= ReturnedOn;
        if (!lateButClosed)
            RequireAccepted("stop the clock");
        if (ClockStops.Contains(stop))
            return this;
        if (stop.To is { } to && to < stop.From)
            throw new InvalidFields("stop.to", $"{to:yyyy-MM-dd} is before the stop starts on {stop.From:yyyy-MM-dd}");
        if (stop.From < AcceptedOn)
            throw new InvalidFields("stop.from", $"{stop.From:yyyy-MM-dd} is before the DCC accepted {Name} on {AcceptedOn:yyyy-MM-dd}");
        foreach (var other in ClockStops)
        {
            var otherEnd = other.To ?? DateOnly.MaxValue;
            var end = stop.To ?? DateOnly.MaxValue;
            if (stop.From <= otherEnd && other.From <= end)
                throw new InvalidFields("stop.from", $"the stop from {stop.From:yyyy-MM-dd} overlaps the stop from {other.From:yyyy-MM-dd}{(other.To is { } t ? $" to {t:yyyy-MM-dd}" : " (still open)")}");
        }
        var effects = Effects.Publish(new AssessmentClockStopped(NewIds.Message(), Reference, stop.From, Id, Kind, stop.Reason));
        if (stop.To is { } restarted)
            effects = effects.AndPublish(Restarted(restarted));
        return Changed.To(this with { ClockStops = ClockStops.Append(stop).OrderBy(s => s.From).ToList(), Version = Version + 1 }, effects);
    }

    /// <summary>The DCC restarts the clock: the open stop ends on <paramref name="stoppedUntil"/>.</summary>
    public Changed<Assessment> RestartClock(DateOnly stoppedUntil)
    {
        RequireAccepted("restart the clock");
        var open = ClockStops.SingleOrDefault(s => s.To is null)
            ?? throw new MoveNotAllowed($"{Name}'s clock is running; there is no stop to end.");
        if (stoppedUntil < open.From)
            throw new InvalidFields("stopped_until", $"{stoppedUntil:yyyy-MM-dd} is before the stop started on {open.From:yyyy-MM-dd}");
        return Changed.To(this with { ClockStops = ClockStops.Select(s => s.To is null ? s with { To = stoppedUntil } : s).ToList(), Version = Version + 1 },
            Effects.Publish(Restarted(stoppedUntil)));
    }

    private AssessmentClockRestarted Restarted(DateOnly stoppedUntil) => new(NewIds.Message(), Reference, stoppedUntil, Id, Kind);

    /// <summary>The DCC returns it with its costs, which the Releases context takes from the event.</summary>
    public Changed<Assessment> Return(DateOnly returnedOn, AssessmentCosts costs)
    {
        if (Status == AssessmentStatus.Cancelled)
            throw new MoveNotAllowed($"{Name} was cancelled on {ClosedOn:d MMMM yyyy} because the modification was withdrawn; it cannot be returned.");
        RequireAccepted("return it");
        if (returnedOn < AcceptedOn)
            throw new InvalidFields("returned_on", $"{returnedOn:yyyy-MM-dd} is before the DCC accepted it on {AcceptedOn:yyyy-MM-dd}");
        if (ClockStops.Any(s => s.To is null))
            throw new MoveNotAllowed($"{Name}'s clock is stopped; restart it before returning.");
        RequireAfterTheDccsLastStep(returnedOn, "returned_on");
        // A forecast is made while the DCC has the assessment in hand, so before it gives it back.
        if (Forecasts.LastOrDefault() is { } forecast && returnedOn < forecast.MadeOn)
            throw new InvalidFields("returned_on", $"{returnedOn:yyyy-MM-dd} is before the DCC's last forecast, made on {forecast.MadeOn:yyyy-MM-dd}");
        return Changed.To(this with { Status = AssessmentStatus.Returned, ReturnedOn = returnedOn, ClosedOn = returnedOn, Costs = costs, Version = Version + 1 },
            Effects.Publish(new AssessmentReturned(NewIds.Message(), Reference, returnedOn, Id, Kind,
                costs.Implementation.Select(c => c.ToCostLine()).ToList(),
                AssessmentCosts.OperationalLine("OperationalOneOff", costs.OperationalOneOff),
                AssessmentCosts.OperationalLine("OperationalOngoing", costs.OperationalOngoing))));
    }

    /// <summary>
    /// The assessment closes (returned or withdrawn) no earlier than the DCC's last step with it in hand:
    /// the end of its last clock stop, and the day it was last accepted afresh.
    /// </summary>
    private void RequireAfterTheDccsLastStep(DateOnly on, string field)
    {
        if (ClockStops.LastOrDefault() is { To: { } restarted } && on < restarted)
            throw new InvalidFields(field, $"{on:yyyy-MM-dd} is before the clock restarted on {restarted:yyyy-MM-dd}");
        if (PastAcceptances.LastOrDefault() is { } replaced && on < replaced.SupersededOn)
            throw new InvalidFields(field, $"{on:yyyy-MM-dd} is before {Name} was accepted afresh, on {replaced.SupersededOn:yyyy-MM-dd}");
    }

    /// <summary>Cancelled because the modification was withdrawn; a closed assessment stays as it was.</summary>
    public Changed<Assessment> Cancel(DateOnly on) =>
        IsClosed ? this : Changed.To(this with { Status = AssessmentStatus.Cancelled, CancelledFrom = Status, ClosedOn = on, Version = Version + 1 },
            Effects.Publish(new AssessmentCancelled(NewIds.Message(), Reference, on, Id, Kind)));

    /// <summary>
    /// The modification's withdrawal on <paramref name="withdrawnOn"/> was undone by a late adoption:
    /// an assessment that withdrawal cancelled is open again as it was; any other stays as it is (null).
    /// </summary>
    public Assessment? Reinstate(DateOnly withdrawnOn) =>
        Status == AssessmentStatus.Cancelled && ClosedOn == withdrawnOn && CancelledFrom is { } was
            ? this with { Status = was, ClosedOn = null, CancelledFrom = null, Version = Version + 1 }
            : null;

    /// <summary>
    /// The due date: the target counted in legal working days from acceptance, each stopped working
    /// day added. Null while the clock is stopped short of the target: no day is due until the DCC restarts it.
    /// </summary>
    public DateOnly? DueOn(LegalWorkingDays legal)
    {
        if (AcceptedOn is not { } accepted)
            return null;
        var stoppedSince = ClockStops.FirstOrDefault(s => s.To is null)?.From;
        var date = accepted.AddDays(-1);
        var counted = 0;
        while (counted < TargetWorkingDays)
        {
            date = date.AddDays(1);
            if (date >= stoppedSince)
                return null;
            if (legal.Counts(date) && !ClockStops.Any(s => date >= s.From && date <= (s.To ?? DateOnly.MaxValue)))
                counted++;
        }
        return date;
    }

    /// <summary>The published duration from acceptance to <paramref name="end"/> (a return date, or an as-of date), clock stops not counted.</summary>
    public int Duration(IWorkingDayPolicy policy, DateOnly end) =>
        AcceptedOn is { } accepted
            ? policy.Duration(accepted, end, ClockStops.Select(s => new ClockStop(s.From, s.To ?? end)).ToList())
            : 0;

    /// <summary>Accepted on or before the date, and not returned or cancelled by then.</summary>
    public bool IsOpenOn(DateOnly date) => AcceptedOn is { } accepted && accepted <= date && (ClosedOn is null || ClosedOn > date);

    private void RequireAccepted(string what)
    {
        if (Status != AssessmentStatus.Accepted)
            throw new MoveNotAllowed($"{Name} is {Status}; the DCC can {what} only while it has the assessment accepted.");
    }
}
