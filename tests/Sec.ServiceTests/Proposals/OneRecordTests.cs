using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Sec.Common.V1;
using Sec.Contracts;
using Sec.Proposals.V1;
using DecisionPath = Sec.Proposals.V1.DecisionPath;
using Phase = Sec.Proposals.V1.Phase;

namespace Sec.ServiceTests.Proposals;

/// <summary>
/// The register's side of one consistent record: an event it cannot apply is kept as a discrepancy
/// (listed, retried, resolved, and shown in readiness), never only logged; a window judged by its
/// business date lets a late adoption undo a withdrawal; a reopened Change Board decision leaves
/// the register's history, kept and marked.
/// </summary>
public sealed class OneRecordTests() : SuiteTests(Today)
{
    private static readonly DateTimeOffset Today = new(2020, 7, 22, 9, 0, 0, TimeSpan.Zero);

    private ProposalsService.ProposalsServiceClient Operator =>
        new(Suite.Channel("Ops Person", "SECAS", [Sec.Identity.SecRoles.Operator]));

    [Fact]
    public async Task A_decision_the_register_contradicts_is_kept_as_a_discrepancy_shown_in_readiness_and_applied_on_retry_once_the_register_agrees()
    {
        await Register.ImportAsync("MP140", "A modification still in refinement", D(2020, 3, 2), path: DecisionPath.SelfGovernance,
            history: [Register.Step(D(2020, 4, 9), "Refinement Process")]);
        await Suite.SettledAsync();

        await Suite.Harness.Bus.Publish(new ModificationApproved(Guid.NewGuid(), "MP140", D2(2020, 7, 8), "Change Board"));
        var discrepancy = await OnlyOpenDiscrepancyAsync();
        Assert.Equal("proposals", discrepancy.Context);
        Assert.Equal("ModificationApproved", discrepancy.Event);
        Assert.Equal("MP140", discrepancy.Reference.Value);
        Assert.Equal(1, discrepancy.Attempts);
        Assert.Contains("MP140 is Refinement Process (Refine)", discrepancy.Reason);
        Assert.Equal("Refinement Process", (await Register.GetAsync("MP140")).Status);
        var ready = await Suite.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(c => c.Tags.Contains("ready"));
        Assert.Equal(HealthStatus.Degraded, ready.Status);
        Assert.Contains("1 open discrepancy", ready.Entries["discrepancies-proposals"].Description);

        // Retried while the register still says Refinement: still open, one attempt more, nothing applied.
        var again = await Operator.RetryDiscrepancyAsync(new RetryDiscrepancyRequest { Id = discrepancy.Id });
        Assert.False(again.Applied);
        Assert.Equal(2, again.Discrepancy.Attempts);
        Assert.Null(again.Discrepancy.ResolvedAt);

        // SECAS puts the register right, then the retry applies the Change Board's decision.
        await Proposals.ProgressToReportPhaseAsync(new ProgressToReportPhaseRequest { Reference = Register.Ref("MP140"), EffectiveOn = D(2020, 6, 1), Reason = "Solution agreed" });
        await Proposals.IssueModificationReportAsync(new IssueModificationReportRequest { Reference = Register.Ref("MP140"), EffectiveOn = D(2020, 6, 10), Reason = "Consultation" });
        await Proposals.SubmitForDecisionAsync(new SubmitForDecisionRequest { Reference = Register.Ref("MP140"), EffectiveOn = D(2020, 7, 1), Reason = "FMR" });
        var applied = await Operator.RetryDiscrepancyAsync(new RetryDiscrepancyRequest { Id = discrepancy.Id });

        Assert.True(applied.Applied);
        Assert.Equal(3, applied.Discrepancy.Attempts);
        Assert.NotNull(applied.Discrepancy.ResolvedAt);
        Assert.Equal("Applied on retry", applied.Discrepancy.Resolution);
        Assert.Equal("Approved, awaiting implementation", (await Register.GetAsync("MP140")).Status);
        Assert.Equal(0, (await Operator.ListDiscrepanciesAsync(new ListDiscrepanciesRequest())).OpenCount);
        Assert.Single((await Operator.ListDiscrepanciesAsync(new ListDiscrepanciesRequest { IncludeResolved = true })).Discrepancies);
        ready = await Suite.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(c => c.Tags.Contains("ready"));
        Assert.Equal(HealthStatus.Healthy, ready.Status);
    }

