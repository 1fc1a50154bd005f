using System.Text.Json;
using Microsoft.Extensions.Options;
using Sec.BuildingBlocks.Application;
using Sec.BuildingBlocks.Hosting;
using Sec.Contracts;
using Sec.Proposals.Storage;

namespace Sec.Proposals.Application;

/// <summary>What one attempt to deliver got back: the HTTP status, or none when the endpoint could not be reached.</summary>
public sealed record DeliveryAnswer(int? HttpStatus, string Outcome);

/// <summary>Posts a delivery's body, signed, to its subscriber; never throws for the subscriber's failure.</summary>
public interface IWebhookSender
{
    Task<DeliveryAnswer> SendAsync(WebhookSubscription subscription, WebhookDelivery delivery, CancellationToken ct);
}

/// <summary>
/// Webhooks: an operator registers, lists and removes subscriptions; every integration event a
/// subscription wants becomes a delivery row (the webhooks' outbox), in the transaction of the
/// register step that published it, or, for another context's event, of its consumption; the
/// dispatcher tries each due delivery on its own, so a failing endpoint holds back no other, and
/// its log shows every attempt's outcome.
/// </summary>
public sealed class WebhookUseCases(ProposalsStore store, WebhookRepository webhooks, IOptions<WebhookOptions> options, ICurrentActor actor, IClock clock)
{
    /// <summary>Every integration event the suite publishes, by name: the kinds a subscriber chooses from.</summary>
    public static readonly IReadOnlySet<string> EventKinds = typeof(IIntegrationEvent).Assembly.GetTypes()
        .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IIntegrationEvent).IsAssignableFrom(t)).Select(t => t.Name).ToHashSet(StringComparer.Ordinal);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public Task<WebhookSubscription> RegisterAsync(string url, IReadOnlyList<string> kinds, string secret, string description, CancellationToken ct)
    {
        var caller = actor.Caller();
        var (subscription, _) = WebhookSubscription.Register(NewIds.Row(), url, kinds, secret, description,
            options.Value.AllowedHosts, EventKinds, clock.UtcNow, caller.Actor.Name);
        return store.InTransactionAsync(async (c, tx) =>
        {
            await webhooks.InsertAsync(c, tx, subscription);
            await store.AttributeAsync(c, tx, new Attribution("RegisterWebhook", subscription.Id, null, clock.Today), caller, clock.UtcNow);
            return subscription;
        }, ct);
    }

    public Task<WebhookSubscription> RemoveAsync(string id, CancellationToken ct) =>
        store.InTransactionAsync(async (c, tx) =>
        {
            var before = await webhooks.LoadAsync(c, tx, id);
            var (after, _) = before.Remove(clock.UtcNow);
            await webhooks.SaveAsync(c, tx, after);
            await store.AttributeAsync(c, tx, new Attribution("RemoveWebhook", id, null, clock.Today), actor.Caller(), clock.UtcNow);
            return after;
        }, ct);

    public Task<IReadOnlyList<WebhookSubscription>> ListAsync(bool withRemoved, CancellationToken ct) => webhooks.ListAsync(withRemoved, ct);

    public Task<IReadOnlyList<WebhookDelivery>> LogAsync(string? subscriptionId, int limit, CancellationToken ct) => webhooks.LogAsync(subscriptionId, limit, ct);

    /// <summary>
    /// Makes another context's event's deliveries, one for each subscription that wants its kind, as
    /// the fan-out consumes it; an event taken twice makes none the second time.
    /// </summary>
    public async Task RecordEventAsync<TEvent>(TEvent message, CancellationToken ct) where TEvent : class, IIntegrationEvent
    {
        var kind = typeof(TEvent).Name;
        // Most events are wanted by no subscription: those write nothing, so they take no place among the file's writes.
        if (!(await store.ReadAsync(c => webhooks.ActiveAsync(c, null), ct)).Any(s => s.Wants(kind)))
            return;
        await store.InTransactionAsync(async (c, tx) => await AddDeliveriesAsync(c, tx, await webhooks.ActiveAsync(c, tx), [message], clock.UtcNow), ct);
    }

    /// <summary>
    /// Makes the deliveries of the events a register step publishes, inside the step's own
    /// transaction: they commit with the change that caused them, or not at all, and need no broker.
    /// </summary>
    public async Task RecordPublishedWithinAsync(DbConnection connection, DbTransaction tx, IReadOnlyList<IIntegrationEvent> events, DateTimeOffset now)
    {
        if (events.Count == 0)
            return;
        var active = await webhooks.ActiveAsync(connection, tx);
        if (active.Count > 0)
            await AddDeliveriesAsync(connection, tx, active, events, now);
    }

    private async Task AddDeliveriesAsync(DbConnection connection, DbTransaction tx, IReadOnlyList<WebhookSubscription> active, IReadOnlyList<IIntegrationEvent> events, DateTimeOffset now)
    {
        foreach (var message in events)
        {
            var kind = message.GetType().Name;
            string? body = null;
            foreach (var subscription in active.Where(s => s.Wants(kind)))
            {
                // The event as its own type, not as the interface, so every field it carries is in the body.
                body ??= JsonSerializer.Serialize(new { kind, messageId = message.MessageId, reference = message.Reference, effectiveOn = message.EffectiveOn, @event = (object)message }, Json);
                await webhooks.AddDeliveryAsync(connection, tx, new WebhookDelivery(0, subscription.Id, message.MessageId, kind, message.Reference, body,
                    DeliveryStatus.Pending, 0, now, null, "not yet tried", null, now));
            }
        }
    }

    /// <summary>
    /// Tries every due delivery at once, each on its own with the sender's timeout, and records each
    /// attempt as it ends: one endpoint's failure or slowness never holds back another's. Returns how many were tried.
    /// </summary>
    public async Task<int> DeliverDueAsync(IWebhookSender sender, CancellationToken ct)
    {
        var due = await webhooks.DueAsync(clock.UtcNow, 100, ct);
        if (due.Count == 0)
            return 0;
        var subscriptions = (await webhooks.ListAsync(withRemoved: true, ct)).ToDictionary(s => s.Id);
        await Task.WhenAll(due.Select(async delivery =>
        {
            // Claimed for as long as an attempt can take, so no other dispatcher sends it meanwhile.
            var now = clock.UtcNow;
            if (!await webhooks.ClaimAsync(delivery, now, now + options.Value.Timeout * 2, ct))
                return;
            var subscription = subscriptions[delivery.SubscriptionId];
            WebhookDelivery after;
            if (subscription.RemovedAt is not null)
                after = delivery.Abandon(clock.UtcNow);
            else
            {
                var answer = await sender.SendAsync(subscription, delivery, ct);
                after = delivery.After(answer.HttpStatus, answer.Outcome, clock.UtcNow, options.Value.RetryPolicy);
            }
            await store.InTransactionAsync((c, tx) => webhooks.SaveAttemptAsync(c, tx, after), ct);
        }));
        return due.Count;
    }
}
