using Microsoft.Extensions.Options;
using Sec.BuildingBlocks.Storage;

namespace Sec.Assessments.Storage;

/// <summary>The Assessments context's database: everything lives in the <c>assessments</c> schema.</summary>
public sealed class AssessmentsStore(IOptions<StorageOptions> options) : ContextStore(SchemaName, options)
{
    public const string SchemaName = "assessments";
}
