using System.Globalization;
using Grpc.Core;
using Sec.Assessments.Domain;
using Sec.Assessments.Storage;
using Sec.Assessments.V1;
using Sec.BuildingBlocks.Api;
using Sec.BuildingBlocks.Domain;
using Sec.BuildingBlocks.ReadModels;
using Sec.Calendar;
using Sec.Contracts;
using Activity = Sec.Assessments.Domain.Activity;
using ActivityCost = Sec.Assessments.Domain.ActivityCost;
using AssessmentCosts = Sec.Assessments.Domain.AssessmentCosts;
using Proto = Sec.Assessments.V1;

namespace Sec.Assessments.Api;

/// <summary>The Assessments context's gRPC surface, and through transcoding the DCC's JSON door.</summary>
public sealed class AssessmentsApi(
    AssessmentsStore store,
    AssessmentRepository assessments,
    DccDoor door,
    DurationPolicy durations,
    LegalWorkingDays legal,
    IClock clock) : AssessmentsService.AssessmentsServiceBase
{
    public override async Task<RequestAssessmentResponse> RequestAssessment(RequestAssessmentRequest request, ServerCallContext context)
    {
        var checks = new FieldChecks();
        var reference = Reference(request.Reference, "reference.value", checks);
        var kind = Kind(request.Kind, "kind", checks);
        var requestedOn = NotFuture(checks.Date(request.RequestedOn, "requested_on"), "requested_on", checks);
        checks.ThrowIfAny();
        var assessment = await assessments.RequestAsync(reference!, kind!.Value, requestedOn, null, context.CancellationToken);
        return new RequestAssessmentResponse { Assessment = ToProto(assessment) };
    }

    public override async Task<ReRequestAssessmentResponse> ReRequestAssessment(ReRequestAssessmentRequest request, ServerCallContext context)
    {
        var checks = new FieldChecks();
        checks.RequiredText(request.AssessmentId, "assessment_id", 36);
        var requestedOn = NotFuture(checks.Date(request.RequestedOn, "requested_on"), "requested_on", checks);
        checks.ThrowIfAny();
        var old = await assessments.GetAsync(request.AssessmentId, context.CancellationToken);
        if (!old.IsClosed)
            throw new MoveNotAllowed($"{old.Name} is {old.Status}; only a returned, rejected or cancelled assessment can be re-requested.");
        var renewed = await assessments.RequestAsync(ModificationReference.Parse(old.Reference, "reference"), old.Kind, requestedOn, old.Id, context.CancellationToken);
        return new ReRequestAssessmentResponse { Assessment = ToProto(renewed) };
    }

    public override Task<AcceptAssessmentResponse> AcceptAssessment(AcceptAssessmentRequest request, ServerCallContext context)
    {
        var checks = DccChecks(request.IdempotencyKey, request.Assessment, out var reference, out var kind);
        var acceptedOn = NotFuture(checks.Date(request.AcceptedOn, "accepted_on"), "accepted_on", checks);
        if (request.HasTargetWorkingDays)
            checks.Check(request.TargetWorkingDays > 0, "target_working_days", $"must be a positive number of working days (got {request.TargetWorkingDays}); leave it out for the default")
                  .Check(request.TargetWorkingDays <= 1000, "target_working_days", "must be at most 1000 working days");
        checks.ThrowIfAny();
        return door.PostAsync(request.IdempotencyKey, "accept", request, async (connection, tx) =>
        {
            var before = await assessments.LatestAsync(connection, tx, reference!, kind!.Value, context.CancellationToken, DccReferenceField);
            var after = before.Accept(acceptedOn, request.HasTargetWorkingDays ? request.TargetWorkingDays : null);
            await assessments.SaveAsync(connection, tx, before, after, (_, a) =>
                [new AssessmentAccepted(Guid.NewGuid(), a.Reference, acceptedOn, a.Id, a.Kind, a.TargetWorkingDays)]);
            return new AcceptAssessmentResponse { Assessment = ToProto(after) };
        }, AcceptAssessmentResponse.Parser, context.CancellationToken);
    }

    public override Task<StopClockResponse> StopClock(StopClockRequest request, ServerCallContext context)
    {
        var checks = DccChecks(request.IdempotencyKey, request.Assessment, out var reference, out var kind);
        if (request.Stop is null)
            checks.Add("stop", "is required: the first day stopped, and the last if known");
        var from = request.Stop is null ? default : NotFuture(checks.Date(request.Stop.From, "stop.from"), "stop.from", checks);
        DateOnly? to = request.Stop?.To is null ? null : NotFuture(checks.Date(request.Stop.To, "stop.to"), "stop.to", checks);
        checks.OptionalText(request.Stop?.Reason, "stop.reason", 1000);
        if (to is { } end && from != default)
            checks.Check(end >= from, "stop.to", $"{end:yyyy-MM-dd} is before the stop starts on {from:yyyy-MM-dd}");
        checks.ThrowIfAny();
        return door.PostAsync(request.IdempotencyKey, "clock-stop", request, async (connection, tx) =>
        {
            var before = await assessments.LatestAsync(connection, tx, reference!, kind!.Value, context.CancellationToken, DccReferenceField);
            var after = before.StopClock(new ClockStopPeriod(from, to, request.Stop!.Reason?.Trim() ?? ""));
            await assessments.SaveAsync(connection, tx, before, after, (_, a) =>
            {
                var events = new List<IIntegrationEvent> { new AssessmentClockStopped(Guid.NewGuid(), a.Reference, from, a.Id, a.Kind, request.Stop.Reason ?? "") };
                if (to is { } restarted)
                    events.Add(new AssessmentClockRestarted(Guid.NewGuid(), a.Reference, restarted, a.Id, a.Kind));
                return events;
            });
            return new StopClockResponse { Assessment = ToProto(after) };
        }, StopClockResponse.Parser, context.CancellationToken);
    }

    public override Task<RestartClockResponse> RestartClock(RestartClockRequest request, ServerCallContext context)
    {
        var checks = DccChecks(request.IdempotencyKey, request.Assessment, out var reference, out var kind);
        var until = NotFuture(checks.Date(request.StoppedUntil, "stopped_until"), "stopped_until", checks);
        checks.ThrowIfAny();
        return door.PostAsync(request.IdempotencyKey, "clock-restart", request, async (connection, tx) =>
        {
            var before = await assessments.LatestAsync(connection, tx, reference!, kind!.Value, context.CancellationToken, DccReferenceField);
            var after = before.RestartClock(until);
            await assessments.SaveAsync(connection, tx, before, after, (_, a) =>
                [new AssessmentClockRestarted(Guid.NewGuid(), a.Reference, until, a.Id, a.Kind)]);
            return new RestartClockResponse { Assessment = ToProto(after) };
        }, RestartClockResponse.Parser, context.CancellationToken);
    }

    public override Task<ReturnAssessmentResponse> ReturnAssessment(ReturnAssessmentRequest request, ServerCallContext context)
    {
        var checks = DccChecks(request.IdempotencyKey, request.Assessment, out var reference, out var kind);
        var returnedOn = NotFuture(checks.Date(request.ReturnedOn, "returned_on"), "returned_on", checks);
        var costs = Costs(request.Costs, checks);
        CostRules.Check(costs, checks);
        checks.ThrowIfAny();
        return door.PostAsync(request.IdempotencyKey, "return", request, async (connection, tx) =>
        {
            var before = await assessments.LatestAsync(connection, tx, reference!, kind!.Value, context.CancellationToken, DccReferenceField);
            var after = before.Return(returnedOn, costs);
            await assessments.SaveAsync(connection, tx, before, after, (_, a) =>
            [
                new AssessmentReturned(Guid.NewGuid(), a.Reference, returnedOn, a.Id, a.Kind,
                    costs.Implementation.Select(AssessmentRepository.ToContract).ToList(),
                    costs.OperationalOneOff is { } o ? new CostLine("OperationalOneOff", o.Low, o.High, []) : null,
                    costs.OperationalOngoing is { } g ? new CostLine("OperationalOngoing", g.Low, g.High, []) : null),
            ]);
            return new ReturnAssessmentResponse { Assessment = ToProto(after) };
        }, ReturnAssessmentResponse.Parser, context.CancellationToken);
    }

    public override async Task<GetAssessmentResponse> GetAssessment(GetAssessmentRequest request, ServerCallContext context)
    {
        if (string.IsNullOrWhiteSpace(request.AssessmentId))
            throw new InvalidFields("assessment_id", "is required");
        return new GetAssessmentResponse { Assessment = ToProto(await assessments.GetAsync(request.AssessmentId.Trim(), context.CancellationToken)) };
    }

    public override async Task<ListAssessmentsResponse> ListAssessments(ListAssessmentsRequest request, ServerCallContext context)
    {
        var reference = ModificationReference.Parse(request.Reference?.Value, "reference.value");
        var response = new ListAssessmentsResponse();
        response.Assessments.AddRange((await assessments.OfAsync(reference, context.CancellationToken)).Select(ToProto));
        return response;
    }

    public override async Task<GetTimescalesResponse> GetTimescales(GetTimescalesRequest request, ServerCallContext context)
    {
        var checks = new FieldChecks();
        var periodEnd = checks.IsoDate(request.PeriodEnd, "period_end");
        var asOf = checks.IsoDate(request.AsOf, "as_of");
        checks.ThrowIfAny();
        var timescales = Timescales.Of(await assessments.ForTimescalesAsync(periodEnd, asOf, context.CancellationToken), periodEnd, asOf, durations.Policy, legal);
        var response = new GetTimescalesResponse();
        response.Summary.AddRange(timescales.Summary.Select(s => new TimescalesSummaryLine
        {
            Kind = ToProto(s.Kind),
            OpenCount = s.OpenCount,
            OpenAverageWorkingDays = s.OpenAverage,
            CompletedCount = s.CompletedCount,
            CompletedAverageWorkingDays = s.CompletedAverage,
        }));
        response.Open.AddRange(timescales.Open.Select(l => new OpenAssessmentLine
        {
            Reference = new Common.V1.ModificationReference { Value = l.Reference },
            Kind = ToProto(l.Kind),
            AcceptedOn = l.AcceptedOn.ToProto(),
            TargetWorkingDays = l.Target,
            CurrentWorkingDays = l.CurrentDuration,
            Overdue = l.Overdue,
        }));
        response.Completed.AddRange(timescales.Completed.Select(l => new CompletedAssessmentLine
        {
            Reference = new Common.V1.ModificationReference { Value = l.Reference },
            Kind = ToProto(l.Kind),
            ReturnedOn = l.ReturnedOn.ToProto(),
            TargetWorkingDays = l.Target,
            ActualWorkingDays = l.ActualDuration,
        }));
        return response;
    }

    public override async Task<GetKnownModificationResponse> GetKnownModification(GetKnownModificationRequest request, ServerCallContext context) =>
        new() { Modification = await KnownModifications.LookupAsync(store, request.Reference, context.CancellationToken) };

    private const string DccReferenceField = "assessment.reference.value";

    private static FieldChecks DccChecks(string key, DccAssessmentKey? assessment, out ModificationReference? reference, out AssessmentKind? kind)
    {
        var checks = new FieldChecks();
        checks.RequiredText(key, "idempotency_key", 200);
        if (assessment is null)
            checks.Add("assessment", "is required: the modification and the kind of assessment");
        reference = Reference(assessment?.Reference, DccReferenceField, checks);
        kind = Kind(assessment?.Kind ?? Proto.AssessmentKind.Unspecified, "assessment.kind", checks);
        return checks;
    }

    private DateOnly NotFuture(DateOnly date, string field, FieldChecks checks)
    {
        if (date != default)
            checks.Check(date <= clock.Today, field, $"{date:yyyy-MM-dd} is in the future");
        return date;
    }

    private static ModificationReference? Reference(Common.V1.ModificationReference? reference, string field, FieldChecks checks)
    {
        if (ModificationReference.TryParse(reference?.Value, out var r))
            return r;
        checks.Add(field, $"'{reference?.Value}' is not a modification reference");
        return null;
    }

    private static AssessmentKind? Kind(Proto.AssessmentKind kind, string field, FieldChecks checks)
    {
        AssessmentKind? mapped = kind switch
        {
            Proto.AssessmentKind.Preliminary => AssessmentKind.Preliminary,
            Proto.AssessmentKind.Impact => AssessmentKind.Impact,
            _ => null,
        };
        if (mapped is null)
            checks.Add(field, "must be a Preliminary or an Impact Assessment");
        return mapped;
    }

    private static AssessmentCosts Costs(Proto.AssessmentCosts? costs, FieldChecks checks)
    {
        if (costs is null)
            return new AssessmentCosts([], null, null);
        var lines = new List<ActivityCost>();
        for (var i = 0; i < costs.Implementation.Count; i++)
        {
            var line = costs.Implementation[i];
            var activity = ActivityOf(line.Activity);
            if (activity is null)
                checks.Add($"costs.implementation[{i}].activity", $"{line.Activity} is not one of Design, Build, Pre-Integration Testing, System Integration Testing, User Integration Testing, Implement to Live or Combined");
            if (line.Cost is null)
                checks.Add($"costs.implementation[{i}].cost", "is required");
            var covers = new List<Activity>();
            foreach (var covered in line.Covers)
            {
                if (ActivityOf(covered) is { } c)
                    covers.Add(c);
                else
                    checks.Add($"costs.implementation[{i}].covers", $"{covered} is not an activity");
            }
            if (activity is { } a && line.Cost is { } cost)
                lines.Add(new ActivityCost(a, new PenceRange(cost.LowPence, cost.HighPence), covers));
        }
        return new AssessmentCosts(lines, Range(costs.OperationalOneOff), Range(costs.OperationalOngoing));
    }

    private static PenceRange? Range(Common.V1.MoneyRange? range) => range is null ? null : new PenceRange(range.LowPence, range.HighPence);

    private static Activity? ActivityOf(Proto.Activity activity) => activity switch
    {
        Proto.Activity.Design => Activity.Design,
        Proto.Activity.Build => Activity.Build,
        Proto.Activity.PreIntegrationTesting => Activity.PreIntegrationTesting,
        Proto.Activity.SystemIntegrationTesting => Activity.SystemIntegrationTesting,
        Proto.Activity.UserIntegrationTesting => Activity.UserIntegrationTesting,
        Proto.Activity.ImplementToLive => Activity.ImplementToLive,
        Proto.Activity.Combined => Activity.Combined,
        _ => null,
    };

    private static Proto.Activity ToProto(Activity activity) => activity switch
    {
        Activity.Design => Proto.Activity.Design,
        Activity.Build => Proto.Activity.Build,
        Activity.PreIntegrationTesting => Proto.Activity.PreIntegrationTesting,
        Activity.SystemIntegrationTesting => Proto.Activity.SystemIntegrationTesting,
        Activity.UserIntegrationTesting => Proto.Activity.UserIntegrationTesting,
        Activity.ImplementToLive => Proto.Activity.ImplementToLive,
        _ => Proto.Activity.Combined,
    };


    private static Proto.AssessmentKind ToProto(AssessmentKind kind) =>
        kind == AssessmentKind.Preliminary ? Proto.AssessmentKind.Preliminary : Proto.AssessmentKind.Impact;

    private Proto.Assessment ToProto(Domain.Assessment a)
    {
        var message = new Proto.Assessment
        {
            AssessmentId = a.Id,
            Reference = new Common.V1.ModificationReference { Value = a.Reference },
            Kind = ToProto(a.Kind),
            Status = (Proto.AssessmentStatus)(int)a.Status,
            RequestedOn = a.RequestedOn.ToProto(),
            AcceptedOn = a.AcceptedOn?.ToProto(),
            TargetWorkingDays = a.TargetWorkingDays,
            DueOn = a.DueOn(legal)?.ToProto(),
            ReturnedOn = a.ReturnedOn?.ToProto(),
            ReRequests = a.ReRequests ?? "",
            Version = a.Version,
        };
        message.ClockStops.AddRange(a.ClockStops.Select(s => new Proto.ClockStop { From = s.From.ToProto(), To = s.To?.ToProto(), Reason = s.Reason }));
        if (a.Costs is { } costs)
        {
            message.Costs = new Proto.AssessmentCosts
            {
                OperationalOneOff = costs.OperationalOneOff is { } o ? new Common.V1.MoneyRange { LowPence = o.Low, HighPence = o.High } : null,
                OperationalOngoing = costs.OperationalOngoing is { } g ? new Common.V1.MoneyRange { LowPence = g.Low, HighPence = g.High } : null,
            };
            foreach (var line in costs.Implementation)
            {
                var cost = new Proto.ActivityCost { Activity = ToProto(line.Activity), Cost = new Common.V1.MoneyRange { LowPence = line.Cost.Low, HighPence = line.Cost.High } };
                cost.Covers.AddRange(line.Covers.Select(ToProto));
                message.Costs.Implementation.Add(cost);
            }
        }
        return message;
    }
}
