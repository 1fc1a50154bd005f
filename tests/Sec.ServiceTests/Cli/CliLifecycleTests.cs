using System.Text.Json;

namespace Sec.ServiceTests.Cli;

/// <summary>
/// Every lifecycle step driven through the <c>sec</c> commands alone, against the whole suite in
/// process: the register, the DCC's assessments, the Change Board and the releases.
/// </summary>
public sealed class CliLifecycleTests() : CliSuiteTests(new DateTimeOffset(2020, 7, 1, 9, 0, 0, TimeSpan.Zero))
{
    private sealed record Result(int Exit, string Output, string Error)
    {
        /// <summary>The id a create command prints first on its line.</summary>
        public string Id => Output.Split(' ', 2)[0].Trim();

        public JsonElement Json => JsonDocument.Parse(Output).RootElement;
    }

    private Task<Result> Sec(params string[] args) => SecAs(null, args);

    /// <summary>A command with SEC_TOKEN set, which wins over the login.</summary>
    private async Task<Result> SecAs(string? token, params string[] args)
    {
        var (exit, output, error) = await RunAsAsync(token, args);
        return new Result(exit, output.Trim(), error.Trim());
    }

    /// <summary>Runs a command that succeeds once another context has heard of an event (a refused call writes nothing, so it may be repeated).</summary>
    private async Task<Result> OnceHeardAsync(params string[] args)
    {
        Result last = new(-1, "", "");
        try
        {
            await Eventually.UntilAsync(async () => (last = await Sec(args)).Exit == 0, string.Join(' ', args));
        }
        catch (TimeoutException)
        {
            Assert.Fail($"sec {string.Join(' ', args)} kept failing: {last.Error}");
        }
        return last;
    }

    /// <summary>Waits until a command's output shows an asynchronous effect.</summary>
    private Task UntilShownAsync(string expected, params string[] args) =>
        Eventually.UntilAsync(async () => (await Sec(args)).Output.Contains(expected, StringComparison.Ordinal), $"'{expected}' from sec {string.Join(' ', args)}");

