using Sec.Identity;
using Sec.Proposals.Storage;
using Sec.Proposals.V1;
using Phase = Sec.Proposals.V1.Phase;

namespace Sec.ServiceTests.Proposals;

public sealed class AttributionTests : SuiteTests
{
    private ProposalsService.ProposalsServiceClient As(string name, string organisation, params string[] roles) => new(Suite.Channel(name, organisation, roles));

    [Fact]
    public async Task A_withdrawal_is_attributed_to_the_token_s_caller_on_its_effective_date_and_the_timer_that_ends_it_records_nothing()
    {
        await Register.ImportAsync("DP096", "DNO Power Outage Alerts", D(2020, 1, 6));

        await new Register(As("Ali Hassan", "SECAS", SecRoles.Secas, SecRoles.Reader)).WithdrawAsync("DP096", D(2020, 7, 22));
        // Today is past the withdrawal period, so the durable timer ends it as the register.
        await Eventually.UntilAsync(async () => (await Register.GetAsync("DP096")).Phase == Phase.Withdrawn, "the withdrawal period to end");

        var trail = await AuditTrailRows.ReadAsync(Suite.Get<ProposalsStore>());
        Assert.Equal(["ImportModification", "Withdraw"], trail.Select(e => e.Operation));
        var withdrawal = trail[^1];
        Assert.Equal(("DP096", "DP096"), (withdrawal.Subject, withdrawal.Reference));
        Assert.Equal(new DateOnly(2020, 7, 22), withdrawal.EffectiveOn);
        Assert.Equal(Suite.Clock.UtcNow, withdrawal.RecordedAt);
        Assert.Equal(("Ali Hassan", "SECAS", "reader,secas"), (withdrawal.ActorName, withdrawal.ActorOrganisation, withdrawal.Roles));
    }

    [Fact]
    public async Task A_conversion_is_attributed_to_the_Panel_under_the_reference_it_named_and_the_one_it_made()
    {
        await Register.ImportAsync("DP119", "CH Alert Storm Consolidation", D(2020, 3, 10));
        await Register.CscReadyAsync("DP119", D(2020, 3, 26));

        await new Register(As("Chair", "SEC Panel", SecRoles.Panel)).ConvertAsync("DP119", D(2020, 4, 17));

        var conversion = (await AuditTrailRows.ReadAsync(Suite.Get<ProposalsStore>()))[^1];
        Assert.Equal(("ConvertToModificationProposal", "DP119", "MP119"), (conversion.Operation, conversion.Subject, conversion.Reference));
        Assert.Equal(new DateOnly(2020, 4, 17), conversion.EffectiveOn);
        Assert.Equal(("Chair", "SEC Panel", "panel"), (conversion.ActorName, conversion.ActorOrganisation, conversion.Roles));
    }
}
