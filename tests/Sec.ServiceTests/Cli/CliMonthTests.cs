namespace Sec.ServiceTests.Cli;

/// <summary>
/// Issue 15's month of work from the shell, every decision dated and nothing copied from one
/// command's output into another: a Change Board meeting and its agenda, a vote by correspondence
/// and its close, an Impact Assessment request decided, the DCC's return, a correction of a
/// mis-keyed step, an alternate, and a release moved by the Panel.
/// </summary>
public sealed class CliMonthTests() : CliSuiteTests(new DateTimeOffset(2020, 9, 1, 9, 0, 0, TimeSpan.Zero))
{
    private async Task<(int Exit, string Output, string Error)> Sec(params string[] args) => await SecAs(null, args);

    private async Task<(int Exit, string Output, string Error)> SecAs(string? token, params string[] args)
    {
        var (exit, output, error) = await RunAsAsync(token, args);
        Assert.True(exit == 0, $"sec {string.Join(' ', args)}: {error}");
        return (exit, output.Trim(), error.Trim());
    }

    [Fact]
    public async Task A_month_of_work_runs_from_the_shell_with_dates_on_every_decision_and_no_id_copied()
    {
        await Register.ImportAsync("MP103", "DCC SOC2 Assessments", D(2019, 8, 19), path: global::Sec.Proposals.V1.DecisionPath.SelfGovernance,
            history: [Step(D(2019, 9, 13), "Refinement Process"), Step(D(2020, 7, 8), "Change Board")]);
        await Register.ImportAsync("MP122", "Operational Metrics", D(2020, 3, 24), path: global::Sec.Proposals.V1.DecisionPath.SelfGovernance,
            history: [Step(D(2020, 4, 17), "Refinement Process")]);
        await Suite.SettledAsync();
        var jo = MemberToken("Jo Member", "Example Energy", "large-supplier");

        // The Change Board's July meeting: a vote by correspondence two days later, closed that day; the IA request decided the day after the meeting.
        await Sec("board", "meeting", "schedule", "--on", "2020-07-22");
        await Sec("board", "member", "add", "--name", "Jo Member", "--organisation", "Example Energy", "--group", "large-supplier", "--from", "2020-01-01");
        await Sec("board", "agenda", "add", "2020-07-22", "MP103");
        await Sec("board", "agenda", "add", "2020-07-22", "MP122", "--kind", "ia-request");
        await SecAs(jo, "vote", "--meeting", "2020-07-22", "--ref", "MP103", "--member", "Jo Member", "--value", "approve", "--on", "2020-07-24");
        var closed = await Sec("board", "close", "--meeting", "2020-07-22", "--ref", "MP103", "--on", "2020-07-24");
        var iaDecided = await Sec("board", "ia-request", "--meeting", "2020-07-22", "--ref", "MP122", "--outcome", "approved", "--on", "2020-07-23");
        var item = await Sec("board", "agenda", "show", "--meeting", "2020-07-22", "--ref", "MP103");

        // The DCC's Preliminary Assessment of MP122: requested, accepted and returned, each post by modification and kind.
        await Eventually.UntilAsync(async () => (await RunAsync("assessment", "request", "MP122", "--kind", "pa", "--on", "2020-04-20")).Exit == 0,
            "Assessments to hear of MP122");
        await Sec("dcc", "MP122", "accept", "--kind", "pa", "--key", "mp122-pa-accept", "--on", "2020-04-24");
        var returned = await Sec("dcc", "MP122", "return", "--kind", "pa", "--key", "mp122-pa-return", "--on", "2020-05-28");

        // A step keyed against the wrong modification, then voided; an alternate raised beside MP122.
        await Sec("step", "MP122", "progress", "--on", "2020-08-20");
        var voided = await Sec("void", "MP122", "--reason", "Keyed against MP122; the Panel progressed MP121");
        var alternate = await Sec("alternate", "MP122", "--title", "Operational Metrics: the DCC's own reporting", "--problem", "Report the metrics from the DCC's systems.",
            "--proposer", "Working Group", "--organisation", "SECAS", "--on", "2020-08-27");
        var shown = await Sec("show", "MP122");

        // The Panel moves the November release, named by its name.
        await Sec("release", "create", "--name", "November 2020 SEC Release", "--type", "major", "--on", "2020-11-05");
        var moved = await Sec("release", "reschedule", "November 2020 SEC Release", "--to", "2020-11-29", "--on", "2020-08-19", "--reason", "Aligned with the DCC's window");
        var asOfApril = await Sec("release", "list", "--as-of", "2020-04-08");

        // Ten working days from the close on 24 July, not from the meeting.
        Assert.EndsWith("MP103 Self-Governance vote, meeting of 22 Jul 2020: approved (1 group approve, 0 reject); referral window ends 7 Aug 2020 (decided 24 Jul 2020, after the meeting)", closed.Output);
        Assert.EndsWith("MP122 IA request, meeting of 22 Jul 2020: approved (decided 23 Jul 2020, after the meeting)", iaDecided.Output);
        Assert.Matches(@"Jo Member\s+Large Supplier\s+approve on 24 Jul 2020", item.Output);
        Assert.Equal("MP122 PA: Returned", returned.Output);
        Assert.Equal("MP122: \"Progressed to the Report Phase\" of 2020-08-20 voided; Refinement Process", voided.Output);
        Assert.Contains("Refine: Refinement Process", shown.Output);
        Assert.Equal("MP122A raised beside MP122: 'Operational Metrics: the DCC's own reporting', Refinement Process", alternate.Output);
        Assert.Contains("[voided by", shown.Output);
        // The modification page gathers every context's part: the IA request decided after its meeting, the alternate.
        Assert.Contains("MP122 IA request, meeting of 22 Jul 2020: approved (decided 23 Jul 2020, after the meeting)", shown.Output);
        Assert.Matches(@"MP122A\s+Refinement Process\s+Operational Metrics: the DCC's own reporting", shown.Output);
        Assert.Contains("moved from 5 Nov 2020 to 29 Nov 2020 on 19 Aug 2020: Aligned with the DCC's window", moved.Output);
        Assert.Contains("implementation 5 Nov 2020", asOfApril.Output);
        Assert.DoesNotContain("moved", asOfApril.Output);
    }
}
