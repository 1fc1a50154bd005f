using Microsoft.Extensions.DependencyInjection;
using Sec.BuildingBlocks.Api;
using Sec.Common.V1;
using AssessmentsClient = Sec.Assessments.V1.AssessmentsService.AssessmentsServiceClient;
using ChangeBoardClient = Sec.ChangeBoard.V1.ChangeBoardService.ChangeBoardServiceClient;
using ReleasesClient = Sec.Releases.V1.ReleasesService.ReleasesServiceClient;

namespace Sec.Proposals.Reporting;

/// <summary>
/// The consistency check: each other context describes what it holds about every modification, over
/// gRPC as the report's sections are composed, and the register compares it with itself. With it
/// come every context's open discrepancies, so one call shows everything that disagrees.
/// </summary>
public sealed class ConsistencyCheck(
    ProposalQueries register,
    AssessmentsClient assessments,
    ChangeBoardClient changeBoard,
    ReleasesClient releases,
    [FromKeyedServices("proposals")] DiscrepancyApi discrepancies)
{
    public async Task<CheckConsistencyResponse> CheckAsync(CancellationToken ct)
    {
        var empty = new DescribeRegisterViewRequest();
        var views = new[]
        {
            assessments.DescribeRegisterViewAsync(empty, cancellationToken: ct).ResponseAsync,
            changeBoard.DescribeRegisterViewAsync(empty, cancellationToken: ct).ResponseAsync,
            releases.DescribeRegisterViewAsync(empty, cancellationToken: ct).ResponseAsync,
        };
        var discrepanciesCall = OpenDiscrepancies.InEveryContextAsync(discrepancies, assessments, changeBoard, releases, ct);
        var states = await register.StatesNowAsync(ct);
        var response = new CheckConsistencyResponse { ModificationsChecked = states.Count };
        foreach (var described in await Task.WhenAll(views))
        {
            response.ContextsChecked.Add(described.Context);
            var found = Consistency.Compare(described.Context, states,
                described.Modifications.Select(m => new ContextView(m.Reference.Value, m.RegisterVersion, (Stage)m.Stage, m.Status)).ToList(),
                described.Claims.Select(c => new BuildingBlocks.Domain.RegisterClaim(c.Reference.Value, c.Claim, c.CompatibleStages.Select(s => (Stage)s).ToList(), c.On.ToDateOnly("on"))).ToList());
            response.Disagreements.AddRange(found.Select(d => new Common.V1.Disagreement
            {
                Context = d.Context,
                Reference = new Common.V1.ModificationReference { Value = d.Reference },
                ContextSays = d.ContextSays,
                RegisterSays = d.RegisterSays,
            }));
        }
        response.OpenDiscrepancies.AddRange(await discrepanciesCall);
        return response;
    }
}
