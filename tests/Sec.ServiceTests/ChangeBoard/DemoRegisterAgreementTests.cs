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
        Assert.Contains(claims, c => c.Reference.Value == "SECMP0015" && c.Claim == "rejected by the Change Board on 5 August 2020 (final)");
    }
}
