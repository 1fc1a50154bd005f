namespace Sec.ServiceTests.Cli;

/// <summary>Corrections from the shell: a title amended, a modification returned to Refinement, and its mistaken last step voided, with no id copied between commands.</summary>
public sealed class CorrectionCliTests() : CliSuiteTests(new DateTimeOffset(2020, 8, 3, 9, 0, 0, TimeSpan.Zero))
{
    private Task<(int Exit, string Output, string Error)> Sec(params string[] args) => RunAsync(args);

    [Fact]
    public async Task A_title_a_return_to_refinement_and_a_voided_step_are_recorded_by_reference_and_date()
    {
        await Sec("raise", "--title", "Reporting of Alert Storms", "--problem", "Alert storms", "--proposer", "Graeme Liggett",
            "--organisation", "Data Communications Company", "--raised-on", "2020-03-10");
        await Sec("csc", "DP001", "--outcome", "ready", "--on", "2020-03-26");
        await Sec("convert", "DP001", "--path", "3", "--on", "2020-04-17");
        await Sec("step", "MP001", "progress", "--on", "2020-06-04");

        var title = await Sec("title", "MP001", "--to", "CH Alert Storm Consolidation", "--on", "2020-06-10", "--reason", "The April paper's title");
        var refined = await Sec("step", "MP001", "refine", "--on", "2020-07-08", "--reason", "More work on the solution");
        var voided = await Sec("void", "MP001", "--reason", "Keyed on the wrong date", "--replace-on", "2020-07-09");
        var shown = await Sec("show", "MP001");
        var missing = await Sec("void", "MP001", "--step", "Returned to Refinement", "--on", "2020-07-01", "--reason", "No such step");

        Assert.Equal((0, "MP001: title amended to \"CH Alert Storm Consolidation\" (Report Phase)"), (title.Exit, title.Output.Trim()));
        Assert.Equal(0, refined.Exit);
        Assert.Contains("Refinement Process", refined.Output);
        Assert.Equal((0, "MP001: \"Returned to Refinement\" of 2020-07-08 voided and recorded again on 2020-07-09; Refinement Process"), (voided.Exit, voided.Output.Trim()));
        Assert.Contains("Returned to Refinement — Refinement Process (Holly Burton) [voided by Holly Burton: Keyed on the wrong date]", shown.Output);
        Assert.Contains("Title amended: Reporting of Alert Storms → CH Alert Storm Consolidation", shown.Output);
        Assert.NotEqual(0, missing.Exit);
        Assert.Contains("NotFound", missing.Error);
        Assert.Contains("latest standing step is \"Returned to Refinement\" on 9 July 2020", missing.Error);
    }
}
