using Microsoft.Extensions.Options;
using Sec.BuildingBlocks.Storage;

namespace Sec.Proposals.Storage;

/// <summary>The Proposals context's database: everything lives in the <c>proposals</c> schema.</summary>
public sealed class ProposalsStore(IOptions<StorageOptions> options) : ContextStore(SchemaName, options)
{
    public const string SchemaName = "proposals";
}
