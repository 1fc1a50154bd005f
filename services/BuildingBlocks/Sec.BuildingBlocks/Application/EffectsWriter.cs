using Sec.BuildingBlocks.Messaging;
using Sec.BuildingBlocks.Timers;

namespace Sec.BuildingBlocks.Application;

/// <summary>
/// The last step of every use case: what the domain returned goes into the context's outbox and
/// timer table inside the use case's transaction, so it commits or vanishes with the state change.
/// </summary>
public static class EffectsWriter
{
    public static async Task EnqueueAsync(this ContextStore store, DbConnection connection, DbTransaction tx, Effects effects, DateTimeOffset now)
    {
        foreach (var message in effects.Events)
            await Outbox.EnqueueAsync(connection, tx, store.Schema, message, now);
        foreach (var timer in effects.Timers)
        {
            if (timer is ScheduleTimer s)
                await DurableTimers.ScheduleAsync(connection, tx, store.Schema, s.Kind, s.SubjectKey, s.DueAt, s.Payload, now);
            else
                await DurableTimers.CancelAsync(connection, tx, store.Schema, timer.Kind, timer.SubjectKey, now);
        }
    }
}
