using Sec.Proposals.Storage;
using Sec.Proposals.V1;

namespace Sec.ServiceTests.Proposals;

public sealed class RegisterQueryTests : SuiteTests
{
    /// <summary>The queries read only the register, so the bus stays stopped.</summary>
    public override async Task InitializeAsync()
    {
        await Register.ImportAsync("SECMP0067", "Service Request Traffic Management", D(2019, 1, 14), history:
            [Step(D(2019, 2, 15), "Refinement"), Step(D(2020, 4, 17), "Modification Report")]);
        await Register.ImportAsync("MP078", "Incorporation of multiple Issue Resolution Proposals into the SEC - Part 2", D(2019, 6, 3), "Holly Burton", "SECAS",
            history: [Step(D(2019, 7, 19), "Refinement Process")]);
        await Register.ImportAsync("MP083", "Outage detection", D(2019, 7, 1), "Alistair Cobb", "Landis & Gyr",
            history: [Step(D(2019, 8, 16), "Refinement Process"), Step(D(2019, 10, 1), "On hold"), Step(D(2020, 4, 1), "Resumed")]);
        await Register.ImportAsync("DP121", "Commissioning non-commissioned Devices after CoS", D(2020, 3, 24), "Paul Saker", "EDF Energy");
        await Register.ImportAsync("SECMP0020", "Removing confidential classification of unique IDs in Schedule 5", D(2016, 6, 1), history:
            [Step(D(2016, 7, 1), "Initial Modification Report"), Step(D(2016, 8, 1), "Refinement"), Step(D(2016, 10, 1), "Change Board"),
             Step(D(2016, 11, 23), "Pending Implementation"), Step(D(2016, 12, 14), "Implemented")]);
    }

    [Theory]
    [InlineData("MP078")]
    [InlineData("MP78")]
    [InlineData("mp078")]
    [InlineData("SECMP67")]
    [InlineData("SECMP0067")]
    [InlineData("secmp 0067")]
    public async Task Every_lookup_accepts_any_form_of_a_reference(string typed)
    {
        var found = await Register.GetAsync(typed);
        Assert.Contains(found.Reference.Value, new[] { "MP078", "SECMP0067" });
    }

    [Fact]
    public async Task Importing_the_same_reference_twice_is_AlreadyExists_but_the_same_key_returns_the_original()
    {
        var again = await Register.ImportAsync("SECMP0067", "A different title", D(2019, 1, 14));
        Assert.Equal("Service Request Traffic Management", again.Title);

        var store = Suite.Get<ProposalsStore>();
        var before = await Rows.SnapshotAsync(store, "Proposal", "ProposalHistory", "ImportRecord", "OutboxMessage");
        var ex = await Assert.ThrowsAsync<RpcException>(() => Proposals.ImportModificationAsync(new ImportModificationRequest
        {
            IdempotencyKey = "another-key",
            Reference = Ref("SECMP0067"),
            Title = "Service Request Traffic Management",
            ProblemStatement = "x",
            Proposer = new Proposer { Name = "a", Organisation = "b" },
            RaisedOn = D(2019, 1, 14),
        }).ResponseAsync);
        Assert.Equal(StatusCode.AlreadyExists, ex.StatusCode);
        Assert.Equal(before, await Rows.SnapshotAsync(store, "Proposal", "ProposalHistory", "ImportRecord", "OutboxMessage"));
    }

    [Fact]
    public async Task History_imported_with_the_2016_stage_names_reports_in_todays_phases()
    {
        async Task<(Phase, string)> On(string date)
        {
            var r = await Proposals.GetProposalAsOfAsync(new GetProposalAsOfRequest { Reference = Ref("SECMP20"), AsOf = date });
            return (r.Phase, r.Status);
        }
        Assert.Equal((Phase.Define, "Draft Proposal raised"), await On("2016-07-15"));
        Assert.Equal((Phase.Refine, "Refinement Process"), await On("2016-09-01"));
        Assert.Equal((Phase.Opine, "Awaiting Change Board decision"), await On("2016-11-01"));
        Assert.Equal((Phase.Release, "Approved, awaiting implementation"), await On("2016-12-01"));
        Assert.Equal((Phase.Implemented, "Implemented"), await On("2016-12-14"));
    }

