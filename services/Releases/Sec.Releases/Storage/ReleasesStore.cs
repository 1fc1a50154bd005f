using Microsoft.Extensions.Options;
using Sec.BuildingBlocks.Storage;

namespace Sec.Releases.Storage;

/// <summary>The Releases context's database: everything lives in the <c>releases</c> schema.</summary>
public sealed class ReleasesStore(IOptions<StorageOptions> options) : ContextStore(SchemaName, options)
{
    public const string SchemaName = "releases";
}