    [Fact]
    public async Task A_modification_goes_from_raise_to_implementation_through_the_shell_alone()
    {
        // Define: raised, amended, ready, converted, and its path changed.
        var raised = await Sec("raise", "--title", "Smart meter data retention", "--problem", "Retention differs", "--proposer", "Jo Bloggs",
            "--organisation", "Example Energy", "--raised-on", "2020-01-06");
        var amended = await Sec("amend", "DP1", "--problem", "Retention periods differ by party", "--on", "2020-01-08");
        await Sec("csc", "DP1", "--outcome", "ready", "--on", "2020-01-15");
        var converted = await Sec("convert", "DP1", "--on", "2020-01-20", "--path", "2");
        var path = await Sec("path", "MP1", "--path", "3", "--on", "2020-01-21", "--reason", "No Authority decision needed");

        // Refine: a Working Group meeting, a Preliminary Assessment with a clock stop, an Impact Assessment the Change Board approves, a consultation.
        var group = await Sec("wg", "create", "Data Retention WG", "--theme", "Retention of smart meter data");
        var wgMeeting = await Sec("wg", "meeting", "Data Retention WG", "--on", "2020-02-03", "--agenda", "MP1", "--agenda-confirmed-on", "2020-01-27");
        var requested = await OnceHeardAsync("assessment", "request", "MP1", "--kind", "pa", "--on", "2020-01-22");
        var accepted = await Sec("dcc", "MP1", "accept", "--kind", "pa", "--key", "pa-accept", "--on", "2020-01-27");
        var stopped = await Sec("dcc", "MP1", "stop", "--kind", "pa", "--key", "pa-stop", "--on", "2020-02-03", "--reason", "Waiting for SECAS");
        var restarted = await Sec("dcc", "MP1", "restart", "--kind", "pa", "--key", "pa-restart", "--on", "2020-02-07");
        Directory.CreateDirectory(Files);
        var costs = Path.Combine(Files, "costs.json");
        await File.WriteAllTextAsync(costs, """
            {"implementation": [{"activity": "ACTIVITY_COMBINED", "covers": ["ACTIVITY_DESIGN", "ACTIVITY_BUILD"], "cost": {"lowPence": "1000000", "highPence": "1500000"}}]}
            """);
        var returned = await Sec("dcc", "MP1", "return", "--kind", "pa", "--key", "pa-return", "--on", "2020-02-24", "--costs", costs);
        var pa = await Sec("assessment", "show", requested.Id);

        var ia = await Sec("assessment", "request", "MP1", "--kind", "ia", "--on", "2020-03-02");
        var march4 = (await Sec("board", "meeting", "schedule", "--on", "2020-03-04")).Id;
        var march25 = (await Sec("board", "meeting", "schedule", "--on", "2020-03-25", "--json")).Json.GetProperty("meetingId").GetString()!;
        var iaItem = await OnceHeardAsync("board", "agenda", "add", march4, "MP1", "--kind", "ia-request");
        var carried = await Sec("board", "agenda", "carry", iaItem.Id, "--to", march25);
        var iaDecided = await Sec("board", "ia-request", carried.Id, "--outcome", "approved");
        await UntilShownAsync("IA: Approved", "assessment", "list", "MP1");
        await Sec("dcc", "MP1", "accept", "--kind", "ia", "--key", "ia-accept", "--on", "2020-03-26");
        await Sec("dcc", "MP1", "return", "--kind", "ia", "--key", "ia-return", "--on", "2020-03-31");

        var consultation = await Sec("consultation", "record", "MP1", "--kind", "refinement", "--issued-on", "2020-02-26", "--closes-on", "2020-03-11");
        var response = await Sec("consultation", "respond", "MP1", "--kind", "refinement", "--respondent", "Sam Smith", "--organisation", "Example Networks",
            "--category", "Electricity Network", "--received-on", "2020-03-04", "--position", "support", "--text", "Supports a common retention period");

        // Opine: the Modification Report, submission, and the Change Board's vote.
        await Sec("step", "MP1", "progress", "--on", "2020-04-01");
        await Sec("step", "MP1", "issue-report", "--on", "2020-04-03");
        var submitted = await Sec("step", "MP1", "submit", "--on", "2020-04-20");
        var large = (await Sec("board", "member", "add", "--name", "Lee Large", "--organisation", "Big Energy", "--group", "large-supplier", "--from", "2020-01-01")).Id;
        var small = (await Sec("board", "member", "add", "--name", "Sue Small", "--organisation", "Little Energy", "--group", "small-supplier", "--from", "2020-01-01")).Id;
        var consumer = (await Sec("board", "member", "add", "--name", "Con Sumer", "--organisation", "Citizens Advice", "--group", "consumer", "--from", "2020-01-01")).Id;
        var april22 = (await Sec("board", "meeting", "schedule", "--on", "2020-04-22")).Id;
        var voteItem = await OnceHeardAsync("board", "agenda", "add", april22, "MP1");

        // Release: targeted at June 2020 before the decision.
        var release = await Sec("release", "create", "--name", "June 2020 SEC Release", "--type", "major", "--on", "2020-06-25", "--json");
        var releaseId = release.Json.GetProperty("releaseId").GetString()!;
        var targeted = await Sec("release", "scope", "add", releaseId, "MP1", "--kind", "targeted", "--cut-off", "2020-05-29", "--on", "2020-04-20");
        // Its potential impacts, as SECAS records them from a date; the scope before that date shows none.
        var impacts = await Sec("release", "scope", "impacts", releaseId, "MP1", "--document", "SMETS2", "GBCS", "--document", "DUIS", "--system", "DCC", "--on", "2020-04-21");
        Assert.Equal(0, impacts.Exit);
        Assert.Contains("; potential impacts: documents SMETS2, GBCS, DUIS, systems DCC", impacts.Output);
        Assert.DoesNotContain("potential impacts", (await Sec("release", "scope", "show", releaseId, "--as-of", "2020-04-20")).Output);
        Assert.Contains("potential impacts: documents SMETS2, GBCS, DUIS, systems DCC", (await Sec("release", "scope", "show", releaseId, "--as-of", "2020-04-21")).Output);

        // Each member votes as itself, with its own token.
        await SecAs(MemberToken("Lee Large", "Big Energy", "large-supplier"), "vote", voteItem.Id, "--member", large, "--value", "approve");
        await SecAs(MemberToken("Sue Small", "Little Energy", "small-supplier"), "vote", voteItem.Id, "--member", small, "--value", "approve");
        await SecAs(MemberToken("Con Sumer", "Citizens Advice", "consumer"), "vote", voteItem.Id, "--member", consumer, "--value", "reject");
        var closed = await Sec("board", "close", voteItem.Id);

        // The referral window ends with no referral: the decision stands, the register and the release follow.
        await UntilShownAsync("Release: Approved, awaiting implementation", "show", "MP1");
        // The release hears of the approval through its own consumer, which may come after the register's.
        await Eventually.UntilAsync(async () => System.Text.RegularExpressions.Regex.IsMatch(
            (await Sec("release", "scope", "show", releaseId, "--as-of", "2020-06-01")).Output, @"^MP001\s+approved", System.Text.RegularExpressions.RegexOptions.Multiline),
            "the release to hear of MP1's approval");
        var scope = await Sec("release", "scope", "show", releaseId, "--as-of", "2020-06-01");
        var decisions = await Sec("board", "decisions", "--from", "2020-05-01", "--to", "2020-05-31");
        var votes = await Sec("board", "votes", "--from", "2020-04-01", "--to", "2020-04-30", "--json");

        await Sec("release", "rid", "version", releaseId, "1.0", "--dated", "2020-05-07", "--changes", "First baseline");
        var baselined = await Sec("release", "rid", "baseline", releaseId, "--on", "2020-05-14");
        var go = await Sec("release", "go", releaseId, "--on", "2020-06-04");
        // The release checks its own view of the register, which hears of the approval by its own event.
        var implemented = await OnceHeardAsync("release", "implement", releaseId);
        await UntilShownAsync("Implemented: Implemented", "show", "MP1");
        var listed = await Sec("list", "--phase", "Implemented");
        var shown = await Sec("show", "MP1");
        var assessments = await Sec("assessment", "list", "MP1", "--json");
        var timescales = await Sec("assessment", "timescales", "--period-end", "2020-06-30");

        Assert.Equal(
            ["DP001 raised: 'Smart meter data retention'", "DP001: problem statement amended (Draft Proposal raised)", "MP001: Refinement Process",
             "MP001: Path 3 (Self-Governance) (Refinement Process)", "Working Group 'Data Retention WG' created", "Data Retention WG meets on 3 Feb 2020 (monthly): MP001"],
            new[] { raised.Output, amended.Output, converted.Output, path.Output, group.Output, wgMeeting.Output });
        Assert.EndsWith("MP001 PA: Requested", requested.Output);
        Assert.Equal(["MP001 PA: Accepted", "MP001 PA: Accepted", "MP001 PA: Accepted", "MP001 PA: Returned"], new[] { accepted.Output, stopped.Output, restarted.Output, returned.Output });
        Assert.Contains("clock stopped 3 Feb 2020 to 7 Feb 2020: Waiting for SECAS", pa.Output);
        Assert.Contains("implementation costs £10,000 to £15,000", pa.Output);
        Assert.EndsWith("MP001 IA: AwaitingApproval", ia.Output);
        Assert.EndsWith("MP001 IA request, meeting of 25 Mar 2020: open", carried.Output);
        Assert.EndsWith("MP001 IA request, meeting of 25 Mar 2020: approved", iaDecided.Output);
        Assert.Equal("MP001 Refinement Consultation: issued 26 Feb 2020, closes 11 Mar 2020; 0 responses", consultation.Output);
        Assert.EndsWith("1 response", response.Output);
        Assert.Equal("MP001: Awaiting Change Board decision", submitted.Output);
        Assert.EndsWith("MP001 Self-Governance vote, meeting of 22 Apr 2020: open, 0 votes cast", voteItem.Output);
        Assert.StartsWith("In scope: MP001", targeted.Output);
        Assert.Contains("targeted (cut-off 29 May 2020)", targeted.Output);
        Assert.EndsWith("approved (2 groups approve, 1 reject); referral window ends 6 May 2020", closed.Output);
        Assert.Matches(@"^MP001\s+approved", scope.Output);
        Assert.EndsWith("MP001 Self-Governance vote, meeting of 22 Apr 2020: final, approved on 6 May 2020", decisions.Output);
        Assert.Equal("OUTCOME_APPROVED", votes.Json.GetProperty("items")[0].GetProperty("outcome").GetString());
        Assert.Equal(3, votes.Json.GetProperty("items")[0].GetProperty("breakdown").EnumerateArray().Count(g => g.TryGetProperty("approve", out _) || g.TryGetProperty("reject", out _)));
        Assert.StartsWith("June 2020 SEC Release RID version 1.0, baselined: baselined", baselined.Output);
        Assert.EndsWith("June 2020 SEC Release: go (major, implementation 25 Jun 2020)", go.Output);
        Assert.Equal("June 2020 SEC Release: implemented; implemented MP001", implemented.Output);
        Assert.StartsWith("MP001", listed.Output);
        Assert.Contains("Path set: Path 3 Self-Governance", shown.Output);
        Assert.Contains("(Holly Burton)", shown.Output);
        Assert.Equal(new[] { "ASSESSMENT_STATUS_RETURNED", "ASSESSMENT_STATUS_RETURNED" },
            assessments.Json.GetProperty("assessments").EnumerateArray().Select(a => a.GetProperty("status").GetString()!).ToArray());
        Assert.Contains("Preliminary Assessment: 0 open", timescales.Output);
        Assert.Matches(@"completed MP001\s+PA  returned 24 Feb 2020", timescales.Output);
        Assert.Matches(@"completed MP001\s+IA  returned 31 Mar 2020", timescales.Output);
    }

