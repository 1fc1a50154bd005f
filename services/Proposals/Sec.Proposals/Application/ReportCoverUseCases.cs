using Sec.BuildingBlocks.Application;
using Sec.BuildingBlocks.Domain;
using Sec.BuildingBlocks.Hosting;
using Sec.Proposals.Storage;

namespace Sec.Proposals.Application;

/// <summary>SECAS's words on a month's report: its cover and a narrative per section.</summary>
public sealed class ReportCoverUseCases(ProposalsStore store, ReportCoverRepository covers, ICurrentActor actor, IClock clock)
{
    /// <summary>Sets (or replaces) the month's cover; recorded with the report's date as its business date.</summary>
    public Task<ReportCover> SetAsync(DateOnly month, string author, string paperReference, DateOnly reportDate, IReadOnlyDictionary<string, string> narratives,
        IReadOnlyList<ReportAppendix> appendices, FieldChecks checks, CancellationToken ct)
    {
        var cover = ReportCover.Set(month, author, paperReference, reportDate, narratives, appendices, checks);
        return store.InTransactionAsync(async (connection, tx) =>
        {
            await covers.SaveAsync(connection, tx, cover);
            await store.AttributeAsync(connection, tx, new Attribution("SetReportCover", month.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture), null, reportDate),
                actor.Caller(), clock.UtcNow);
            return cover;
        }, ct);
    }
}
