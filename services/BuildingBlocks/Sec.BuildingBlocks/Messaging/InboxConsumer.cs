using MassTransit;

namespace Sec.BuildingBlocks.Messaging;

/// <summary>
/// Applies each message once per consumer: the inbox row and the consumer's own writes commit in
/// one transaction, so a redelivered message finds its row and changes nothing. A message the
/// context's record refuses, or one that still fails on its last delivery attempt, goes to the
/// context's <see cref="DiscrepancyLog"/> instead: it is never dropped and never only logged.
/// </summary>
public static class Inbox
{
    public static async Task ApplyOnceAsync<TMessage>(ContextStore store, IClock clock, string consumer, ConsumeContext<TMessage> context,
        Func<TMessage, DbConnection, DbTransaction, CancellationToken, Task> handle, IReappliesMessages reapplier) where TMessage : class
    {
        var messageId = context.MessageId
            ?? throw new InvalidOperationException($"{typeof(TMessage).Name} arrived without a message id; the inbox cannot apply it once.");
        try
        {
            await ApplyAsync(store, clock, consumer, context, handle, messageId);
        }
        catch (Exception ex) when (IsPermanent(ex, context))
        {
            await DiscrepancyLog.RecordAsync(store, clock, consumer, reapplier, messageId, context.Message, ex.Message, context.CancellationToken);
            context.GetPayload<IServiceProvider>().GetService<ILoggerFactory>()?.CreateLogger(consumer)
                .LogWarning("{Consumer} could not apply {Event} {MessageId}; kept as a discrepancy: {Reason}", consumer, typeof(TMessage).Name, messageId, ex.Message);
        }
    }

    /// <summary>
    /// A refusal is permanent: the record contradicts the event, and retrying at once changes nothing.
    /// Anything else is retried by the bus, and kept as a discrepancy if its last attempt fails too.
    /// A lost race on a row (concurrency) is always retried.
    /// </summary>
    private static bool IsPermanent(Exception ex, ConsumeContext context) => ex switch
    {
        ConcurrencyConflict or OperationCanceledException => false,
        DomainRefusal => true,
        _ => context.GetRetryAttempt() >= MessagingRegistration.DeliveryRetries,
    };

    private static Task ApplyAsync<TMessage>(ContextStore store, IClock clock, string consumer, ConsumeContext<TMessage> context,
        Func<TMessage, DbConnection, DbTransaction, CancellationToken, Task> handle, Guid messageId) where TMessage : class =>
        store.InTransactionAsync(async (connection, tx) =>
        {
            var first = await connection.ExecuteAsync(store.Dialect.InsertInboxIfAbsent(store.Schema), new
            {
                MessageId = messageId.ToString("D"),
                Consumer = consumer,
                MessageType = typeof(TMessage).FullName,
                ReceivedAt = clock.UtcNow,
            }, tx) == 1;
            if (first)
                await handle(context.Message, connection, tx, context.CancellationToken);
        }, context.CancellationToken);
}

/// <summary>A consumer that applies each message once, through the <see cref="Inbox"/>.</summary>
public abstract class InboxConsumer<TStore, TMessage>(TStore store, IClock clock) : IConsumer<TMessage>, IReappliesMessages
    where TStore : ContextStore
    where TMessage : class
{
    protected TStore Store => store;

    protected IClock Clock => clock;

    public Task Consume(ConsumeContext<TMessage> context) =>
        Inbox.ApplyOnceAsync(store, clock, GetType().FullName!, context, HandleAsync, this);

    public Task ReapplyAsync(object message, DbConnection connection, DbTransaction tx, CancellationToken ct) =>
        HandleAsync((TMessage)message, connection, tx, ct);

    /// <summary>Applies the message inside the inbox's transaction.</summary>
    protected abstract Task HandleAsync(TMessage message, DbConnection connection, DbTransaction tx, CancellationToken ct);
}
