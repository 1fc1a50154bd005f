using Sec.Proposals.Storage;
using Sec.Proposals.V1;

namespace Sec.ServiceTests.Proposals;

/// <summary>
/// Working Group meetings (any number a day, each with its agenda and outcome, listed by group and
/// date) and the consultation moves (cancelling an expected one; responses with position and text,
/// one per respondent).
/// </summary>
public sealed class RefinementMovesTests() : SuiteTests(new DateTimeOffset(2020, 8, 14, 9, 0, 0, TimeSpan.Zero))
{
    public override async Task InitializeAsync()
    {
        await Register.ImportAsync("MP122", "Operational Metrics", D(2020, 3, 24), history: [Step(D(2020, 4, 17), "Refinement Process")]);
        await Register.ImportAsync("MP117", "CH Bulk returns", D(2020, 3, 10), history: [Step(D(2020, 4, 17), "Refinement Process")]);
        await Register.ImportAsync("SECMP0067", "Service Request Traffic Management", D(2019, 1, 14), history:
            [Step(D(2019, 2, 15), "Refinement"), Step(D(2020, 4, 17), "Modification Report")]);
        await Proposals.CreateWorkingGroupAsync(new CreateWorkingGroupRequest { Name = "Working Group", Theme = "The monthly Working Group" });
    }

    private Task<string> RowsAsync() =>
        Rows.SnapshotAsync(Suite.Get<ProposalsStore>(), "WorkingGroupMeeting", "AgendaItem", "Consultation", "ConsultationResponse", "AuditEntry");

    private Task<ScheduleWorkingGroupMeetingResponse> MeetAsync(Google.Type.Date on, MeetingKind kind, string outcome = "", params string[] agenda)
    {
        var request = new ScheduleWorkingGroupMeetingRequest { WorkingGroup = "Working Group", MeetingOn = on, Kind = kind, Outcome = outcome };
        request.Agenda.AddRange(agenda.Select(Ref));
        return Proposals.ScheduleWorkingGroupMeetingAsync(request).ResponseAsync;
    }

    [Fact]
    public async Task A_second_meeting_the_same_day_is_another_meeting_and_both_are_listed_with_their_agendas_and_outcomes()
    {
        var monthly = (await MeetAsync(D(2020, 8, 5), MeetingKind.Monthly, "", "MP117")).Meeting;
        var adHoc = (await MeetAsync(D(2020, 8, 5), MeetingKind.AdHoc, "Reviewed the DCC's draft Impact Assessment response", "MP122")).Meeting;
        var unnamed = await Assert.ThrowsAsync<RpcException>(() => Proposals.RecordWorkingGroupMeetingOutcomeAsync(new RecordWorkingGroupMeetingOutcomeRequest
        {
            WorkingGroup = "Working Group", MeetingOn = D(2020, 8, 5), Outcome = "Which meeting?",
        }).ResponseAsync);
        var recorded = (await Proposals.RecordWorkingGroupMeetingOutcomeAsync(new RecordWorkingGroupMeetingOutcomeRequest
        {
            WorkingGroup = "Working Group", MeetingOn = D(2020, 8, 5), Number = 1, Outcome = "MP117 to Refinement Consultation w/c 10 August",
        })).Meeting;
        var listed = (await Proposals.ListWorkingGroupMeetingsAsync(new ListWorkingGroupMeetingsRequest { WorkingGroup = "Working Group", From = "2020-08-05", To = "2020-08-05" })).Meetings;
        var schedule = (await Proposals.GetWorkingGroupScheduleAsync(new GetWorkingGroupScheduleRequest { AsOf = "2020-08-05" })).Groups.Single();

        Assert.Equal((1, 2), (monthly.Number, adHoc.Number));
        Assert.Equal(StatusCode.FailedPrecondition, unnamed.StatusCode);
        Assert.Contains("met 2 times on 5 August 2020 (meetings 1 and 2)", unnamed.Status.Detail);
        Assert.Equal((1, "MP117 to Refinement Consultation w/c 10 August"), (recorded.Number, recorded.Outcome));
        Assert.Equal(["1 Monthly MP117 MP117 to Refinement Consultation w/c 10 August", "2 AdHoc MP122 Reviewed the DCC's draft Impact Assessment response"],
            listed.Select(m => $"{m.Number} {m.Kind.ToString().Replace("MeetingKind", "", StringComparison.Ordinal)} {string.Join(' ', m.Agenda.Select(a => a.Value))} {m.Outcome}"));
        // The last meeting held that day is the second; MP122 stays on an agenda.
        Assert.Equal((2, "MP122"), (schedule.LastHeld.Number, schedule.LastHeld.Agenda.Single().Value));
        var inGroup = await Proposals.SearchProposalsAsync(new SearchProposalsRequest { WorkingGroup = "Working Group" });
        Assert.Equal(["MP117", "MP122"], inGroup.Proposals.Select(p => p.Reference.Value).Order());
    }

