using Sec.Proposals.V1;

namespace Sec.Cli.Import;

/// <summary>This part: the documents the papers cite and the plans they give, kept on each modification's page.</summary>
public sealed partial class RegisterImporter
{
    private static readonly Dictionary<string, DocumentKind> DocumentKinds = new(StringComparer.OrdinalIgnoreCase)
    {
        ["legal-text"] = DocumentKind.LegalText, ["modification-report"] = DocumentKind.ModificationReport, ["consultation"] = DocumentKind.ConsultationDocument,
        ["consultation-responses"] = DocumentKind.ConsultationResponses, ["rid"] = DocumentKind.Rid, ["assessment"] = DocumentKind.Assessment,
        ["web-page"] = DocumentKind.WebPage, ["other"] = DocumentKind.Other,
    };

    private static readonly Dictionary<string, Milestone> PlanMilestones = new(StringComparer.OrdinalIgnoreCase)
    {
        ["solution"] = Milestone.Solution, ["pa"] = Milestone.PreliminaryAssessment, ["ia"] = Milestone.ImpactAssessment, ["consultation"] = Milestone.Consultation,
        ["dmr"] = Milestone.DraftModificationReport, ["cb"] = Milestone.ChangeBoard, ["decision"] = Milestone.Decision,
    };

    /// <summary>Attaches the link unless the page already lists it.</summary>
    private async Task<bool> DocumentAsync(DocumentRecord d, CancellationToken ct)
    {
        if (!DocumentKinds.TryGetValue(d.Kind, out var kind))
            throw new CliInputException($"{d.Reference} document '{d.Title}': kind must be one of {string.Join(", ", DocumentKinds.Keys)}");
        var view = (await _proposals.GetModificationViewAsync(new GetModificationViewRequest { Reference = Reference(d.Reference) }, cancellationToken: ct)).View;
        if (view.Documents.Any(x => x.Url == d.Url && x.Title == d.Title))
            return false;
        await _proposals.AttachDocumentAsync(new AttachDocumentRequest
        {
            Reference = Reference(d.Reference), Title = d.Title, Kind = kind, Version = d.Version ?? "", DatedOn = Date(d.DatedOn), Url = d.Url,
        }, cancellationToken: ct);
        return true;
    }

    /// <summary>Plans the modification unless a plan made on that date is already kept.</summary>
    private async Task<bool> PlanAsync(PlanRecord p, CancellationToken ct)
    {
        var view = (await _proposals.GetModificationViewAsync(new GetModificationViewRequest { Reference = Reference(p.Reference) }, cancellationToken: ct)).View;
        if (view.Plan?.Revisions.Any(r => Same(r.PlannedOn, p.PlannedOn)) == true)
            return false;
        var request = new PlanModificationRequest { Reference = Reference(p.Reference), PlannedOn = Date(p.PlannedOn), Reason = p.Reason ?? "" };
        foreach (var (name, on) in p.Milestones)
            request.Milestones.Add(new PlannedMilestone
            {
                Milestone = PlanMilestones.TryGetValue(name, out var m) ? m : throw new CliInputException($"{p.Reference} plan: '{name}' is not a milestone ({string.Join(", ", PlanMilestones.Keys)})"),
                PlannedOn = Date(on),
            });
        await _proposals.PlanModificationAsync(request, cancellationToken: ct);
        return true;
    }
}