    [Fact]
    public async Task Time_on_hold_shows_in_the_history()
    {
        var mp083 = await Register.GetAsync("MP083");
        Assert.Contains(mp083.History, h => h.Status.StartsWith("On hold", StringComparison.Ordinal) && h.EffectiveOn.Equals(D(2019, 10, 1)));
        // 1 October 2019 to 31 March 2020: 131 weekdays, less Christmas, Boxing Day and New Year's Day.
        Assert.Equal(128, mp083.WorkingDaysOnHold);
    }

    [Fact]
    public async Task Phase_counts_come_from_history_on_any_date()
    {
        var counts = (await Proposals.GetPhaseCountsAsync(new GetPhaseCountsRequest { AsOf = "2020-04-08" })).Counts.ToDictionary(c => c.Phase, c => c.Count);
        Assert.Equal(1, counts[Phase.Define]);
        Assert.Equal(3, counts[Phase.Refine]);
        Assert.Equal(0, counts[Phase.Opine]);
        Assert.Equal(1, counts[Phase.Implemented]);

        var later = (await Proposals.GetPhaseCountsAsync(new GetPhaseCountsRequest { AsOf = "2020-04-17" })).Counts.ToDictionary(c => c.Phase, c => c.Count);
        Assert.Equal(1, later[Phase.Opine]);
        Assert.Equal(2, later[Phase.Refine]);
    }

    [Fact]
    public async Task Filters_combine_and_results_page_and_stream()
    {
        var refine = await Proposals.SearchProposalsAsync(new SearchProposalsRequest { Phases = { Phase.Refine }, Page = new() { PageSize = 1 } });
        var second = await Proposals.SearchProposalsAsync(new SearchProposalsRequest { Phases = { Phase.Refine }, Page = new() { PageSize = 1, PageToken = refine.Page.NextPageToken } });
        var byText = await Proposals.SearchProposalsAsync(new SearchProposalsRequest { Text = "issue resolution", ProposerOrganisation = "SECAS" });
        var byDate = await Proposals.SearchProposalsAsync(new SearchProposalsRequest { Raised = new() { From = D(2019, 6, 1), To = D(2019, 12, 31) } });
        var none = await Proposals.SearchProposalsAsync(new SearchProposalsRequest { Text = "issue resolution", ProposerOrganisation = "EDF Energy" });
        var streamed = new List<string>();
        using (var call = Proposals.StreamProposals(new SearchProposalsRequest()))
            await foreach (var line in call.ResponseStream.ReadAllAsync())
                streamed.Add(line.Reference.Value);

        Assert.Equal(2, refine.Page.TotalSize);
        Assert.Equal("MP078", refine.Proposals.Single().Reference.Value);
        Assert.Equal("MP083", second.Proposals.Single().Reference.Value);
        Assert.Equal("", second.Page.NextPageToken);
        Assert.Equal(["MP078"], byText.Proposals.Select(p => p.Reference.Value));
        Assert.Equal(["MP078", "MP083"], byDate.Proposals.Select(p => p.Reference.Value));
        Assert.Empty(none.Proposals);
        Assert.Equal(["SECMP0020", "SECMP0067", "MP078", "MP083", "DP121"], streamed);
    }

