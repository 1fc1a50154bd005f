using Sec.BuildingBlocks.Application;

namespace Sec.Assessments.Application;

/// <summary>
/// The DCC's posts about an assessment: accept it, stop and restart its clock, return it. Each goes
/// through the <see cref="DccDoor"/>, so a repeated post gets its first answer and changes nothing.
/// </summary>
public sealed class DccPosts(AssessmentsStore store, AssessmentRepository assessments, DccDoor door, IClock clock)
{
    /// <summary>The field that names the assessment in every DCC post, for a refusal of its reference.</summary>
    private const string ReferenceField = "assessment.reference.value";

    public Task<TResponse> AcceptAsync<TResponse>(DccAcceptance command, DccAnswer<TResponse> answer, CancellationToken ct) =>
        PostAsync("accept", command.Post, command.Assessment, answer, a => a.Accept(command.AcceptedOn, command.TargetWorkingDays), ct);

    public Task<TResponse> StopClockAsync<TResponse>(DccClockStop command, DccAnswer<TResponse> answer, CancellationToken ct) =>
        PostAsync("clock-stop", command.Post, command.Assessment, answer, a => a.StopClock(command.Stop), ct);

    public Task<TResponse> RestartClockAsync<TResponse>(DccClockRestart command, DccAnswer<TResponse> answer, CancellationToken ct) =>
        PostAsync("clock-restart", command.Post, command.Assessment, answer, a => a.RestartClock(command.StoppedUntil), ct);

    public Task<TResponse> ReturnAsync<TResponse>(DccReturn command, DccAnswer<TResponse> answer, CancellationToken ct) =>
        PostAsync("return", command.Post, command.Assessment, answer, a => a.Return(command.ReturnedOn, command.Costs), ct);

    /// <summary>Loads the assessment the post names, runs the DCC's step, saves it and enqueues what the step caused.</summary>
    private Task<TResponse> PostAsync<TResponse>(string operation, DccPost post, DccAssessment named, DccAnswer<TResponse> answer,
        Func<Assessment, Changed<Assessment>> step, CancellationToken ct) =>
        door.PostAsync(operation, post, answer, async (c, tx) =>
        {
            var before = await assessments.LatestAsync(c, tx, named.Reference, named.Kind, ct, ReferenceField);
            var (after, effects) = step(before);
            await assessments.SaveAsync(c, tx, before, after);
            await store.EnqueueAsync(c, tx, effects, clock.UtcNow);
            return after;
        }, ct);
}