    [Fact]
    public async Task The_Authority_decides_Path_2_and_the_Panel_determines_a_referral_from_the_shell()
    {
        foreach (var (dp, path) in new[] { ("DP1", "2"), ("DP2", "3") })
        {
            await Sec("raise", "--title", $"{dp} title", "--problem", "A problem", "--proposer", "Jo Bloggs", "--organisation", "Example Energy", "--raised-on", "2020-03-02");
            await Sec("csc", dp, "--outcome", "ready", "--on", "2020-03-11");
            await Sec("convert", dp, "--on", "2020-03-16", "--path", path, "--route", "report");
            var mp = dp.Replace("DP", "MP", StringComparison.Ordinal);
            await Sec("step", mp, "issue-report", "--on", "2020-05-04");
            await Sec("step", mp, "submit", "--on", "2020-06-22");
        }
        var large = (await Sec("board", "member", "add", "--name", "Lee Large", "--organisation", "Big Energy", "--group", "large-supplier", "--from", "2020-01-01")).Id;
        var gas = (await Sec("board", "member", "add", "--name", "Gail Gas", "--organisation", "Gas Co", "--group", "gas-network", "--from", "2020-01-01")).Id;
        var meeting = (await Sec("board", "meeting", "schedule", "--on", "2020-06-24")).Id;
        var authorityItem = (await OnceHeardAsync("board", "agenda", "add", meeting, "MP1")).Id;
        var selfGoverned = (await OnceHeardAsync("board", "agenda", "add", meeting, "MP2")).Id;
        var next = await Sec("board", "meeting", "next", "--as-of", "2020-06-01");
        foreach (var voteOn in new[] { authorityItem, selfGoverned })
            foreach (var (member, token) in new[] { (large, MemberToken("Lee Large", "Big Energy", "large-supplier")), (gas, MemberToken("Gail Gas", "Gas Co", "gas-network")) })
                await SecAs(token, "vote", voteOn, "--member", member, "--value", "approve");

        var recommended = await Sec("board", "close", authorityItem);
        var withAuthority = await Sec("board", "with-authority");
        await UntilShownAsync("Awaiting Authority Decision", "show", "MP1");
        // The board checks the Authority's decision against its own view of the register, which hears of the recommendation by the bus.
        var decided = await OnceHeardAsync("board", "authority", authorityItem, "--outcome", "approved", "--on", "2020-07-01");

        var closed = await Sec("board", "close", selfGoverned);
        var pending = await Sec("board", "referrals", "--as-of", "2020-07-01");
        var referred = await Sec("board", "refer", selfGoverned, "--by", "Example Energy", "--on", "2020-07-01");
        var overturned = await Sec("board", "determine", selfGoverned, "--outcome", "overturned", "--on", "2020-07-01");
        var item = await Sec("board", "agenda", "show", selfGoverned);

        await UntilShownAsync("Release: Approved, awaiting implementation", "show", "MP1");
        await UntilShownAsync("Rejected: Rejected", "show", "MP2");
        var before = await Sec("show", "MP2", "--as-of", "2020-06-23");
        Assert.Contains("Change Board meeting on 24 Jun 2020: 2 items", next.Output);
        Assert.EndsWith("MP001 Path 2 vote, meeting of 24 Jun 2020: with the Authority; the Change Board recommends approval (2 groups approve, 0 reject)", recommended.Output);
        Assert.Contains("MP001 Path 2 vote", withAuthority.Output);
        Assert.EndsWith("final, approved on 1 Jul 2020", decided.Output);
        Assert.EndsWith("approved (2 groups approve, 0 reject); referral window ends 8 Jul 2020", closed.Output);
        Assert.Contains("MP002 Self-Governance vote", pending.Output);
        Assert.EndsWith("referred to the Panel by Example Energy", referred.Output);
        Assert.EndsWith("final, rejected on 1 Jul 2020", overturned.Output);
        Assert.Contains("Gail Gas", item.Output);
        Assert.Contains("Gas Network: 1 approve, 0 reject, 0 abstain; position approved", item.Output);
        Assert.Equal("Nothing is with the Authority.", (await Sec("board", "with-authority")).Output);
        Assert.Equal("MP002 on 23 Jun 2020: Opine, Awaiting Change Board decision", before.Output);
    }

