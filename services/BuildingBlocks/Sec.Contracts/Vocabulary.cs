namespace Sec.Contracts;

// The process's shared vocabulary, as the events carry it. Each enum is versioned like the events:
// members are only ever added, never renamed or renumbered, because other contexts (and messages
// already on the broker) hold their values.

/// <summary>How a modification is decided.</summary>
public enum DecisionPath
{
    None = 0,

    /// <summary>Path 1: Authority-led; the Change Board recommends, the Authority decides.</summary>
    AuthorityLed = 1,

    /// <summary>Path 2: Authority Determination; the Change Board recommends, the Authority decides.</summary>
    AuthorityDetermination = 2,

    /// <summary>Path 3: Self-Governance; the Change Board decides, subject to a referral window.</summary>
    SelfGovernance = 3,

    /// <summary>Fast-Track Self-Governance, raised by the Panel.</summary>
    FastTrackSelfGovernance = 4,
}

/// <summary>The register's phases, as the Change Status Report counts them.</summary>
public enum Phase
{
    Define = 1,
    Refine = 2,
    Opine = 3,
    Release = 4,
    Implemented = 5,
    Rejected = 6,
    Withdrawn = 7,
}

/// <summary>
/// Where a modification stands in the register. The phase and status follow from it (the Proposals
/// context's lifecycle); the other contexts check their commands against it.
/// </summary>
public enum Stage
{
    DraftRaised = 1,
    ReadyForConversion = 2,
    NeedsFurtherDevelopment = 3,
    Refinement = 10,
    ReportPhase = 20,
    ModificationReportConsultation = 21,
    AwaitingChangeBoard = 22,
    AwaitingAuthority = 23,
    AwaitingImplementation = 30,
    Implemented = 40,
    Rejected = 41,
    Withdrawn = 42,
}

/// <summary>The DCC's two kinds of assessment.</summary>
public enum AssessmentKind
{
    Preliminary = 1,
    Impact = 2,
}

/// <summary>What a decision on a modification came to: the Change Board's, the Panel's on a referral, or the Authority's.</summary>
public enum DecisionOutcome
{
    Approved = 1,
    Rejected = 2,

    /// <summary>The Authority sent it back to the Report Phase.</summary>
    SentBack = 3,
}

/// <summary>The Change Board's decision on an Impact Assessment request.</summary>
public enum ImpactAssessmentRequestOutcome
{
    Approved = 1,
    Rejected = 2,
    Deferred = 3,
}
