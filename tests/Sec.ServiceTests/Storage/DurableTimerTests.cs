using System.Data.Common;
using Sec.BuildingBlocks.Timers;
using Sec.Releases.Storage;

namespace Sec.ServiceTests.Storage;

public sealed class DurableTimerTests
{
    /// <summary>Counts its firings in the context's counter table, inside the firing transaction.</summary>
    private sealed class CountingHandler(ReleasesStore store) : ITimerHandler<ReleasesStore>
    {
        public string Kind => "test-deadline";

        public Task FireAsync(DueTimer timer, DbConnection connection, DbTransaction tx, CancellationToken ct) =>
            connection.ExecuteScalarAsync<long>(store.Dialect.TakeNextNumber(store.Schema), new { Name = $"fired:{timer.SubjectKey}" }, tx);
    }

    private static long Fired(ReleasesStore store, string subject) =>
        store.ReadAsync(c => c.ExecuteScalarAsync<long?>($"SELECT Value FROM releases.Counter WHERE Name = 'fired:{subject}'")).Result ?? 0;

    [Fact]
    public async Task A_deadline_set_before_a_restart_fires_once_after_it()
    {
        var data = SuiteFactory.NewDataDirectory();
        var monday = new DateTimeOffset(2020, 7, 22, 9, 0, 0, TimeSpan.Zero);
        void Handler(IServiceCollection s) => s.AddSingleton<ITimerHandler<ReleasesStore>, CountingHandler>();
        try
        {
            await using (var before = new SuiteFactory(data, monday, Handler))
            {
                var store = before.Get<ReleasesStore>();
                await store.InTransactionAsync((c, tx) => DurableTimers.ScheduleAsync(c, tx, store.Schema, "test-deadline", "SECMP0015",
                    monday.AddDays(14), payload: null, monday));
                await before.Get<TimerPoller<ReleasesStore>>().FireDueAsync(CancellationToken.None);
                Assert.Equal(0, Fired(store, "SECMP0015"));
            }

            await using (var after = new SuiteFactory(data, monday.AddDays(15), Handler))
            {
                var store = after.Get<ReleasesStore>();
                await Eventually.UntilAsync(() => Task.FromResult(Fired(store, "SECMP0015") == 1), "the deadline to fire after the restart");
                await after.Get<TimerPoller<ReleasesStore>>().FireDueAsync(CancellationToken.None);
            }

            await using var again = new SuiteFactory(data, monday.AddDays(16), Handler);
            var finalStore = again.Get<ReleasesStore>();
            await again.Get<TimerPoller<ReleasesStore>>().FireDueAsync(CancellationToken.None);
            Assert.Equal(1, Fired(finalStore, "SECMP0015"));
        }
        finally
        {
            SuiteFactory.DeleteData(data);
        }
    }

    [Fact]
    public async Task A_cancelled_deadline_never_fires()
    {
        var now = new DateTimeOffset(2020, 7, 22, 9, 0, 0, TimeSpan.Zero);
        await using var suite = new SuiteFactory(null, now, s => s.AddSingleton<ITimerHandler<ReleasesStore>, CountingHandler>());
        var store = suite.Get<ReleasesStore>();
        await store.InTransactionAsync(async (c, tx) =>
        {
            await DurableTimers.ScheduleAsync(c, tx, store.Schema, "test-deadline", "MP103", now.AddMinutes(-1), null, now);
            Assert.True(await DurableTimers.CancelAsync(c, tx, store.Schema, "test-deadline", "MP103", now));
        });

        Assert.Equal(0, await suite.Get<TimerPoller<ReleasesStore>>().FireDueAsync(CancellationToken.None));
        Assert.Equal(0, Fired(store, "MP103"));
    }
}
