using Google.Protobuf;
using Sec.Assessments.V1;
using Sec.ChangeBoard.V1;
using Sec.Proposals.V1;
using Sec.ServiceTests.Assessments;
using Sec.ServiceTests.ChangeBoard;
using AgendaItemKind = Sec.ChangeBoard.V1.AgendaItemKind;
using Outcome = Sec.ChangeBoard.V1.Outcome;

namespace Sec.ServiceTests.ModificationPage;

/// <summary>One modification's page, composed over gRPC from all four contexts, with its documents, plan and priority.</summary>
public sealed class ModificationViewTests() : SuiteTests(new DateTimeOffset(2020, 8, 3, 9, 0, 0, TimeSpan.Zero))
{
    private static readonly ModificationReference Mp122 = Ref("MP122");

    /// <summary>MP122 as the 2020 papers give it: PA returned 28 May, IA request approved on 22 July, an alternate MP122A.</summary>
    private async Task Mp122Async()
    {
        var board = await new Board(Suite).KnowAsync("MP122");
        var dcc = new Dcc(Suite);
        await Eventually.GetAsync(async () => (IMessage)await dcc.Client.GetKnownModificationAsync(new() { Reference = Mp122 }));
        await dcc.RequestAsync("MP122", AssessmentKind.Preliminary, new DateOnly(2020, 5, 11));
        await dcc.AcceptAsync("MP122", AssessmentKind.Preliminary, new DateOnly(2020, 5, 12), 15);
        await dcc.ReturnAsync("MP122", AssessmentKind.Preliminary, new DateOnly(2020, 5, 28));
        var request = (await board.Client.AddAgendaItemAsync(new AddAgendaItemRequest
        {
            MeetingId = await board.MeetingAsync(D(2020, 7, 22)), Reference = Mp122, Kind = AgendaItemKind.ImpactAssessmentRequest,
        })).Item;
        await board.Client.DecideImpactAssessmentRequestAsync(new DecideImpactAssessmentRequestRequest { ItemId = request.ItemId, Outcome = Outcome.Approved });
        await Register.ImportAsync("MP122A", "MP122 alternative solution", D(2020, 6, 1));
    }

    [Fact]
    public async Task The_page_gathers_every_contexts_part_and_dates_the_next_step_from_the_plan()
    {
        await Mp122Async();
        await Proposals.AttachDocumentAsync(new AttachDocumentRequest
        {
            Reference = Mp122, Title = "MP122 on the SECAS website", Kind = DocumentKind.WebPage, DatedOn = D(2020, 7, 22),
            Url = "https://smartenergycodecompany.co.uk/modifications/operational-metrics/",
        });
        await Proposals.PlanModificationAsync(new PlanModificationRequest
        {
            Reference = Mp122, PlannedOn = D(2020, 4, 1),
            Milestones =
            {
                new Sec.Proposals.V1.PlannedMilestone { Milestone = Milestone.PreliminaryAssessment, PlannedOn = D(2020, 5, 15) },
                new Sec.Proposals.V1.PlannedMilestone { Milestone = Milestone.ImpactAssessment, PlannedOn = D(2020, 9, 30) },
                new Sec.Proposals.V1.PlannedMilestone { Milestone = Milestone.Solution, PlannedOn = D(2020, 6, 30) },
            },
        });
        await Proposals.DeterminePriorityAsync(new DeterminePriorityRequest
        {
            Reference = Mp122, Category = "medium", CriteriaNotes = "Benefits operational reporting; no fixed external date.", DeterminedBy = "SEC Panel", DeterminedOn = D(2020, 7, 17),
        });

        var view = (await Proposals.GetModificationViewAsync(new GetModificationViewRequest { Reference = Ref("mp 122") })).View;

        Assert.Equal("MP122", view.Proposal.Reference.Value);
        var pa = Assert.Single(view.Assessments);
        Assert.Equal((AssessmentKind.Preliminary, D(2020, 5, 28)), (pa.Kind, pa.ReturnedOn));
        var ia = Assert.Single(view.ChangeBoardItems);
        Assert.Equal((AgendaItemKind.ImpactAssessmentRequest, D(2020, 7, 22), Outcome.Approved), (ia.Kind, ia.MeetingOn, ia.FinalOutcome));
        Assert.Equal(["MP122A"], view.Alternates.Select(a => a.Reference.Value));
        // And the other way: MP122A's page names the modification it is an alternate of.
        Assert.Equal(["MP122"], (await Proposals.GetModificationViewAsync(new GetModificationViewRequest { Reference = Ref("MP122A") })).View.Alternates.Select(a => a.Reference.Value));
        Assert.Equal("https://smartenergycodecompany.co.uk/modifications/operational-metrics/", Assert.Single(view.Documents).Url);
        Assert.Equal("Medium", view.Priority.Current.Category.Name);

        var progress = view.Plan.Milestones.ToDictionary(m => m.Milestone);
        Assert.Equal((D(2020, 5, 28), 13, "Assessments: PA returned"), (progress[Milestone.PreliminaryAssessment].ActualOn, progress[Milestone.PreliminaryAssessment].SlippageDays, progress[Milestone.PreliminaryAssessment].ActualFrom));
        Assert.Equal((true, 34), (progress[Milestone.Solution].Overdue, progress[Milestone.Solution].SlippageDays)); // 30 June to 3 August, not reached
        Assert.Equal((false, 0), (progress[Milestone.ImpactAssessment].Overdue, progress[Milestone.ImpactAssessment].SlippageDays));
        // The register has no date for MP122's next step; the plan's earliest milestone not yet reached gives one.
        Assert.Equal((D(2020, 6, 30), "plan: Solution"), (view.NextStep.On, view.NextStep.DateFrom));
    }

