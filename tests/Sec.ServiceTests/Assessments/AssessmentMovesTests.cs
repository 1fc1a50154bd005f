using Sec.Assessments.Storage;
using Sec.Assessments.V1;
using Sec.Contracts;
using Sec.Identity;
using AssessmentKind = Sec.Assessments.V1.AssessmentKind;

namespace Sec.ServiceTests.Assessments;

/// <summary>
/// The assessment moves the papers show: the DCC accepting an assessment afresh (SECMP0007's Impact
/// Assessment and MP078's Preliminary Assessment in 2020), SECAS withdrawing a request, and the
/// DCC's forecast of the return date.
/// </summary>
public sealed class AssessmentMovesTests() : SuiteTests(Today)
{
    private static readonly DateTimeOffset Today = new(2020, 10, 1, 9, 0, 0, TimeSpan.Zero);
    private Dcc? _dcc;
    private int _keys;

    private Dcc Dcc => _dcc ??= new Dcc(Suite);

    private AssessmentsService.AssessmentsServiceClient Secas => new(Suite.Channel("Holly Burton", "SECAS", [SecRoles.Secas, SecRoles.Reader]));

    private static DateOnly On(int y, int m, int d) => new(y, m, d);

    private static DccAssessmentKey Key(string reference, AssessmentKind kind) => new() { Reference = Ref(reference), Kind = kind };

    private Task<AcceptAssessmentAfreshResponse> AfreshAsync(string reference, AssessmentKind kind, DateOnly acceptedOn, DateOnly? madeOn = null, int? target = null, string reason = "Re-baselined")
    {
        var request = new AcceptAssessmentAfreshRequest
        {
            IdempotencyKey = $"afresh-{Interlocked.Increment(ref _keys)}", Assessment = Key(reference, kind), AcceptedOn = Dcc.Proto(acceptedOn),
            MadeOn = madeOn is { } m ? Dcc.Proto(m) : null, Reason = reason,
        };
        if (target is { } t)
            request.TargetWorkingDays = t;
        return Dcc.Client.AcceptAssessmentAfreshAsync(request).ResponseAsync;
    }

    private async Task<Dictionary<string, OpenAssessmentLine>> OpenAsync(string periodEnd, string asOf) =>
        (await Dcc.Client.GetTimescalesAsync(new GetTimescalesRequest { PeriodEnd = periodEnd, AsOf = asOf })).Open
            .ToDictionary(o => $"{o.Reference.Value} {(o.Kind == AssessmentKind.Preliminary ? "PA" : "IA")}");

    private Task<string> RowsAsync() =>
        Rows.SnapshotAsync(Suite.Get<AssessmentsStore>(), "Assessment", "PastAcceptance", "ReturnForecast", "ClockStop", "OutboxMessage", "AuditEntry", "DccPost");

    [Fact]
    public async Task MP078_accepted_afresh_on_17_April_2020_shows_its_first_acceptance_in_April_and_the_fresh_one_in_August()
    {
        await Dcc.KnowAsync("MP078");
        await Dcc.OpenAsync("MP078", AssessmentKind.Preliminary, On(2020, 3, 26), 15);

        var afresh = (await AfreshAsync("MP078", AssessmentKind.Preliminary, On(2020, 4, 17), reason: "The DCC restarted the assessment on the revised solution")).Assessment;
        var april = await OpenAsync("2020-03-31", "2020-04-08");
        var august = await OpenAsync("2020-07-31", "2020-07-31");

        Assert.Equal((D(2020, 4, 17), AssessmentStatus.Accepted), (afresh.AcceptedOn, afresh.Status));
        var past = afresh.PastAcceptances.Single();
        Assert.Equal((D(2020, 3, 26), 15, D(2020, 4, 17), "The DCC restarted the assessment on the revised solution"),
            (past.AcceptedOn, past.TargetWorkingDays, past.SupersededOn, past.Reason));
        Assert.Equal((D(2020, 3, 26), 10), (april["MP078 PA"].AcceptedOn, april["MP078 PA"].CurrentWorkingDays));
        Assert.Equal((D(2020, 4, 17), 76), (august["MP078 PA"].AcceptedOn, august["MP078 PA"].CurrentWorkingDays));
        await Eventually.PublishedAsync<AssessmentAcceptedAfresh>(Suite.Harness, m =>
            m.Context.Message is { Reference: "MP078" } e && e.AcceptedOn == On(2020, 4, 17) && e.PreviousAcceptedOn == On(2020, 3, 26) && e.EffectiveOn == On(2020, 4, 17));
    }

