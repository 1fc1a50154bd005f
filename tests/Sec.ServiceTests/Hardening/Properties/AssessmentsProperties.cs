using Sec.Assessments.V1;
using Sec.ServiceTests.Assessments;
using static Sec.ServiceTests.Hardening.Properties.BadValues;

namespace Sec.ServiceTests.Hardening.Properties;

/// <summary>
/// The DCC's door and SECAS's requests refuse every bad request cleanly and write nothing for it:
/// the DCC posts by machine, so a malformed post must come back naming the field, not half-recorded.
/// </summary>
public sealed class AssessmentsProperties : BadRequestProperty
{
    [Fact]
    public async Task Every_bad_assessment_request_is_refused_cleanly_and_writes_nothing()
    {
        var dcc = await new Dcc(Suite).KnowAsync("MP100");
        var requested = await dcc.RequestAsync("MP100", AssessmentKind.Impact, new DateOnly(2026, 11, 2));
        await dcc.AcceptAsync("MP100", AssessmentKind.Impact, new DateOnly(2026, 11, 3), 30);
        var a = dcc.Client;
        DccAssessmentKey Key() => new() { Reference = Ref("MP100"), Kind = AssessmentKind.Impact };

        var request = new BadRequestsOf<RequestAssessmentRequest>("RequestAssessment",
            () => new() { Reference = Ref("MP100"), Kind = AssessmentKind.Preliminary, RequestedOn = Today },
            (r, o) => a.RequestAssessmentAsync(r, o).ResponseAsync)
            .Break("reference", Reference, (r, v) => r.Reference = Ref(v))
            .Break("reference", Missing<ModificationReference>(), (r, v) => r.Reference = v)
            .Break("kind", Enum<AssessmentKind>(), (r, v) => r.Kind = v)
            .Break("requested_on", RequiredDate, (r, v) => r.RequestedOn = v);
        var again = new BadRequestsOf<ReRequestAssessmentRequest>("ReRequestAssessment",
            () => new() { AssessmentId = requested.AssessmentId, RequestedOn = Today },
            (r, o) => a.ReRequestAssessmentAsync(r, o).ResponseAsync)
            .Break("assessment_id", Id, (r, v) => r.AssessmentId = v)
            .Break("requested_on", RequiredDate, (r, v) => r.RequestedOn = v);
        var accept = new BadRequestsOf<AcceptAssessmentRequest>("AcceptAssessment",
            () => new() { IdempotencyKey = "accept-MP100", Assessment = Key(), AcceptedOn = Today, TargetWorkingDays = 30 },
            (r, o) => a.AcceptAssessmentAsync(r, o).ResponseAsync)
            .Break("idempotency_key", RequiredText, (r, v) => r.IdempotencyKey = v)
            .Break("assessment", Missing<DccAssessmentKey>(), (r, v) => r.Assessment = v)
            .Break("assessment.reference", Reference, (r, v) => r.Assessment.Reference = Ref(v))
            .Break("assessment.kind", Enum<AssessmentKind>(), (r, v) => r.Assessment.Kind = v)
            .Break("accepted_on", RequiredDate, (r, v) => r.AcceptedOn = v)
            .Break("target_working_days", NegativeOrHuge, (r, v) => r.TargetWorkingDays = v);
        var afresh = new BadRequestsOf<AcceptAssessmentAfreshRequest>("AcceptAssessmentAfresh",
            () => new() { IdempotencyKey = "afresh-MP100", Assessment = Key(), AcceptedOn = Today, Reason = "Re-baselined on the revised solution" },
            (r, o) => a.AcceptAssessmentAfreshAsync(r, o).ResponseAsync)
            .Break("idempotency_key", RequiredText, (r, v) => r.IdempotencyKey = v)
            .Break("assessment", Missing<DccAssessmentKey>(), (r, v) => r.Assessment = v)
            .Break("assessment.reference", Reference, (r, v) => r.Assessment.Reference = Ref(v))
            .Break("assessment.kind", Enum<AssessmentKind>(), (r, v) => r.Assessment.Kind = v)
            .Break("accepted_on", RequiredDate, (r, v) => r.AcceptedOn = v)
            .Break("made_on", Date, (r, v) => r.MadeOn = v)
            .Break("target_working_days", NegativeOrHuge, (r, v) => r.TargetWorkingDays = v)
            .Break("reason", RequiredText, (r, v) => r.Reason = v);
        var forecast = new BadRequestsOf<ForecastReturnRequest>("ForecastReturn",
            () => new() { IdempotencyKey = "forecast-MP100", Assessment = Key(), MadeOn = Today, ForecastReturnOn = D(2026, 12, 15) },
            (r, o) => a.ForecastReturnAsync(r, o).ResponseAsync)
            .Break("idempotency_key", RequiredText, (r, v) => r.IdempotencyKey = v)
            .Break("assessment", Missing<DccAssessmentKey>(), (r, v) => r.Assessment = v)
            .Break("assessment.kind", Enum<AssessmentKind>(), (r, v) => r.Assessment.Kind = v)
            .Break("made_on", RequiredDate, (r, v) => r.MadeOn = v)
            .Break("forecast_return_on", RequiredDate, (r, v) => r.ForecastReturnOn = v);
        var withdraw = new BadRequestsOf<WithdrawAssessmentRequest>("WithdrawAssessment",
            () => new() { Assessment = Key(), WithdrawnOn = Today, Reason = "The solution changed" },
            (r, o) => a.WithdrawAssessmentAsync(r, o).ResponseAsync)
            .Break("assessment", Missing<DccAssessmentKey>(), (r, v) => r.Assessment = v)
            .Break("assessment.reference", Reference, (r, v) => r.Assessment.Reference = Ref(v))
            .Break("assessment.kind", Enum<AssessmentKind>(), (r, v) => r.Assessment.Kind = v)
            .Break("withdrawn_on", RequiredDate, (r, v) => r.WithdrawnOn = v)
            .Break("reason", RequiredText, (r, v) => r.Reason = v);
        var stop = new BadRequestsOf<StopClockRequest>("StopClock",
            () => new() { IdempotencyKey = "stop-MP100", Assessment = Key(), Stop = new ClockStop { From = D(2026, 11, 16), To = Today, Reason = "Awaiting SECAS" } },
            (r, o) => a.StopClockAsync(r, o).ResponseAsync)
            .Break("idempotency_key", RequiredText, (r, v) => r.IdempotencyKey = v)
            .Break("assessment", Missing<DccAssessmentKey>(), (r, v) => r.Assessment = v)
            .Break("assessment.reference", Reference, (r, v) => r.Assessment.Reference = Ref(v))
            .Break("stop", Missing<ClockStop>(), (r, v) => r.Stop = v)
            .Break("stop.from", RequiredDate, (r, v) => r.Stop.From = v)
            .Break("stop.to", Date, (r, v) => r.Stop.To = v)
            .Break("stop.reason", OptionalText, (r, v) => r.Stop.Reason = v);
        var restart = new BadRequestsOf<RestartClockRequest>("RestartClock",
            () => new() { IdempotencyKey = "restart-MP100", Assessment = Key(), StoppedUntil = Today },
            (r, o) => a.RestartClockAsync(r, o).ResponseAsync)
            .Break("idempotency_key", RequiredText, (r, v) => r.IdempotencyKey = v)
            .Break("assessment.kind", Enum<AssessmentKind>(), (r, v) => r.Assessment.Kind = v)
            .Break("stopped_until", RequiredDate, (r, v) => r.StoppedUntil = v);
        var returned = new BadRequestsOf<ReturnAssessmentRequest>("ReturnAssessment",
            () => new()
            {
                IdempotencyKey = "return-MP100", Assessment = Key(), ReturnedOn = Today,
                Costs = new AssessmentCosts
                {
                    Implementation = { new ActivityCost { Activity = Activity.Design, Cost = new MoneyRange { LowPence = 100_000, HighPence = 200_000 } } },
                    OperationalOneOff = new MoneyRange { LowPence = 0, HighPence = 0 },
                    OperationalOngoing = new MoneyRange { LowPence = 0, HighPence = 0 },
                },
            },
            (r, o) => a.ReturnAssessmentAsync(r, o).ResponseAsync)
            .Break("idempotency_key", RequiredText, (r, v) => r.IdempotencyKey = v)
            .Break("assessment", Missing<DccAssessmentKey>(), (r, v) => r.Assessment = v)
            .Break("returned_on", RequiredDate, (r, v) => r.ReturnedOn = v)
            .Break("costs", Missing<AssessmentCosts>(), (r, v) => r.Costs = v)
            .Break("costs.implementation[0].activity", Enum<Activity>(), (r, v) => r.Costs.Implementation[0].Activity = v)
            .Break("costs.implementation[0].covers[0]", Enum<Activity>(), (r, v) => r.Costs.Implementation[0].Covers.Add(v))
            .Break("costs.implementation[0].cost.low_pence", Pence, (r, v) => r.Costs.Implementation[0].Cost.LowPence = v)
            .Break("costs.implementation[0].cost.high_pence", Pence, (r, v) => r.Costs.Implementation[0].Cost.HighPence = v)
            .Break("costs.implementation (the sum)", HugeSum, (r, n) => r.Costs.Implementation.AddRange(Enumerable.Range(0, n).Select(i =>
                new ActivityCost { Activity = (Activity)(2 + i % 5), Cost = new MoneyRange { LowPence = long.MaxValue / 2, HighPence = long.MaxValue / 2 } })))
            .Break("costs.implementation", TooMany, (r, n) => r.Costs.Implementation.AddRange(Enumerable.Range(0, n).Select(_ =>
                new ActivityCost { Activity = Activity.Build, Cost = new MoneyRange { LowPence = 1, HighPence = 1 } })))
            .Break("costs.operational_one_off.low_pence", Pence, (r, v) => r.Costs.OperationalOneOff.LowPence = v)
            .Break("costs.operational_ongoing.high_pence", Pence, (r, v) => r.Costs.OperationalOngoing.HighPence = v);

        var assessment = new BadRequestsOf<GetAssessmentRequest>("GetAssessment", () => new() { AssessmentId = requested.AssessmentId },
            (r, o) => a.GetAssessmentAsync(r, o).ResponseAsync)
            .Break("assessment_id", Id, (r, v) => r.AssessmentId = v);
        var list = new BadRequestsOf<ListAssessmentsRequest>("ListAssessments", () => new() { Reference = Ref("MP100") },
            (r, o) => a.ListAssessmentsAsync(r, o).ResponseAsync)
            .Break("reference", Reference, (r, v) => r.Reference = Ref(v));
        var timescales = new BadRequestsOf<GetTimescalesRequest>("GetTimescales", () => new() { PeriodEnd = "2026-10-31", AsOf = "2026-11-20" },
            (r, o) => a.GetTimescalesAsync(r, o).ResponseAsync)
            .Break("period_end", DateText, (r, v) => r.PeriodEnd = v)
            .Break("as_of", DateText, (r, v) => r.AsOf = v);

        await EveryBadRequestIsRefusedAsync(request.Breaks, again.Breaks, accept.Breaks, afresh.Breaks, forecast.Breaks, withdraw.Breaks, stop.Breaks, restart.Breaks, returned.Breaks,
            assessment.Breaks, list.Breaks, timescales.Breaks);
    }
}
