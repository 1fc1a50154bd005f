using Microsoft.Extensions.Options;
using Sec.BuildingBlocks.Application;
using Sec.BuildingBlocks.Hosting;
using Sec.Proposals.Storage;

namespace Sec.Proposals.Application;

/// <summary>What the register alone holds for a modification's page: its record, meetings, consultations, documents, plans, priority and alternates.</summary>
public sealed record ModificationPageRecord(
    ProposalView View,
    IReadOnlyList<WorkingGroupMeeting> WorkingGroupMeetings,
    IReadOnlyList<Consultation> Consultations,
    IReadOnlyList<ModificationDocument> Documents,
    IReadOnlyList<PlanRevision> Plans,
    IReadOnlyList<PriorityDetermination> Priority,
    IReadOnlyList<ProposalView> Alternates);

/// <summary>The modification page's own writes (documents, plans, priority and its categories) and the register's part of the page.</summary>
public sealed class ModificationPageUseCases(
    ProposalsStore store,
    ProposalRepository proposals,
    ModificationPageRepository page,
    ProposalQueries register,
    WorkingGroupRepository workingGroups,
    ConsultationRepository consultations,
    IOptions<ProposalsOptions> options,
    ICurrentActor actor,
    IClock clock)
{
    /// <summary>Documents dated in a span, for the monthly report.</summary>
    public Task<IReadOnlyList<ModificationDocument>> DocumentsDatedAsync(DateOnly from, DateOnly to, CancellationToken ct) => page.DocumentsDatedAsync(from, to, ct);

    /// <summary>The modifications with a plan made by a date, for the monthly report.</summary>
    public Task<IReadOnlyList<string>> PlannedByAsync(DateOnly asOf, CancellationToken ct) => page.PlannedByAsync(asOf, ct);

    /// <summary>Each modification's priority category in force on a date, for the register's list.</summary>
    public Task<IReadOnlyDictionary<string, string>> PrioritiesOnAsync(DateOnly asOf, CancellationToken ct) => page.PrioritiesOnAsync(asOf, ct);

    /// <summary>The register's part of the page.</summary>
    public async Task<ModificationPageRecord> RecordAsync(ModificationReference reference, CancellationToken ct)
    {
        var view = await register.GetAsync(reference, ct);
        var p = view.Proposal;
        var meetings = (await workingGroups.ListAsync(null, null, null, ct)).Where(m => m.Agenda.Contains(p.Reference.Value)).ToList();
        var consulted = (await consultations.AllAsync(ct)).Where(c => c.Reference == p.Reference.Value).ToList();
        var (documents, plans, priority) = await store.ReadAsync(async c => (
            await page.DocumentsAsync(c, null, p.Id, p.Reference.Value, ct),
            await page.PlansAsync(c, null, p.Id, ct),
            await page.PriorityHistoryAsync(c, null, p.Id, ct)), ct);
        // The other proposals of the same number: MP102A and MP102B beside MP102, and MP102 and MP102B beside MP102A.
        // The register's view already holds an original's alternates.
        var original = Alternates.OriginalOf(p.Reference);
        var beside = original is not null
            ? (await proposals.AlternatesOfAsync(original, ct)).Select(a => a.Reference).Where(r => r.Value != p.Reference.Value).Prepend(original)
            : p.Reference.Kind == ReferenceKind.ModificationProposal ? view.Alternates.Select(a => a.Reference)
            : (await proposals.AlternatesOfAsync(p.Reference, ct)).Select(a => a.Reference);
        var alternates = new List<ProposalView>();
        foreach (var other in beside.ToList())
            alternates.Add(await register.GetAsync(other, ct));
        return new ModificationPageRecord(view, meetings, consulted, documents, plans, priority, alternates);
    }

    /// <summary>Attaches a link or keeps a file (with its SHA-256); a later version of the same kind and title supersedes the current one, which is kept.</summary>
    public Task<ModificationDocument> AttachDocumentAsync(ModificationReference reference, AttachDocument attach, CancellationToken ct)
    {
        var checks = new FieldChecks();
        DocumentRules.Check(attach, options.Value.DocumentMaxBytes, clock.Today, checks);
        checks.ThrowIfAny();
        return store.InTransactionAsync(async (c, tx) =>
        {
            var proposal = await proposals.LoadAsync(c, tx, reference, ct);
            var existing = await page.DocumentsAsync(c, tx, proposal.Id, proposal.Reference.Value, ct);
            var file = attach.File;
            var document = new ModificationDocument(NewIds.Row(), proposal.Reference.Value, attach.Title.Trim(), attach.Kind,
                string.IsNullOrWhiteSpace(attach.Version) ? null : attach.Version.Trim(), attach.DatedOn, attach.Url?.Trim(),
                file?.FileName.Trim(), string.IsNullOrWhiteSpace(file?.MediaType) ? null : file.MediaType.Trim(), file?.Content.LongLength,
                file is null ? null : DocumentRules.Sha256Of(file.Content), actor.Get(), clock.UtcNow, null);
            await page.InsertDocumentAsync(c, tx, proposal.Id, document, file?.Content, DocumentRules.Superseded(existing, attach));
            await store.AttributeAsync(c, tx, new Attribution("AttachDocument", document.Id, proposal.Reference.Value, attach.DatedOn), actor.Caller(), clock.UtcNow);
            return document;
        }, ct);
    }

    public Task<(ModificationDocument Document, byte[] Content)> DocumentContentAsync(string documentId, CancellationToken ct) => page.ContentAsync(documentId, ct);

    /// <summary>Makes a plan the one in force: the next revision; earlier ones are kept.</summary>
    public Task<PlanRevision> PlanAsync(ModificationReference reference, IReadOnlyList<PlannedMilestone> milestones, DateOnly plannedOn, string? reason, CancellationToken ct)
    {
        var checks = new FieldChecks();
        PlanRules.Check(milestones, plannedOn, reason, clock.Today, checks);
        checks.ThrowIfAny();
        return store.InTransactionAsync(async (c, tx) =>
        {
            var proposal = await proposals.LoadAsync(c, tx, reference, ct);
            var earlier = await page.PlansAsync(c, tx, proposal.Id, ct);
            var plan = new PlanRevision(earlier.Count + 1, plannedOn, string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(), milestones, actor.Get(), clock.UtcNow);
            await page.InsertPlanAsync(c, tx, proposal.Id, plan);
            await store.AttributeAsync(c, tx, new Attribution("PlanModification", proposal.Reference.Value, proposal.Reference.Value, plannedOn), actor.Caller(), clock.UtcNow);
            return plan;
        }, ct);
    }

    /// <summary>Determines or reviews the priority; every determination is kept.</summary>
    public Task<IReadOnlyList<PriorityDetermination>> DeterminePriorityAsync(ModificationReference reference, DeterminePriority determine, CancellationToken ct)
    {
        var checks = new FieldChecks();
        PriorityRules.Check(determine, clock.Today, checks);
        checks.ThrowIfAny();
        return store.InTransactionAsync(async (c, tx) =>
        {
            var proposal = await proposals.LoadAsync(c, tx, reference, ct);
            var category = PriorityRules.Live(determine.Category, await page.CategoriesAsync(c, tx, ct));
            var history = await page.PriorityHistoryAsync(c, tx, proposal.Id, ct);
            PriorityRules.CheckReview(determine, history, proposal.Reference.Value);
            await page.InsertDeterminationAsync(c, tx, proposal.Id, new PriorityDetermination(category, determine.CriteriaNotes.Trim(), determine.DeterminedBy.Trim(),
                determine.DeterminedOn, determine.Review, actor.Get(), clock.UtcNow));
            await store.AttributeAsync(c, tx, new Attribution(determine.Review ? "ReviewPriority" : "DeterminePriority", proposal.Reference.Value, proposal.Reference.Value, determine.DeterminedOn),
                actor.Caller(), clock.UtcNow);
            return await page.PriorityHistoryAsync(c, tx, proposal.Id, ct);
        }, ct);
    }

    /// <summary>Adds a priority category or changes one; reference data, effective today.</summary>
    public Task<PriorityCategory> PutCategoryAsync(PriorityCategory category, CancellationToken ct)
    {
        var checks = new FieldChecks();
        PriorityRules.CheckCategory(category, checks);
        checks.ThrowIfAny();
        var trimmed = category with { Name = category.Name.Trim(), Description = category.Description.Trim() };
        return store.InTransactionAsync(async (c, tx) =>
        {
            await page.PutCategoryAsync(c, tx, trimmed);
            await store.AttributeAsync(c, tx, new Attribution("PutPriorityCategory", trimmed.Code, null, clock.Today), actor.Caller(), clock.UtcNow);
            return trimmed;
        }, ct);
    }

    public Task<IReadOnlyList<PriorityCategory>> CategoriesAsync(CancellationToken ct) => store.ReadAsync(c => page.CategoriesAsync(c, null, ct), ct);
}
