using Google.Protobuf.WellKnownTypes;
using Sec.Proposals.V1;

namespace Sec.Proposals.Api;

// Webhooks: the operator's subscriptions and their delivery log.
public sealed partial class ProposalsApi
{
    private const int DefaultDeliveryLimit = 100;
    private const int MaxDeliveryLimit = 1_000;

    [Authorize(Roles = SecRoles.Operator)]
    public override async Task<RegisterWebhookResponse> RegisterWebhook(RegisterWebhookRequest request, ServerCallContext context)
    {
        var checks = new FieldChecks();
        checks.Check(request.EventKinds.Count <= WebhookUseCases.EventKinds.Count, "event_kinds", $"names {request.EventKinds.Count:N0} kinds; there are {WebhookUseCases.EventKinds.Count}");
        checks.ThrowIfAny();
        var webhook = await webhooks.RegisterAsync(request.Url, request.EventKinds, request.Secret, request.Description, context.CancellationToken);
        return new RegisterWebhookResponse { Webhook = WebhookProto(webhook) };
    }

    [Authorize(Roles = SecRoles.Operator)]
    public override async Task<ListWebhooksResponse> ListWebhooks(ListWebhooksRequest request, ServerCallContext context)
    {
        var response = new ListWebhooksResponse();
        response.Webhooks.AddRange((await webhooks.ListAsync(request.IncludeRemoved, context.CancellationToken)).Select(WebhookProto));
        return response;
    }

    [Authorize(Roles = SecRoles.Operator)]
    public override async Task<RemoveWebhookResponse> RemoveWebhook(RemoveWebhookRequest request, ServerCallContext context)
    {
        var id = SubscriptionId(request.SubscriptionId, required: true)!;
        return new RemoveWebhookResponse { Webhook = WebhookProto(await webhooks.RemoveAsync(id, context.CancellationToken)) };
    }

    [Authorize(Roles = SecRoles.Operator)]
    public override async Task<ListWebhookDeliveriesResponse> ListWebhookDeliveries(ListWebhookDeliveriesRequest request, ServerCallContext context)
    {
        var checks = new FieldChecks();
        checks.Check(request.Limit is >= 0 and <= MaxDeliveryLimit, "limit", $"must be 0 for the default ({DefaultDeliveryLimit}) or from 1 to {MaxDeliveryLimit:N0}");
        checks.ThrowIfAny();
        var id = SubscriptionId(request.SubscriptionId, required: false);
        var response = new ListWebhookDeliveriesResponse();
        response.Deliveries.AddRange((await webhooks.LogAsync(id, request.Limit == 0 ? DefaultDeliveryLimit : request.Limit, context.CancellationToken)).Select(DeliveryProto));
        return response;
    }

    /// <summary>A webhook's id as this service gives them out (a UUID), or InvalidArgument naming subscription_id.</summary>
    private static string? SubscriptionId(string value, bool required)
    {
        if (!required && string.IsNullOrEmpty(value))
            return null;
        if (!Guid.TryParseExact(value, "D", out var id))
            throw new InvalidFields([new FieldViolation("subscription_id", $"\"{FieldChecks.Excerpt(value)}\" is not a webhook id (a UUID this service gave out)")]);
        return id.ToString("D");
    }

    private static Webhook WebhookProto(Domain.WebhookSubscription s)
    {
        var webhook = new Webhook
        {
            SubscriptionId = s.Id, Url = s.Url, Description = s.Description, CreatedAt = Timestamp.FromDateTimeOffset(s.CreatedAt), CreatedBy = s.CreatedBy,
            RemovedAt = s.RemovedAt is { } removed ? Timestamp.FromDateTimeOffset(removed) : null,
        };
        webhook.EventKinds.AddRange(s.EventKinds);
        return webhook;
    }

    private static V1.WebhookDelivery DeliveryProto(Domain.WebhookDelivery d) => new()
    {
        DeliveryId = d.Id, SubscriptionId = d.SubscriptionId, EventKind = d.EventKind, MessageId = d.MessageId.ToString("D"),
        Reference = new Common.V1.ModificationReference { Value = d.Reference },
        Status = (WebhookDeliveryStatus)(int)d.Status, Attempts = d.Attempts, LastOutcome = d.LastOutcome,
        LastAttemptAt = d.LastAttemptAt is { } last ? Timestamp.FromDateTimeOffset(last) : null,
        NextAttemptAt = d.NextAttemptAt is { } next ? Timestamp.FromDateTimeOffset(next) : null,
        DeliveredAt = d.DeliveredAt is { } delivered ? Timestamp.FromDateTimeOffset(delivered) : null,
        CreatedAt = Timestamp.FromDateTimeOffset(d.CreatedAt),
    };
}