    [Fact]
    public async Task An_acceptance_dated_back_stands_only_from_the_day_it_was_made_so_earlier_reports_keep_the_old_date()
    {
        // SECMP0007: the April 2020 paper shows its Impact Assessment from 30 July 2019, the August paper from 6 February 2020.
        await Dcc.KnowAsync("SECMP0007");
        await Dcc.OpenAsync("SECMP0007", AssessmentKind.Impact, On(2019, 7, 30), 40);

        await AfreshAsync("SECMP0007", AssessmentKind.Impact, On(2020, 2, 6), madeOn: On(2020, 4, 9));
        var april = await OpenAsync("2020-03-31", "2020-04-08");
        var august = await OpenAsync("2020-07-31", "2020-07-31");
        var trail = await AuditTrailRows.ReadAsync(Suite.Get<AssessmentsStore>());

        Assert.Equal((D(2019, 7, 30), 182), (april["SECMP0007 IA"].AcceptedOn, april["SECMP0007 IA"].CurrentWorkingDays));
        Assert.Equal((D(2020, 2, 6), 127), (august["SECMP0007 IA"].AcceptedOn, august["SECMP0007 IA"].CurrentWorkingDays));
        Assert.Equal(("AcceptAssessmentAfresh", On(2020, 4, 9), "DCC integration"), (trail[^1].Operation, trail[^1].EffectiveOn, trail[^1].ActorName));
    }

    [Fact]
    public async Task Accepting_afresh_is_refused_naming_the_field_or_the_state_and_writes_nothing()
    {
        await Dcc.KnowAsync("MP099", "MP105");
        await Dcc.OpenAsync("MP099", AssessmentKind.Impact, On(2020, 5, 5), 40);
        await Dcc.RequestAsync("MP105", AssessmentKind.Preliminary, On(2020, 7, 10));
        var before = await RowsAsync();

        var notLater = await Assert.ThrowsAsync<RpcException>(() => AfreshAsync("MP099", AssessmentKind.Impact, On(2020, 5, 5)));
        var madeBefore = await Assert.ThrowsAsync<RpcException>(() => AfreshAsync("MP099", AssessmentKind.Impact, On(2020, 6, 1), madeOn: On(2020, 5, 29)));
        var noReason = await Assert.ThrowsAsync<RpcException>(() => AfreshAsync("MP099", AssessmentKind.Impact, On(2020, 6, 1), reason: " "));
        var notAccepted = await Assert.ThrowsAsync<RpcException>(() => AfreshAsync("MP105", AssessmentKind.Preliminary, On(2020, 7, 20)));

        Assert.Equal((StatusCode.InvalidArgument, "accepted_on"), (notLater.StatusCode, notLater.ViolatedFields().Single()));
        Assert.Equal((StatusCode.InvalidArgument, "made_on"), (madeBefore.StatusCode, madeBefore.ViolatedFields().Single()));
        Assert.Equal((StatusCode.InvalidArgument, "reason"), (noReason.StatusCode, noReason.ViolatedFields().Single()));
        Assert.Equal(StatusCode.FailedPrecondition, notAccepted.StatusCode);
        Assert.Contains("MP105 PA is Requested", notAccepted.Status.Detail);
        Assert.Equal(before, await RowsAsync());
    }

