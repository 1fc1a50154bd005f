using Grpc.Core;
using MassTransit.Testing;
using Sec.BuildingBlocks.Timers;
using Sec.Contracts;
using Phase = Sec.Proposals.V1.Phase;
using Sec.Proposals.Storage;
using Sec.Proposals.V1;
using static Sec.ServiceTests.Proposals.Register;

namespace Sec.ServiceTests.Proposals;

public sealed class WithdrawalTests
{
    private static readonly DateTimeOffset Wednesday = new(2020, 7, 22, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_withdrawal_period_ends_ten_working_days_later_and_completes_after_a_restart()
    {
        var data = SuiteFactory.NewDataDirectory();
        try
        {
            await using (var before = new SuiteFactory(data, Wednesday))
            {
                var register = new Register(new ProposalsService.ProposalsServiceClient(before.Channel()));
                await register.ImportAsync("DP003", "Deficiencies in the Service Request for setting Maximum Demand Configurable Time", D(2020, 6, 1));
                var withdrawing = await register.WithdrawAsync("DP003", D(2020, 7, 22));

                Assert.Equal(D(2020, 8, 5), withdrawing.WithdrawalEndsOn);
                Assert.StartsWith("Withdrawal period", withdrawing.Status);
                Assert.Equal(D(2020, 8, 5), withdrawing.NextStepOn);
                Assert.Equal(1, await Rows.CountAsync(before.Get<ProposalsStore>(), "DurableTimer WHERE FiredAt IS NULL"));
            }

            await using var after = new SuiteFactory(data, new DateTimeOffset(2020, 8, 6, 9, 0, 0, TimeSpan.Zero));
            await after.Harness.Start();
            var reader = new Register(new ProposalsService.ProposalsServiceClient(after.Channel()));
            await Eventually.UntilAsync(async () => (await reader.GetAsync("DP003")).Phase == Phase.Withdrawn, "the withdrawal period to end after the restart");

            var withdrawn = await reader.GetAsync("DP003");
            Assert.Equal(D(2020, 8, 5), withdrawn.History[^1].EffectiveOn);
            await Eventually.PublishedAsync<ModificationWithdrawn>(after.Harness, m => m.Context.Message.Reference == "DP003");
        }
        finally
        {
            SuiteFactory.DeleteData(data);
        }
    }

    [Fact]
    public async Task A_party_adopting_in_the_window_becomes_the_proposer_and_the_modification_stays_open()
    {
        await using var suite = new SuiteFactory(null, Wednesday);
        var register = new Register(new ProposalsService.ProposalsServiceClient(suite.Channel()));
        await register.ImportAsync("DP096", "DNO Power Outage Alerts", D(2020, 1, 6));
        await register.WithdrawAsync("DP096", D(2020, 7, 22));

        var adopted = (await register.Client.AdoptAsync(new AdoptRequest
        {
            Reference = Ref("DP096"),
            EffectiveOn = D(2020, 7, 22),
            Adopter = new Proposer { Name = "Gemma Slaney", Organisation = "Western Power Distribution" },
        })).Proposal;

        Assert.Equal("Gemma Slaney", adopted.Proposer.Name);
        Assert.Equal("Draft Proposal raised", adopted.Status);
        Assert.Null(adopted.WithdrawalEndsOn);
        suite.Clock.UtcNow = new DateTimeOffset(2020, 9, 1, 9, 0, 0, TimeSpan.Zero);
        Assert.Equal(0, await suite.Get<TimerPoller<ProposalsStore>>().FireDueAsync(CancellationToken.None));
        Assert.Equal(Phase.Define, (await register.GetAsync("DP096")).Phase);
    }

    [Fact]
    public async Task Adopting_after_the_window_closed_is_refused_and_writes_nothing()
    {
        await using var suite = new SuiteFactory(null, Wednesday);
        var register = new Register(new ProposalsService.ProposalsServiceClient(suite.Channel()));
        await register.ImportAsync("DP108", "SSI Job Type Role for SRO/ARO", D(2020, 1, 6));
        await register.WithdrawAsync("DP108", D(2020, 7, 1));
        // Today is past the window, so the durable timer withdraws it; let it, before counting rows.
        await Eventually.UntilAsync(async () => (await register.GetAsync("DP108")).Phase == Phase.Withdrawn, "the withdrawal period to end");
        var store = suite.Get<ProposalsStore>();
        var before = await Rows.SnapshotAsync(store, "Proposal", "ProposalHistory", "OutboxMessage", "DurableTimer");

        var ex = await Assert.ThrowsAsync<RpcException>(() => register.Client.AdoptAsync(new AdoptRequest
        {
            Reference = Ref("DP108"),
            EffectiveOn = D(2020, 7, 20),
            Adopter = new Proposer { Name = "Paul Saker", Organisation = "EDF Energy" },
        }).ResponseAsync);

        Assert.Equal(StatusCode.FailedPrecondition, ex.StatusCode);
        Assert.Contains("withdrawal period ended on 15 July 2020", ex.Status.Detail);
        Assert.Equal(before, await Rows.SnapshotAsync(store, "Proposal", "ProposalHistory", "OutboxMessage", "DurableTimer"));
    }
}
