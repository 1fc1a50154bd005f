using Sec.BuildingBlocks.Domain;
using Sec.Proposals.Domain;

namespace Sec.UnitTests.Domain;

/// <summary>Cancelling an expected consultation, one response per respondent, and naming a Working Group meeting by date and number.</summary>
public sealed class RefinementMovesTests
{
    private static DateOnly On(int y, int m, int d) => new(y, m, d);

    private static readonly Consultation Expected = new("SECMP0067", "Service Request Traffic Management", ConsultationKind.ModificationReport, On(2020, 4, 20), null, null, []);

    [Fact]
    public void A_cancelled_consultation_is_late_until_its_cancellation_and_not_after()
    {
        var cancelled = ConsultationRules.Cancel(Expected, On(2020, 7, 9), "Back to refinement");

        Assert.True(cancelled.IsLate(On(2020, 7, 8)));
        Assert.False(cancelled.IsLate(On(2020, 7, 9)));
        Assert.Throws<MoveNotAllowed>(() => ConsultationRules.Cancel(cancelled, On(2020, 7, 10), "Twice"));
        Assert.Throws<MoveNotAllowed>(() => ConsultationRules.Cancel(Expected with { IssuedOn = On(2020, 4, 20) }, On(2020, 7, 9), "Issued"));
    }

    [Fact]
    public void The_same_respondent_twice_is_AlreadyExists_however_it_is_spelt()
    {
        var issued = Expected with { IssuedOn = On(2020, 4, 20), Responses = [new("Jane Doe", "British Gas", "Large Supplier", On(2020, 4, 22), ResponsePosition.Support)] };

        var twice = Assert.Throws<AlreadyExists>(() => ConsultationRules.CheckResponse(issued,
            new ConsultationResponse(" jane DOE", "british gas ", "Large Supplier", On(2020, 4, 23), ResponsePosition.Oppose), new FieldChecks()));
        var other = new FieldChecks();
        ConsultationRules.CheckResponse(issued, new ConsultationResponse("Jane Doe", "EDF Energy", "Large Supplier", On(2020, 4, 23), ResponsePosition.Oppose), other);

        Assert.Contains("Jane Doe (British Gas) already responded", twice.Message);
        Assert.True(other.IsValid);
    }

    [Fact]
    public void A_meeting_is_named_by_its_number_when_the_group_met_more_than_once_that_day()
    {
        IReadOnlyList<WorkingGroupMeeting> day =
        [
            new("Working Group", On(2020, 8, 5), MeetingKind.Monthly, ["MP117"], null, 1),
            new("Working Group", On(2020, 8, 5), MeetingKind.AdHoc, ["MP122"], null, 2),
        ];

        Assert.Equal(["MP122"], WorkingGroupRules.Named("Working Group", On(2020, 8, 5), 2, day).Agenda);
        Assert.Contains("(meetings 1 and 2)", Assert.Throws<MoveNotAllowed>(() => WorkingGroupRules.Named("Working Group", On(2020, 8, 5), null, day)).Message);
        Assert.Throws<NotFound>(() => WorkingGroupRules.Named("Working Group", On(2020, 8, 5), 3, day));
        Assert.Equal(1, WorkingGroupRules.Named("Working Group", On(2020, 8, 5), null, day.Take(1).ToList()).Number);
    }
}