    [Fact]
    public async Task The_monthly_report_lists_the_documents_of_its_month_and_each_plan_against_what_happened()
    {
        await Mp122Async();
        await Proposals.AttachDocumentAsync(new AttachDocumentRequest
        {
            Reference = Mp122, Title = "Operational Metrics legal text", Kind = DocumentKind.LegalText, Version = "0.2", DatedOn = D(2020, 7, 22),
            Url = "https://smartenergycodecompany.co.uk/modifications/operational-metrics/legal-text-0.2",
        });
        await Proposals.AttachDocumentAsync(new AttachDocumentRequest
        {
            Reference = Mp122, Title = "Operational Metrics Working Group paper", Kind = DocumentKind.Other, DatedOn = D(2020, 6, 10),
            Url = "https://smartenergycodecompany.co.uk/modifications/operational-metrics/wg-june",
        });
        await Proposals.PlanModificationAsync(new PlanModificationRequest
        {
            Reference = Mp122, PlannedOn = D(2020, 4, 1),
            Milestones = { new Sec.Proposals.V1.PlannedMilestone { Milestone = Milestone.PreliminaryAssessment, PlannedOn = D(2020, 5, 15) } },
        });

        var answer = await Proposals.GetChangeStatusReportAsync(new GetChangeStatusReportRequest { Month = "2020-08", AsOf = "2020-07-31" });

        // Only July's document: the June paper belongs to June's report.
        Assert.Equal(["MP122 Operational Metrics legal text 2020-07-22"], answer.Report.Documents.Select(d => $"{d.Reference.Value} {d.Title} {d.DatedOn.Year}-{d.DatedOn.Month:00}-{d.DatedOn.Day:00}"));
        var plan = Assert.Single(answer.Report.Plans);
        Assert.Equal("MP122", plan.Reference.Value);
        var pa = Assert.Single(plan.Plan.Milestones);
        Assert.Equal((D(2020, 5, 28), 13), (pa.ActualOn, pa.SlippageDays));
        Assert.Contains("- 22 Jul 2020: [MP122](/register/MP122) legal text ‘Operational Metrics legal text’ version 0.2 <https://smartenergycodecompany.co.uk/modifications/operational-metrics/legal-text-0.2>", answer.Markdown);
        Assert.Contains("| [MP122](/register/MP122) | Preliminary Assessment | 15 May 2020 | 28 May 2020 | 13 days late |", answer.Markdown);
    }

    [Fact]
    public async Task The_register_on_the_web_filters_by_the_priority_in_force_and_refuses_an_unknown_category()
    {
        await Register.ImportAsync("MP120", "Reporting on the DCC's service", D(2020, 2, 3), history: [Step(D(2020, 3, 13), "Refinement Process")]);
        await Register.ImportAsync("MP121", "Alert handling", D(2020, 2, 3), history: [Step(D(2020, 3, 13), "Refinement Process")]);
        Task Determine(string reference, string category, Google.Type.Date on, bool review = false) => Proposals.DeterminePriorityAsync(new DeterminePriorityRequest
        {
            Reference = Ref(reference), Category = category, CriteriaNotes = "As the Panel judged it.", DeterminedBy = "SEC Panel", DeterminedOn = on, Review = review,
        }).ResponseAsync;
        await Determine("MP120", "high", D(2020, 6, 19));
        await Determine("MP121", "high", D(2020, 6, 19));
        await Determine("MP121", "low", D(2020, 7, 17), review: true);
        var http = Suite.CreateClient();
        http.DefaultRequestHeaders.Authorization = new("Bearer", Suite.Token(roles: [Sec.Identity.SecRoles.Reader]));

        var high = await http.GetStringAsync("/register?priority=high");
        var unknown = await http.GetAsync("/register?priority=urgent");

        // MP121's review moved it to low: only MP120 is high now.
        Assert.Contains("/register/MP120", high);
        Assert.DoesNotContain("/register/MP121", high);
        Assert.Contains("<option value=\"high\" selected>", high);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("<strong>priority</strong>", await unknown.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_unknown_modification_is_not_found_and_a_bad_date_names_the_field()
    {
        var missing = await Assert.ThrowsAsync<RpcException>(() => Proposals.GetModificationViewAsync(new GetModificationViewRequest { Reference = Ref("MP999") }).ResponseAsync);
        var badDate = await Assert.ThrowsAsync<RpcException>(() => Proposals.GetModificationViewAsync(new GetModificationViewRequest { Reference = Mp122, AsOf = "2020-02-30" }).ResponseAsync);

        Assert.Equal(StatusCode.NotFound, missing.StatusCode);
        Assert.Equal(StatusCode.InvalidArgument, badDate.StatusCode);
        Assert.Contains("as_of", badDate.ViolatedFields());
    }
}
