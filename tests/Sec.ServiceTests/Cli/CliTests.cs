using Sec.Cli;

namespace Sec.ServiceTests.Cli;

/// <summary>The <c>sec</c> commands against the suite, through the same gRPC surface the gateway serves.</summary>
public sealed class CliTests() : CliSuiteTests(new DateTimeOffset(2020, 4, 8, 9, 0, 0, TimeSpan.Zero))
{
    private Task<(int Exit, string Output, string Error)> Sec(params string[] args) => RunAsync(args);

    [Fact]
    public async Task Raise_show_and_list_drive_the_register_from_the_shell()
    {
        var raised = await Sec("raise", "--title", "CH Alert Storm Consolidation", "--problem", "Alert storms", "--proposer", "Graeme Liggett",
            "--organisation", "Data Communications Company", "--raised-on", "2020-03-10");
        var shown = await Sec("show", "dp1");
        var listed = await Sec("list", "--phase", "Define", "--organisation", "Data Communications Company");
        var asJson = await Sec("show", "DP001", "--json");

        Assert.Equal((0, "DP001 raised: 'CH Alert Storm Consolidation'"), (raised.Exit, raised.Output.Trim()));
        Assert.Contains("raised 10 Mar 2020 by Graeme Liggett (Data Communications Company)", shown.Output);
        Assert.Contains("Raised — Draft Proposal raised (Holly Burton)", shown.Output);
        Assert.StartsWith("DP001", listed.Output);
        Assert.Contains("\"reference\": {", asJson.Output);
    }

    [Fact]
    public async Task SECAS_sets_the_months_cover_with_narratives_and_Appendix_A_from_the_shell()
    {
        var set = await Sec("report", "cover", "--month", "2020-04", "--date", "2020-04-08", "--author", "Holly Burton, SECAS Team", "--paper-reference", "SECP_76_1701_12",
            "--narrative", "refine=An ad-hoc Working Group meeting was held on 16 March.", "--narrative", "summary=A = B",
            "--appendix", "DCC progress report=https://example.org/dcc.pdf?month=2020-04");
        var md = await Sec("report", "--month", "2020-04", "--as-of", "2020-04-08");
        var badLink = await Sec("report", "cover", "--month", "2020-04", "--date", "2020-04-08", "--author", "SECAS", "--appendix", "DCC progress report=ftp://example.org/dcc.pdf");
        var noPair = await Sec("report", "cover", "--month", "2020-04", "--date", "2020-04-08", "--author", "SECAS", "--narrative", "refine");
        var noAuthor = await Sec("report", "cover", "--month", "2020-04", "--date", "2020-04-08");

        Assert.Equal((0, "Cover of the 2020-04 report set: Holly Burton, SECAS Team, dated 2020-04-08, SECP_76_1701_12; 2 narratives, 1 appendices"), (set.Exit, set.Output.Trim()));
        var text = md.Output.ReplaceLineEndings("\n");
        Assert.Contains("Paper Reference: SECP_76_1701_12", text);
        Assert.Contains("## 1. Summary\n\nA = B", text);
        Assert.Contains("## Appendix A: DCC progress report\n\n<https://example.org/dcc.pdf?month=2020-04>", text);
        Assert.Equal(2, badLink.Exit);
        Assert.Contains("appendices[0].url: 'ftp://example.org/dcc.pdf' is not an absolute http or https URL", badLink.Error);
        Assert.NotEqual(0, noPair.Exit);
        Assert.Contains("--narrative refine: give SECTION=TEXT", noPair.Error);
        Assert.NotEqual(0, noAuthor.Exit);
        // The refused attempts left the cover as it was set.
        Assert.Contains("## Appendix A: DCC progress report", (await Sec("report", "--month", "2020-04")).Output);
    }

    [Fact]
    public async Task A_refusal_prints_its_field_violations_and_exits_non_zero()
    {
        var refused = await Sec("raise", "--title", " ", "--problem", "x", "--proposer", "A", "--organisation", "B", "--raised-on", "2020-03-10");
        var missing = await Sec("show", "MP999");
        var notADate = await Sec("raise", "--title", "T", "--problem", "x", "--proposer", "A", "--organisation", "B", "--raised-on", "2020-02-30");

        Assert.Equal(2, refused.Exit);
        Assert.Contains("error: InvalidArgument", refused.Error);
        Assert.NotEqual(0, notADate.Exit);
        Assert.Contains("2020-02-30", notADate.Error);
        Assert.Contains("title: is required and must not be blank", refused.Error);
        Assert.Equal(1, missing.Exit);
        Assert.Contains("error: NotFound: MP999 is not in the register.", missing.Error);
    }