    [Fact]
    public async Task Meetings_are_listed_by_date_for_every_group_and_an_outcome_before_the_meeting_is_refused()
    {
        await Proposals.CreateWorkingGroupAsync(new CreateWorkingGroupRequest { Name = "WG5", Theme = "Governance" });
        await MeetAsync(D(2020, 7, 9), MeetingKind.AdHoc, "", "SECMP0067");
        await Proposals.ScheduleWorkingGroupMeetingAsync(new ScheduleWorkingGroupMeetingRequest { WorkingGroup = "WG5", MeetingOn = D(2020, 7, 1), Kind = MeetingKind.Monthly });
        await MeetAsync(D(2020, 9, 2), MeetingKind.Monthly, "", "MP117");
        var before = await RowsAsync();

        var future = await Assert.ThrowsAsync<RpcException>(() => Proposals.RecordWorkingGroupMeetingOutcomeAsync(new RecordWorkingGroupMeetingOutcomeRequest
        {
            WorkingGroup = "Working Group", MeetingOn = D(2020, 9, 2), Outcome = "Not held yet",
        }).ResponseAsync);
        var none = await Assert.ThrowsAsync<RpcException>(() => Proposals.RecordWorkingGroupMeetingOutcomeAsync(new RecordWorkingGroupMeetingOutcomeRequest
        {
            WorkingGroup = "Working Group", MeetingOn = D(2020, 7, 10), Outcome = "No meeting that day",
        }).ResponseAsync);
        var futureOutcome = await Assert.ThrowsAsync<RpcException>(() => MeetAsync(D(2020, 9, 2), MeetingKind.AdHoc, "Recorded before it was held"));
        var all = (await Proposals.ListWorkingGroupMeetingsAsync(new ListWorkingGroupMeetingsRequest())).Meetings;
        var july = (await Proposals.ListWorkingGroupMeetingsAsync(new ListWorkingGroupMeetingsRequest { From = "2020-07-01", To = "2020-07-31" })).Meetings;

        Assert.Equal(StatusCode.FailedPrecondition, future.StatusCode);
        Assert.Equal(StatusCode.NotFound, none.StatusCode);
        Assert.Equal(StatusCode.FailedPrecondition, futureOutcome.StatusCode);
        Assert.Equal(before, await RowsAsync());
        Assert.Equal(["2020-07-01 WG5", "2020-07-09 Working Group", "2020-09-02 Working Group"],
            all.Select(m => $"{m.MeetingOn.Year}-{m.MeetingOn.Month:00}-{m.MeetingOn.Day:00} {m.WorkingGroup}"));
        Assert.Equal(2, july.Count);
    }

    [Fact]
    public async Task A_cancelled_expected_consultation_no_longer_shows_as_late_from_its_cancellation()
    {
        await Proposals.RecordConsultationAsync(new RecordConsultationRequest { Reference = Ref("SECMP0067"), Kind = ConsultationKind.ModificationReport, ExpectedWeekCommencing = D(2020, 4, 20) });

        var cancelled = (await Proposals.CancelConsultationAsync(new CancelConsultationRequest
        {
            Reference = Ref("secmp67"), Kind = ConsultationKind.ModificationReport, CancelledOn = D(2020, 7, 9), Reason = "SECMP0067 went back to the Refinement Process",
        })).Consultation;
        var lateInMay = (await Proposals.ListConsultationsAsync(new ListConsultationsRequest { AsOf = "2020-05-01" })).Consultations.Single();
        var inAugust = (await Proposals.ListConsultationsAsync(new ListConsultationsRequest { AsOf = "2020-08-14" })).Consultations.Single();
        var again = await Assert.ThrowsAsync<RpcException>(() => Proposals.CancelConsultationAsync(new CancelConsultationRequest
        {
            Reference = Ref("SECMP0067"), Kind = ConsultationKind.ModificationReport, CancelledOn = D(2020, 7, 10), Reason = "Twice",
        }).ResponseAsync);
        var report = (await Proposals.GetChangeStatusReportAsync(new GetChangeStatusReportRequest { Month = "2020-08", PeriodEnd = "2020-07-31", AsOf = "2020-07-31" })).Report;
        var mayReport = (await Proposals.GetChangeStatusReportAsync(new GetChangeStatusReportRequest { Month = "2020-05", PeriodEnd = "2020-04-30", AsOf = "2020-05-01" })).Report;

        Assert.Equal((D(2020, 7, 9), "SECMP0067 went back to the Refinement Process"), (cancelled.CancelledOn, cancelled.CancellationReason));
        Assert.True(lateInMay.Late);
        Assert.False(inAugust.Late);
        Assert.Equal(D(2020, 7, 9), inAugust.CancelledOn);
        Assert.Equal(StatusCode.FailedPrecondition, again.StatusCode);
        Assert.DoesNotContain(report.Opine.ModificationReportConsultations, c => c.Reference.Value == "SECMP0067");
        Assert.Contains(mayReport.Opine.ModificationReportConsultations, c => c.Reference.Value == "SECMP0067" && c.Late);
    }