    [Fact]
    public async Task Working_Group_schedule_shows_the_last_meeting_held_the_next_and_its_agenda_date()
    {
        var c = Proposals;
        await c.CreateWorkingGroupAsync(new CreateWorkingGroupRequest { Name = "Monthly Working Group", Theme = "All modifications in refinement" });
        await c.ScheduleWorkingGroupMeetingAsync(new ScheduleWorkingGroupMeetingRequest
        {
            WorkingGroup = "Monthly Working Group", MeetingOn = D(2020, 4, 1), Kind = MeetingKind.Monthly, Agenda = { Ref("MP78"), Ref("MP083") },
        });
        await c.ScheduleWorkingGroupMeetingAsync(new ScheduleWorkingGroupMeetingRequest
        {
            WorkingGroup = "Monthly Working Group", MeetingOn = D(2020, 5, 6), Kind = MeetingKind.Monthly, Agenda = { Ref("MP078") }, AgendaConfirmedOn = D(2020, 4, 29),
        });

        var schedule = (await c.GetWorkingGroupScheduleAsync(new GetWorkingGroupScheduleRequest { AsOf = "2020-04-08" })).Groups.Single();
        var inGroup = await c.SearchProposalsAsync(new SearchProposalsRequest { WorkingGroup = "Monthly Working Group" });
        var unknown = await Assert.ThrowsAsync<RpcException>(() => c.ScheduleWorkingGroupMeetingAsync(new ScheduleWorkingGroupMeetingRequest
        {
            WorkingGroup = "Monthly Working Group", MeetingOn = D(2020, 6, 3), Kind = MeetingKind.Monthly, Agenda = { Ref("MP999") },
        }).ResponseAsync);

        Assert.Equal(D(2020, 4, 1), schedule.LastHeld.MeetingOn);
        Assert.Equal(["MP078", "MP083"], schedule.LastHeld.Agenda.Select(r => r.Value));
        Assert.Equal(D(2020, 5, 6), schedule.Next.MeetingOn);
        Assert.Equal(D(2020, 4, 29), schedule.Next.AgendaConfirmedOn);
        Assert.Equal(["MP078", "MP083"], inGroup.Proposals.Select(p => p.Reference.Value));
        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task An_expected_consultation_not_issued_by_the_end_of_its_week_shows_as_late()
    {
        var c = Proposals;
        await c.RecordConsultationAsync(new RecordConsultationRequest { Reference = Ref("SECMP0067"), Kind = ConsultationKind.ModificationReport, ExpectedWeekCommencing = D(2020, 4, 20) });

        var onTime = (await c.ListConsultationsAsync(new ListConsultationsRequest { AsOf = "2020-04-22" })).Consultations.Single();
        var late = (await c.ListConsultationsAsync(new ListConsultationsRequest { AsOf = "2020-04-28" })).Consultations.Single();
        await c.RecordConsultationAsync(new RecordConsultationRequest { Reference = Ref("SECMP0067"), Kind = ConsultationKind.ModificationReport, IssuedOn = D(2020, 4, 27), ClosesOn = D(2020, 5, 15) });
        var withResponse = (await c.AddConsultationResponseAsync(new AddConsultationResponseRequest
        {
            Reference = Ref("SECMP0067"), Kind = ConsultationKind.ModificationReport, Respondent = "Jane Doe", Organisation = "British Gas", PartyCategory = "Large Supplier", ReceivedOn = D(2020, 5, 1), Position = ResponsePosition.Support,
        })).Consultation;
        var openOn1May = (await c.ListConsultationsAsync(new ListConsultationsRequest { AsOf = "2020-05-01" })).Consultations.Single();
        var wrongPhase = await Assert.ThrowsAsync<RpcException>(() => c.RecordConsultationAsync(new RecordConsultationRequest
        {
            Reference = Ref("DP121"), Kind = ConsultationKind.Refinement, ExpectedWeekCommencing = D(2020, 4, 27),
        }).ResponseAsync);
        var notMonday = await Assert.ThrowsAsync<RpcException>(() => c.RecordConsultationAsync(new RecordConsultationRequest
        {
            Reference = Ref("MP078"), Kind = ConsultationKind.Refinement, ExpectedWeekCommencing = D(2020, 4, 22),
        }).ResponseAsync);

        Assert.False(onTime.Late);
        Assert.True(late.Late);
        Assert.True(openOn1May.Open);
        Assert.False(withResponse.Open); // closed by today
        Assert.Equal("Large Supplier", withResponse.Responses.Single().PartyCategory);
        Assert.Equal(StatusCode.FailedPrecondition, wrongPhase.StatusCode);
        Assert.Contains("expected_week_commencing", notMonday.ViolatedFields());
    }
}