    [Fact]
    public async Task Another_party_adopts_a_withdrawn_proposal_from_the_shell()
    {
        await Sec("raise", "--title", "Retention", "--problem", "A problem", "--proposer", "Jo Bloggs", "--organisation", "Example Energy", "--raised-on", "2020-06-01");
        var withdrawn = await Sec("step", "DP1", "withdraw", "--on", "2020-06-26", "--reason", "No longer needed");
        var adopted = await Sec("adopt", "DP1", "--by", "Sam Smith", "--organisation", "Example Networks", "--on", "2020-07-01");
        var again = await Sec("adopt", "DP1", "--by", "Sam Smith", "--organisation", "Example Networks", "--on", "2020-07-01");
        var shown = await Sec("show", "DP1", "--json");

        Assert.Equal("DP001: Withdrawal period (ends 10 July 2020)", withdrawn.Output);
        Assert.Equal("DP001: adopted by Sam Smith (Example Networks); Draft Proposal raised", adopted.Output);
        Assert.Equal(1, again.Exit);
        Assert.Contains("FailedPrecondition", again.Error);
        Assert.Equal("Sam Smith", shown.Json.GetProperty("proposal").GetProperty("proposer").GetProperty("name").GetString());
    }

    [Fact]
    public async Task Each_command_group_names_the_field_at_fault_and_exits_non_zero()
    {
        var adopt = await Sec("adopt", "DP1", "--by", " ", "--organisation", "Example Networks", "--on", "2020-06-01");
        var path = await Sec("path", "MP1", "--path", "3", "--on", "2030-01-01");
        var wg = await Sec("wg", "meeting", "Data Retention WG", "--on", "2020-02-03", "--agenda", "not-a-reference");
        var consultation = await Sec("consultation", "record", "MP1", "--kind", "refinement", "--expected-week", "2020-02-05");
        var assessment = await Sec("assessment", "request", "MP1", "--kind", "pa", "--on", "2030-01-01");
        var dcc = await Sec("dcc", "MP1", "restart", "--kind", "pa", "--key", " ", "--on", "2020-02-07");
        var member = await Sec("board", "member", "add", "--name", "Lee Large", "--organisation", "Big Energy", "--group", "consumer", "--from", "2020-02-01", "--to", "2020-01-01");
        var close = await Sec("board", "close", "no-such-item");
        var release = await Sec("release", "create", "--name", "June 2020 SEC Release", "--type", "minor", "--on", "2020-06-25");
        var rid = await Sec("release", "rid", "edit", "any", "--file", Path.Combine(Files, "missing.json"));
        var unknownGroup = await Sec("board", "member", "add", "--name", "A", "--organisation", "B", "--group", "suppliers", "--from", "2020-01-01");

        Assert.All(new[] { adopt, path, wg, consultation, assessment, dcc, member, release, rid }, r => Assert.Equal(2, r.Exit));
        Assert.Contains("adopter.name: is required", adopt.Error);
        Assert.Contains("effective_on: 2030-01-01 is in the future", path.Error);
        Assert.Contains("agenda[0].value: 'not-a-reference' is not a modification reference", wg.Error);
        Assert.Contains("expected_week_commencing: 2020-02-05 is a Wednesday", consultation.Error);
        Assert.Contains("requested_on: 2030-01-01 is in the future", assessment.Error);
        Assert.Contains("idempotency_key:", dcc.Error);
        Assert.Contains("to: must not be before from", member.Error);
        Assert.Equal(1, close.Exit);
        Assert.Contains("error: NotFound", close.Error);
        Assert.Contains("implementation_date: a minor release goes live in February, not June", release.Error);
        Assert.Contains("missing.json", rid.Error);
        Assert.NotEqual(0, unknownGroup.Exit);
        Assert.Equal("No upcoming releases.", (await Sec("release", "upcoming", "--as-of", "2020-01-01")).Output);
        Assert.Equal("No Working Groups.", (await Sec("wg", "schedule", "--as-of", "2020-06-01")).Output);
    }
}
