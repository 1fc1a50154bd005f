using Grpc.Core;
using Sec.BuildingBlocks.Api;
using Sec.BuildingBlocks.Domain;
using Sec.BuildingBlocks.ReadModels;
using Sec.Releases.Storage;
using Sec.Releases.V1;

namespace Sec.Releases.Api;

/// <summary>The Releases context's gRPC surface.</summary>
public sealed class ReleasesApi(ReleasesStore store) : ReleasesService.ReleasesServiceBase
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
