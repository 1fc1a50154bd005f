namespace Sec.ServiceTests.Cli;

/// <summary>
/// A month of Change Board work from the shell without an id copied from one command's output into
/// another: a meeting is named by its date, a member by name, an agenda item by meeting and
/// modification, a release by its name; and an empty list or no next meeting is a plain answer.
/// </summary>
public sealed class CliBoardTests() : CliSuiteTests(new DateTimeOffset(2020, 9, 1, 9, 0, 0, TimeSpan.Zero))
{
    private async Task<(int Exit, string Output, string Error)> Sec(params string[] args) => await SecAs(null, args);

    private async Task<(int Exit, string Output, string Error)> SecAs(string? token, params string[] args)
    {
        var (exit, output, error) = await RunAsAsync(token, args);
        return (exit, output.Trim(), error.Trim());
    }

    /// <summary>MP103, a Self-Governance modification the register sent for decision on 8 July 2020, as the board has heard.</summary>
    private async Task SubmittedAsync()
    {
        await Register.ImportAsync("MP103", "Alternate HAN Forum Governance", D(2020, 1, 7), path: global::Sec.Proposals.V1.DecisionPath.SelfGovernance,
            history: [Step(D(2020, 1, 7), "Refinement Process"), Step(D(2020, 7, 8), "Change Board")]);
        await Suite.SettledAsync();
    }

    [Fact]
    public async Task Nothing_there_is_said_plainly_and_exits_0()
    {
        var next = await Sec("board", "meeting", "next", "--as-of", "2020-08-01");
        var members = await Sec("board", "members");
        var meetings = await Sec("board", "meetings", "--from", "2020-07-01", "--to", "2020-07-31");
        var releases = await Sec("release", "list");
        var agenda = await Sec("board", "agenda", "--meeting", "2020-07-22");

        Assert.Equal((0, "No Change Board meeting is scheduled after 1 Aug 2020."), (next.Exit, next.Output));
        Assert.Equal((0, "No Change Board members."), (members.Exit, members.Output));
        Assert.Equal((0, "No Change Board meetings from 1 Jul 2020 to 31 Jul 2020."), (meetings.Exit, meetings.Output));
        Assert.Equal((0, "No releases."), (releases.Exit, releases.Output));
        Assert.Equal((2, "error: no Change Board meeting on 22 Jul 2020; schedule one with: sec board meeting schedule --on 2020-07-22"), (agenda.Exit, agenda.Error));
    }

    [Fact]
    public async Task A_month_of_board_work_names_meetings_by_date_members_by_name_and_items_by_meeting_and_modification()
    {
        await SubmittedAsync();
        var jo = MemberToken("Jo Member", "Example Energy", "large-supplier");

        var scheduled = await Sec("board", "meeting", "schedule", "--on", "2020-07-22");
        await Sec("board", "meeting", "schedule", "--on", "2020-08-26");
        var added = await Sec("board", "member", "add", "--name", "Jo Member", "--organisation", "Example Energy", "--group", "large-supplier", "--from", "2020-01-01");
        var onAgenda = await Sec("board", "agenda", "add", "2020-07-22", "MP103");
        var members = await Sec("board", "members");
        var agenda = await Sec("board", "agenda", "--meeting", "2020-07-22");
        var next = await Sec("board", "meeting", "next", "--as-of", "2020-07-01");

        // Refused, and said why, before anything is written.
        var stranger = await SecAs(jo, "board", "vote", "--meeting", "2020-07-22", "--ref", "MP103", "--member", "Jo Nobody", "--value", "approve");
        var offAgenda = await Sec("board", "close", "--meeting", "2020-07-22", "--ref", "MP104");
        var unnamed = await Sec("board", "close", "--meeting", "2020-07-22");

        var voted = await SecAs(jo, "board", "vote", "--meeting", "2020-07-22", "--ref", "mp103", "--member", "jo member", "--value", "approve");
        var shown = await Sec("board", "agenda", "show", "--meeting", "2020-07-22", "--ref", "MP103");
        var closed = await Sec("board", "close", "--meeting", "2020-07-22", "--ref", "MP103");
        var july = await Sec("board", "meetings", "--from", "2020-07-01", "--to", "2020-07-31");
        var all = await Sec("board", "meetings");

        Assert.Equal(0, scheduled.Exit);
        Assert.Equal(0, added.Exit);
        Assert.True(onAgenda.Exit == 0, onAgenda.Error);
        Assert.Equal("Jo Member (Example Energy), Large Supplier, from 1 Jan 2020", members.Output);
        Assert.Equal(["Change Board meeting on 22 Jul 2020: 1 item", "  MP103 Self-Governance vote: open, 0 votes cast"], agenda.Output.Split('\n'));
        Assert.EndsWith("Change Board meeting on 22 Jul 2020: 1 item", next.Output.Split('\n')[0]);

        Assert.Equal((2, "error: no Change Board member is named \"Jo Nobody\" on 22 Jul 2020; sec board members lists them"), (stranger.Exit, stranger.Error));
        Assert.Equal((2, "error: MP104 has no vote on the agenda of the meeting on 22 Jul 2020; sec board agenda --meeting 2020-07-22 lists it"), (offAgenda.Exit, offAgenda.Error));
        Assert.Equal((2, "error: name the agenda item with --meeting DATE and --ref REFERENCE (or give its id)"), (unnamed.Exit, unnamed.Error));

        Assert.True(voted.Exit == 0, voted.Error);
        Assert.Equal("MP103: 1 votes cast", voted.Output);
        Assert.Contains("Jo Member", shown.Output);
        Assert.Contains("approve", shown.Output.Split('\n')[1]);
        Assert.True(closed.Exit == 0, closed.Error);
        Assert.Contains("MP103 Self-Governance vote, meeting of 22 Jul 2020: approved", closed.Output);
        Assert.Equal(["Change Board meeting on 22 Jul 2020: 1 item", $"  MP103 Self-Governance vote: {closed.Output.Split(": ", 2)[1]}"], july.Output.Split('\n'));
        Assert.Equal(["Change Board meeting on 22 Jul 2020: 1 item", "Change Board meeting on 26 Aug 2020: nothing on the agenda"],
            all.Output.Split('\n').Where(l => !l.StartsWith("  ", StringComparison.Ordinal)));

        // The referral window ends unreferred on the board's clock: the decision is final, and listed.
        await Eventually.UntilAsync(async () => (await Sec("board", "decisions", "--from", "2020-07-01", "--to", "2020-08-31")).Output.Contains("MP103", StringComparison.Ordinal),
            "MP103's decision to become final");
        var decisions = await Sec("board", "decisions", "--from", "2020-07-01", "--to", "2020-08-31");
        Assert.Matches(@"MP103 Self-Governance vote, meeting of 22 Jul 2020: final, approved on \d+ Aug 2020$", decisions.Output);
    }