    [Fact]
    public async Task SECAS_resolves_a_discrepancy_with_a_reason_and_a_resolved_one_cannot_be_retried()
    {
        await Register.ImportAsync("MP141", "Never submitted for decision", D(2020, 3, 2), path: DecisionPath.SelfGovernance,
            history: [Register.Step(D(2020, 4, 9), "Refinement Process")]);
        await Suite.SettledAsync();
        await Suite.Harness.Bus.Publish(new ModificationRejected(Guid.NewGuid(), "MP141", D2(2020, 7, 8), "Change Board"));
        var id = (await OnlyOpenDiscrepancyAsync()).Id;

        var operatorResolving = await Assert.ThrowsAsync<RpcException>(() => Operator.ResolveDiscrepancyAsync(new ResolveDiscrepancyRequest { Id = id, Reason = "No" }).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, operatorResolving.StatusCode);
        var noReason = await Assert.ThrowsAsync<RpcException>(() => Proposals.ResolveDiscrepancyAsync(new ResolveDiscrepancyRequest { Id = id, Reason = " " }).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, noReason.StatusCode);
        Assert.Contains("reason", noReason.Status.Detail);

        var resolved = (await Proposals.ResolveDiscrepancyAsync(new ResolveDiscrepancyRequest { Id = id, Reason = "The vote was recorded against the wrong modification" })).Discrepancy;

        Assert.Equal("The vote was recorded against the wrong modification", resolved.Resolution);
        Assert.Equal("Holly Burton (SECAS)", resolved.ResolvedBy);
        var retried = await Assert.ThrowsAsync<RpcException>(() => Operator.RetryDiscrepancyAsync(new RetryDiscrepancyRequest { Id = id }).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, retried.StatusCode);
        Assert.Contains("was resolved", retried.Status.Detail);
        var missing = await Assert.ThrowsAsync<RpcException>(() => Operator.RetryDiscrepancyAsync(new RetryDiscrepancyRequest { Id = 999 }).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, missing.StatusCode);
        Assert.Equal("Refinement Process", (await Register.GetAsync("MP141")).Status);
    }

    [Fact]
    public async Task An_adoption_inside_the_withdrawal_period_recorded_after_its_timer_withdrew_the_modification_undoes_the_withdrawal()
    {
        await Register.ImportAsync("DP108", "SSI Job Type Role for SRO/ARO", D(2020, 1, 6));
        await Register.WithdrawAsync("DP108", D(2020, 7, 1));
        await Eventually.UntilAsync(async () => (await Register.GetAsync("DP108")).Phase == Phase.Withdrawn, "the withdrawal period to end");

        var adopted = await Register.AdoptAsync("DP108", D(2020, 7, 10), "Paul Saker", "EDF Energy");

        Assert.Equal("Draft Proposal raised", adopted.Status);
        Assert.Equal("Paul Saker", adopted.Proposer.Name);
        var voided = Assert.Single(adopted.History, h => h.Voided is not null);
        Assert.Equal("Withdrawn", voided.Step, ignoreCase: false);
        Assert.Contains("Adopted by Paul Saker (EDF Energy) on 10 July 2020, inside the withdrawal period", voided.Voided.Reason);
        // History reads in business-date order: the adoption on 10 July, then the voided withdrawal of 15 July, marked.
        Assert.Equal(["Withdrawal requested", "Adopted", "Withdrawn"], adopted.History.TakeLast(3).Select(h => h.Step));
        Assert.Equal("Adopted", adopted.History.Last(h => h.Voided is null).Step);
        await Eventually.PublishedAsync<ModificationWithdrawalReversed>(Suite.Harness,
            m => m.Context.Message.Reference == "DP108" && m.Context.Message.WithdrawnOn == new DateOnly(2020, 7, 15));
        // As of the day after the period, the register now shows it open: the voided step no longer counts.
        var asOf = (await Proposals.GetProposalAsOfAsync(new GetProposalAsOfRequest { Reference = Register.Ref("DP108"), AsOf = "2020-07-16" })).Entry;
        Assert.NotEqual(Phase.Withdrawn, asOf.Phase);
    }

