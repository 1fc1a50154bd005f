using System.Text.Json;
using System.Text.Json.Serialization;

namespace Sec.Cli.Import;

/// <summary>
/// A register to load: modifications with their history, Working Group meetings, consultations,
/// the Change Board's meetings, DCC assessments and SEC Releases, as the papers print them.
/// </summary>
public sealed record RegisterFile
{
    public string Title { get; init; } = "";
    public IReadOnlyList<string> Notes { get; init; } = [];
    public IReadOnlyList<WorkingGroupRecord> WorkingGroups { get; init; } = [];
    public IReadOnlyList<ModificationRecord> Modifications { get; init; } = [];
    public IReadOnlyList<WorkingGroupMeetingRecord> WorkingGroupMeetings { get; init; } = [];
    public IReadOnlyList<ConsultationRecord> Consultations { get; init; } = [];
    public ChangeBoardRecord ChangeBoard { get; init; } = new();
    public IReadOnlyList<AssessmentRecord> Assessments { get; init; } = [];
    public IReadOnlyList<ReleaseRecord> Releases { get; init; } = [];
    public IReadOnlyList<DocumentRecord> Documents { get; init; } = [];
    public IReadOnlyList<PlanRecord> Plans { get; init; } = [];

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
    };

    /// <summary>Reads a register file; a file that is not one is refused with the place it went wrong.</summary>
    public static RegisterFile Read(string path)
    {
        if (!File.Exists(path))
            throw new CliInputException($"{path}: no such file");
        try
        {
            using var stream = File.OpenRead(path);
            return JsonSerializer.Deserialize<RegisterFile>(stream, Options) ?? throw new CliInputException($"{path}: the file is empty");
        }
        catch (JsonException ex)
        {
            throw new CliInputException($"{path}: not a register file ({ex.Path}, line {ex.LineNumber + 1}): {ex.Message}");
        }
    }
}

public sealed record WorkingGroupRecord(string Name, string Theme);

public sealed record ProposerRecord(string Name, string Organisation);

/// <summary>A step of a modification's past: a stage reached, or (with a title and no stage) the title amended.</summary>
public sealed record StepRecord(DateOnly On, string? Stage, string Reason, string? Title = null);

public sealed record ModificationRecord
{
    public string Reference { get; init; } = "";
    public string Title { get; init; } = "";
    public ProposerRecord Proposer { get; init; } = new("", "");
    public DateOnly RaisedOn { get; init; }
    public string? Path { get; init; }
    public bool Urgent { get; init; }
    public string? TargetRelease { get; init; }
    public string Summary { get; init; } = "";
    public IReadOnlyList<StepRecord> History { get; init; } = [];
}

/// <summary>A Working Group meeting; a group may meet more than once a day, each a record of its own, in the order held.</summary>
public sealed record WorkingGroupMeetingRecord(string WorkingGroup, DateOnly On, string Kind, IReadOnlyList<string> Agenda, DateOnly? AgendaConfirmedOn, string? Outcome = null);

/// <summary>A consultation: expected, issued, or both; an expected one the papers show was never issued carries its cancellation.</summary>
public sealed record ConsultationRecord(string Reference, string Kind, DateOnly? ExpectedWeekCommencing, DateOnly? IssuedOn, DateOnly? ClosesOn,
    DateOnly? CancelledOn = null, string? CancellationReason = null);

public sealed record ChangeBoardRecord
{
    public IReadOnlyList<MemberRecord> Members { get; init; } = [];
    public IReadOnlyList<BoardMeetingRecord> Meetings { get; init; } = [];
}

public sealed record MemberRecord(string Name, string Organisation, string VotingGroup);

public sealed record BoardMeetingRecord(DateOnly On, IReadOnlyList<BoardItemRecord> Items);

/// <summary>A vote (outcome approve or reject; none while undecided) or an Impact Assessment request (approve, reject or defer).</summary>
public sealed record BoardItemRecord
{
    public string Reference { get; init; } = "";
    public string Kind { get; init; } = "";
    public string? Path { get; init; }
    public string? Outcome { get; init; }
    public DateOnly? RequestedOn { get; init; }
    public AuthorityRecord? Authority { get; init; }
    public ReferralRecord? Referral { get; init; }
    public bool IsVote => Kind == "vote";
}

