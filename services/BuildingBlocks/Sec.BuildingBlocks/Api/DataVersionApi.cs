using Sec.Common.V1;

namespace Sec.BuildingBlocks.Api;

/// <summary>The data-version call every context's service offers (the instance keyed by its schema), answered alike.</summary>
public sealed class DataVersionApi(ContextStore store)
{
    public async Task<GetDataVersionResponse> GetAsync(CancellationToken ct) =>
        new() { Version = await DataVersion.OfAsync(store, ct) };
}
