using Google.Protobuf;
using Sec.Assessments.V1;
using static Sec.Assessments.Api.AssessmentsMapping;
using Proto = Sec.Assessments.V1;

namespace Sec.Assessments.Api;

/// <summary>The DCC's posts: each names its assessment by modification and kind and carries the DCC's idempotency key.</summary>
public sealed partial class AssessmentsApi
{
    private const string DccReferenceField = "assessment.reference.value";

    [Authorize(Roles = SecRoles.Dcc)]
    public override Task<AcceptAssessmentResponse> AcceptAssessment(AcceptAssessmentRequest request, ServerCallContext context)
    {
        var checks = DccChecks(request.IdempotencyKey, request.Assessment, out var assessment);
        var acceptedOn = NotFuture(checks.Date(request.AcceptedOn, "accepted_on"), "accepted_on", checks);
        if (request.HasTargetWorkingDays)
            checks.Check(request.TargetWorkingDays > 0, "target_working_days", $"must be a positive number of working days (got {request.TargetWorkingDays}); leave it out for the default")
                  .Check(request.TargetWorkingDays <= 1000, "target_working_days", "must be at most 1000 working days");
        checks.ThrowIfAny();
        var acceptance = new DccAcceptance(Post(request.IdempotencyKey, request), assessment!, acceptedOn, request.HasTargetWorkingDays ? request.TargetWorkingDays : null);
        return dcc.AcceptAsync(acceptance, Answer(AcceptAssessmentResponse.Parser, a => new AcceptAssessmentResponse { Assessment = a }), context.CancellationToken);
    }

    [Authorize(Roles = SecRoles.Dcc)]
    public override Task<AcceptAssessmentAfreshResponse> AcceptAssessmentAfresh(AcceptAssessmentAfreshRequest request, ServerCallContext context)
    {
        var checks = DccChecks(request.IdempotencyKey, request.Assessment, out var assessment);
        var acceptedOn = NotFuture(checks.Date(request.AcceptedOn, "accepted_on"), "accepted_on", checks);
        var madeOn = request.MadeOn is null ? acceptedOn : NotFuture(checks.Date(request.MadeOn, "made_on"), "made_on", checks);
        if (request.HasTargetWorkingDays)
            checks.Check(request.TargetWorkingDays is > 0 and <= 1000, "target_working_days", $"must be 1 to 1000 working days (got {request.TargetWorkingDays}); leave it out to keep the current target");
        checks.RequiredText(request.Reason, "reason", 1000);
        checks.ThrowIfAny();
        var afresh = new DccFreshAcceptance(Post(request.IdempotencyKey, request), assessment!, acceptedOn, madeOn,
            request.HasTargetWorkingDays ? request.TargetWorkingDays : null, request.Reason.Trim());
        return dcc.AcceptAfreshAsync(afresh, Answer(AcceptAssessmentAfreshResponse.Parser, a => new AcceptAssessmentAfreshResponse { Assessment = a }), context.CancellationToken);
    }

    [Authorize(Roles = SecRoles.Dcc)]
    public override Task<ForecastReturnResponse> ForecastReturn(ForecastReturnRequest request, ServerCallContext context)
    {
        var checks = DccChecks(request.IdempotencyKey, request.Assessment, out var assessment);
        var returnOn = checks.Date(request.ForecastReturnOn, "forecast_return_on");
        var madeOn = NotFuture(checks.Date(request.MadeOn, "made_on"), "made_on", checks);
        checks.ThrowIfAny();
        var forecast = new DccReturnForecast(Post(request.IdempotencyKey, request), assessment!, madeOn, returnOn);
        return dcc.ForecastReturnAsync(forecast, Answer(ForecastReturnResponse.Parser, a => new ForecastReturnResponse { Assessment = a }), context.CancellationToken);
    }

