using Sec.Assessments.V1;
using Activity = Sec.Assessments.Domain.Activity;
using ActivityCost = Sec.Assessments.Domain.ActivityCost;
using AssessmentCosts = Sec.Assessments.Domain.AssessmentCosts;
using Proto = Sec.Assessments.V1;

namespace Sec.Assessments.Api;

/// <summary>Maps the Assessments protos to the domain's values, naming each bad field, and the domain's results back.</summary>
internal static class AssessmentsMapping
{
    public static ModificationReference? Reference(Common.V1.ModificationReference? reference, string field, FieldChecks checks)
    {
        if (ModificationReference.TryParse(reference?.Value, out var r))
            return r;
        checks.Add(field, ModificationReference.NotAReference(reference?.Value));
        return null;
    }

    public static AssessmentKind? Kind(Proto.AssessmentKind kind, string field, FieldChecks checks)
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

    public static AssessmentCosts Costs(Proto.AssessmentCosts? costs, FieldChecks checks)
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

    private static Common.V1.MoneyRange ToProto(PenceRange range) => new() { LowPence = range.Low, HighPence = range.High };

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

    private static Common.V1.ModificationReference ToProto(string reference) => new() { Value = reference };

    public static Proto.Assessment ToProto(this Domain.Assessment a, LegalWorkingDays legal)
    {
        var message = new Proto.Assessment
        {
            AssessmentId = a.Id,
            Reference = ToProto(a.Reference),
            Kind = ToProto(a.Kind),
            Status = (Proto.AssessmentStatus)(int)a.Status,
            RequestedOn = a.RequestedOn.ToProto(),
            AcceptedOn = a.AcceptedOn?.ToProto(),
            TargetWorkingDays = a.TargetWorkingDays,
            DueOn = a.DueOn(legal)?.ToProto(),
            ReturnedOn = a.ReturnedOn?.ToProto(),
            ReRequests = a.ReRequests ?? "",
            Version = a.Version,
            WithdrawnOn = a.Status == Domain.AssessmentStatus.Withdrawn ? a.ClosedOn?.ToProto() : null,
            WithdrawalReason = a.WithdrawalReason ?? "",
            ForecastReturnOn = a.Forecasts.Count == 0 ? null : a.Forecasts[^1].ReturnOn.ToProto(),
        };
        message.PastAcceptances.AddRange(a.PastAcceptances.Select(p => new Proto.PastAcceptance
        {
            AcceptedOn = p.AcceptedOn.ToProto(), TargetWorkingDays = p.TargetWorkingDays, SupersededOn = p.SupersededOn.ToProto(), Reason = p.Reason,
        }));
        message.Forecasts.AddRange(a.Forecasts.Select(f => new Proto.ReturnForecast { MadeOn = f.MadeOn.ToProto(), ReturnOn = f.ReturnOn.ToProto() }));
        message.ClockStops.AddRange(a.ClockStops.Select(s => new Proto.ClockStop { From = s.From.ToProto(), To = s.To?.ToProto(), Reason = s.Reason }));
        if (a.Costs is { } costs)
        {
            message.Costs = new Proto.AssessmentCosts
            {
                OperationalOneOff = costs.OperationalOneOff is { } o ? ToProto(o) : null,
                OperationalOngoing = costs.OperationalOngoing is { } g ? ToProto(g) : null,
            };
            foreach (var line in costs.Implementation)
            {
                var cost = new Proto.ActivityCost { Activity = ToProto(line.Activity), Cost = ToProto(line.Cost) };
                cost.Covers.AddRange(line.Covers.Select(ToProto));
                message.Costs.Implementation.Add(cost);
            }
        }
        return message;
    }

    public static GetTimescalesResponse ToProto(this Timescales timescales)
    {
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
            Reference = ToProto(l.Reference), Kind = ToProto(l.Kind), AcceptedOn = l.AcceptedOn.ToProto(),
            TargetWorkingDays = l.Target, CurrentWorkingDays = l.CurrentDuration, Overdue = l.Overdue, ForecastReturnOn = l.ForecastReturnOn?.ToProto(),
        }));
        response.Completed.AddRange(timescales.Completed.Select(l => new CompletedAssessmentLine
        {
            Reference = ToProto(l.Reference), Kind = ToProto(l.Kind), ReturnedOn = l.ReturnedOn.ToProto(),
            TargetWorkingDays = l.Target, ActualWorkingDays = l.ActualDuration,
        }));
        return response;
    }

    public static Common.V1.KnownModification ToProto(this RegisteredModification known) => new()
    {
        Reference = ToProto(known.Reference),
        Title = known.Title,
        RaisedOn = known.RaisedOn.ToProto(),
    };
}
