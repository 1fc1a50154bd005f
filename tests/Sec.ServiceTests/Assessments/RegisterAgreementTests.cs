using Sec.Assessments.V1;
using Sec.Common.V1;
using Sec.Proposals.V1;
using AssessmentKind = Sec.Assessments.V1.AssessmentKind;
using Phase = Sec.Proposals.V1.Phase;

namespace Sec.ServiceTests.Assessments;

/// <summary>Assessments agreeing with the register: a reversed withdrawal reopens what it cancelled, and open assessments are claims the check compares.</summary>
public sealed class RegisterAgreementTests() : SuiteTests(new DateTimeOffset(2020, 7, 22, 9, 0, 0, TimeSpan.Zero))
{
    [Fact]
    public async Task An_adoption_inside_the_withdrawal_period_reopens_the_assessments_the_withdrawal_cancelled_as_they_were()
    {
        var dcc = new Dcc(Suite);
        await Register.ImportAsync("MP108", "SSI Job Type Role for SRO/ARO", Register.D(2020, 1, 6), path: Sec.Proposals.V1.DecisionPath.SelfGovernance,
            history: [Register.Step(Register.D(2020, 2, 14), "Refinement Process")]);
        await Suite.SettledAsync();
        var requested = await dcc.RequestAsync("MP108", AssessmentKind.Preliminary, new DateOnly(2020, 6, 1));
        await dcc.AcceptAsync("MP108", AssessmentKind.Preliminary, new DateOnly(2020, 6, 3), 20);

        await Register.WithdrawAsync("MP108", Register.D(2020, 7, 1));
        await Eventually.UntilAsync(async () => (await dcc.Client.GetAssessmentAsync(new() { AssessmentId = requested.AssessmentId })).Assessment.Status == AssessmentStatus.Cancelled,
            "the withdrawal to cancel the assessment");

        await Register.AdoptAsync("MP108", Register.D(2020, 7, 10), "Paul Saker", "EDF Energy");

        await Eventually.UntilAsync(async () => (await dcc.Client.GetAssessmentAsync(new() { AssessmentId = requested.AssessmentId })).Assessment.Status == AssessmentStatus.Accepted,
            "the reversed withdrawal to reopen the assessment");
        var reopened = (await dcc.Client.GetAssessmentAsync(new() { AssessmentId = requested.AssessmentId })).Assessment;
        Assert.Equal(20, reopened.TargetWorkingDays);
        Assert.Equal(Phase.Refine, (await Register.GetAsync("MP108")).Phase);
        Assert.Equal(0, (await dcc.Client.ListDiscrepanciesAsync(new ListDiscrepanciesRequest())).OpenCount);
    }

    [Fact]
    public async Task An_open_assessment_is_a_claim_the_register_must_agree_with()
    {
        var dcc = new Dcc(Suite);
        await Register.ImportAsync("MP122", "Standalone release request", Register.D(2020, 3, 10), path: Sec.Proposals.V1.DecisionPath.SelfGovernance,
            history: [Register.Step(Register.D(2020, 4, 10), "Refinement Process")]);
        await Suite.SettledAsync();
        await dcc.RequestAsync("MP122", AssessmentKind.Preliminary, new DateOnly(2020, 5, 1));
        await Suite.SettledAsync();

        var described = await dcc.Client.DescribeRegisterViewAsync(new DescribeRegisterViewRequest());

        var claim = Assert.Single(described.Claims);
        Assert.Equal("MP122", claim.Reference.Value);
        Assert.Contains("has its Preliminary Assessment open (Requested, requested 1 May 2020)", claim.Claim);
        Assert.DoesNotContain((int)Sec.Contracts.Stage.Withdrawn, claim.CompatibleStages);
        Assert.Contains((int)Sec.Contracts.Stage.Refinement, claim.CompatibleStages);
        var view = Assert.Single(described.Modifications);
        Assert.Equal("Refinement Process", view.Status);
        Assert.Empty((await Proposals.CheckConsistencyAsync(new CheckConsistencyRequest())).Disagreements);
    }
}