    [Fact]
    public async Task A_Change_Board_decision_reopened_by_a_late_referral_leaves_the_register_history_marked_and_the_modification_awaits_decision_again()
    {
        await Register.ImportAsync("SECMP0015", "GPF timestamp for reading instantaneous Gas values", D(2016, 7, 18), path: DecisionPath.SelfGovernance,
            history: [Register.Step(D(2016, 8, 12), "Refinement Process"), Register.Step(D(2020, 7, 15), "Change Board")]);
        await Suite.Harness.Bus.Publish(new ModificationRejected(Guid.NewGuid(), "SECMP0015", D2(2020, 8, 6), "Change Board"));
        await Eventually.UntilAsync(async () => (await Register.GetAsync("SECMP0015")).Phase == Phase.Rejected, "the rejection to reach the register");

        await Suite.Harness.Bus.Publish(new ModificationDecisionReopened(Guid.NewGuid(), "SECMP0015", D2(2020, 8, 5), DecisionOutcome.Rejected,
            "Referred to the Panel by Utilita on 5 August 2020, inside the referral window"));
        await Eventually.UntilAsync(async () => (await Register.GetAsync("SECMP0015")).Phase == Phase.Opine, "the register to take the decision back");

        var reopened = await Register.GetAsync("SECMP0015");
        Assert.Equal("Awaiting Change Board decision", reopened.Status);
        var voided = Assert.Single(reopened.History, h => h.Voided is not null);
        Assert.Equal("Rejected by the Change Board", voided.Step);
        Assert.Equal("Referred to the Panel by Utilita on 5 August 2020, inside the referral window", voided.Voided.Reason);
        Assert.Equal(0, (await Operator.ListDiscrepanciesAsync(new ListDiscrepanciesRequest())).OpenCount);
    }

    [Fact]
    public async Task Reopening_a_decision_that_later_steps_build_on_is_a_discrepancy_naming_the_register_state()
    {
        await Register.ImportAsync("MP080", "Implemented already", D(2019, 5, 1), path: DecisionPath.SelfGovernance,
            history: [Register.Step(D(2019, 6, 1), "Refinement Process"), Register.Step(D(2020, 2, 1), "Change Board"), Register.Step(D(2020, 3, 1), "Approved, awaiting implementation"), Register.Step(D(2020, 6, 25), "Implemented")]);
        await Suite.SettledAsync();

        await Suite.Harness.Bus.Publish(new ModificationDecisionReopened(Guid.NewGuid(), "MP080", D2(2020, 3, 5), DecisionOutcome.Approved, "Referred late"));

        var discrepancy = await OnlyOpenDiscrepancyAsync();
        Assert.Equal("ModificationDecisionReopened", discrepancy.Event);
        Assert.Contains("MP080 is Implemented (Implemented)", discrepancy.Reason);
        Assert.Equal("Implemented", (await Register.GetAsync("MP080")).Status);
    }

    /// <summary>The one open discrepancy, once the consumer has met it.</summary>
    private async Task<Sec.Common.V1.Discrepancy> OnlyOpenDiscrepancyAsync()
    {
        await Eventually.UntilAsync(async () => (await Operator.ListDiscrepanciesAsync(new ListDiscrepanciesRequest())).OpenCount > 0, "the consumer to keep a discrepancy");
        return Assert.Single((await Operator.ListDiscrepanciesAsync(new ListDiscrepanciesRequest())).Discrepancies);
    }

    private static Google.Type.Date D(int y, int m, int d) => Register.D(y, m, d);

    private static DateOnly D2(int y, int m, int d) => new(y, m, d);
}