    [Fact]
    public async Task The_report_is_written_as_Markdown_HTML_or_CSV_files()
    {
        await Sec("raise", "--title", "CH Alert Storm Consolidation", "--problem", "Alert storms", "--proposer", "Graeme Liggett",
            "--organisation", "DCC", "--raised-on", "2020-03-10");
        Directory.CreateDirectory(Files);

        var html = await Sec("report", "--month", "2020-04", "--as-of", "2020-04-08", "--format", "html", "--out", Path.Combine(Files, "april.html"));
        var csv = await Sec("report", "--month", "2020-04", "--format", "csv", "--out", Path.Combine(Files, "csv"));
        var md = await Sec("report", "--month", "2020-04");
        var badFormat = await Sec("report", "--month", "2020-04", "--format", "pdf");

        Assert.Equal(0, html.Exit);
        Assert.StartsWith("<!DOCTYPE html>", await File.ReadAllTextAsync(Path.Combine(Files, "april.html")));
        Assert.Equal(0, csv.Exit);
        Assert.StartsWith("reference,kind,accepted,target_wd,current_wd", await File.ReadAllTextAsync(Path.Combine(Files, "csv", "open-assessments.csv")));
        Assert.Contains("# Change Status Report – April 2020", md.Output);
        Assert.NotEqual(0, badFormat.Exit);
    }

    [Fact]
    public async Task Every_register_step_can_be_driven_from_the_shell()
    {
        await Sec("raise", "--title", "CH Alert Storm Consolidation", "--problem", "Alert storms", "--proposer", "Graeme Liggett",
            "--organisation", "DCC", "--raised-on", "2020-03-10");

        var csc = await Sec("csc", "DP1", "--outcome", "ready", "--on", "2020-03-26");
        var converted = await Sec("convert", "DP1", "--on", "2020-04-01", "--path", "3");
        var progressed = await Sec("step", "MP1", "progress", "--on", "2020-04-02");
        var held = await Sec("step", "MP1", "hold", "--on", "2020-04-03", "--reason", "Waiting for the DCC");
        var early = await Sec("step", "MP1", "submit", "--on", "2020-04-06");

        Assert.Equal("DP001: Ready for conversion", csc.Output.Trim());
        Assert.Equal("MP001: Refinement Process", converted.Output.Trim());
        Assert.Equal("MP001: Report Phase", progressed.Output.Trim());
        Assert.Equal("MP001: On hold (Report Phase)", held.Output.Trim());
        Assert.Equal(1, early.Exit);
        Assert.Contains("FailedPrecondition", early.Error);
        Assert.Contains("Allowed moves: resume, withdraw", early.Error);
    }

    [Fact]
    public async Task The_DCC_posts_and_Change_Board_votes_can_be_made_from_the_shell()
    {
        // MP107 is submitted for the Change Board's decision before its meeting; the DCC assesses it meanwhile.
        var board = await new ChangeBoard.Board(Suite).AwaitingAsync(D(2020, 3, 18), global::Sec.ChangeBoard.V1.DecisionPath.SelfGovernance, "MP107");
        var dcc = await new Assessments.Dcc(Suite).KnowAsync("MP107");
        await dcc.RequestAsync("MP107", global::Sec.Assessments.V1.AssessmentKind.Preliminary, new DateOnly(2020, 3, 2));
        var memberId = await board.MemberAsync("Large Supplier member", global::Sec.ChangeBoard.V1.VotingGroup.LargeSupplier);
        var voteItem = await board.VoteItemAsync(await board.MeetingAsync(D(2020, 3, 25)), "MP107", global::Sec.ChangeBoard.V1.DecisionPath.SelfGovernance);

        var accepted = await Sec("dcc", "MP107", "accept", "--kind", "pa", "--key", "dcc-1", "--on", "2020-03-02");
        var again = await Sec("dcc", "MP107", "accept", "--kind", "pa", "--key", "dcc-1", "--on", "2020-03-02");
        var stopped = await Sec("dcc", "MP107", "stop", "--kind", "pa", "--key", "dcc-2", "--on", "2020-03-09", "--until", "2020-03-13", "--reason", "Waiting for SECAS");
        var returned = await Sec("dcc", "MP107", "return", "--kind", "pa", "--key", "dcc-3", "--on", "2020-03-27");
        var voted = await RunAsAsync(MemberToken("Large Supplier member", "Large Supplier member's party", "large-supplier"),
            "vote", voteItem.ItemId, "--member", memberId, "--value", "approve");

        Assert.Equal("MP107 PA: Accepted", accepted.Output.Trim());
        Assert.Equal(accepted.Output, again.Output);
        Assert.Equal("MP107 PA: Accepted", stopped.Output.Trim());
        Assert.Equal("MP107 PA: Returned", returned.Output.Trim());
        Assert.Equal("MP107: 1 votes cast", voted.Output.Trim());
    }

    [Fact]
    public async Task An_unreachable_gateway_is_named_with_how_to_start_the_suite()
    {
        var port = LocalPorts.Free();
        var output = new StringWriter();
        var error = new StringWriter();

        var exit = await SecCli.RunAsync(["show", "MP122", "--gateway", $"http://127.0.0.1:{port}"], output, error);

        Assert.Equal(1, exit);
        Assert.Contains("error: Unavailable", error.ToString());
        Assert.Contains("Is the suite running? Start it with ./run.sh", error.ToString());
    }
}