    [Fact]
    public async Task An_item_is_carried_to_a_later_meeting_by_dates_and_the_old_id_forms_still_work()
    {
        await SubmittedAsync();
        await Sec("board", "meeting", "schedule", "--on", "2020-07-22");
        var august = await Sec("board", "meeting", "schedule", "--on", "2020-08-26");
        var member = await Sec("board", "member", "add", "--name", "Jo Member", "--organisation", "Example Energy", "--group", "large-supplier", "--from", "2020-01-01");
        await Sec("board", "agenda", "add", "2020-07-22", "MP103");

        var carried = await Sec("board", "agenda", "carry", "--meeting", "2020-07-22", "--ref", "MP103", "--to", "2020-08-26");
        var left = await Sec("board", "agenda", "--meeting", "2020-07-22");
        // An id still names a meeting, a member and an item.
        var byId = await Sec("board", "agenda", "--meeting", august.Output.Split(' ')[0]);
        var itemId = carried.Output.Split(' ')[0];
        var voted = await SecAs(MemberToken("Jo Member", "Example Energy", "large-supplier"), "vote", itemId, "--member", member.Output.Split(' ')[0], "--value", "reject");

        Assert.True(carried.Exit == 0, carried.Error);
        Assert.EndsWith("MP103 Self-Governance vote, meeting of 26 Aug 2020: open, 0 votes cast", carried.Output);
        Assert.Equal(["Change Board meeting on 22 Jul 2020: 1 item", "  MP103 Self-Governance vote: carried forward"], left.Output.Split('\n'));
        Assert.Equal(["Change Board meeting on 26 Aug 2020: 1 item", "  MP103 Self-Governance vote: open, 0 votes cast"], byId.Output.Split('\n'));
        Assert.Equal((0, "MP103: 1 votes cast"), (voted.Exit, voted.Output));
    }

    [Fact]
    public async Task Releases_are_listed_upcoming_and_past_and_named_by_their_name()
    {
        await Sec("release", "create", "--name", "June 2020 SEC Release", "--type", "major", "--on", "2020-06-25");
        await Sec("release", "create", "--name", "November 2020 SEC Release", "--type", "major", "--on", "2020-11-05");

        var list = await Sec("release", "list", "--as-of", "2020-09-01");
        var version = await Sec("release", "rid", "version", "november 2020 sec release", "0.1", "--dated", "2020-09-01", "--changes", "First draft");
        var shown = await Sec("release", "rid", "show", "November 2020 SEC Release");
        var unknown = await Sec("release", "rid", "show", "December 2020 SEC Release");

        var lines = list.Output.Split('\n');
        Assert.Equal(4, lines.Length);
        Assert.Equal("Upcoming after 1 Sep 2020:", lines[0]);
        Assert.EndsWith("November 2020 SEC Release: planned (major, implementation 5 Nov 2020)", lines[1]);
        Assert.Equal("Past:", lines[2]);
        Assert.Contains("June 2020 SEC Release", lines[3]);
        Assert.True(version.Exit == 0, version.Error);
        Assert.StartsWith("November 2020 SEC Release RID version 0.1, draft", shown.Output);
        Assert.Equal((2, "error: no release is named \"December 2020 SEC Release\"; sec release list shows them"), (unknown.Exit, unknown.Error));
    }
}