    [Authorize(Roles = SecRoles.Dcc)]
    public override Task<StopClockResponse> StopClock(StopClockRequest request, ServerCallContext context)
    {
        var checks = DccChecks(request.IdempotencyKey, request.Assessment, out var assessment);
        if (request.Stop is null)
            checks.Add("stop", "is required: the first day stopped, and the last if known");
        var from = request.Stop is null ? default : NotFuture(checks.Date(request.Stop.From, "stop.from"), "stop.from", checks);
        DateOnly? to = request.Stop?.To is null ? null : NotFuture(checks.Date(request.Stop.To, "stop.to"), "stop.to", checks);
        checks.OptionalText(request.Stop?.Reason, "stop.reason", 1000);
        if (to is { } end && from != default)
            checks.Check(end >= from, "stop.to", $"{end:yyyy-MM-dd} is before the stop starts on {from:yyyy-MM-dd}");
        checks.ThrowIfAny();
        var stop = new DccClockStop(Post(request.IdempotencyKey, request), assessment!, new ClockStopPeriod(from, to, request.Stop!.Reason?.Trim() ?? ""));
        return dcc.StopClockAsync(stop, Answer(StopClockResponse.Parser, a => new StopClockResponse { Assessment = a }), context.CancellationToken);
    }

    [Authorize(Roles = SecRoles.Dcc)]
    public override Task<RestartClockResponse> RestartClock(RestartClockRequest request, ServerCallContext context)
    {
        var checks = DccChecks(request.IdempotencyKey, request.Assessment, out var assessment);
        var until = NotFuture(checks.Date(request.StoppedUntil, "stopped_until"), "stopped_until", checks);
        checks.ThrowIfAny();
        var restart = new DccClockRestart(Post(request.IdempotencyKey, request), assessment!, until);
        return dcc.RestartClockAsync(restart, Answer(RestartClockResponse.Parser, a => new RestartClockResponse { Assessment = a }), context.CancellationToken);
    }

    [Authorize(Roles = SecRoles.Dcc)]
    public override Task<ReturnAssessmentResponse> ReturnAssessment(ReturnAssessmentRequest request, ServerCallContext context)
    {
        var checks = DccChecks(request.IdempotencyKey, request.Assessment, out var assessment);
        var returnedOn = NotFuture(checks.Date(request.ReturnedOn, "returned_on"), "returned_on", checks);
        if (request.Costs is null)
            checks.Add("costs", "is required: a return carries the DCC's costs (implementation per activity, operational one-off and ongoing)");
        var costs = Costs(request.Costs, checks);
        CostRules.Check(costs, checks);
        checks.ThrowIfAny();
        var returned = new DccReturn(Post(request.IdempotencyKey, request), assessment!, returnedOn, costs);
        return dcc.ReturnAsync(returned, Answer(ReturnAssessmentResponse.Parser, a => new ReturnAssessmentResponse { Assessment = a }), context.CancellationToken);
    }

    /// <summary>The checks every DCC post starts with: its key, and the assessment it names (null when a check failed), its reference made canonical.</summary>
    private static FieldChecks DccChecks(string key, DccAssessmentKey? named, out DccAssessment? assessment)
    {
        var checks = new FieldChecks();
        checks.RequiredText(key, "idempotency_key", 200);
        assessment = Named(named, checks);
        return checks;
    }

    /// <summary>The assessment a request names by modification and kind (null when a check failed), its reference made canonical.</summary>
    private static DccAssessment? Named(DccAssessmentKey? named, FieldChecks checks)
    {
        DccAssessment? assessment;
        if (named is null)
            checks.Add("assessment", "is required: the modification and the kind of assessment");
        var reference = Reference(named?.Reference, DccReferenceField, checks);
        var kind = Kind(named?.Kind ?? Proto.AssessmentKind.Unspecified, "assessment.kind", checks);
        assessment = reference is not null && kind is { } k ? new DccAssessment(reference, k) : null;
        // The post is hashed as its canonical form, so 'mp122' and 'MP122' under one key are one post.
        if (reference is not null)
            named!.Reference.Value = reference.Value;
        return assessment;
    }

    /// <summary>The post as the door hashes it: the request's proto bytes, its reference made canonical by <see cref="DccChecks"/>.</summary>
    private static DccPost Post(string idempotencyKey, IMessage request) => new(idempotencyKey, request.ToByteArray());

    /// <summary>The post's answer, kept and read back as the response's proto bytes.</summary>
    private DccAnswer<TResponse> Answer<TResponse>(MessageParser<TResponse> parser, Func<Proto.Assessment, TResponse> wrap)
        where TResponse : IMessage<TResponse> =>
        new(a => wrap(a.ToProto(legal)), r => r.ToByteArray(), parser.ParseFrom);
}