    [Fact]
    public async Task SECAS_withdraws_a_request_with_its_reason_it_leaves_the_open_list_and_can_be_requested_again()
    {
        await Dcc.KnowAsync("MP092");
        await Dcc.OpenAsync("MP092", AssessmentKind.Preliminary, On(2019, 12, 2), 15);

        var withdrawn = (await Secas.WithdrawAssessmentAsync(new WithdrawAssessmentRequest
        {
            Assessment = Key("mp92", AssessmentKind.Preliminary), WithdrawnOn = D(2020, 6, 1), Reason = "The solution changed; a new request follows",
        })).Assessment;
        var openInMay = await OpenAsync("2020-05-31", "2020-05-31");
        var openInJune = await OpenAsync("2020-06-30", "2020-06-30");
        var returnAfter = await Assert.ThrowsAsync<RpcException>(() => Dcc.ReturnAsync("MP092", AssessmentKind.Preliminary, On(2020, 6, 5)));
        var again = await Assert.ThrowsAsync<RpcException>(() => Secas.WithdrawAssessmentAsync(new WithdrawAssessmentRequest
        {
            Assessment = Key("MP092", AssessmentKind.Preliminary), WithdrawnOn = D(2020, 6, 2), Reason = "Twice",
        }).ResponseAsync);
        var renewed = (await Secas.ReRequestAssessmentAsync(new ReRequestAssessmentRequest { AssessmentId = withdrawn.AssessmentId, RequestedOn = D(2020, 6, 3) })).Assessment;
        var trail = await AuditTrailRows.ReadAsync(Suite.Get<AssessmentsStore>());

        Assert.Equal((AssessmentStatus.Withdrawn, D(2020, 6, 1), "The solution changed; a new request follows"), (withdrawn.Status, withdrawn.WithdrawnOn, withdrawn.WithdrawalReason));
        Assert.Contains("MP092 PA", openInMay.Keys);
        Assert.DoesNotContain("MP092 PA", openInJune.Keys);
        Assert.Equal(StatusCode.FailedPrecondition, returnAfter.StatusCode);
        Assert.Equal(StatusCode.FailedPrecondition, again.StatusCode);
        Assert.Contains("only an open request can be withdrawn", again.Status.Detail);
        Assert.Equal((AssessmentStatus.Requested, withdrawn.AssessmentId), (renewed.Status, renewed.ReRequests));
        Assert.Contains(trail, e => e.Operation == "WithdrawAssessment" && e.EffectiveOn == On(2020, 6, 1) && e.ActorName == "Holly Burton");
        await Eventually.PublishedAsync<AssessmentWithdrawn>(Suite.Harness, m => m.Context.Message is { Reference: "MP092", Reason: "The solution changed; a new request follows" });
    }

    [Fact]
    public async Task A_withdrawal_before_the_request_or_of_an_unknown_assessment_is_refused_and_writes_nothing()
    {
        await Dcc.KnowAsync("MP122", "MP123");
        await Dcc.RequestAsync("MP122", AssessmentKind.Preliminary, On(2020, 5, 1));
        var before = await RowsAsync();

        var early = await Assert.ThrowsAsync<RpcException>(() => Secas.WithdrawAssessmentAsync(new WithdrawAssessmentRequest
        {
            Assessment = Key("MP122", AssessmentKind.Preliminary), WithdrawnOn = D(2020, 4, 30), Reason = "Too early",
        }).ResponseAsync);
        var none = await Assert.ThrowsAsync<RpcException>(() => Secas.WithdrawAssessmentAsync(new WithdrawAssessmentRequest
        {
            Assessment = Key("MP123", AssessmentKind.Impact), WithdrawnOn = D(2020, 5, 4), Reason = "Nothing to withdraw",
        }).ResponseAsync);
        var future = await Assert.ThrowsAsync<RpcException>(() => Secas.WithdrawAssessmentAsync(new WithdrawAssessmentRequest
        {
            Assessment = Key("MP122", AssessmentKind.Preliminary), WithdrawnOn = D(2020, 10, 2), Reason = "Tomorrow",
        }).ResponseAsync);

        Assert.Equal((StatusCode.InvalidArgument, "withdrawn_on"), (early.StatusCode, early.ViolatedFields().Single()));
        Assert.Equal(StatusCode.NotFound, none.StatusCode);
        Assert.Equal((StatusCode.InvalidArgument, "withdrawn_on"), (future.StatusCode, future.ViolatedFields().Single()));
        Assert.Equal(before, await RowsAsync());
    }

