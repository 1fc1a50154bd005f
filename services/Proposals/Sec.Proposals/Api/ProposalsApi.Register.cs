using System.Globalization;
using Grpc.Core;
using Sec.BuildingBlocks.Api;
using Sec.BuildingBlocks.Domain;
using Sec.Calendar;
using Sec.Proposals.Domain;
using Sec.Proposals.Storage;
using Sec.Proposals.V1;
using Proto = Sec.Proposals.V1;

namespace Sec.Proposals.Api;

/// <summary>The register's queries and imports.</summary>
public sealed partial class ProposalsApi
{
    private const int DefaultPageSize = 50;
    private const int MaxPageSize = 500;

    public override async Task<GetProposalResponse> GetProposal(GetProposalRequest request, ServerCallContext context)
    {
        var reference = ModificationReference.Parse(request.Reference?.Value, "reference.value");
        var proposal = await proposals.GetAsync(reference, context.CancellationToken);
        return new GetProposalResponse { Proposal = await ToProtoAsync(proposal, context.CancellationToken) };
    }

    public override async Task<GetProposalAsOfResponse> GetProposalAsOf(GetProposalAsOfRequest request, ServerCallContext context)
    {
        var checks = new FieldChecks();
        var reference = ModificationReference.TryParse(request.Reference?.Value, out var r) ? r : null;
        checks.Check(reference is not null, "reference.value", $"'{request.Reference?.Value}' is not a modification reference");
        var asOf = checks.IsoDate(request.AsOf, "as_of");
        checks.ThrowIfAny();
        var proposal = await proposals.GetAsync(reference!, context.CancellationToken);
        var entry = proposal.AsOf(asOf)
            ?? throw new NotFound($"{proposal.Reference} was raised on {proposal.RaisedOn:d MMMM yyyy}; it was not in the register on {asOf:d MMMM yyyy}.");
        return new GetProposalAsOfResponse
        {
            Reference = new Common.V1.ModificationReference { Value = entry.Reference },
            Phase = ToProto(entry.Phase),
            Status = entry.Status,
            Entry = ToProto(entry),
        };
    }

    public override async Task<SearchProposalsResponse> SearchProposals(SearchProposalsRequest request, ServerCallContext context)
    {
        var filter = Filter(request);
        var size = request.Page?.PageSize is > 0 ? Math.Min(request.Page.PageSize, MaxPageSize) : DefaultPageSize;
        var offset = 0;
        if (!string.IsNullOrEmpty(request.Page?.PageToken) && (!int.TryParse(request.Page.PageToken, NumberStyles.None, CultureInfo.InvariantCulture, out offset) || offset < 0))
            throw new InvalidFields("page.page_token", "is not a token this service gave out");
        var (lines, total) = await register.SearchAsync(filter, offset, size, context.CancellationToken);
        var response = new SearchProposalsResponse
        {
            Page = new Common.V1.PageResponse
            {
                TotalSize = total,
                NextPageToken = offset + lines.Count < total ? (offset + lines.Count).ToString(CultureInfo.InvariantCulture) : "",
            },
        };
        response.Proposals.AddRange(lines.Select(ToProto));
        return response;
    }

    public override async Task StreamProposals(SearchProposalsRequest request, IServerStreamWriter<ProposalSummary> responseStream, ServerCallContext context)
    {
        await foreach (var line in register.StreamAsync(Filter(request), context.CancellationToken))
            await responseStream.WriteAsync(ToProto(line), context.CancellationToken);
    }

    public override async Task<GetPhaseCountsResponse> GetPhaseCounts(GetPhaseCountsRequest request, ServerCallContext context)
    {
        var checks = new FieldChecks();
        var asOf = checks.IsoDate(request.AsOf, "as_of");
        checks.ThrowIfAny();
        var counts = await register.PhaseCountsAsync(asOf, context.CancellationToken);
        var response = new GetPhaseCountsResponse();
        response.Counts.AddRange(System.Enum.GetValues<Phase>().Select(p => new PhaseCount { Phase = ToProto(p), Count = counts.GetValueOrDefault(p) }));
        return response;
    }

    public override async Task<ImportModificationResponse> ImportModification(ImportModificationRequest request, ServerCallContext context)
    {
        var checks = new FieldChecks();
        checks.RequiredText(request.IdempotencyKey, "idempotency_key", 200);
        var reference = ModificationReference.TryParse(request.Reference?.Value, out var r) ? r : null;
        checks.Check(reference is not null, "reference.value", $"'{request.Reference?.Value}' is not a modification reference");
        var raisedOn = checks.Date(request.RaisedOn, "raised_on");
        var path = PathOf(request.Path, checks, allowNone: true);
        var steps = request.History.Select((h, i) => new Domain.ImportedStep(checks.Date(h.EffectiveOn, $"history[{i}].effective_on"), h.Stage, h.Reason)).ToList();
        var import = new Domain.ImportModification(reference ?? ModificationReference.Draft(1), request.Title, request.ProblemStatement,
            ToDomain(request.Proposer), raisedOn, path, request.Urgent, request.TargetRelease, steps);
        ProposalImport.Check(import, clock.Today, checks);
        checks.ThrowIfAny();

        var proposal = await proposals.ImportAsync(request.IdempotencyKey.Trim(), import, actor.Get(), context.CancellationToken);
        return new ImportModificationResponse { Proposal = await ToProtoAsync(proposal, context.CancellationToken) };
    }

