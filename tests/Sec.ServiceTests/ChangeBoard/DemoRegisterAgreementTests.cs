using Sec.Proposals.V1;
using Sec.ServiceTests.DemoRegister;

namespace Sec.ServiceTests.ChangeBoard;

/// <summary>The demo register loads through the board's checks, and every vote it holds agrees with the register.</summary>
public sealed class DemoRegisterAgreementTests(DemoRegisterFixture demo) : IClassFixture<DemoRegisterFixture>
{
    [Fact]
    public async Task Every_Change_Board_vote_in_the_demo_register_agrees_with_the_register()
    {
        var check = await demo.Proposals.CheckConsistencyAsync(new CheckConsistencyRequest());
        var claims = (await new Sec.ChangeBoard.V1.ChangeBoardService.ChangeBoardServiceClient(demo.Suite.Channel()).DescribeRegisterViewAsync(new())).Claims;

        Assert.True(demo.FirstImport.Exit == 0, demo.FirstImport.Error);
        Assert.Contains("changeboard", check.ContextsChecked);
        Assert.Equal([], check.Disagreements.Where(d => d.Context == "changeboard").Select(d => $"{d.Reference.Value}: {d.ContextSays} / {d.RegisterSays}"));
        Assert.Contains(claims, c => c.Reference.Value == "MP088" && c.Claim == "recommended for approval by the Change Board on 24 June 2020, with the Authority for decision");
        Assert.Contains(claims, c => c.Reference.Value == "SECMP0015" && c.Claim.Contains("referred to the Panel", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Sec_check_on_the_freshly_loaded_demo_register_finds_every_context_agreeing_and_no_discrepancy()
    {
        await demo.Suite.SettledAsync();

        var check = await demo.Proposals.CheckConsistencyAsync(new CheckConsistencyRequest());

        Assert.Equal(["assessments", "changeboard", "releases"], check.ContextsChecked.Order());
        Assert.Equal([], check.Disagreements.Select(d => $"{d.Context} {d.Reference.Value}: {d.ContextSays} / {d.RegisterSays}"));
        Assert.Equal([], check.OpenDiscrepancies.Select(d => $"{d.Context} #{d.Id} {d.Event} {d.Reference?.Value}: {d.Reason}"));
        Assert.True(check.ModificationsChecked > 70);
        var secmp0015 = (await demo.Proposals.GetProposalAsync(new GetProposalRequest { Reference = new() { Value = "SECMP0015" } })).Proposal;
        // Referred inside its window: the Panel decides, whether the window's timer had made the rejection final first or not.
        Assert.Equal("Awaiting Change Board decision", secmp0015.Status);
    }
}
