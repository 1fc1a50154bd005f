using Sec.Assessments.Storage;
using Sec.Assessments.V1;
using Sec.Identity;
using AssessmentKind = Sec.Assessments.V1.AssessmentKind;

namespace Sec.ServiceTests.Assessments;

public sealed class AttributionTests() : SuiteTests(Today)
{
    private static readonly DateTimeOffset Today = new(2020, 10, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task The_DCC_s_accept_is_attributed_to_its_token_on_its_date_once_however_often_it_is_posted()
    {
        await new Dcc(Suite).KnowAsync("MP109");
        var secas = new AssessmentsService.AssessmentsServiceClient(Suite.Channel("Holly Burton", "SECAS", [SecRoles.Secas]));
        var dcc = new AssessmentsService.AssessmentsServiceClient(Suite.Channel("DCC integration", "Data Communications Company", [SecRoles.Dcc]));
        var requested = (await secas.RequestAssessmentAsync(new RequestAssessmentRequest { Reference = Ref("MP109"), Kind = AssessmentKind.Preliminary, RequestedOn = D(2020, 4, 20) })).Assessment;
        var accept = new AcceptAssessmentRequest
        {
            IdempotencyKey = "dcc-9001",
            Assessment = new DccAssessmentKey { Reference = Ref("MP109"), Kind = AssessmentKind.Preliminary },
            AcceptedOn = D(2020, 4, 21),
            TargetWorkingDays = 15,
        };

        await dcc.AcceptAssessmentAsync(accept);
        await dcc.AcceptAssessmentAsync(accept);

        var trail = await AuditTrailRows.ReadAsync(Suite.Get<AssessmentsStore>());
        Assert.Equal(["RequestAssessment", "AcceptAssessment"], trail.Select(e => e.Operation));
        Assert.Equal(("Holly Burton", "SECAS", "secas"), (trail[0].ActorName, trail[0].ActorOrganisation, trail[0].Roles));
        var accepted = trail[1];
        Assert.Equal((requested.AssessmentId, "MP109"), (accepted.Subject, accepted.Reference));
        Assert.Equal(new DateOnly(2020, 4, 21), accepted.EffectiveOn);
        Assert.Equal(Today, accepted.RecordedAt);
        Assert.Equal(("DCC integration", "Data Communications Company", "dcc"), (accepted.ActorName, accepted.ActorOrganisation, accepted.Roles));
    }
}
