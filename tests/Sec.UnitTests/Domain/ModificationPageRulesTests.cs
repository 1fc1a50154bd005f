using Sec.BuildingBlocks.Domain;
using Sec.Proposals.Domain;

namespace Sec.UnitTests.Domain;

/// <summary>The modification page's rules: which links a reader can follow, slippage against the plan, and the priority in force on a date.</summary>
public sealed class ModificationPageRulesTests
{
    private static readonly Actor Secas = new("Holly Burton", "SECAS");

    [Theory]
    [InlineData("https://smartenergycodecompany.co.uk/modifications/operational-metrics/", true)]
    [InlineData("http://example.org/mp122.pdf", true)]
    [InlineData("ftp://example.org/mp122.pdf", false)]
    [InlineData("javascript:alert(1)", false)]
    [InlineData("file:///etc/passwd", false)]
    [InlineData("/modifications/mp122", false)]
    [InlineData("https://example.org/\u202Egpj.exe", false)]
    public void Only_an_absolute_http_or_https_link_is_a_web_link(string url, bool expected) =>
        Assert.Equal(expected, DocumentRules.IsWebLink(url));

    [Fact]
    public void A_file_over_the_limit_is_refused_naming_its_content()
    {
        var checks = new FieldChecks();
        DocumentRules.Check(new AttachDocument("Legal text", DocumentKind.LegalText, "1.0", new DateOnly(2020, 7, 1), null,
            new DocumentFile("legal.docx", null, new byte[11])), maxBytes: 10, today: new DateOnly(2020, 8, 3), checks);

        var refused = Assert.Throws<InvalidFields>(checks.ThrowIfAny);
        Assert.Equal(["file.content"], refused.Violations.Select(v => v.Field));
    }

    [Fact]
    public void Slippage_counts_to_the_actual_date_or_for_an_unreached_milestone_past_its_date_to_the_day_asked_about()
    {
        var plan = new PlanRevision(1, new DateOnly(2020, 4, 1), null,
        [
            new PlannedMilestone(Milestone.PreliminaryAssessment, new DateOnly(2020, 5, 15)),
            new PlannedMilestone(Milestone.Solution, new DateOnly(2020, 6, 30), ReachedOn: new DateOnly(2020, 7, 8)),
            new PlannedMilestone(Milestone.ImpactAssessment, new DateOnly(2020, 7, 31)),
            new PlannedMilestone(Milestone.ChangeBoard, new DateOnly(2020, 12, 16)),
        ], Secas, DateTimeOffset.UnixEpoch);
        var reached = new Dictionary<Milestone, MilestoneReached> { [Milestone.PreliminaryAssessment] = new(new DateOnly(2020, 5, 28), "Assessments: PA returned") };

        var progress = PlanRules.Progress(plan, reached, new DateOnly(2020, 8, 3)).ToDictionary(p => p.Milestone);

        Assert.Equal((13, false), (progress[Milestone.PreliminaryAssessment].SlippageDays, progress[Milestone.PreliminaryAssessment].Overdue));
        Assert.Equal((8, "plan: recorded reached"), (progress[Milestone.Solution].SlippageDays, progress[Milestone.Solution].ActualFrom));
        Assert.Equal((3, true), (progress[Milestone.ImpactAssessment].SlippageDays, progress[Milestone.ImpactAssessment].Overdue));
        Assert.Equal((0, false), (progress[Milestone.ChangeBoard].SlippageDays, progress[Milestone.ChangeBoard].Overdue));
        Assert.Equal(Milestone.ImpactAssessment, PlanRules.NextPlanned(progress.Values)!.Milestone);
    }

    [Fact]
    public void The_priority_in_force_is_the_latest_determined_by_the_date()
    {
        var high = new PriorityCategory("high", "High", "", 1, false);
        var medium = new PriorityCategory("medium", "Medium", "", 2, false);
        var history = new[]
        {
            new PriorityDetermination(medium, "notes", "SEC Panel", new DateOnly(2026, 6, 1), false, Secas, DateTimeOffset.UnixEpoch),
            new PriorityDetermination(high, "notes", "SEC Panel", new DateOnly(2026, 7, 1), true, Secas, DateTimeOffset.UnixEpoch.AddDays(1)),
        };

        Assert.Null(PriorityRules.InForce(history, new DateOnly(2026, 5, 31)));
        Assert.Equal("medium", PriorityRules.InForce(history, new DateOnly(2026, 6, 30))!.Category.Code);
        Assert.Equal("high", PriorityRules.InForce(history, new DateOnly(2026, 7, 1))!.Category.Code);
        Assert.Equal("category", Assert.Throws<InvalidFields>(() => PriorityRules.Live("low", [high, medium, new PriorityCategory("low", "Low", "", 3, true)])).Violations.Single().Field);
    }
}
