using Sec.BuildingBlocks.Timers;
using Sec.Contracts;
using Sec.Identity;
using Phase = Sec.Proposals.V1.Phase;
using Sec.Proposals.Storage;
using Sec.Proposals.V1;

namespace Sec.ServiceTests.Proposals;

/// <summary>Correcting the record: voiding or replacing a mistaken step, amending a title, and a modification sent back to Refinement.</summary>
public sealed class CorrectionTests : SuiteTests
{
    private Task<string> SnapshotAsync() =>
        Rows.SnapshotAsync(Suite.Get<ProposalsStore>(), "Proposal", "ProposalHistory", "VoidedHistory", "OutboxMessage", "DurableTimer", "AuditEntry");

    /// <summary>MPnnn raised, converted into Refinement on 17 April 2020 and progressed to the Report Phase on 4 June 2020.</summary>
    private async Task InReportPhaseAsync(string draft)
    {
        await Register.ImportAsync(draft, "CH Alert Storm Consolidation", D(2020, 3, 10));
        await Register.CscReadyAsync(draft, D(2020, 3, 26));
        await Register.ConvertAsync(draft, D(2020, 4, 17));
        await Proposals.ProgressToReportPhaseAsync(new ProgressToReportPhaseRequest { Reference = Ref(draft), EffectiveOn = D(2020, 6, 4) });
    }

    private Task<VoidStepResponse> VoidAsync(string reference, Google.Type.Date on, string step, string reason = "Keyed against the wrong modification",
        StepReplacement? replaceWith = null) =>
        Proposals.VoidStepAsync(new VoidStepRequest { Reference = Ref(reference), StepEffectiveOn = on, Step = step, Reason = reason, ReplaceWith = replaceWith }).ResponseAsync;

    [Fact]
    public async Task A_mis_keyed_last_step_is_voided_kept_marked_and_every_context_hears_the_corrected_history()
    {
        await InReportPhaseAsync("DP119");

        var corrected = (await VoidAsync("MP119", D(2020, 6, 4), "progressed to the report phase")).Proposal;

        Assert.Equal(Phase.Refine, corrected.Phase);
        Assert.Equal("Refinement Process", corrected.Status);
        var voided = Assert.Single(corrected.History, h => h.Voided is not null);
        Assert.Equal("Progressed to the Report Phase", voided.Step);
        Assert.Equal("Keyed against the wrong modification", voided.Voided.Reason);
        Assert.Equal("Holly Burton", voided.Voided.VoidedBy.Name);
        var asOf = await Proposals.GetProposalAsOfAsync(new GetProposalAsOfRequest { Reference = Ref("MP119"), AsOf = "2020-07-01" });
        Assert.Equal(Phase.Refine, asOf.Phase);
        await Eventually.PublishedAsync<ProposalStatusChanged>(Suite.Harness, m => m.Context.Message.Reference == "MP119"
            && m.Context.Message.Status == "Refinement Process" && m.Context.Message.Version == corrected.Version
            && m.Context.Message.History!.Any(s => s.Step == "Progressed to the Report Phase" && s.Voided));
        var audit = await Rows.CountAsync(Suite.Get<ProposalsStore>(), "AuditEntry WHERE Operation = 'VoidStep' AND EffectiveOn = '2020-06-04'");
        Assert.Equal(1, audit);
    }

    [Fact]
    public async Task A_mis_dated_last_step_is_replaced_by_the_same_step_on_the_corrected_date()
    {
        await InReportPhaseAsync("DP120");

        var corrected = (await VoidAsync("MP120", D(2020, 6, 4), "Progressed to the Report Phase", "Keyed as June; the Panel met on 21 May",
            new StepReplacement { EffectiveOn = D(2020, 5, 21), Reason = "Panel progressed it on 21 May 2020" })).Proposal;

        Assert.Equal("Report Phase", corrected.Status);
        var standing = corrected.History.Where(h => h.Voided is null).ToList();
        Assert.Equal("Progressed to the Report Phase", standing[^1].Step);
        Assert.Equal(D(2020, 5, 21), standing[^1].EffectiveOn);
        Assert.Equal(D(2020, 6, 4), Assert.Single(corrected.History, h => h.Voided is not null).EffectiveOn);
        var asOf = await Proposals.GetProposalAsOfAsync(new GetProposalAsOfRequest { Reference = Ref("MP120"), AsOf = "2020-05-25" });
        Assert.Equal("Report Phase", asOf.Status);
    }

