using Sec.BuildingBlocks.Domain;
using Sec.Proposals.Domain;

namespace Sec.UnitTests.Domain;

public sealed class ConsultationBoundsTests
{
    private static readonly DateOnly Issued = new(2020, 7, 1);

    private static Consultation WithResponses(int count) => new("MP118", "Refund of the debt balance", ConsultationKind.Refinement, null, Issued, new DateOnly(2020, 7, 21),
        Enumerable.Range(1, count).Select(i => new ConsultationResponse($"Respondent {i}", "A SEC party", "Large Supplier", Issued)).ToList());

    [Fact]
    public void A_consultation_records_at_most_500_responses()
    {
        var response = new ConsultationResponse("Holly Burton", "SECAS", "Other SEC Parties", Issued.AddDays(3), ResponsePosition.Neutral);
        var checks = new FieldChecks();
        ConsultationRules.CheckResponse(WithResponses(ConsultationRules.MaxResponses - 1), response, checks);
        Assert.True(checks.IsValid);

        var refused = Assert.Throws<MoveNotAllowed>(() => ConsultationRules.CheckResponse(WithResponses(ConsultationRules.MaxResponses), response, new FieldChecks()));
        Assert.Contains("already has 500 responses", refused.Message);
    }
}