    [Fact]
    public async Task The_DCC_s_forecast_return_date_shows_in_the_open_list_as_it_stood_on_the_as_of_date()
    {
        await Dcc.KnowAsync("MP107");
        await Dcc.OpenAsync("MP107", AssessmentKind.Preliminary, On(2020, 4, 20), 15);
        ForecastReturnRequest Forecast(DateOnly madeOn, DateOnly returnOn) => new()
        {
            IdempotencyKey = $"forecast-{madeOn:yyyyMMdd}", Assessment = Key("MP107", AssessmentKind.Preliminary), MadeOn = Dcc.Proto(madeOn), ForecastReturnOn = Dcc.Proto(returnOn),
        };

        await Dcc.Client.ForecastReturnAsync(Forecast(On(2020, 5, 1), On(2020, 6, 30)));
        var revised = (await Dcc.Client.ForecastReturnAsync(Forecast(On(2020, 7, 1), On(2020, 8, 28)))).Assessment;
        var repeated = (await Dcc.Client.ForecastReturnAsync(Forecast(On(2020, 7, 1), On(2020, 8, 28)))).Assessment;
        var backwards = await Assert.ThrowsAsync<RpcException>(() => Dcc.Client.ForecastReturnAsync(new ForecastReturnRequest
        {
            IdempotencyKey = "forecast-backwards", Assessment = Key("MP107", AssessmentKind.Preliminary), MadeOn = D(2020, 7, 2), ForecastReturnOn = D(2020, 7, 1),
        }).ResponseAsync);
        var june = await OpenAsync("2020-06-30", "2020-06-15");
        var july = await OpenAsync("2020-07-31", "2020-07-31");
        var april = await OpenAsync("2020-04-30", "2020-04-30");

        Assert.Equal(D(2020, 8, 28), revised.ForecastReturnOn);
        Assert.Equal([D(2020, 6, 30), D(2020, 8, 28)], revised.Forecasts.Select(f => f.ReturnOn));
        Assert.Equal(revised, repeated);
        Assert.Equal((StatusCode.InvalidArgument, "forecast_return_on"), (backwards.StatusCode, backwards.ViolatedFields().Single()));
        Assert.Equal(D(2020, 6, 30), june["MP107 PA"].ForecastReturnOn);
        Assert.Equal(D(2020, 8, 28), july["MP107 PA"].ForecastReturnOn);
        Assert.Null(april["MP107 PA"].ForecastReturnOn);
        await Eventually.PublishedAsync<AssessmentReturnForecast>(Suite.Harness, m => m.Context.Message is { Reference: "MP107" } e && e.ForecastReturnOn == On(2020, 8, 28));
    }

    [Fact]
    public async Task Only_SECAS_withdraws_a_request_and_only_the_DCC_accepts_afresh_or_forecasts()
    {
        await Dcc.KnowAsync("MP119");
        await Dcc.OpenAsync("MP119", AssessmentKind.Preliminary, On(2020, 7, 14), 15);

        var dcc = new AssessmentsService.AssessmentsServiceClient(Suite.Channel("DCC integration", "Data Communications Company", [SecRoles.Dcc]));
        var secas = new AssessmentsService.AssessmentsServiceClient(Suite.Channel("Holly Burton", "SECAS", [SecRoles.Secas]));
        var dccWithdraws = await Assert.ThrowsAsync<RpcException>(() => dcc.WithdrawAssessmentAsync(new WithdrawAssessmentRequest
        {
            Assessment = Key("MP119", AssessmentKind.Preliminary), WithdrawnOn = D(2020, 7, 20), Reason = "Not the DCC's to withdraw",
        }).ResponseAsync);
        var secasForecasts = await Assert.ThrowsAsync<RpcException>(() => secas.ForecastReturnAsync(new ForecastReturnRequest
        {
            IdempotencyKey = "secas-forecast", Assessment = Key("MP119", AssessmentKind.Preliminary), MadeOn = D(2020, 7, 20), ForecastReturnOn = D(2020, 8, 3),
        }).ResponseAsync);

        Assert.Equal(StatusCode.PermissionDenied, dccWithdraws.StatusCode);
        Assert.Equal(StatusCode.PermissionDenied, secasForecasts.StatusCode);
    }
}