    [Fact]
    public async Task Voiding_a_step_later_steps_depend_on_is_refused_naming_them_and_writes_nothing()
    {
        await InReportPhaseAsync("DP121");
        var before = await SnapshotAsync();

        var ex = await Assert.ThrowsAsync<RpcException>(() => VoidAsync("MP121", D(2020, 3, 26), "Change Sub-Committee: ready for conversion"));

        Assert.Equal(StatusCode.FailedPrecondition, ex.StatusCode);
        Assert.Contains("\"Converted to MP121\" on 17 April 2020", ex.Status.Detail);
        Assert.Contains("\"Progressed to the Report Phase\" on 4 June 2020", ex.Status.Detail);
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task A_step_that_does_not_exist_the_raising_and_a_missing_reason_are_refused_and_write_nothing()
    {
        await InReportPhaseAsync("DP122");
        var before = await SnapshotAsync();

        var missing = await Assert.ThrowsAsync<RpcException>(() => VoidAsync("MP122", D(2020, 6, 5), "Progressed to the Report Phase"));
        var raising = await Assert.ThrowsAsync<RpcException>(() => VoidAsync("DP123", D(2020, 3, 10), "Raised"));
        await Register.ImportAsync("DP123", "Second title", D(2020, 3, 10));
        var snapshotWithDp123 = await SnapshotAsync();
        var raised = await Assert.ThrowsAsync<RpcException>(() => VoidAsync("DP123", D(2020, 3, 10), "Raised"));
        var noReason = await Assert.ThrowsAsync<RpcException>(() => VoidAsync("MP122", D(2020, 6, 4), "Progressed to the Report Phase", reason: " "));

        Assert.Equal(StatusCode.NotFound, missing.StatusCode);
        Assert.Contains("latest standing step is \"Progressed to the Report Phase\" on 4 June 2020", missing.Status.Detail);
        Assert.Equal(StatusCode.NotFound, raising.StatusCode);
        Assert.Equal(StatusCode.FailedPrecondition, raised.StatusCode);
        Assert.Contains("raising cannot be voided", raised.Status.Detail);
        Assert.Equal(StatusCode.InvalidArgument, noReason.StatusCode);
        Assert.Contains("reason", noReason.Status.Detail);
        Assert.Equal(snapshotWithDp123, await SnapshotAsync());
        Assert.NotEqual(before, snapshotWithDp123);
    }

    [Fact]
    public async Task A_step_voided_once_cannot_be_voided_again_and_a_conversion_cannot_be_voided()
    {
        await InReportPhaseAsync("DP124");
        await VoidAsync("MP124", D(2020, 6, 4), "Progressed to the Report Phase");

        var again = await Assert.ThrowsAsync<RpcException>(() => VoidAsync("MP124", D(2020, 6, 4), "Progressed to the Report Phase"));
        var conversion = await Assert.ThrowsAsync<RpcException>(() => VoidAsync("MP124", D(2020, 4, 17), "Converted to MP124"));

        Assert.Equal(StatusCode.FailedPrecondition, again.StatusCode);
        Assert.Contains("already voided", again.Status.Detail);
        Assert.Equal(StatusCode.FailedPrecondition, conversion.StatusCode);
        Assert.Contains("changed the reference from DP124 to MP124", conversion.Status.Detail);
    }

    [Fact]
    public async Task A_voided_withdrawal_request_cancels_its_period_so_the_modification_stays_open()
    {
        // Today is the withdrawal's day, so its period is still running when it is voided.
        Suite.Clock.UtcNow = new DateTimeOffset(2020, 7, 22, 9, 0, 0, TimeSpan.Zero);
        await Register.ImportAsync("DP096", "DNO Power Outage Alerts", D(2020, 1, 6));
        await Register.WithdrawAsync("DP096", D(2020, 7, 22));

        var corrected = (await VoidAsync("DP096", D(2020, 7, 22), "Withdrawal requested", "Recorded against DP096 instead of DP097")).Proposal;

        Assert.Equal("Draft Proposal raised", corrected.Status);
        Assert.Null(corrected.WithdrawalEndsOn);
        Assert.Equal(0, await Rows.CountAsync(Suite.Get<ProposalsStore>(), "DurableTimer WHERE FiredAt IS NULL AND CancelledAt IS NULL"));
        Suite.Clock.UtcNow = new DateTimeOffset(2020, 9, 1, 9, 0, 0, TimeSpan.Zero);
        Assert.Equal(0, await Suite.Get<TimerPoller<ProposalsStore>>().FireDueAsync(CancellationToken.None));
        Assert.Equal(Phase.Define, (await Register.GetAsync("DP096")).Phase);
    }

    [Fact]
    public async Task An_amended_title_is_a_step_in_the_history_the_stage_stays_and_the_other_contexts_hear_it()
    {
        await Register.ImportAsync("DP123", "Enduring Change of Supplier", D(2020, 3, 10));
        var before = await Register.GetAsync("DP123");

        var amended = (await Proposals.AmendTitleAsync(new AmendTitleRequest
        {
            Reference = Ref("DP123"), EffectiveOn = D(2020, 4, 1), Title = "Enduring Change of Supplier for SMETS1 Devices", Reason = "Proposer's clarification",
        })).Proposal;

        Assert.Equal("Enduring Change of Supplier for SMETS1 Devices", amended.Title);
        Assert.Equal(before.Status, amended.Status);
        Assert.Equal("Title amended: Enduring Change of Supplier → Enduring Change of Supplier for SMETS1 Devices", amended.History[^1].Step);
        await Eventually.PublishedAsync<ProposalStatusChanged>(Suite.Harness, m => m.Context.Message.Reference == "DP123"
            && m.Context.Message.Title == "Enduring Change of Supplier for SMETS1 Devices");
        var releases = new Sec.Releases.V1.ReleasesService.ReleasesServiceClient(Suite.Channel());
        await Eventually.UntilAsync(async () => (await releases.GetKnownModificationAsync(new Sec.Releases.V1.GetKnownModificationRequest { Reference = Ref("DP123") })).Modification.Title
            == "Enduring Change of Supplier for SMETS1 Devices", "Releases to hear the new title");

        var same = await Assert.ThrowsAsync<RpcException>(() => Proposals.AmendTitleAsync(new AmendTitleRequest
        {
            Reference = Ref("DP123"), EffectiveOn = D(2020, 4, 2), Title = "Enduring Change of Supplier for SMETS1 Devices",
        }).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, same.StatusCode);
        Assert.Contains("title", same.Status.Detail);
    }

    [Fact]
    public async Task An_imported_title_step_amends_the_title_on_its_date_and_the_title_as_of_a_date_follows_every_title_step()
    {
        var retitled = new ImportedStep { EffectiveOn = D(2020, 4, 3), Title = "IVP realignment of SMETS2 v2.0 and v3.1", Reason = "Title amended (date assumed)" };
        var imported = await Register.ImportAsync("DP123", "IVP and MVP realignment of SMETS2 v2.0", D(2020, 3, 27), "Alistair Cobb", "Landis & Gyr",
            history: [Step(D(2020, 3, 31), "Ready for conversion"), retitled]);

        Assert.Equal("IVP realignment of SMETS2 v2.0 and v3.1", imported.Title);
        Assert.Equal("Title amended: IVP and MVP realignment of SMETS2 v2.0 → IVP realignment of SMETS2 v2.0 and v3.1", imported.History[^1].Step);
        Assert.Equal(imported.History[^2].Status, imported.History[^1].Status);
        Assert.Equal("Ready for conversion", imported.Status);
        await Proposals.AmendTitleAsync(new AmendTitleRequest { Reference = Ref("DP123"), EffectiveOn = D(2020, 5, 1), Title = "IVP realignment", Reason = "Shortened" });

        async Task<string> TitleOn(Google.Type.Date on) =>
            (await Proposals.GetProposalAsOfAsync(new GetProposalAsOfRequest { Reference = Ref("DP123"), AsOf = $"{on.Year:0000}-{on.Month:00}-{on.Day:00}" })).Title;
        Assert.Equal("IVP and MVP realignment of SMETS2 v2.0", await TitleOn(D(2020, 3, 27)));
        Assert.Equal("IVP and MVP realignment of SMETS2 v2.0", await TitleOn(D(2020, 4, 2)));
        Assert.Equal("IVP realignment of SMETS2 v2.0 and v3.1", await TitleOn(D(2020, 4, 3)));
        Assert.Equal("IVP realignment of SMETS2 v2.0 and v3.1", await TitleOn(D(2020, 4, 30)));
        Assert.Equal("IVP realignment", await TitleOn(D(2020, 5, 1)));
    }

    [Theory]
    [InlineData("Two\nlines", "", "history[0].title")]
    [InlineData(" ", "", "history[0].title")]
    [InlineData("A new title", "Refinement Process", "history[0].stage")]
    public async Task An_imported_title_step_with_a_bad_title_or_a_stage_is_refused_naming_the_field_and_writes_nothing(string title, string stage, string field)
    {
        var before = await SnapshotAsync();
        var request = Register.ImportRequest("DP123", "IVP and MVP realignment of SMETS2 v2.0", D(2020, 3, 27));
        request.History.Add(new ImportedStep { EffectiveOn = D(2020, 4, 3), Title = title, Stage = stage, Reason = "Retitled" });

        var refused = await Assert.ThrowsAsync<RpcException>(() => Proposals.ImportModificationAsync(request).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        Assert.Contains(field, refused.Status.Detail);
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task The_panel_returns_a_modification_from_the_report_phase_to_refinement_but_not_from_refinement()
    {
        await InReportPhaseAsync("DP067");
        var panel = new ProposalsService.ProposalsServiceClient(Suite.Channel("Chair", "SEC Panel", [SecRoles.Panel]));

        var returned = (await panel.ReturnToRefinementAsync(new ReturnToRefinementRequest { Reference = Ref("MP067"), EffectiveOn = D(2020, 7, 8), Reason = "More work on the solution" })).Proposal;

        Assert.Equal(Phase.Refine, returned.Phase);
        Assert.Equal("Returned to Refinement", returned.History[^1].Step);
        var before = await SnapshotAsync();
        var again = await Assert.ThrowsAsync<RpcException>(() => panel.ReturnToRefinementAsync(new ReturnToRefinementRequest { Reference = Ref("MP067"), EffectiveOn = D(2020, 7, 9) }).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, again.StatusCode);
        Assert.Contains("return to Refinement is not allowed", again.Status.Detail);
        Assert.Equal(before, await SnapshotAsync());
    }
}
