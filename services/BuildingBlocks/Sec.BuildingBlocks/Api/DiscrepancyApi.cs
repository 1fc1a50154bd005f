using Sec.BuildingBlocks.Application;
using Sec.BuildingBlocks.Messaging;
using Sec.Common.V1;

namespace Sec.BuildingBlocks.Api;

/// <summary>
/// The discrepancy calls every context's service offers, mapped once: each context's Api hands the
/// request here (the instance keyed by its schema), so the four services answer alike.
/// </summary>
public sealed class DiscrepancyApi(DiscrepancyUseCases discrepancies)
{
    /// <summary>The longest reason a resolution may give.</summary>
    public const int MaxReasonLength = DiscrepancyLog.MaxReasonLength;

    public async Task<ListDiscrepanciesResponse> ListAsync(ListDiscrepanciesRequest request, CancellationToken ct)
    {
        var listed = await discrepancies.ListAsync(request.IncludeResolved, ct);
        var response = new ListDiscrepanciesResponse { OpenCount = await discrepancies.CountOpenAsync(ct) };
        response.Discrepancies.AddRange(listed.Select(d => ToProto(d, discrepancies.Context)));
        return response;
    }

    public async Task<RetryDiscrepancyResponse> RetryAsync(RetryDiscrepancyRequest request, CancellationToken ct)
    {
        var (discrepancy, applied) = await discrepancies.RetryAsync(RequireId(request.Id), ct);
        return new RetryDiscrepancyResponse { Discrepancy = ToProto(discrepancy, discrepancies.Context), Applied = applied };
    }

    public async Task<ResolveDiscrepancyResponse> ResolveAsync(ResolveDiscrepancyRequest request, CancellationToken ct)
    {
        var id = RequireId(request.Id);
        new FieldChecks().RequiredText(request.Reason, "reason", MaxReasonLength).ThrowIfAny();
        return new ResolveDiscrepancyResponse { Discrepancy = ToProto(await discrepancies.ResolveAsync(id, request.Reason, ct), discrepancies.Context) };
    }

    private static long RequireId(long id) => id > 0 ? id : throw new InvalidFields("id", "must be a discrepancy's number (1 or more)");

    public static Sec.Common.V1.Discrepancy ToProto(Messaging.Discrepancy d, string context)
    {
        var proto = new Sec.Common.V1.Discrepancy
        {
            Context = context,
            Id = d.Id,
            Event = d.Event,
            Reason = d.Reason,
            FirstSeenAt = d.FirstSeenAt.ToProto(),
            LastTriedAt = d.LastTriedAt.ToProto(),
            Attempts = d.Attempts,
            Consumer = d.Consumer,
            ResolvedBy = d.ResolvedBy ?? "",
            Resolution = d.Resolution ?? "",
        };
        if (d.Reference is { } reference)
            proto.Reference = new Sec.Common.V1.ModificationReference { Value = reference };
        if (d.EffectiveOn is { } on)
            proto.EffectiveOn = on.ToProto();
        if (d.ResolvedAt is { } resolved)
            proto.ResolvedAt = resolved.ToProto();
        return proto;
    }
}
