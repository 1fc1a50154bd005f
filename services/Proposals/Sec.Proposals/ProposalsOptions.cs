namespace Sec.Proposals;

/// <summary>The Proposals context's settings (section <c>Proposals</c>).</summary>
public sealed class ProposalsOptions
{
    /// <summary>Legal working days in which another party may adopt a withdrawn modification (the 2016 paper's "ten-day withdrawal period").</summary>
    public int WithdrawalPeriodWorkingDays { get; set; } = 10;

    /// <summary>The largest document file the register keeps, in bytes (1 MiB); larger papers are linked by URL.</summary>
    public int DocumentMaxBytes { get; set; } = 1024 * 1024;
}
