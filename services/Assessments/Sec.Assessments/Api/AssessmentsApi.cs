using Grpc.Core;
using Sec.BuildingBlocks.Api;
using Sec.BuildingBlocks.Domain;
using Sec.BuildingBlocks.ReadModels;
using Sec.Assessments.Storage;
using Sec.Assessments.V1;

namespace Sec.Assessments.Api;

/// <summary>The Assessments context's gRPC surface.</summary>
public sealed class AssessmentsApi(AssessmentsStore store) : AssessmentsService.AssessmentsServiceBase
{
    public override async Task<GetKnownModificationResponse> GetKnownModification(GetKnownModificationRequest request, ServerCallContext context)
    {
        var reference = ModificationReference.Parse(request.Reference?.Value, "reference.value");
        var known = await KnownModifications.GetAsync(store, reference, context.CancellationToken);
        return new GetKnownModificationResponse
        {
            Modification = new Common.V1.KnownModification
            {
                Reference = new Common.V1.ModificationReference { Value = known.Reference },
                Title = known.Title,
                RaisedOn = known.RaisedOn.ToProto(),
            },
        };
    }
}
