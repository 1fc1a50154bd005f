namespace Sec.Proposals.Api;

/// <summary>This part: the modification page's documents, plans and priority, between protos and the domain.</summary>
public static partial class ProposalsMapping
{
    public static Proto.ModificationDocument ToProto(ModificationDocument d) => new()
    {
        DocumentId = d.Id,
        Reference = Reference(d.Reference),
        Title = d.Title,
        Kind = (Proto.DocumentKind)(int)d.Kind,
        Version = d.Version ?? "",
        DatedOn = d.DatedOn.ToProto(),
        Url = d.Url ?? "",
        FileName = d.FileName ?? "",
        MediaType = d.MediaType ?? "",
        SizeBytes = d.SizeBytes ?? 0,
        Sha256 = d.Sha256 ?? "",
        AttachedBy = ToProto(d.AttachedBy),
        AttachedAt = d.AttachedAt.ToProto(),
        SupersededBy = d.SupersededBy ?? "",
    };

    public static Common.V1.Actor ToProto(Actor a) => new() { Name = a.Name, Organisation = a.Organisation };

    /// <summary>The request's document; an unset kind is a value out of range, which the domain's rules name.</summary>
    public static AttachDocument ToDomain(Proto.AttachDocumentRequest r, FieldChecks checks) => new(
        r.Title, (DocumentKind)(int)r.Kind, r.Version, checks.Date(r.DatedOn, "dated_on"),
        r.SourceCase == Proto.AttachDocumentRequest.SourceOneofCase.Url ? r.Url : null,
        r.File is { } f ? new DocumentFile(f.FileName, f.MediaType, f.Content.ToByteArray()) : null);

    public static Proto.PlannedMilestone ToProto(PlannedMilestone m) => new()
    {
        Milestone = (Proto.Milestone)(int)m.Milestone,
        PlannedOn = m.PlannedOn.ToProto(),
        ReachedOn = m.ReachedOn?.ToProto(),
    };

    public static IReadOnlyList<PlannedMilestone> ToDomain(IList<Proto.PlannedMilestone> milestones, FieldChecks checks) =>
        milestones.Select((m, i) => new PlannedMilestone((Milestone)(int)m.Milestone, checks.Date(m.PlannedOn, $"milestones[{i}].planned_on"),
            m.ReachedOn is null ? null : checks.Date(m.ReachedOn, $"milestones[{i}].reached_on"))).ToList();

    public static Proto.PlanRevision ToProto(PlanRevision p) => new()
    {
        Revision = p.Revision,
        PlannedOn = p.PlannedOn.ToProto(),
        Reason = p.Reason ?? "",
        Milestones = { p.Milestones.Select(ToProto) },
        PlannedBy = ToProto(p.PlannedBy),
        RecordedAt = p.RecordedAt.ToProto(),
    };

    /// <summary>The plan in force against the actual dates, with every revision.</summary>
    public static Proto.ModificationPlan ToProto(IReadOnlyList<PlanRevision> revisions, IReadOnlyList<MilestoneProgress> progress)
    {
        var current = revisions[^1];
        return new Proto.ModificationPlan
        {
            PlannedOn = current.PlannedOn.ToProto(),
            Revision = current.Revision,
            Reason = current.Reason ?? "",
            Milestones = { progress.Select(m => new Proto.MilestoneProgress
            {
                Milestone = (Proto.Milestone)(int)m.Milestone,
                PlannedOn = m.PlannedOn.ToProto(),
                ActualOn = m.ActualOn?.ToProto(),
                ActualFrom = m.ActualFrom ?? "",
                SlippageDays = m.SlippageDays,
                Overdue = m.Overdue,
            }) },
            Revisions = { revisions.Select(ToProto) },
        };
    }

    public static Proto.PriorityCategory ToProto(PriorityCategory c) => new() { Code = c.Code, Name = c.Name, Description = c.Description, Rank = c.Rank, Retired = c.Retired };

    public static PriorityCategory ToDomain(Proto.PriorityCategory? c) =>
        new(c?.Code ?? "", c?.Name ?? "", c?.Description ?? "", c?.Rank ?? 0, c?.Retired ?? false);

    public static Proto.PriorityDetermination ToProto(PriorityDetermination d) => new()
    {
        Category = ToProto(d.Category),
        CriteriaNotes = d.CriteriaNotes,
        DeterminedBy = d.DeterminedBy,
        DeterminedOn = d.DeterminedOn.ToProto(),
        Review = d.Review,
        RecordedBy = ToProto(d.RecordedBy),
        RecordedAt = d.RecordedAt.ToProto(),
    };

    public static Proto.ModificationPriority ToProto(IReadOnlyList<PriorityDetermination> history, DateOnly asOf)
    {
        var current = PriorityRules.InForce(history, asOf);
        return new Proto.ModificationPriority { Current = current is null ? null : ToProto(current), History = { history.Select(ToProto) } };
    }

    public static Proto.ProposalSummary ToSummary(ProposalView view)
    {
        var p = view.Proposal;
        return new Proto.ProposalSummary
        {
            Reference = Reference(p.Reference.Value),
            Title = p.Title,
            Proposer = new Proto.Proposer { Name = p.ProposerName, Organisation = p.ProposerOrganisation },
            RaisedOn = p.RaisedOn.ToProto(),
            Phase = ToProto(p.Phase),
            Status = p.Status,
            Path = ToProto(p.State.Path),
            Urgent = p.State.Urgent,
            TargetRelease = p.TargetRelease ?? "",
        };
    }
}
