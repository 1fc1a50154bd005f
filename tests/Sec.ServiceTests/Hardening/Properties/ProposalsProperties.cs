using FsCheck;
using FsCheck.Fluent;
using Sec.Proposals.V1;
using static Sec.ServiceTests.Hardening.Properties.BadValues;

namespace Sec.ServiceTests.Hardening.Properties;

/// <summary>The register refuses every bad request cleanly and writes nothing for it.</summary>
public sealed class ProposalsProperties : BadRequestProperty
{
    /// <summary>The one modification in the register, which the steps act on.</summary>
    private static ModificationReference Known => Ref("MP100");

    [Fact]
    public async Task Every_bad_register_request_is_refused_cleanly_and_writes_nothing()
    {
        await Register.ImportAsync(Known.Value, "Known title", D(2020, 3, 10));
        var p = Proposals;

        var raise = new BadRequestsOf<RaiseDraftProposalRequest>("RaiseDraftProposal", () => new()
        {
            Title = "Smart meter firmware rollback",
            ProblemStatement = "Firmware cannot be rolled back.",
            Proposer = new Proposer { Name = "Graeme Liggett", Organisation = "Data Communications Company" },
            RaisedOn = Today,
        }, (r, o) => p.RaiseDraftProposalAsync(r, o).ResponseAsync)
            .Break("title", RequiredText, (r, v) => r.Title = v)
            .Break("problem_statement", RequiredText, (r, v) => r.ProblemStatement = v)
            .Break("proposer", Missing<Proposer>(), (r, v) => r.Proposer = v)
            .Break("proposer.name", RequiredText, (r, v) => r.Proposer.Name = v)
            .Break("proposer.organisation", RequiredText, (r, v) => r.Proposer.Organisation = v)
            .Break("raised_on", RequiredDate, (r, v) => r.RaisedOn = v);

        var alternate = new BadRequestsOf<RaiseAlternateRequest>("RaiseAlternate", () => new()
        {
            Original = Ref("MP102"),
            Title = "Power Outage Alerts: the alternate solution",
            ProblemStatement = "Suppress the alerts at the device.",
            Proposer = new Proposer { Name = "Working Group", Organisation = "SECAS" },
            RaisedOn = Today,
        }, (r, o) => p.RaiseAlternateAsync(r, o).ResponseAsync)
            .Break("original", Reference, (r, v) => r.Original = Ref(v))
            .Break("original", Missing<ModificationReference>(), (r, v) => r.Original = v)
            .Break("title", RequiredText, (r, v) => r.Title = v)
            .Break("problem_statement", RequiredText, (r, v) => r.ProblemStatement = v)
            .Break("proposer", Missing<Proposer>(), (r, v) => r.Proposer = v)
            .Break("raised_on", RequiredDate, (r, v) => r.RaisedOn = v);

        var import = new BadRequestsOf<ImportModificationRequest>("ImportModification",
            () => ImportRequest("MP777", "Imported title", D(2020, 3, 10)), (r, o) => p.ImportModificationAsync(r, o).ResponseAsync)
            .Break("idempotency_key", RequiredText, (r, v) => r.IdempotencyKey = v)
            .Break("reference", Reference, (r, v) => r.Reference = Ref(v))
            .Break("reference", Missing<ModificationReference>(), (r, v) => r.Reference = v)
            .Break("title", RequiredText, (r, v) => r.Title = v)
            .Break("problem_statement", RequiredText, (r, v) => r.ProblemStatement = v)
            .Break("proposer", Missing<Proposer>(), (r, v) => r.Proposer = v)
            .Break("proposer.name", RequiredText, (r, v) => r.Proposer.Name = v)
            .Break("raised_on", RequiredDate, (r, v) => r.RaisedOn = v)
            .Break("path", Enum<DecisionPath>(unspecified: false), (r, v) => r.Path = v)
            .Break("target_release", OptionalText, (r, v) => r.TargetRelease = v)
            .Break("history[0].effective_on", RequiredDate, (r, v) => r.History.Add(new ImportedStep { EffectiveOn = v, Stage = "Refinement" }))
            .Break("history[0].stage", RequiredText, (r, v) => r.History.Add(new ImportedStep { EffectiveOn = D(2020, 4, 1), Stage = v }))
            .Break("history[0].reason", OptionalText, (r, v) => r.History.Add(new ImportedStep { EffectiveOn = D(2020, 4, 1), Stage = "Refinement", Reason = v }))
            .Break("history[0].title", RequiredText, (r, v) => r.History.Add(new ImportedStep { EffectiveOn = D(2020, 4, 1), Title = v }))
            .Break("history", TooMany, (r, n) => r.History.AddRange(Enumerable.Range(0, n).Select(_ => Step(D(2020, 4, 1), "Refinement"))));

        var amend = ProposalStep<AmendProblemStatementRequest>("AmendProblemStatement", (r, o) => p.AmendProblemStatementAsync(r, o).ResponseAsync,
            () => new() { Reference = Known, ProblemStatement = "Clearer.", EffectiveOn = Today },
            (r, v) => r.Reference = v, (r, v) => r.ExpectedVersion = v, (r, v) => r.EffectiveOn = v, (r, v) => r.Reason = v)
            .Break("problem_statement", RequiredText, (r, v) => r.ProblemStatement = v);
        var csc = ProposalStep<RecordCscDecisionRequest>("RecordCscDecision", (r, o) => p.RecordCscDecisionAsync(r, o).ResponseAsync,
            () => new() { Reference = Known, Outcome = CscOutcome.NeedsFurtherDevelopment, EffectiveOn = Today },
            (r, v) => r.Reference = v, (r, v) => r.ExpectedVersion = v, (r, v) => r.EffectiveOn = v, (r, v) => r.Reason = v)
            .Break("outcome", Enum<CscOutcome>(), (r, v) => r.Outcome = v);
        var convert = ProposalStep<ConvertToModificationProposalRequest>("ConvertToModificationProposal", (r, o) => p.ConvertToModificationProposalAsync(r, o).ResponseAsync,
            () => new() { Reference = Known, Route = ConversionRoute.RefinementProcess, Path = DecisionPath.SelfGovernance, EffectiveOn = Today },
            (r, v) => r.Reference = v, (r, v) => r.ExpectedVersion = v, (r, v) => r.EffectiveOn = v, (r, v) => r.Reason = v)
            .Break("route", Enum<ConversionRoute>(), (r, v) => r.Route = v)
            .Break("path", Enum<DecisionPath>(unspecified: false), (r, v) => r.Path = v);
        var path = ProposalStep<SetPathRequest>("SetPath", (r, o) => p.SetPathAsync(r, o).ResponseAsync,
            () => new() { Reference = Known, Path = DecisionPath.SelfGovernance, EffectiveOn = Today },
            (r, v) => r.Reference = v, (r, v) => r.ExpectedVersion = v, (r, v) => r.EffectiveOn = v, (r, v) => r.Reason = v)
            .Break("path", Enum<DecisionPath>(), (r, v) => r.Path = v);
        var withdraw = ProposalStep<WithdrawRequest>("Withdraw", (r, o) => p.WithdrawAsync(r, o).ResponseAsync,
            () => new() { Reference = Known, EffectiveOn = Today, Reason = "The proposer no longer needs it" },
            (r, v) => r.Reference = v, (r, v) => r.ExpectedVersion = v, (r, v) => r.EffectiveOn = v, (r, v) => r.Reason = v);
        var hold = ProposalStep<PutOnHoldRequest>("PutOnHold", (r, o) => p.PutOnHoldAsync(r, o).ResponseAsync,
            () => new() { Reference = Known, EffectiveOn = Today },
            (r, v) => r.Reference = v, (r, v) => r.ExpectedVersion = v, (r, v) => r.EffectiveOn = v, (r, v) => r.Reason = v);
        var adopt = ProposalStep<AdoptRequest>("Adopt", (r, o) => p.AdoptAsync(r, o).ResponseAsync,
            () => new() { Reference = Known, EffectiveOn = Today, Adopter = new Proposer { Name = "Jo Bloggs", Organisation = "Small Supplier Ltd" } },
            (r, v) => r.Reference = v, (r, v) => r.ExpectedVersion = v, (r, v) => r.EffectiveOn = v, (r, v) => r.Reason = v)
            .Break("adopter", Missing<Proposer>(), (r, v) => r.Adopter = v)
            .Break("adopter.name", RequiredText, (r, v) => r.Adopter.Name = v)
            .Break("adopter.organisation", RequiredText, (r, v) => r.Adopter.Organisation = v);
        var title = ProposalStep<AmendTitleRequest>("AmendTitle", (r, o) => p.AmendTitleAsync(r, o).ResponseAsync,
            () => new() { Reference = Known, Title = "A clearer title", EffectiveOn = Today },
            (r, v) => r.Reference = v, (r, v) => r.ExpectedVersion = v, (r, v) => r.EffectiveOn = v, (r, v) => r.Reason = v)
            .Break("title", RequiredText, (r, v) => r.Title = v);
        var refine = ProposalStep<ReturnToRefinementRequest>("ReturnToRefinement", (r, o) => p.ReturnToRefinementAsync(r, o).ResponseAsync,
            () => new() { Reference = Known, EffectiveOn = Today },
            (r, v) => r.Reference = v, (r, v) => r.ExpectedVersion = v, (r, v) => r.EffectiveOn = v, (r, v) => r.Reason = v);
        var voidStep = new BadRequestsOf<VoidStepRequest>("VoidStep",
            () => new() { Reference = Known, StepEffectiveOn = D(2020, 3, 10), Step = "Raised", Reason = "Keyed in error" },
            (r, o) => p.VoidStepAsync(r, o).ResponseAsync)
            .Break("reference", Reference, (r, v) => r.Reference = Ref(v))
            .Break("reference", Missing<ModificationReference>(), (r, v) => r.Reference = v)
            .Break("expected_version", NegativeOrHuge, (r, v) => r.ExpectedVersion = v)
            .Break("step_effective_on", RequiredDate, (r, v) => r.StepEffectiveOn = v)
            .Break("step", RequiredText, (r, v) => r.Step = v)
            .Break("reason", RequiredText, (r, v) => r.Reason = v)
            .Break("replace_with.effective_on", RequiredDate, (r, v) => r.ReplaceWith = new StepReplacement { EffectiveOn = v })
            .Break("replace_with.reason", OptionalText, (r, v) => r.ReplaceWith = new StepReplacement { EffectiveOn = Today, Reason = v });

        var group = new BadRequestsOf<CreateWorkingGroupRequest>("CreateWorkingGroup", () => new() { Name = "SMETS2 Working Group", Theme = "Firmware" },
            (r, o) => p.CreateWorkingGroupAsync(r, o).ResponseAsync)
            .Break("name", RequiredText, (r, v) => r.Name = v)
            .Break("theme", RequiredText, (r, v) => r.Theme = v);
        var meeting = new BadRequestsOf<ScheduleWorkingGroupMeetingRequest>("ScheduleWorkingGroupMeeting",
            () => new() { WorkingGroup = "SMETS2 Working Group", MeetingOn = D(2026, 12, 2), Kind = MeetingKind.Monthly, Agenda = { Known } },
            (r, o) => p.ScheduleWorkingGroupMeetingAsync(r, o).ResponseAsync)
            .Break("working_group", RequiredText, (r, v) => r.WorkingGroup = v)
            .Break("meeting_on", RequiredDate, (r, v) => r.MeetingOn = v)
            .Break("agenda_confirmed_on", Date, (r, v) => r.AgendaConfirmedOn = v)
            .Break("kind", Enum<MeetingKind>(unspecified: false), (r, v) => r.Kind = v)
            .Break("agenda[0]", Reference, (r, v) => r.Agenda[0] = Ref(v))
            .Break("agenda", TooMany, (r, n) => r.Agenda.AddRange(Enumerable.Range(0, n).Select(_ => Known)))
            .Break("outcome", OptionalText, (r, v) => r.Outcome = v);
        var outcome = new BadRequestsOf<RecordWorkingGroupMeetingOutcomeRequest>("RecordWorkingGroupMeetingOutcome",
            () => new() { WorkingGroup = "SMETS2 Working Group", MeetingOn = D(2026, 11, 4), Outcome = "Agreed the solution" },
            (r, o) => p.RecordWorkingGroupMeetingOutcomeAsync(r, o).ResponseAsync)
            .Break("working_group", RequiredText, (r, v) => r.WorkingGroup = v)
            .Break("meeting_on", RequiredDate, (r, v) => r.MeetingOn = v)
            .Break("number", NegativeOrHuge, (r, v) => r.Number = v)
            .Break("outcome", RequiredText, (r, v) => r.Outcome = v);
        var meetings = new BadRequestsOf<ListWorkingGroupMeetingsRequest>("ListWorkingGroupMeetings",
            () => new() { WorkingGroup = "SMETS2 Working Group", From = "2026-01-01", To = "2026-12-31" },
            (r, o) => p.ListWorkingGroupMeetingsAsync(r, o).ResponseAsync)
            .Break("working_group", OptionalText, (r, v) => r.WorkingGroup = v)
            .Break("from", GivenDateText, (r, v) => r.From = v)
            .Break("to", GivenDateText, (r, v) => r.To = v);
        var cancel = new BadRequestsOf<CancelConsultationRequest>("CancelConsultation",
            () => new() { Reference = Known, Kind = ConsultationKind.Refinement, CancelledOn = Today, Reason = "It will not be issued" },
            (r, o) => p.CancelConsultationAsync(r, o).ResponseAsync)
            .Break("reference", Reference, (r, v) => r.Reference = Ref(v))
            .Break("kind", Enum<ConsultationKind>(), (r, v) => r.Kind = v)
            .Break("cancelled_on", RequiredDate, (r, v) => r.CancelledOn = v)
            .Break("reason", RequiredText, (r, v) => r.Reason = v);
        var consultation = new BadRequestsOf<RecordConsultationRequest>("RecordConsultation",
            () => new() { Reference = Known, Kind = ConsultationKind.Refinement, IssuedOn = D(2026, 11, 2), ClosesOn = D(2026, 11, 30) },
            (r, o) => p.RecordConsultationAsync(r, o).ResponseAsync)
            .Break("reference", Reference, (r, v) => r.Reference = Ref(v))
            .Break("kind", Enum<ConsultationKind>(), (r, v) => r.Kind = v)
            .Break("issued_on", Date, (r, v) => r.IssuedOn = v)
            .Break("closes_on", Date, (r, v) => r.ClosesOn = v)
            .Break("expected_week_commencing", Date, (r, v) => r.ExpectedWeekCommencing = v);
        var response = new BadRequestsOf<AddConsultationResponseRequest>("AddConsultationResponse",
            () => new() { Reference = Known, Kind = ConsultationKind.Refinement, Respondent = "Jo Bloggs", Organisation = "Small Supplier Ltd", PartyCategory = "Small Supplier", ReceivedOn = Today, Position = ResponsePosition.Oppose },
            (r, o) => p.AddConsultationResponseAsync(r, o).ResponseAsync)
            .Break("reference", Reference, (r, v) => r.Reference = Ref(v))
            .Break("kind", Enum<ConsultationKind>(), (r, v) => r.Kind = v)
            .Break("respondent", RequiredText, (r, v) => r.Respondent = v)
            .Break("organisation", RequiredText, (r, v) => r.Organisation = v)
            .Break("party_category", RequiredText, (r, v) => r.PartyCategory = v)
            .Break("received_on", RequiredDate, (r, v) => r.ReceivedOn = v)
            .Break("position", Enum<ResponsePosition>(), (r, v) => r.Position = v)
            .Break("text", OptionalText, (r, v) => r.Text = v);

        var asOf = new BadRequestsOf<GetProposalAsOfRequest>("GetProposalAsOf", () => new() { Reference = Known, AsOf = "2026-11-20" },
            (r, o) => p.GetProposalAsOfAsync(r, o).ResponseAsync)
            .Break("reference", Reference, (r, v) => r.Reference = Ref(v))
            .Break("as_of", DateText, (r, v) => r.AsOf = v);
        var search = new BadRequestsOf<SearchProposalsRequest>("SearchProposals", () => new() { Page = new PageRequest { PageSize = 20 } },
            (r, o) => p.SearchProposalsAsync(r, o).ResponseAsync)
            .Break("text", OptionalText, (r, v) => r.Text = v)
            .Break("page.page_size", NegativeOrHuge, (r, v) => r.Page.PageSize = v)
            .Break("page.page_token", WithControl, (r, v) => r.Page.PageToken = v)
            .Break("phases[0]", Enum<Phase>(), (r, v) => r.Phases.Add(v))
            .Break("raised.from", Date, (r, v) => r.Raised = new DateRange { From = v })
            .Break("raised.to", Date, (r, v) => r.Raised = new DateRange { To = v });
        var report = new BadRequestsOf<GetChangeStatusReportRequest>("GetChangeStatusReport", () => new() { Month = "2026-10" },
            (r, o) => p.GetChangeStatusReportAsync(r, o).ResponseAsync)
            .Break("month", MonthText, (r, v) => r.Month = v)
            .Break("period_end", GivenDateText, (r, v) => r.PeriodEnd = v)
            .Break("stage_names", Enum<ReportStageNames>(unspecified: false), (r, v) => r.StageNames = v);
        var cover = new BadRequestsOf<SetReportCoverRequest>("SetReportCover",
            () => new()
            {
                Month = "2026-10", Author = "Holly Burton, SECAS Team", PaperReference = "SECP_76_1701_12", ReportDate = D(2026, 10, 8),
                Appendices = { new ReportAppendix { Title = "DCC progress report", Url = "https://example.org/dcc-progress.pdf" } },
            },
            (r, o) => p.SetReportCoverAsync(r, o).ResponseAsync)
            .Break("month", MonthText, (r, v) => r.Month = v)
            .Break("author", RequiredText, (r, v) => r.Author = v)
            .Break("paper_reference", OptionalText, (r, v) => r.PaperReference = v)
            .Break("report_date", RequiredDate, (r, v) => r.ReportDate = v)
            .Break("narratives[summary]", OptionalText, (r, v) => r.Narratives["summary"] = v)
            .Break("appendices[0].title", RequiredText, (r, v) => r.Appendices[0].Title = v)
            .Break("appendices[0].url", FsCheck.Fluent.Gen.Elements(new Bad<string>("script", "javascript:alert(1)"), new Bad<string>("relative", "/dcc-progress.pdf"),
                new Bad<string>("ftp link", "ftp://example.org/dcc.pdf"), new Bad<string>("blank", "")), (r, v) => r.Appendices[0].Url = v)
            .Break("appendices[0].url", OptionalText, (r, v) => r.Appendices[0].Url = "https://example.org/" + v)
            .Break("appendices", TooMany, (r, n) => r.Appendices.AddRange(Enumerable.Range(0, n).Select(i => new ReportAppendix { Title = $"Paper {i}", Url = $"https://example.org/{i}" })));

        var webhook = new BadRequestsOf<RegisterWebhookRequest>("RegisterWebhook",
            () => new() { Url = "https://hooks.example.org/sec", EventKinds = { "ModificationApproved" }, Secret = "a shared secret of some length" },
            (r, o) => p.RegisterWebhookAsync(r, o).ResponseAsync)
            .Break("url", RequiredText, (r, v) => r.Url = v)
            .Break("url", WebhookUrl, (r, v) => r.Url = v)
            .Break("event_kinds", EventKind, (r, v) => { r.EventKinds.Clear(); r.EventKinds.Add(v); })
            .Break("event_kinds", TooMany, (r, n) => r.EventKinds.AddRange(Enumerable.Range(0, n).Select(i => $"Kind{i}")))
            .Break("event_kinds", Gen.Constant(new Bad<bool>("none", true)), (r, _) => r.EventKinds.Clear())
            .Break("secret", RequiredText, (r, v) => r.Secret = v)
            .Break("secret", Gen.Constant(new Bad<string>("too short", "short")), (r, v) => r.Secret = v)
            .Break("description", OptionalText, (r, v) => r.Description = v);
        var removeWebhook = new BadRequestsOf<RemoveWebhookRequest>("RemoveWebhook", () => new() { SubscriptionId = Guid.NewGuid().ToString() },
            (r, o) => p.RemoveWebhookAsync(r, o).ResponseAsync)
            .Break("subscription_id", Id, (r, v) => r.SubscriptionId = v);
        var deliveries = new BadRequestsOf<ListWebhookDeliveriesRequest>("ListWebhookDeliveries", () => new(),
            (r, o) => p.ListWebhookDeliveriesAsync(r, o).ResponseAsync)
            .Break("limit", NegativeOrHuge, (r, v) => r.Limit = v)
            .Break("subscription_id", OptionalText, (r, v) => r.SubscriptionId = v);

        // The modification page, its documents, plan and priority.
        var view = new BadRequestsOf<GetModificationViewRequest>("GetModificationView", () => new() { Reference = Known },
            (r, o) => p.GetModificationViewAsync(r, o).ResponseAsync)
            .Break("reference", Reference, (r, v) => r.Reference = Ref(v))
            .Break("as_of", GivenDateText, (r, v) => r.AsOf = v);
        var notWebLinks = FsCheck.Fluent.Gen.Elements(
            new Bad<string>("ftp link", "ftp://example.org/mp100.pdf"), new Bad<string>("script", "javascript:alert(1)"),
            new Bad<string>("relative", "/modifications/mp100"), new Bad<string>("file", "file:///etc/passwd"), new Bad<string>("blank", ""));
        var attach = new BadRequestsOf<AttachDocumentRequest>("AttachDocument",
            () => new() { Reference = Known, Title = "Legal text", Kind = DocumentKind.LegalText, DatedOn = Today, Url = "https://example.org/mp100" },
            (r, o) => p.AttachDocumentAsync(r, o).ResponseAsync)
            .Break("reference", Reference, (r, v) => r.Reference = Ref(v))
            .Break("title", RequiredText, (r, v) => r.Title = v)
            .Break("version", OptionalText, (r, v) => r.Version = v)
            .Break("kind", Enum<DocumentKind>(), (r, v) => r.Kind = v)
            .Break("dated_on", RequiredDate, (r, v) => r.DatedOn = v)
            .Break("url", notWebLinks, (r, v) => r.Url = v)
            .Break("url", OptionalText, (r, v) => r.Url = "https://example.org/" + v)
            .Break("file.file_name", RequiredText, (r, v) => r.File = new Sec.Proposals.V1.DocumentFile { FileName = v, Content = ByteString.CopyFromUtf8("x") })
            .Break("file.content", Is("over the size limit", 1024 * 1024 + 1), (r, n) => r.File = new Sec.Proposals.V1.DocumentFile { FileName = "big.pdf", Content = ByteString.CopyFrom(new byte[n]) });
        var plan = new BadRequestsOf<PlanModificationRequest>("PlanModification",
            () => new() { Reference = Known, PlannedOn = Today, Milestones = { new Sec.Proposals.V1.PlannedMilestone { Milestone = Milestone.PreliminaryAssessment, PlannedOn = Today } } },
            (r, o) => p.PlanModificationAsync(r, o).ResponseAsync)
            .Break("reference", Reference, (r, v) => r.Reference = Ref(v))
            .Break("planned_on", RequiredDate, (r, v) => r.PlannedOn = v)
            .Break("reason", OptionalText, (r, v) => r.Reason = v)
            .Break("milestones[0].milestone", Enum<Milestone>(), (r, v) => r.Milestones[0].Milestone = v)
            .Break("milestones[0].planned_on", RequiredDate, (r, v) => r.Milestones[0].PlannedOn = v);
        var priority = new BadRequestsOf<DeterminePriorityRequest>("DeterminePriority",
            () => new() { Reference = Known, Category = "high", CriteriaNotes = "Consumer benefit.", DeterminedBy = "SEC Panel", DeterminedOn = Today },
            (r, o) => p.DeterminePriorityAsync(r, o).ResponseAsync)
            .Break("reference", Reference, (r, v) => r.Reference = Ref(v))
            .Break("category", RequiredText, (r, v) => r.Category = v)
            .Break("criteria_notes", RequiredText, (r, v) => r.CriteriaNotes = v)
            .Break("determined_by", RequiredText, (r, v) => r.DeterminedBy = v)
            .Break("determined_on", RequiredDate, (r, v) => r.DeterminedOn = v);
        var category = new BadRequestsOf<PutPriorityCategoryRequest>("PutPriorityCategory",
            () => new() { Category = new PriorityCategory { Code = "urgent", Name = "Urgent", Description = "Now.", Rank = 1 } },
            (r, o) => p.PutPriorityCategoryAsync(r, o).ResponseAsync)
            .Break("category.code", RequiredText, (r, v) => r.Category.Code = v)
            .Break("category.name", RequiredText, (r, v) => r.Category.Name = v)
            .Break("category.description", OptionalText, (r, v) => r.Category.Description = v)
            .Break("category.rank", NegativeOrHuge, (r, v) => r.Category.Rank = v);
        var content = new BadRequestsOf<GetDocumentContentRequest>("GetDocumentContent", () => new() { DocumentId = Guid.NewGuid().ToString() },
            (r, o) => p.GetDocumentContentAsync(r, o).ResponseAsync)
            .Break("document_id", Id, (r, v) => r.DocumentId = v);

        await EveryBadRequestIsRefusedAsync(webhook.Breaks, removeWebhook.Breaks, deliveries.Breaks, raise.Breaks, alternate.Breaks, import.Breaks, amend.Breaks, csc.Breaks, convert.Breaks, path.Breaks, withdraw.Breaks,
            hold.Breaks, adopt.Breaks, title.Breaks, refine.Breaks, voidStep.Breaks, group.Breaks, meeting.Breaks, outcome.Breaks, meetings.Breaks, consultation.Breaks, cancel.Breaks, response.Breaks,
            asOf.Breaks, search.Breaks, report.Breaks, cover.Breaks, view.Breaks, attach.Breaks, plan.Breaks, priority.Breaks, category.Breaks, content.Breaks);
    }

