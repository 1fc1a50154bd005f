using Microsoft.Extensions.Options;
using Sec.BuildingBlocks.Storage;

namespace Sec.ChangeBoard.Storage;

/// <summary>The ChangeBoard context's database: everything lives in the <c>changeboard</c> schema.</summary>
public sealed class ChangeBoardStore(IOptions<StorageOptions> options) : ContextStore(SchemaName, options)
{
    public const string SchemaName = "changeboard";
}
