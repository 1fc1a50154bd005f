using Sec.Assessments.V1;
using Sec.Calendar;
using Sec.Contracts;
using AssessmentKind = Sec.Assessments.V1.AssessmentKind;

namespace Sec.ServiceTests.Assessments;

/// <summary>Builds assessments through the public APIs: the register knows the modification, SECAS requests, the Change Board approves, the DCC posts.</summary>
public sealed class Dcc(SuiteFactory suite) : ContextDriver<Dcc>(suite, D(2016, 1, 4))
{
    private static readonly PublishedWeekdays Published = new();
    private int _keys;

    public AssessmentsService.AssessmentsServiceClient Client { get; } = new(suite.Channel("DCC integration", "Data Communications Company"));

    protected override async Task<IMessage> GetKnownAsync(ModificationReference reference) =>
        await Client.GetKnownModificationAsync(new() { Reference = reference });

    public async Task<Assessment> RequestAsync(string reference, AssessmentKind kind, DateOnly on)
    {
        var requested = (await Client.RequestAssessmentAsync(new RequestAssessmentRequest { Reference = Ref(reference), Kind = kind, RequestedOn = Proto(on) })).Assessment;
        if (kind == AssessmentKind.Impact)
        {
            await Suite.Harness.Bus.Publish(new ImpactAssessmentRequestDecided(Guid.NewGuid(), reference, on, ImpactAssessmentRequestOutcome.Approved));
            await Eventually.UntilAsync(async () => (await Client.GetAssessmentAsync(new() { AssessmentId = requested.AssessmentId })).Assessment.Status == AssessmentStatus.Approved,
                $"the Change Board's approval of the {reference} Impact Assessment");
        }
        return requested;
    }

    public async Task<Assessment> AcceptAsync(string reference, AssessmentKind kind, DateOnly on, int target) =>
        (await Client.AcceptAssessmentAsync(new AcceptAssessmentRequest
        {
            IdempotencyKey = $"accept-{Interlocked.Increment(ref _keys)}",
            Assessment = new DccAssessmentKey { Reference = Ref(reference), Kind = kind },
            AcceptedOn = Proto(on),
            TargetWorkingDays = target,
        })).Assessment;

    public async Task<Assessment> ReturnAsync(string reference, AssessmentKind kind, DateOnly on) =>
        (await Client.ReturnAssessmentAsync(new ReturnAssessmentRequest
        {
            IdempotencyKey = $"return-{Interlocked.Increment(ref _keys)}",
            Assessment = new DccAssessmentKey { Reference = Ref(reference), Kind = kind },
            ReturnedOn = Proto(on),
            Costs = new AssessmentCosts(),
        })).Assessment;

    /// <summary>An open assessment as the report lists it: accepted on a date.</summary>
    public async Task OpenAsync(string reference, AssessmentKind kind, DateOnly accepted, int target)
    {
        await RequestAsync(reference, kind, accepted);
        await AcceptAsync(reference, kind, accepted, target);
    }

    /// <summary>A completed assessment as the report lists it: returned on a date after an actual duration, its start derived by the published convention.</summary>
    public async Task CompletedAsync(string reference, AssessmentKind kind, DateOnly returned, int target, int actual)
    {
        var accepted = Published.StartFor(returned, actual);
        await RequestAsync(reference, kind, accepted);
        await AcceptAsync(reference, kind, accepted, target);
        await ReturnAsync(reference, kind, returned);
    }

    public static Google.Type.Date Proto(DateOnly d) => D(d.Year, d.Month, d.Day);
}
