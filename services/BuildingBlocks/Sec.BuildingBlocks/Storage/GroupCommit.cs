using System.Collections.Concurrent;
using System.Data;
using Microsoft.Data.Sqlite;

namespace Sec.BuildingBlocks.Storage;

/// <summary>
/// Group commit for a SQLite store: the writes that queue for the file's one write lock run one after
/// the other in a single transaction, each inside a savepoint of its own, and the transaction commits
/// once, so one wait for the disk serves them all. A write that throws is rolled back to its
/// savepoint and fails alone; the others commit. No caller hears of success before the commit that
/// holds its rows is durable, so each write keeps every guarantee it had in a transaction of its own.
/// </summary>
/// <remarks>
/// There is no background worker: the first caller to find the queue idle drains it (the leader),
/// running each queued write in its own caller's execution context, so the caller's identity, trace
/// and idempotency key flow into it as before.
/// </remarks>
internal sealed class GroupCommit(ContextStore store)
{
    /// <summary>The most writes one transaction takes, so a queue under load still commits often.</summary>
    private const int MaxGroup = 64;

    // Set inside a queued write's own flow, to refuse a write to the same store nested in it.
    private readonly AsyncLocal<bool> _writing = new();
    private readonly ConcurrentQueue<PendingWrite> _queue = new();
    private int _leading;

    /// <summary>Refuses a write to this store started inside one of its queued writes: the gate is held for the outer one, so both would wait for each other.</summary>
    public void RefuseNestedWrite()
    {
        if (_writing.Value)
            throw new InvalidOperationException($"A write to {store.Schema} started inside another write to it; both would wait for each other.");
    }

    public async Task<T> RunAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, IdempotencyScope? scope, CancellationToken ct)
    {
        RefuseNestedWrite();
        var write = new PendingWrite<T>(_writing, work, scope, ct);
        _queue.Enqueue(write);
        await LeadWhileQueuedAsync(write.Result);
        return await write.Result;
    }

    /// <summary>
    /// Whoever sets the flag drains the queue until its own write is done, then hands what is left to
    /// the thread pool, so no caller waits on others' writes for long. A write queued just as the
    /// leader steps down is picked up by its own caller, who finds the flag clear again.
    /// </summary>
    private async Task LeadWhileQueuedAsync(Task? mine)
    {
        while (!_queue.IsEmpty && Interlocked.CompareExchange(ref _leading, 1, 0) == 0)
        {
            try
            {
                while (!_queue.IsEmpty && mine is not { IsCompleted: true })
                    await CommitGroupAsync();
            }
            finally
            {
                Volatile.Write(ref _leading, 0);
            }
            if (mine is { IsCompleted: true })
            {
                if (!_queue.IsEmpty)
                {
                    using (ExecutionContext.SuppressFlow())
                        _ = Task.Run(() => LeadWhileQueuedAsync(null));
                }
                return;
            }
        }
    }

    private async Task CommitGroupAsync()
    {
        var group = new List<PendingWrite>(MaxGroup);
        while (group.Count < MaxGroup && _queue.TryDequeue(out var next))
        {
            if (next.Cancellation.IsCancellationRequested)
                next.Fail(new OperationCanceledException(next.Cancellation));
            else
                group.Add(next);
        }
        if (group.Count == 0)
            return;
        var applied = new List<PendingWrite>(group.Count);
        // The file's write gate, shared with this process's other writers (the relay's claims and marks).
        using var gate = await store.HoldWriteGateAsync();
        try
        {
            await using var connection = await store.OpenWriterAsync(CancellationToken.None);
            // BEGIN IMMEDIATE: the write lock up front, so writers queue instead of deadlocking on an upgrade.
            await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted);
            for (var i = 0; i < group.Count; i++)
            {
                var write = group[i];
                var savepoint = $"w{i}";
                await tx.SaveAsync(savepoint);
                try
                {
                    await write.RunAsync(connection, tx, store);
                    await tx.ReleaseAsync(savepoint);
                    applied.Add(write);
                }
                catch (Exception ex)
                {
                    await tx.RollbackAsync(savepoint);
                    await tx.ReleaseAsync(savepoint);
                    write.Fail(ex);
                }
            }
            if (applied.Count > 0)
                await tx.CommitAsync();
        }
        catch (Exception ex)
        {
            // The transaction did not commit: nothing any of them wrote is kept.
            foreach (var write in group.Where(w => !w.Done))
                write.Fail(ex);
            return;
        }
        if (applied.Count > 0)
            store.Committed.Notify();
        foreach (var write in applied)
            write.Succeed();
    }

    private abstract class PendingWrite(AsyncLocal<bool> writing, IdempotencyScope? scope, CancellationToken cancellation)
    {
        private readonly ExecutionContext? _context = ExecutionContext.Capture();

        public CancellationToken Cancellation => cancellation;

        public bool Done { get; protected set; }

        public Task RunAsync(DbConnection connection, DbTransaction tx, ContextStore store)
        {
            Task run = null!;
            if (_context is null)
                run = Body();
            else
                ExecutionContext.Run(_context, _ => run = Body(), null);
            return run;

            async Task Body()
            {
                writing.Value = true;
                // A call with an idempotency key: its first write records the key in the same transaction.
                if (scope is not null)
                    await Idempotency.RecordAsync(store, connection, tx, scope);
                await ExecuteAsync(connection, tx);
            }
        }

        protected abstract Task ExecuteAsync(DbConnection connection, DbTransaction tx);

        public abstract void Succeed();

        public abstract void Fail(Exception ex);
    }

    private sealed class PendingWrite<T>(AsyncLocal<bool> writing, Func<DbConnection, DbTransaction, Task<T>> work, IdempotencyScope? scope, CancellationToken ct)
        : PendingWrite(writing, scope, ct)
    {
        private readonly TaskCompletionSource<T> _result = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T _value = default!;

        public Task<T> Result => _result.Task;

        protected override async Task ExecuteAsync(DbConnection connection, DbTransaction tx) => _value = await work(connection, tx);

        public override void Succeed()
        {
            Done = true;
            _result.TrySetResult(_value);
        }

        public override void Fail(Exception ex)
        {
            Done = true;
            _result.TrySetException(ex);
        }
    }
}