    /// <summary>URLs no webhook may have: not http(s), with credentials, not absolute, or on a host the operator has not allowed.</summary>
    private static readonly Gen<Bad<string>> WebhookUrl = Gen.Elements(
        new Bad<string>("ftp", "ftp://hooks.example.org/sec"), new Bad<string>("javascript", "javascript:alert(1)"),
        new Bad<string>("relative", "/hooks/sec"), new Bad<string>("with credentials", "https://user:secret@hooks.example.org/sec"),
        new Bad<string>("another host", "https://attacker.example.net/sec"), new Bad<string>("the suite itself", "http://localhost:5080/v1/proposals/imports"));

    private static readonly Gen<Bad<string>> EventKind = Gen.Elements(
        new Bad<string>("unknown", "ModificationExploded"), new Bad<string>("lower case", "modificationapproved"),
        new Bad<string>("empty", ""), new Bad<string>("not an event", "CostLine"));

    /// <summary>A step on a proposal, broken in the fields every step shares as well as its own.</summary>
    private static BadRequestsOf<TRequest> ProposalStep<TRequest>(string rpc, Func<TRequest, CallOptions, Task> send, Func<TRequest> valid,
        Action<TRequest, ModificationReference?> reference, Action<TRequest, int> version, Action<TRequest, Google.Type.Date?> on, Action<TRequest, string> reason)
        where TRequest : IMessage =>
        new BadRequestsOf<TRequest>(rpc, valid, send)
            .Break("reference", Reference, (r, v) => reference(r, Ref(v)))
            .Break("reference", Missing<ModificationReference>(), reference)
            .Break("expected_version", NegativeOrHuge, version)
            .Break("effective_on", RequiredDate, on)
            .Break("reason", OptionalText, reason);
}