    [Fact]
    public async Task An_issued_consultation_or_none_cannot_be_cancelled_and_nothing_is_written()
    {
        await Proposals.RecordConsultationAsync(new RecordConsultationRequest { Reference = Ref("MP117"), Kind = ConsultationKind.Refinement, IssuedOn = D(2020, 8, 10), ClosesOn = D(2020, 8, 28) });
        var before = await RowsAsync();

        var issued = await Assert.ThrowsAsync<RpcException>(() => Proposals.CancelConsultationAsync(new CancelConsultationRequest
        {
            Reference = Ref("MP117"), Kind = ConsultationKind.Refinement, CancelledOn = D(2020, 8, 12), Reason = "Too late",
        }).ResponseAsync);
        var none = await Assert.ThrowsAsync<RpcException>(() => Proposals.CancelConsultationAsync(new CancelConsultationRequest
        {
            Reference = Ref("MP122"), Kind = ConsultationKind.Refinement, CancelledOn = D(2020, 8, 12), Reason = "Never expected",
        }).ResponseAsync);

        Assert.Equal(StatusCode.FailedPrecondition, issued.StatusCode);
        Assert.Contains("was issued on 10 August 2020", issued.Status.Detail);
        Assert.Equal(StatusCode.NotFound, none.StatusCode);
        Assert.Equal(before, await RowsAsync());
    }

    [Fact]
    public async Task Responses_carry_category_position_and_text_and_the_same_respondent_twice_is_AlreadyExists_naming_them()
    {
        await Proposals.RecordConsultationAsync(new RecordConsultationRequest { Reference = Ref("MP117"), Kind = ConsultationKind.Refinement, IssuedOn = D(2020, 8, 10), ClosesOn = D(2020, 8, 28) });
        AddConsultationResponseRequest Response(string respondent, string organisation, ResponsePosition position, string text) => new()
        {
            Reference = Ref("MP117"), Kind = ConsultationKind.Refinement, Respondent = respondent, Organisation = organisation, PartyCategory = "Large Supplier",
            ReceivedOn = D(2020, 8, 12), Position = position, Text = text,
        };

        await Proposals.AddConsultationResponseAsync(Response("Jane Doe", "British Gas", ResponsePosition.Support, "Supports the bulk returns process."));
        var after = (await Proposals.AddConsultationResponseAsync(Response("Sam Roe", "EDF Energy", ResponsePosition.Oppose, "The costs outweigh the benefit."))).Consultation;
        var before = await RowsAsync();
        var twice = await Assert.ThrowsAsync<RpcException>(() => Proposals.AddConsultationResponseAsync(Response("jane doe ", "British Gas", ResponsePosition.Neutral, "Changed my mind")).ResponseAsync);
        var noPosition = await Assert.ThrowsAsync<RpcException>(() => Proposals.AddConsultationResponseAsync(Response("Al Poe", "Octopus", ResponsePosition.Unspecified, "")).ResponseAsync);

        Assert.Equal(["Jane Doe Large Supplier Support Supports the bulk returns process.", "Sam Roe Large Supplier Oppose The costs outweigh the benefit."],
            after.Responses.Select(r => $"{r.Respondent} {r.PartyCategory} {r.Position.ToString().Replace("ResponsePosition", "", StringComparison.Ordinal)} {r.Text}"));
        Assert.Equal(StatusCode.AlreadyExists, twice.StatusCode);
        Assert.Contains("Jane Doe (British Gas) already responded", twice.Status.Detail);
        Assert.Equal((StatusCode.InvalidArgument, "position"), (noPosition.StatusCode, noPosition.ViolatedFields().Single()));
        Assert.Equal(before, await RowsAsync());
    }
}
