using Sec.Proposals.V1;

namespace Sec.Proposals.Reporting;

/// <summary>
/// The last few Change Status Report responses (the composed report with its Markdown, HTML and
/// CSV), each kept with the data versions of the four contexts it was built from. A response is
/// served again only for the same request while every context still reports the same version; any
/// write in any context changes its version, and the next request composes afresh. Callers asking
/// for the same report at once share one composition. Per process; bounded by entries and bytes.
/// </summary>
public sealed class ReportCache
{
    /// <summary>How many responses are kept: a month's report, the month before, and a few dates of either.</summary>
    public const int MaxEntries = 4;

    /// <summary>The most the kept responses may weigh together (a 10,000-modification month is about 4 MB).</summary>
    public const long MaxBytes = 64L * 1024 * 1024;

    private readonly Lock _gate = new();
    private readonly LinkedList<Entry> _entries = new();
    private readonly Dictionary<(ReportKey, string), Task<GetChangeStatusReportResponse>> _composing = [];
    private long _bytes;
    private long _compositions;

    /// <summary>How many responses this process has composed rather than served from the cache.</summary>
    public long Compositions => Interlocked.Read(ref _compositions);

    /// <summary>
    /// The response for <paramref name="key"/> built on data at <paramref name="versions"/>: a kept one
    /// if it was built on the same versions, the one being composed for them if a caller already asked,
    /// else a new one from <paramref name="compose"/>.
    /// </summary>
    public Task<GetChangeStatusReportResponse> GetOrComposeAsync(ReportKey key, string versions, Func<Task<GetChangeStatusReportResponse>> compose)
    {
        lock (_gate)
        {
            for (var node = _entries.First; node is not null; node = node.Next)
            {
                if (node.Value.Key != key)
                    continue;
                if (node.Value.Versions == versions)
                {
                    _entries.Remove(node);
                    _entries.AddFirst(node);
                    return Task.FromResult(node.Value.Response);
                }
                // Built on older data: it will not be served again.
                Remove(node);
                break;
            }
            if (_composing.TryGetValue((key, versions), out var running))
                return running;
            var composing = ComposeAsync(key, versions, compose);
            // A composition that finished at once has already kept its answer; only a running one is shared.
            if (!composing.IsCompleted)
                _composing[(key, versions)] = composing;
            return composing;
        }
    }

    private async Task<GetChangeStatusReportResponse> ComposeAsync(ReportKey key, string versions, Func<Task<GetChangeStatusReportResponse>> compose)
    {
        // Off the caller's lock: the composition runs on its own from here.
        await Task.Yield();
        try
        {
            Interlocked.Increment(ref _compositions);
            var response = await compose();
            Keep(key, versions, response);
            return response;
        }
        finally
        {
            lock (_gate)
                _composing.Remove((key, versions));
        }
    }

    private void Keep(ReportKey key, string versions, GetChangeStatusReportResponse response)
    {
        var size = (long)response.CalculateSize();
        if (size > MaxBytes)
            return;
        lock (_gate)
        {
            for (var node = _entries.First; node is not null; node = node.Next)
                if (node.Value.Key == key)
                {
                    Remove(node);
                    break;
                }
            _entries.AddFirst(new Entry(key, versions, response, size));
            _bytes += size;
            while (_entries.Count > MaxEntries || _bytes > MaxBytes)
                Remove(_entries.Last!);
        }
    }

    private void Remove(LinkedListNode<Entry> node)
    {
        _entries.Remove(node);
        _bytes -= node.Value.Size;
    }

    private sealed record Entry(ReportKey Key, string Versions, GetChangeStatusReportResponse Response, long Size);
}

/// <summary>
/// What makes two report requests the same report: its dates, its stage names, and whether the
/// caller may see the discrepancies appendix (the only part that depends on who asks).
/// </summary>
public sealed record ReportKey(DateOnly Month, DateOnly? PeriodEnd, DateOnly? AsOf, ReportStageNames StageNames, bool WithDiscrepancies);
