using System.Collections.Concurrent;
using System.Diagnostics;
using Sec.Proposals.V1;

namespace Sec.ServiceTests.Telemetry;

public sealed class TracePropagationTests
{
    [Fact]
    public async Task The_callers_trace_follows_the_event_through_the_outbox_to_the_consumer()
    {
        var consumed = new ConcurrentBag<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "MassTransit",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a => { if (a.Kind == ActivityKind.Consumer) consumed.Add(a); },
        };
        ActivitySource.AddActivityListener(listener);
        await using var suite = new SuiteFactory();
        await suite.StartHostAsync();
        var traceId = ActivityTraceId.CreateRandom();
        using (new Activity("client app").SetParentId(traceId, ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded).Start())
            await new ProposalsService.ProposalsServiceClient(suite.Channel()).RaiseDraftProposalAsync(RaiseDraftProposalTests.Dp119());

        await Eventually.UntilAsync(() => Task.FromResult(consumed.Count(a => a.TraceId == traceId) >= 3), "consumer spans of all three contexts in the caller's trace");
    }
}
