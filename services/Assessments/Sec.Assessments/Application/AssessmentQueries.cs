using Sec.BuildingBlocks.ReadModels;

namespace Sec.Assessments.Application;

/// <summary>A modification as this context's copy of the register knows it.</summary>
public sealed record RegisteredModification(string Reference, string Title, DateOnly RaisedOn);

/// <summary>What the Api reads: assessments, the timescales the report prints, and the register's read model.</summary>
public sealed class AssessmentQueries(AssessmentsStore store, AssessmentRepository assessments, DurationPolicy durations, LegalWorkingDays legal)
{
    public Task<Assessment> GetAsync(string assessmentId, CancellationToken ct) => assessments.GetAsync(assessmentId, ct);

    /// <summary>A modification's assessments in the order they were requested; the register must know it.</summary>
    public Task<IReadOnlyList<Assessment>> ListAsync(ModificationReference reference, CancellationToken ct) => assessments.OfAsync(reference, ct);

    public async Task<Timescales> TimescalesAsync(DateOnly periodEnd, DateOnly asOf, CancellationToken ct) =>
        Timescales.Of(await assessments.ForTimescalesAsync(periodEnd, asOf, ct), periodEnd, asOf, durations.Policy, legal);

    public async Task<RegisteredModification> KnownModificationAsync(ModificationReference reference, CancellationToken ct)
    {
        var known = await KnownModifications.GetAsync(store, reference, ct);
        return new RegisteredModification(known.Reference, known.Title, known.RaisedOn);
    }
}
