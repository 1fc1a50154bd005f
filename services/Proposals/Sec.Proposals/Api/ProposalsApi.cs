using Grpc.Core;
using Sec.BuildingBlocks.Api;
using Sec.BuildingBlocks.Domain;
using Sec.BuildingBlocks.Hosting;
using Sec.Proposals.Domain;
using Sec.Proposals.Storage;
using Sec.Proposals.V1;
using Proto = Sec.Proposals.V1;

namespace Sec.Proposals.Api;

/// <summary>The register's gRPC surface: maps protos to domain calls; refusals map to status codes in one shared interceptor.</summary>
public sealed class ProposalsApi(ProposalRepository proposals, ICurrentActor actor, IClock clock) : ProposalsService.ProposalsServiceBase
{
    public override async Task<RaiseDraftProposalResponse> RaiseDraftProposal(RaiseDraftProposalRequest request, ServerCallContext context)
    {
        var checks = new FieldChecks();
        var raisedOn = checks.Date(request.RaisedOn, "raised_on");
        var command = new RaiseDraftProposal(request.Title, request.ProblemStatement,
            request.Proposer is null ? null : new Domain.Proposer(request.Proposer.Name, request.Proposer.Organisation), raisedOn);
        DraftProposalRules.Check(command, clock.Today, checks);
        checks.ThrowIfAny();

        var proposal = await proposals.RaiseDraftProposalAsync(command, actor.Get(), context.CancellationToken);
        return new RaiseDraftProposalResponse { Proposal = ToProto(proposal) };
    }

    public override async Task<AmendProblemStatementResponse> AmendProblemStatement(AmendProblemStatementRequest request, ServerCallContext context)
    {
        var checks = new FieldChecks();
        var reference = ModificationReference.TryParse(request.Reference?.Value, out var parsed) ? parsed : null;
        checks.Check(reference is not null, "reference.value", $"'{request.Reference?.Value}' is not a modification reference");
        var effectiveOn = checks.Date(request.EffectiveOn, "effective_on");
        var command = new AmendProblemStatement(request.ProblemStatement, request.ExpectedVersion, effectiveOn, request.Reason);
        AmendmentRules.Check(command, clock.Today, checks);
        checks.ThrowIfAny();

        var proposal = await proposals.AmendProblemStatementAsync(reference!, command, actor.Get(), context.CancellationToken);
        return new AmendProblemStatementResponse { Proposal = ToProto(proposal) };
    }

    public override async Task<GetProposalResponse> GetProposal(GetProposalRequest request, ServerCallContext context)
    {
        var reference = ModificationReference.Parse(request.Reference?.Value, "reference.value");
        var proposal = await proposals.GetAsync(reference, context.CancellationToken);
        return new GetProposalResponse { Proposal = ToProto(proposal) };
    }

    private static Proto.Proposal ToProto(Domain.Proposal p)
    {
        var message = new Proto.Proposal
        {
            Reference = new Common.V1.ModificationReference { Value = p.Reference },
            Title = p.Title,
            ProblemStatement = p.ProblemStatement,
            Proposer = new Proto.Proposer { Name = p.ProposerName, Organisation = p.ProposerOrganisation },
            RaisedOn = p.RaisedOn.ToProto(),
            Phase = ToProto(p.Phase),
            Status = p.Status,
            Version = p.Version,
        };
        message.History.AddRange(p.History.Select(h => new Proto.HistoryEntry
        {
            EffectiveOn = h.EffectiveOn.ToProto(),
            RecordedAt = h.RecordedAt.ToProto(),
            Actor = new Common.V1.Actor { Name = h.ActorName, Organisation = h.ActorOrganisation },
            Reason = h.Reason,
            Phase = ToProto(h.Phase),
            Status = h.Status,
        }));
        return message;
    }

    private static Proto.Phase ToProto(Domain.Phase phase) => phase switch
    {
        Domain.Phase.Define => Proto.Phase.Define,
        Domain.Phase.Refine => Proto.Phase.Refine,
        Domain.Phase.Opine => Proto.Phase.Opine,
        Domain.Phase.Release => Proto.Phase.Release,
        Domain.Phase.Implemented => Proto.Phase.Implemented,
        Domain.Phase.Rejected => Proto.Phase.Rejected,
        Domain.Phase.Withdrawn => Proto.Phase.Withdrawn,
        _ => Proto.Phase.Unspecified,
    };
}
