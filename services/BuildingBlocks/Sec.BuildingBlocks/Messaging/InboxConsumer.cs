using MassTransit;

namespace Sec.BuildingBlocks.Messaging;

/// <summary>
/// Applies each message once per consumer: the inbox row and the consumer's own writes commit in
/// one transaction, so a redelivered message finds its row and changes nothing.
/// </summary>
public static class Inbox
{
    public static Task ApplyOnceAsync<TMessage>(ContextStore store, IClock clock, string consumer, ConsumeContext<TMessage> context,
        Func<TMessage, DbConnection, DbTransaction, CancellationToken, Task> handle) where TMessage : class
    {
        var messageId = context.MessageId
            ?? throw new InvalidOperationException($"{typeof(TMessage).Name} arrived without a message id; the inbox cannot apply it once.");
        return store.InTransactionAsync(async (connection, tx) =>
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
}

/// <summary>A consumer that applies each message once, through the <see cref="Inbox"/>.</summary>
public abstract class InboxConsumer<TStore, TMessage>(TStore store, IClock clock) : IConsumer<TMessage>
    where TStore : ContextStore
    where TMessage : class
{
    protected TStore Store => store;

    protected IClock Clock => clock;

    public Task Consume(ConsumeContext<TMessage> context) =>
        Inbox.ApplyOnceAsync(store, clock, GetType().FullName!, context, HandleAsync);

    /// <summary>Applies the message inside the inbox's transaction.</summary>
    protected abstract Task HandleAsync(TMessage message, DbConnection connection, DbTransaction tx, CancellationToken ct);
}
