using Sec.BuildingBlocks.Timers;
using Sec.Contracts;
using Phase = Sec.Proposals.V1.Phase;
using Sec.Proposals.Storage;
using Sec.Proposals.V1;

namespace Sec.ServiceTests.Proposals;

public sealed class WithdrawalTests() : SuiteTests(Wednesday)
{
    private static readonly DateTimeOffset Wednesday = new(2020, 7, 22, 9, 0, 0, TimeSpan.Zero);

    /// <summary>Adoption needs no bus; the durable timer ends a withdrawal period without it.</summary>
    public override Task InitializeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_withdrawal_period_ends_ten_working_days_later_and_completes_after_a_restart()
    {
        await SuiteFactory.OnOwnDataAsync(async data =>
        {
            await using (var before = new SuiteFactory(data, Wednesday))
            {
                var register = new Register(before);
                await register.ImportAsync("DP003", "Deficiencies in the Service Request for setting Maximum Demand Configurable Time", D(2020, 6, 1));
                var withdrawing = await register.WithdrawAsync("DP003", D(2020, 7, 22));

                Assert.Equal(D(2020, 8, 5), withdrawing.WithdrawalEndsOn);
                Assert.StartsWith("Withdrawal period", withdrawing.Status);
                Assert.Equal(D(2020, 8, 5), withdrawing.NextStepOn);
                Assert.Equal(1, await Rows.CountAsync(before.Get<ProposalsStore>(), "DurableTimer WHERE FiredAt IS NULL"));
            }

            await using var after = await SuiteFactory.StartAsync(new DateTimeOffset(2020, 8, 6, 9, 0, 0, TimeSpan.Zero), data);
            var reader = new Register(after);
            await Eventually.UntilAsync(async () => (await reader.GetAsync("DP003")).Phase == Phase.Withdrawn, "the withdrawal period to end after the restart");

            var withdrawn = await reader.GetAsync("DP003");
            Assert.Equal(D(2020, 8, 5), withdrawn.History[^1].EffectiveOn);
            await Eventually.PublishedAsync<ModificationWithdrawn>(after.Harness, m => m.Context.Message.Reference == "DP003");
        });
    }

    [Fact]
    public async Task A_party_adopting_in_the_window_becomes_the_proposer_and_the_modification_stays_open()
    {
        await Register.ImportAsync("DP096", "DNO Power Outage Alerts", D(2020, 1, 6));
        await Register.WithdrawAsync("DP096", D(2020, 7, 22));

        var adopted = await Register.AdoptAsync("DP096", D(2020, 7, 22), "Gemma Slaney", "Western Power Distribution");

        Assert.Equal("Gemma Slaney", adopted.Proposer.Name);
        Assert.Equal("Draft Proposal raised", adopted.Status);
        Assert.Null(adopted.WithdrawalEndsOn);
        Suite.Clock.UtcNow = new DateTimeOffset(2020, 9, 1, 9, 0, 0, TimeSpan.Zero);
        Assert.Equal(0, await Suite.Get<TimerPoller<ProposalsStore>>().FireDueAsync(CancellationToken.None));
        Assert.Equal(Phase.Define, (await Register.GetAsync("DP096")).Phase);
    }

    [Fact]
    public async Task Adopting_after_the_window_closed_is_refused_and_writes_nothing()
    {
        await Register.ImportAsync("DP108", "SSI Job Type Role for SRO/ARO", D(2020, 1, 6));
        await Register.WithdrawAsync("DP108", D(2020, 7, 1));
        // Today is past the window, so the durable timer withdraws it; let it, before counting rows.
        await Eventually.UntilAsync(async () => (await Register.GetAsync("DP108")).Phase == Phase.Withdrawn, "the withdrawal period to end");
        var store = Suite.Get<ProposalsStore>();
        var before = await Rows.SnapshotAsync(store, "Proposal", "ProposalHistory", "OutboxMessage", "DurableTimer");

        var ex = await Assert.ThrowsAsync<RpcException>(() => Register.AdoptAsync("DP108", D(2020, 7, 20), "Paul Saker", "EDF Energy"));

        Assert.Equal(StatusCode.FailedPrecondition, ex.StatusCode);
        Assert.Contains("withdrawal period ended on 15 July 2020", ex.Status.Detail);
        Assert.Equal(before, await Rows.SnapshotAsync(store, "Proposal", "ProposalHistory", "OutboxMessage", "DurableTimer"));
    }
}
