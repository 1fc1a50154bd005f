namespace Sec.Proposals.Domain;

// What the register's reads return: lines of the register and of the report, as the history records them.

/// <summary>The register's filters; unset ones match everything.</summary>
public sealed record RegisterFilter
{
    public string? Text { get; init; }
    public IReadOnlyList<Phase> Phases { get; init; } = [];
    public string? Status { get; init; }
    public DecisionPath? Path { get; init; }
    public string? ProposerOrganisation { get; init; }
    public DateOnly? RaisedFrom { get; init; }
    public DateOnly? RaisedTo { get; init; }
    public string? WorkingGroup { get; init; }
    public string? TargetRelease { get; init; }
}

/// <summary>One line of the register.</summary>
public sealed record RegisterLine
{
    public string Reference { get; init; } = "";
    public string Title { get; init; } = "";
    public string ProposerName { get; init; } = "";
    public string ProposerOrganisation { get; init; } = "";
    public DateOnly RaisedOn { get; init; }
    public string Phase { get; init; } = "";
    public string Status { get; init; } = "";
    public int Path { get; init; }
    public bool Urgent { get; init; }
    public string? TargetRelease { get; init; }
}

/// <summary>A proposal's state on a date, as its last history entry on or before that date records it.</summary>
public sealed record StateOn
{
    public DateOnly RaisedOn { get; init; }
    public long Sequence { get; init; }
    public int Stage { get; init; }
    public string Phase { get; init; } = "";
}

/// <summary>A proposal as one of its history entries names it: a line of the report about the register.</summary>
public sealed record ReportLine
{
    public long Sequence { get; init; }
    public string Reference { get; init; } = "";
    public string Step { get; init; } = "";
    public DateOnly EffectiveOn { get; init; }
    public int Stage { get; init; }
    public string Title { get; init; } = "";
    public string ProposerName { get; init; } = "";
    public string ProposerOrganisation { get; init; } = "";
    public string ProblemStatement { get; init; } = "";
    public DateOnly RaisedOn { get; init; }
}

/// <summary>A history entry's stage and the stage of the entry before it (null for a proposal's first entry).</summary>
public readonly record struct StageStep(long Sequence, Stage Stage, Stage? Previous);
