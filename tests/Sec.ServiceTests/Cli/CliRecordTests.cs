using Sec.Contracts;
using Sec.Proposals.V1;
using DecisionPath = Sec.Proposals.V1.DecisionPath;

namespace Sec.ServiceTests.Cli;

/// <summary>`sec check`, `sec discrepancies` and the report's appendix, as SECAS and an operator use them.</summary>
public sealed class CliRecordTests() : CliSuiteTests(new DateTimeOffset(2020, 8, 10, 9, 0, 0, TimeSpan.Zero))
{
    [Fact]
    public async Task Check_finds_every_context_agreeing_then_a_refused_event_shows_until_SECAS_resolves_it()
    {
        await Register.ImportAsync("MP140", "A modification in refinement", D(2020, 3, 2), path: DecisionPath.SelfGovernance,
            history: [Register.Step(D(2020, 4, 9), "Refinement Process")]);
        await Register.ImportAsync("DP150", "A new Draft Proposal", D(2020, 7, 1));
        await Suite.SettledAsync();

        var clean = await RunAsync("check");
        Assert.True(clean.Exit == 0, clean.Output + clean.Error);
        Assert.Contains("Consistent: assessments, changeboard, releases agree with the register on all 2 modifications, and no discrepancy is open.", clean.Output);
        Assert.Contains("No open discrepancy", (await RunAsync("discrepancies")).Output);

        await Suite.Harness.Bus.Publish(new ModificationApproved(Guid.NewGuid(), "MP140", new DateOnly(2020, 7, 22), "Change Board"));
        await Eventually.UntilAsync(async () => (await RunAsync("discrepancies")).Output.Contains("proposals #1"), "the register to keep the refused decision");

        var listed = await RunAsync("discrepancies");
        Assert.Contains("proposals #1 ModificationApproved MP140 (22 Jul 2020)", listed.Output);
        Assert.Contains("1 attempt: MP140 is Refinement Process (Refine)", listed.Output);
        var check = await RunAsync("check");
        Assert.Equal(3, check.Exit);
        Assert.Contains("0 disagreement(s) and 1 open discrepancy across 2 modifications.", check.Output);
        var report = await RunAsync("report", "--month", "2020-08");
        Assert.Contains("## Appendix: open discrepancies (for SECAS)", report.Output);
        Assert.Contains("| proposals | 1 | ModificationApproved | [MP140](/register/MP140) | 22 Jul 2020 |", report.Output);

        var retried = await RunAsync("discrepancies", "retry", "proposals", "1");
        Assert.Contains("Still open after 2 attempts: MP140 is Refinement Process (Refine)", retried.Output);
        var resolved = await RunAsync("discrepancies", "resolve", "proposals", "1", "--reason", "Recorded against the wrong modification");
        Assert.True(resolved.Exit == 0, resolved.Error);
        Assert.Contains("[resolved", resolved.Output);
        Assert.Contains("by Holly Burton (SECAS): Recorded against the wrong modification]", resolved.Output);

        Assert.Equal(0, (await RunAsync("check")).Exit);
        Assert.DoesNotContain("Appendix", (await RunAsync("report", "--month", "2020-08")).Output);
        Assert.Contains("proposals #1", (await RunAsync("discrepancies", "--all")).Output);
        var unknown = await RunAsync("discrepancies", "retry", "ledger", "1");
        Assert.NotEqual(0, unknown.Exit);
    }

    private static Google.Type.Date D(int y, int m, int d) => Register.D(y, m, d);
}
