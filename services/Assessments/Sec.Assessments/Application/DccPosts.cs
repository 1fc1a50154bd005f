using Sec.BuildingBlocks.Application;
using Sec.BuildingBlocks.Hosting;

namespace Sec.Assessments.Application;

/// <summary>
/// The DCC's posts about an assessment: accept it, stop and restart its clock, return it. Each goes
/// through the <see cref="DccDoor"/>, so a repeated post gets its first answer and changes nothing.
/// </summary>
public sealed class DccPosts(AssessmentsStore store, AssessmentRepository assessments, DccDoor door, ICurrentActor actor, IClock clock)
{
    /// <summary>The field that names the assessment in every DCC post, for a refusal of its reference.</summary>
    private const string ReferenceField = "assessment.reference.value";

    public Task<TResponse> AcceptAsync<TResponse>(DccAcceptance command, DccAnswer<TResponse> answer, CancellationToken ct) =>
        PostAsync(new("accept", "AcceptAssessment", command.AcceptedOn), command.Post, command.Assessment, answer, a => Accept(a, command), ct);

    public Task<TResponse> StopClockAsync<TResponse>(DccClockStop command, DccAnswer<TResponse> answer, CancellationToken ct) =>
        PostAsync(new("clock-stop", "StopClock", command.Stop.From), command.Post, command.Assessment, answer, a => a.StopClock(command.Stop), ct);

    public Task<TResponse> RestartClockAsync<TResponse>(DccClockRestart command, DccAnswer<TResponse> answer, CancellationToken ct) =>
        PostAsync(new("clock-restart", "RestartClock", command.StoppedUntil), command.Post, command.Assessment, answer, a => a.RestartClock(command.StoppedUntil), ct);

    public Task<TResponse> ReturnAsync<TResponse>(DccReturn command, DccAnswer<TResponse> answer, CancellationToken ct) =>
        PostAsync(new("return", "ReturnAssessment", command.ReturnedOn), command.Post, command.Assessment, answer, a => a.Return(command.ReturnedOn, command.Costs), ct);

    public Task<TResponse> AcceptAfreshAsync<TResponse>(DccFreshAcceptance command, DccAnswer<TResponse> answer, CancellationToken ct) =>
        PostAsync(new("accept-afresh", "AcceptAssessmentAfresh", command.MadeOn), command.Post, command.Assessment, answer,
            a => a.AcceptAfresh(command.AcceptedOn, command.MadeOn, command.TargetWorkingDays, command.Reason), ct);

    public Task<TResponse> ForecastReturnAsync<TResponse>(DccReturnForecast command, DccAnswer<TResponse> answer, CancellationToken ct) =>
        PostAsync(new("forecast-return", "ForecastReturn", command.MadeOn), command.Post, command.Assessment, answer, a => a.ForecastReturn(command.MadeOn, command.ReturnOn), ct);

    /// <summary>
    /// The domain takes an accept already in (same date) as a repeat; under a new key with another
    /// target it is a conflict, refused rather than answered as if the target had been taken.
    /// </summary>
    private static Changed<Assessment> Accept(Assessment assessment, DccAcceptance command)
    {
        var target = command.TargetWorkingDays ?? Assessment.DefaultTarget(assessment.Kind);
        if (assessment.Status == AssessmentStatus.Accepted && assessment.AcceptedOn == command.AcceptedOn && assessment.TargetWorkingDays != target)
            throw new MoveNotAllowed($"{assessment.Name} was accepted on {command.AcceptedOn:yyyy-MM-dd} with a target of {assessment.TargetWorkingDays} working days; " +
                $"this accept's target of {target} conflicts with it.");
        return assessment.Accept(command.AcceptedOn, command.TargetWorkingDays);
    }

    /// <summary>
    /// A DCC step: its name at the door (what stored posts keep, so it never changes), its RPC, and
    /// the business date the DCC gives it.
    /// </summary>
    private sealed record DccStep(string DoorOperation, string Rpc, DateOnly EffectiveOn);

    /// <summary>
    /// Loads the assessment the post names, runs the DCC's step, saves it, enqueues what the step
    /// caused and attributes it to the DCC's caller; a repeated post changes nothing and is not attributed again.
    /// </summary>
    private Task<TResponse> PostAsync<TResponse>(DccStep operation, DccPost post, DccAssessment named, DccAnswer<TResponse> answer,
        Func<Assessment, Changed<Assessment>> step, CancellationToken ct) =>
        door.PostAsync(operation.DoorOperation, post, answer, async (c, tx) =>
        {
            var before = await assessments.LatestAsync(c, tx, named.Reference, named.Kind, ct, ReferenceField);
            var (after, effects) = step(before);
            var now = clock.UtcNow;
            await assessments.SaveAsync(c, tx, before, after);
            await store.EnqueueAsync(c, tx, effects, now);
            await store.AttributeAsync(c, tx, new Attribution(operation.Rpc, after.Id, after.Reference, operation.EffectiveOn), actor.Caller(), now);
            return after;
        }, ct);
}
