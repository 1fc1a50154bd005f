using Sec.Assessments.V1;
using Sec.Proposals.V1;
using Sec.ServiceTests.Assessments;

namespace Sec.ServiceTests.Reporting;

/// <summary>
/// The Refinement Process's modifications by what they await, as the December 2016 paper breaks its
/// count down, computed from the register's stages and the DCC's open assessments on the as-of date.
/// </summary>
public sealed class RefinementBreakdownTests() : SuiteTests(new DateTimeOffset(2016, 12, 9, 9, 0, 0, TimeSpan.Zero))
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        // Four in refinement: one with an open PA, one with an open IA after its PA came back, one whose
        // PA came back before the as-of date, one with none. SECMP0025 is an Initial Modification Report
        // with an open PA: it is not in refinement, so it is in no row.
        foreach (var reference in new[] { "SECMP0004", "SECMP0008", "SECMP0010", "SECMP0012" })
            await Register.ImportAsync(reference, $"{reference} title", D(2016, 3, 1), history: Register.Step(D(2016, 4, 8), "Refinement Process"));
        await Register.ImportAsync("SECMP0025", "Interested network party access to load switching information", D(2016, 11, 21));
        var dcc = await new Dcc(Suite).KnowAsync();
        foreach (var reference in new[] { "SECMP0004", "SECMP0008", "SECMP0010", "SECMP0012", "SECMP0025" })
            await Eventually.GetAsync(() => dcc.Client.GetKnownModificationAsync(new() { Reference = Register.Ref(reference) }).ResponseAsync);
        await dcc.OpenAsync("SECMP0010", AssessmentKind.Preliminary, new DateOnly(2016, 11, 11), 15);
        await dcc.CompletedAsync("SECMP0004", AssessmentKind.Preliminary, new DateOnly(2016, 7, 29), 15, 20);
        await dcc.OpenAsync("SECMP0004", AssessmentKind.Impact, new DateOnly(2016, 9, 1), 40);
        await dcc.CompletedAsync("SECMP0008", AssessmentKind.Preliminary, new DateOnly(2016, 10, 28), 15, 15);
        await dcc.OpenAsync("SECMP0025", AssessmentKind.Preliminary, new DateOnly(2016, 12, 1), 15);
    }

    [Fact]
    public async Task Refinement_splits_into_further_refinement_and_awaiting_a_PA_or_an_IA_under_either_stage_table()
    {
        var legacy = await Proposals.GetChangeStatusReportAsync(new GetChangeStatusReportRequest { Month = "2016-12", AsOf = "2016-12-07" });
        var phases = await Proposals.GetChangeStatusReportAsync(new GetChangeStatusReportRequest { Month = "2016-12", AsOf = "2016-12-07", StageNames = ReportStageNames.Phases });
        var before = (await Proposals.GetChangeStatusReportAsync(new GetChangeStatusReportRequest { Month = "2016-10", AsOf = "2016-10-14" })).Report.Summary.RefinementBreakdown;

        var b = legacy.Report.Summary.RefinementBreakdown;
        Assert.Equal((2, 1, 1), (b.FurtherRefinement, b.AwaitingPreliminaryAssessment, b.AwaitingImpactAssessment));
        Assert.Equal(["SECMP0010"], b.PreliminaryAssessment.Select(r => r.Value));
        Assert.Equal(["SECMP0004"], b.ImpactAssessment.Select(r => r.Value));
        Assert.Equal(legacy.Report.Summary.LegacyStages.Single(s => s.Stage == "Refinement").Count, b.FurtherRefinement + b.AwaitingPreliminaryAssessment + b.AwaitingImpactAssessment);
        Assert.Equal(b, phases.Report.Summary.RefinementBreakdown);
        // On 14 October 2016 SECMP0004's IA is open, SECMP0010's PA not yet accepted, SECMP0008's PA still open.
        Assert.Equal((2, 1, 1), (before.FurtherRefinement, before.AwaitingPreliminaryAssessment, before.AwaitingImpactAssessment));
        Assert.Equal(["SECMP0008"], before.PreliminaryAssessment.Select(r => r.Value));

        // Under the stage table in both styles, linked; and as its own CSV.
        var md = legacy.Markdown.ReplaceLineEndings("\n");
        Assert.True(md.IndexOf("| Number of open modifications |", StringComparison.Ordinal) < md.IndexOf("### Modification Proposals in refinement", StringComparison.Ordinal));
        Assert.Contains("| Further refinement | 2 |  |\n| DCC Preliminary Assessments | 1 | [SECMP0010](/register/SECMP0010) |\n| DCC Impact Assessment | 1 | [SECMP0004](/register/SECMP0004) |", md);
        Assert.Contains("| DCC Impact Assessment | 1 |", phases.Markdown);
        Assert.Contains("<a href=\"/register/SECMP0010\">SECMP0010</a>", legacy.Html);
        Assert.Equal(["awaiting,count,references", "Further refinement,2,", "DCC Preliminary Assessments,1,SECMP0010", "DCC Impact Assessment,1,SECMP0004"],
            legacy.Csv["refinement-breakdown.csv"].TrimEnd('\n').Split('\n'));
    }
}
