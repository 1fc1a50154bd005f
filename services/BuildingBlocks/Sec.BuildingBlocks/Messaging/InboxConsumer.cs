using System.Data.Common;
using Dapper;
using MassTransit;
using Sec.BuildingBlocks.Domain;
using Sec.BuildingBlocks.Storage;

namespace Sec.BuildingBlocks.Messaging;

/// <summary>
/// A consumer that applies each message once: the inbox row and the consumer's own writes commit in
/// one transaction, so a redelivered message finds its row and changes nothing.
/// </summary>
public abstract class InboxConsumer<TStore, TMessage>(TStore store, IClock clock) : IConsumer<TMessage>
    where TStore : ContextStore
    where TMessage : class
{
    protected TStore Store => store;

    protected IClock Clock => clock;

    public async Task Consume(ConsumeContext<TMessage> context)
    {
        var messageId = context.MessageId
            ?? throw new InvalidOperationException($"{typeof(TMessage).Name} arrived without a message id; the inbox cannot apply it once.");
        await store.InTransactionAsync(async (connection, tx) =>
        {
            var first = await connection.ExecuteAsync(store.Dialect.InsertInboxIfAbsent(store.Schema), new
            {
                MessageId = messageId.ToString("D"),
                Consumer = GetType().FullName,
                MessageType = typeof(TMessage).FullName,
                ReceivedAt = clock.UtcNow,
            }, tx) == 1;
            if (first)
                await HandleAsync(context.Message, connection, tx, context.CancellationToken);
        }, context.CancellationToken);
    }

    /// <summary>Applies the message inside the inbox's transaction.</summary>
    protected abstract Task HandleAsync(TMessage message, DbConnection connection, DbTransaction tx, CancellationToken ct);
}
