using Microsoft.Extensions.Options;

namespace Sec.ChangeBoard;

/// <summary>The ChangeBoard context's settings (section <c>ChangeBoard</c>).</summary>
public sealed class ChangeBoardOptions
{
    /// <summary>The counting rule in force: <c>group-majority</c> (the SEC's default) or <c>simple-majority</c>.</summary>
    public string CountingRule { get; set; } = GroupMajorityRule.RuleName;

    /// <summary>Legal working days in which a party may refer a Self-Governance decision to the Panel.</summary>
    public int ReferralWindowWorkingDays { get; set; } = 10;
}

/// <summary>The counting rule named by configuration; the one place a vote's meaning is decided.</summary>
public sealed class CountingRuleInForce(IOptions<ChangeBoardOptions> options)
{
    public ICountingRule Rule { get; } = CountingRules.ByName(options.Value.CountingRule);
}
