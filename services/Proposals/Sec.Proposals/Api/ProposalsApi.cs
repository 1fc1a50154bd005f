using Microsoft.Extensions.DependencyInjection;
using Sec.Proposals.V1;

namespace Sec.Proposals.Api;

/// <summary>
/// The register's gRPC surface: maps protos to the use cases' commands and their results back.
/// Refusals become status codes in the shared interceptor; nothing here catches them.
/// </summary>
public sealed partial class ProposalsApi(
    ProposalUseCases proposals,
    ProposalQueries register,
    WorkingGroupUseCases workingGroups,
    ConsultationUseCases consultations,
    Reporting.ChangeStatusReports reports,
    ReportCoverUseCases covers,
    Reporting.ConsistencyCheck consistency,
    ModificationPage.ModificationViewComposer pages,
    ModificationPageUseCases modificationPage,
    [FromKeyedServices("proposals")] DiscrepancyApi discrepancies,
    WebhookUseCases webhooks,
    IClock clock) : ProposalsService.ProposalsServiceBase
{
    [Authorize(Roles = SecRoles.Raisers)]
    public override async Task<RaiseDraftProposalResponse> RaiseDraftProposal(RaiseDraftProposalRequest request, ServerCallContext context)
    {
        var checks = new FieldChecks();
        var raisedOn = checks.Date(request.RaisedOn, "raised_on");
        var command = new RaiseDraftProposal(request.Title, request.ProblemStatement, ToDomain(request.Proposer), raisedOn);
        DraftProposalRules.Check(command, clock.Today, checks);
        checks.ThrowIfAny();

        var proposal = await proposals.RaiseAsync(command, request.FastTrack, context.CancellationToken);
        return new RaiseDraftProposalResponse { Proposal = await ToProtoAsync(proposal, context.CancellationToken) };
    }

    [Authorize(Roles = SecRoles.Panel + "," + SecRoles.Secas)]
    public override async Task<RaiseAlternateResponse> RaiseAlternate(RaiseAlternateRequest request, ServerCallContext context)
    {
        var checks = new FieldChecks();
        var original = checks.Reference(request.Original, "original.value");
        var raisedOn = checks.Date(request.RaisedOn, "raised_on");
        var command = new RaiseDraftProposal(request.Title, request.ProblemStatement, ToDomain(request.Proposer), raisedOn);
        DraftProposalRules.Check(command, clock.Today, checks);
        checks.ThrowIfAny();
        var alternate = await proposals.RaiseAlternateAsync(original!, command, context.CancellationToken);
        return new RaiseAlternateResponse { Proposal = await ToProtoAsync(alternate, context.CancellationToken) };
    }

    [Authorize(Roles = SecRoles.Importers)]
    public override async Task<ImportModificationResponse> ImportModification(ImportModificationRequest request, ServerCallContext context)
    {
        var checks = new FieldChecks();
        checks.RequiredText(request.IdempotencyKey, "idempotency_key", 200);
        var reference = checks.Reference(request.Reference, "reference.value");
        var raisedOn = checks.Date(request.RaisedOn, "raised_on");
        var path = PathOf(request.Path, checks, allowNone: true);
        var steps = request.History.Select((h, i) => new Domain.ImportedStep(checks.Date(h.EffectiveOn, $"history[{i}].effective_on"), h.Stage, h.Reason, h.HasTitle ? h.Title : null)).ToList();
        var import = new Domain.ImportModification(reference ?? ModificationReference.Draft(1), request.Title, request.ProblemStatement,
            ToDomain(request.Proposer), raisedOn, path, request.Urgent, request.TargetRelease, steps);
        ProposalImport.Check(import, clock.Today, checks);
        checks.ThrowIfAny();

        var proposal = await proposals.ImportAsync(request.IdempotencyKey.Trim(), import, context.CancellationToken);
        return new ImportModificationResponse { Proposal = await ToProtoAsync(proposal, context.CancellationToken) };
    }

    [Authorize(Roles = SecRoles.Readers)]
    public override async Task<GetProposalResponse> GetProposal(GetProposalRequest request, ServerCallContext context)
    {
        var reference = ModificationReference.Parse(request.Reference?.Value, "reference.value");
        return new GetProposalResponse { Proposal = ToProto(await register.GetAsync(reference, context.CancellationToken)) };
    }

    [Authorize(Roles = SecRoles.Readers)]
    public override async Task<GetProposalAsOfResponse> GetProposalAsOf(GetProposalAsOfRequest request, ServerCallContext context)
    {
        var checks = new FieldChecks();
        var reference = checks.Reference(request.Reference, "reference.value");
        var asOf = checks.IsoDate(request.AsOf, "as_of");
        checks.ThrowIfAny();
        var (entry, title) = await register.AsOfAsync(reference!, asOf, context.CancellationToken);
        return new GetProposalAsOfResponse
        {
            Reference = Reference(entry.Reference),
            Phase = ToProto(entry.Phase),
            Status = entry.Status,
            Entry = ToProto(entry),
            Title = title,
        };
    }

    /// <summary>A proposal as the register shows it today, with its next step.</summary>
    private async Task<Proto.Proposal> ToProtoAsync(Domain.Proposal proposal, CancellationToken ct) => ToProto(await register.ViewAsync(proposal, ct));
}
