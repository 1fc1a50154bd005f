namespace Sec.Proposals.Domain;

/// <summary>The two consultations of the process.</summary>
public enum ConsultationKind
{
    Refinement = 1,
    ModificationReport = 2,
}

/// <summary>A respondent's position on the modification; None for responses recorded before positions were kept.</summary>
public enum ResponsePosition
{
    None = 0,
    Support = 1,
    Oppose = 2,
    Neutral = 3,
}

/// <summary>One response to a consultation: who, their party category, their position and what they said.</summary>
public sealed record ConsultationResponse(string Respondent, string Organisation, string PartyCategory, DateOnly ReceivedOn,
    ResponsePosition Position = ResponsePosition.None, string Text = "")
{
    /// <summary>The same person for the same organisation, however it is spelt in case or spacing.</summary>
    public bool IsFromSameRespondentAs(ConsultationResponse other) =>
        string.Equals(Respondent.Trim(), other.Respondent.Trim(), StringComparison.OrdinalIgnoreCase)
        && string.Equals(Organisation.Trim(), other.Organisation.Trim(), StringComparison.OrdinalIgnoreCase);
}

/// <summary>A consultation on a modification: expected in a week, issued, closing, and its responses.</summary>
public sealed record Consultation(
    string Reference,
    string Title,
    ConsultationKind Kind,
    DateOnly? ExpectedWeekCommencing,
    DateOnly? IssuedOn,
    DateOnly? ClosesOn,
    IReadOnlyList<ConsultationResponse> Responses,
    DateOnly? CancelledOn = null,
    string? CancellationReason = null)
{
    /// <summary>Expected in a week that has ended, not issued by the date, and not cancelled by then.</summary>
    public bool IsLate(DateOnly asOf) =>
        ExpectedWeekCommencing is { } week && asOf > week.AddDays(6) && (IssuedOn is null || IssuedOn > asOf) && !IsCancelledBy(asOf);

    /// <summary>Cancelled on or before the date: from then it is no longer expected.</summary>
    public bool IsCancelledBy(DateOnly asOf) => CancelledOn is { } cancelled && cancelled <= asOf;

    /// <summary>Issued on or before the date and not yet closed.</summary>
    public bool IsOpen(DateOnly asOf) => IssuedOn is { } issued && issued <= asOf && (ClosesOn is null || ClosesOn >= asOf);
}

/// <summary>The rules for consultations.</summary>
public static class ConsultationRules
{
    /// <summary>A consultation draws tens of responses from SEC parties; 500 is far beyond any, and keeps the report's page bounded.</summary>
    public const int MaxResponses = 500;

    public static void Check(ConsultationKind? kind, DateOnly? expectedWeek, DateOnly? issuedOn, DateOnly? closesOn, FieldChecks checks)
    {
        checks.Check(kind is not null, "kind", "must be the Refinement Consultation or the Modification Report Consultation")
              .Check(expectedWeek is not null || issuedOn is not null, "issued_on", "give the expected week, the issue date, or both");
        if (expectedWeek is { } week)
            checks.Check(week.DayOfWeek == DayOfWeek.Monday, "expected_week_commencing", $"{week:yyyy-MM-dd} is a {week.DayOfWeek}; a week commences on a Monday");
        if (closesOn is { } closes)
            checks.Check(issuedOn is { } issued && closes >= issued, "closes_on", "must be on or after the issue date");
    }

    /// <summary>A Refinement Consultation happens in the Refinement Process, a Modification Report Consultation in the Report Phase.</summary>
    public static void CheckPhase(Proposal proposal, ConsultationKind kind, DateOnly on)
    {
        var expected = kind == ConsultationKind.Refinement ? Phase.Refine : Phase.Opine;
        var then = proposal.AsOf(on);
        if (then?.Phase != expected)
            throw new MoveNotAllowed($"{proposal.Reference} was {then?.Status ?? "not yet raised"} on {on:d MMMM yyyy}; a {Describe(kind)} is held in the {(expected == Phase.Refine ? "Refinement Process" : "Report Phase")}.");
    }

    /// <summary>A response's text is a few pages at most.</summary>
    public const int MaxResponseText = 4000;

    /// <summary>
    /// An expected consultation that will not be issued is cancelled with a reason: one already
    /// issued, or already cancelled, is refused. Nothing else about it changes.
    /// </summary>
    public static Consultation Cancel(Consultation consultation, DateOnly on, string reason)
    {
        var name = $"The {Describe(consultation.Kind)} on {consultation.Reference}";
        if (consultation.IssuedOn is { } issued)
            throw new MoveNotAllowed($"{name} was issued on {issued:d MMMM yyyy}; only an expected consultation can be cancelled.");
        if (consultation.CancelledOn is { } cancelled)
            throw new MoveNotAllowed($"{name} was cancelled on {cancelled:d MMMM yyyy} already.");
        return consultation with { CancelledOn = on, CancellationReason = reason };
    }

    public static void CheckResponse(Consultation consultation, ConsultationResponse response, FieldChecks checks)
    {
        checks.RequiredText(response.Respondent, "respondent", 200)
              .RequiredText(response.Organisation, "organisation", 200)
              .RequiredText(response.PartyCategory, "party_category", 100)
              .OptionalText(response.Text, "text", MaxResponseText)
              .Check(response.Position != ResponsePosition.None, "position", "must be support, oppose or neutral");
        if (!checks.IsValid)
            return;
        if (consultation.IssuedOn is not { } issued)
            throw new MoveNotAllowed($"The {Describe(consultation.Kind)} on {consultation.Reference} has not been issued; responses come after it is issued.");
        if (response.ReceivedOn < issued)
            throw new InvalidFields("received_on", $"{response.ReceivedOn:yyyy-MM-dd} is before the consultation was issued on {issued:yyyy-MM-dd}");
        if (consultation.Responses.FirstOrDefault(r => r.IsFromSameRespondentAs(response)) is { } earlier)
            throw new AlreadyExists($"{earlier.Respondent} ({earlier.Organisation}) already responded to the {Describe(consultation.Kind)} on {consultation.Reference}, on {earlier.ReceivedOn:d MMMM yyyy}; a respondent responds once.");
        if (consultation.Responses.Count >= MaxResponses)
            throw new MoveNotAllowed($"The {Describe(consultation.Kind)} on {consultation.Reference} already has {MaxResponses} responses, the most it can record.");
    }

    public static string Describe(ConsultationKind kind) => kind == ConsultationKind.Refinement ? "Refinement Consultation" : "Modification Report Consultation";
}