    private static RegisterFilter Filter(SearchProposalsRequest request)
    {
        var checks = new FieldChecks();
        DateOnly? from = request.Raised?.From is { } f ? checks.Date(f, "raised.from") : null;
        DateOnly? to = request.Raised?.To is { } t ? checks.Date(t, "raised.to") : null;
        if (from is { } a && to is { } b)
            checks.Check(a <= b, "raised.to", "must not be before raised.from");
        var phases = new List<Phase>();
        foreach (var phase in request.Phases)
        {
            if (FromProto(phase) is { } p)
                phases.Add(p);
            else
                checks.Add("phases", $"{phase} is not a phase");
        }
        DecisionPath? path = request.Path == Proto.DecisionPath.Unspecified ? null : PathOf(request.Path, checks, allowNone: false);
        checks.OptionalText(request.Text, "text", 200);
        checks.ThrowIfAny();
        return new RegisterFilter
        {
            Text = request.Text,
            Phases = phases,
            Status = request.Status,
            Path = path,
            ProposerOrganisation = request.ProposerOrganisation,
            RaisedFrom = from,
            RaisedTo = to,
            WorkingGroup = request.WorkingGroup,
            TargetRelease = request.TargetRelease,
        };
    }


    private async Task<Proto.Proposal> ToProtoAsync(Domain.Proposal p, CancellationToken ct)
    {
        var today = clock.Today;
        var next = NextStep.For(p,
            await workingGroups.NextMeetingForAsync(p.Id, today, ct),
            await consultations.OpenClosingDateAsync(p.Id, today, ct));
        var message = new Proto.Proposal
        {
            Reference = new Common.V1.ModificationReference { Value = p.Reference.Value },
            Title = p.Title,
            ProblemStatement = p.ProblemStatement,
            Proposer = new Proto.Proposer { Name = p.ProposerName, Organisation = p.ProposerOrganisation },
            RaisedOn = p.RaisedOn.ToProto(),
            Phase = ToProto(p.Phase),
            Status = p.Status,
            Version = p.Version,
            Path = ToProto(p.State.Path),
            Urgent = p.State.Urgent,
            OnHold = p.State.OnHold,
            WithdrawalEndsOn = p.State.WithdrawalEndsOn?.ToProto(),
            NextStep = next.Step,
            NextStepOn = next.On?.ToProto(),
            WorkingDaysOnHold = p.HoldPeriods().Sum(h => workingDays.Duration(h.From, (h.To ?? today.AddDays(1)).AddDays(-1))),
            TargetRelease = p.TargetRelease ?? "",
        };
        message.History.AddRange(p.History.Select(ToProto));
        return message;
    }

    private static Proto.HistoryEntry ToProto(Domain.HistoryEntry h) => new()
    {
        EffectiveOn = h.EffectiveOn.ToProto(),
        RecordedAt = h.RecordedAt.ToProto(),
        Actor = new Common.V1.Actor { Name = h.ActorName, Organisation = h.ActorOrganisation },
        Reason = h.Reason,
        Phase = ToProto(h.Phase),
        Status = h.Status,
        Step = h.Step,
        Reference = new Common.V1.ModificationReference { Value = h.Reference },
    };

    private static ProposalSummary ToProto(RegisterLine line) => new()
    {
        Reference = new Common.V1.ModificationReference { Value = line.Reference },
        Title = line.Title,
        Proposer = new Proto.Proposer { Name = line.ProposerName, Organisation = line.ProposerOrganisation },
        RaisedOn = line.RaisedOn.ToProto(),
        Phase = ToProto(System.Enum.Parse<Phase>(line.Phase)),
        Status = line.Status,
        Path = ToProto((DecisionPath)line.Path),
        Urgent = line.Urgent,
        TargetRelease = line.TargetRelease ?? "",
    };

    private static Proto.Phase ToProto(Phase phase) => phase switch
    {
        Phase.Define => Proto.Phase.Define,
        Phase.Refine => Proto.Phase.Refine,
        Phase.Opine => Proto.Phase.Opine,
        Phase.Release => Proto.Phase.Release,
        Phase.Implemented => Proto.Phase.Implemented,
        Phase.Rejected => Proto.Phase.Rejected,
        Phase.Withdrawn => Proto.Phase.Withdrawn,
        _ => Proto.Phase.Unspecified,
    };

    private static Phase? FromProto(Proto.Phase phase) => phase switch
    {
        Proto.Phase.Define => Phase.Define,
        Proto.Phase.Refine => Phase.Refine,
        Proto.Phase.Opine => Phase.Opine,
        Proto.Phase.Release => Phase.Release,
        Proto.Phase.Implemented => Phase.Implemented,
        Proto.Phase.Rejected => Phase.Rejected,
        Proto.Phase.Withdrawn => Phase.Withdrawn,
        _ => null,
    };

    private static Proto.DecisionPath ToProto(DecisionPath path) => path switch
    {
        DecisionPath.AuthorityLed => Proto.DecisionPath.AuthorityLed,
        DecisionPath.AuthorityDetermination => Proto.DecisionPath.AuthorityDetermination,
        DecisionPath.SelfGovernance => Proto.DecisionPath.SelfGovernance,
        DecisionPath.FastTrackSelfGovernance => Proto.DecisionPath.FastTrackSelfGovernance,
        _ => Proto.DecisionPath.Unspecified,
    };
}