public sealed record AuthorityRecord(string Outcome, DateOnly On);

/// <summary>A party referred the Self-Governance decision to the Panel on a date inside its referral window.</summary>
public sealed record ReferralRecord(string By, DateOnly On);

/// <summary>A DCC assessment: accepted on a date, or returned on a date after an actual duration (the start then derived).</summary>
/// <param name="Costs">The DCC's costs in the return, as <c>sec.assessments.v1.AssessmentCosts</c> in its JSON form.</param>
/// <param name="AcceptedAfresh">Later acceptances of the same assessment, in order: each replaces the one before.</param>
public sealed record AssessmentRecord(
    string Reference, string Kind, int TargetWorkingDays, DateOnly? AcceptedOn, DateOnly? ReturnedOn, int? ActualWorkingDays, JsonElement? Costs,
    IReadOnlyList<FreshAcceptanceRecord>? AcceptedAfresh = null);

/// <summary>The DCC accepted an assessment afresh on <paramref name="AcceptedOn"/>; <paramref name="MadeOn"/> is the day it was made, if later.</summary>
public sealed record FreshAcceptanceRecord(DateOnly AcceptedOn, DateOnly? MadeOn, string Reason, int? TargetWorkingDays = null);

public sealed record ReleaseRecord
{
    public string Name { get; init; } = "";
    public string Type { get; init; } = "";
    /// <summary>The implementation date first planned; <see cref="Moves"/> take it to its later dates.</summary>
    public DateOnly ImplementationDate { get; init; }
    public IReadOnlyList<ReleaseMoveRecord> Moves { get; init; } = [];
    public IReadOnlyList<ScopeRecord> Scope { get; init; } = [];
    public IReadOnlyList<RidVersionRecord> Rid { get; init; } = [];
    public GoLiveRecord? GoLive { get; init; }
}

/// <summary>The Panel moved the release to <see cref="To"/> on <see cref="On"/>.</summary>
public sealed record ReleaseMoveRecord
{
    public DateOnly To { get; init; }
    public DateOnly On { get; init; }
    public string Reason { get; init; } = "";
}

/// <summary>One version of the Release Implementation Document; its content is <c>sec.releases.v1.RidContent</c> in its JSON form, or the previous version's when left out.</summary>
public sealed record RidVersionRecord
{
    public string Version { get; init; } = "";
    public DateOnly Dated { get; init; }
    public string Changes { get; init; } = "";
    public JsonElement? Content { get; init; }
    public DateOnly? BaselinedOn { get; init; }
}

public sealed record ScopeRecord
{
    public string Reference { get; init; } = "";
    public int Part { get; init; }
    public string? Kind { get; init; }
    public DateOnly On { get; init; }
    public DateOnly? CutOff { get; init; }
    public bool Remove { get; init; }
    /// <summary>What the entry may affect, as a paper lists it from a date.</summary>
    public PotentialImpactsRecord? Impacts { get; init; }
}

/// <summary>A scope entry's potential impacts from <see cref="On"/>: the SEC documents and the systems (the December 2016 paper's "Potential Impacts").</summary>
public sealed record PotentialImpactsRecord
{
    public DateOnly On { get; init; }
    public IReadOnlyList<string> Documents { get; init; } = [];
    public IReadOnlyList<string> Systems { get; init; } = [];
    public string? Source { get; init; }
}

public sealed record GoLiveRecord(DateOnly DecidedOn, string? OverrideReason);

/// <summary>A document the papers cite for a modification: a link (the register keeps files too, but a paper cites pages).</summary>
public sealed record DocumentRecord(string Reference, string Title, string Kind, DateOnly DatedOn, string Url, string? Version = null);

/// <summary>A modification's plan as a paper gives it: the milestones and their planned dates (solution, pa, ia, consultation, dmr, cb, decision).</summary>
public sealed record PlanRecord(string Reference, DateOnly PlannedOn, IReadOnlyDictionary<string, DateOnly> Milestones, string? Reason = null);
