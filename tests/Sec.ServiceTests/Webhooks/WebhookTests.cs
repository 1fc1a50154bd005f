using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Sec.Identity;
using ProposalEffects = Sec.Proposals.Domain.ProposalEffects;
using Sec.Proposals.Storage;
using Sec.Proposals.V1;

namespace Sec.ServiceTests.Webhooks;

/// <summary>
/// Webhooks delivered to real local HTTP listeners: signed, retried with back-off on the suite's
/// clock, never held back by another subscriber's failure, and logged.
/// </summary>
public sealed class WebhookTests : IAsyncLifetime
{
    private const string Secret = "the subscriber's shared secret";

    private readonly SuiteFactory _suite = new(settings: new Dictionary<string, string>
    {
        ["Proposals:Webhooks:AllowedHosts:0"] = "127.0.0.1",
        ["Proposals:Webhooks:FirstRetry"] = "00:00:10",
        ["Proposals:Webhooks:MaxAttempts"] = "3",
        ["Proposals:Webhooks:Timeout"] = "00:00:05",
        ["Proposals:Webhooks:Poll"] = "00:00:00.100",
    });

    private ProposalsService.ProposalsServiceClient Operator => new(_suite.Channel("Olu Operator", "SECAS", [SecRoles.Operator]));

    private ProposalsService.ProposalsServiceClient Clerk => new(_suite.Channel());

    public Task InitializeAsync() => _suite.StartHostAsync();

    public async Task DisposeAsync() => await _suite.DisposeAsync();

    private async Task<Webhook> SubscribeAsync(string url, params string[] kinds)
    {
        var request = new RegisterWebhookRequest { Url = url, Secret = Secret, Description = "test subscriber" };
        request.EventKinds.AddRange(kinds);
        return (await Operator.RegisterWebhookAsync(request)).Webhook;
    }

    private Task<Proposal> RaiseAsync(string title) => Clerk.RaiseDraftProposalAsync(new RaiseDraftProposalRequest
    {
        Title = title, ProblemStatement = "Alert storms", Proposer = new Proposer { Name = "Graeme Liggett", Organisation = "DCC" }, RaisedOn = D(2026, 11, 20),
    }).ResponseAsync.ContinueWith(t => t.Result.Proposal);

    private async Task<IReadOnlyList<Sec.Proposals.V1.WebhookDelivery>> LogAsync(Webhook webhook) =>
        (await Operator.ListWebhookDeliveriesAsync(new ListWebhookDeliveriesRequest { SubscriptionId = webhook.SubscriptionId })).Deliveries;

    private async Task<Sec.Proposals.V1.WebhookDelivery> AttemptedAsync(Webhook webhook, int attempts)
    {
        Sec.Proposals.V1.WebhookDelivery? delivery = null;
        await Eventually.UntilAsync(async () => (delivery = (await LogAsync(webhook)).SingleOrDefault()) is { } d && d.Attempts >= attempts,
            $"{webhook.Url} to have had {attempts} attempts");
        return delivery!;
    }

    private static string Sign(string body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes(body)));

    [Fact]
    public async Task An_event_a_webhook_chose_is_posted_once_signed_with_its_secret_and_logged_as_delivered()
    {
        await using var subscriber = new Subscriber();
        var webhook = await SubscribeAsync(subscriber.Url, "DraftProposalRaised");

        var raised = await RaiseAsync("CH Alert Storm Consolidation");
        await _suite.SettledAsync();
        var delivered = await AttemptedAsync(webhook, 1);

        var received = Assert.Single(subscriber.Requests);
        Assert.Equal("DraftProposalRaised", received.Event);
        Assert.Equal(Sign(received.Body), received.Signature);
        Assert.Equal(delivered.DeliveryId.ToString(System.Globalization.CultureInfo.InvariantCulture), received.Delivery);
        using var body = JsonDocument.Parse(received.Body);
        Assert.Equal("DraftProposalRaised", body.RootElement.GetProperty("kind").GetString());
        Assert.Equal(raised.Reference.Value, body.RootElement.GetProperty("reference").GetString());
        Assert.Equal(received.MessageId, body.RootElement.GetProperty("messageId").GetString());
        Assert.Equal("CH Alert Storm Consolidation", body.RootElement.GetProperty("event").GetProperty("title").GetString());
        Assert.Equal(WebhookDeliveryStatus.Delivered, delivered.Status);
        Assert.Equal("HTTP 200 OK", delivered.LastOutcome);
        // Only the kinds it chose: the status change the raising also published is not sent to it.
        Assert.Equal(["DraftProposalRaised"], (await LogAsync(webhook)).Select(d => d.EventKind));
    }

    [Fact]
    public async Task A_failing_endpoint_is_retried_with_doubling_back_off_and_holds_back_no_other_subscriber()
    {
        await using var flaky = new Subscriber(n => n <= 2 ? HttpStatusCode.ServiceUnavailable : HttpStatusCode.OK);
        await using var healthy = new Subscriber();
        var flakyHook = await SubscribeAsync(flaky.Url, "DraftProposalRaised");
        var downHook = await SubscribeAsync(Subscriber.Unreachable(), "DraftProposalRaised");
        var healthyHook = await SubscribeAsync(healthy.Url, "DraftProposalRaised");

        await RaiseAsync("Smart meter data retention");
        await _suite.SettledAsync();

        // The healthy subscriber has its delivery at once, whatever the other two do.
        Assert.Equal(WebhookDeliveryStatus.Delivered, (await AttemptedAsync(healthyHook, 1)).Status);
        var first = await AttemptedAsync(flakyHook, 1);
        Assert.Equal(WebhookDeliveryStatus.Pending, first.Status);
        Assert.Equal("HTTP 503 Service Unavailable", first.LastOutcome);
        Assert.Equal(_suite.Clock.UtcNow.AddSeconds(10), first.NextAttemptAt.ToDateTimeOffset());
        var down = await AttemptedAsync(downHook, 1);
        Assert.Equal(WebhookDeliveryStatus.Pending, down.Status);
        Assert.NotEmpty(down.LastOutcome);

        // Nothing is tried again before its time.
        Assert.Single(flaky.Requests);
        _suite.Clock.UtcNow = _suite.Clock.UtcNow.AddSeconds(10);
        var second = await AttemptedAsync(flakyHook, 2);
        Assert.Equal(WebhookDeliveryStatus.Pending, second.Status);
        Assert.Equal(_suite.Clock.UtcNow.AddSeconds(20), second.NextAttemptAt.ToDateTimeOffset());

        _suite.Clock.UtcNow = _suite.Clock.UtcNow.AddSeconds(20);
        var third = await AttemptedAsync(flakyHook, 3);
        Assert.Equal(WebhookDeliveryStatus.Delivered, third.Status);
        Assert.Equal(3, flaky.Requests.Count);
        Assert.Single(flaky.Requests.Select(r => r.MessageId).Distinct());
        Assert.All(flaky.Requests, r => Assert.Equal(Sign(r.Body), r.Signature));

        // The endpoint that stays down is given up after its third attempt, and logged so.
        var given = await AttemptedAsync(downHook, 3);
        Assert.Equal(WebhookDeliveryStatus.Failed, given.Status);
        Assert.Null(given.NextAttemptAt);
        Assert.Single(healthy.Requests);
    }

    [Fact]
    public async Task A_removed_webhook_gets_nothing_more_and_its_pending_delivery_is_given_up()
    {
        var down = await SubscribeAsync(Subscriber.Unreachable(), "DraftProposalRaised");
        await RaiseAsync("First");
        await _suite.SettledAsync();
        await AttemptedAsync(down, 1);

        var removed = (await Operator.RemoveWebhookAsync(new RemoveWebhookRequest { SubscriptionId = down.SubscriptionId })).Webhook;
        Assert.NotNull(removed.RemovedAt);
        _suite.Clock.UtcNow = _suite.Clock.UtcNow.AddSeconds(10);
        await RaiseAsync("Second");
        await _suite.SettledAsync();
        await Eventually.UntilAsync(async () => (await LogAsync(down)).Single().Status == WebhookDeliveryStatus.Failed, "the pending delivery to be given up");

        Assert.Equal("not sent: the webhook was removed", (await LogAsync(down)).Single().LastOutcome);
        Assert.Empty((await Operator.ListWebhooksAsync(new ListWebhooksRequest())).Webhooks);
        Assert.Single((await Operator.ListWebhooksAsync(new ListWebhooksRequest { IncludeRemoved = true })).Webhooks);
        var again = await Assert.ThrowsAsync<RpcException>(() => Operator.RemoveWebhookAsync(new RemoveWebhookRequest { SubscriptionId = down.SubscriptionId }).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, again.StatusCode);
    }

    [Fact]
    public async Task The_registers_own_events_become_deliveries_in_the_step_that_publishes_them_with_no_broker_between()
    {
        var kinds = ProposalEffects.Published.Select(t => t.Name).Order(StringComparer.Ordinal).ToArray();
        var webhook = await SubscribeAsync(Subscriber.Unreachable(), kinds);
        // With the bus stopped nothing reaches the fan-out: every delivery below is made by the step itself.
        await _suite.Get<MassTransit.IBusControl>().StopAsync();
        var register = new Sec.ServiceTests.Proposals.Register(_suite);

        var raised = await RaiseAsync("Adopted after its withdrawal");
        var fastTrack = Sec.ServiceTests.Proposals.RaiseDraftProposalTests.Dp119();
        fastTrack.FastTrack = true;
        var panel = new ProposalsService.ProposalsServiceClient(_suite.Channel("Chair", "SEC Panel", [SecRoles.Panel]));
        var mp = (await panel.RaiseDraftProposalAsync(fastTrack)).Proposal;
        await Clerk.SubmitForDecisionAsync(new SubmitForDecisionRequest { Reference = mp.Reference, EffectiveOn = mp.RaisedOn });
        // The withdrawal period's timer withdraws it (the timer needs no bus either); an adoption dated inside the period reverses that.
        await register.WithdrawAsync(raised.Reference.Value, D(2026, 11, 23));
        _suite.Clock.UtcNow = _suite.Clock.UtcNow.AddDays(30);
        await Eventually.UntilAsync(async () => (await register.GetAsync(raised.Reference.Value)).Phase == Phase.Withdrawn, "the withdrawal period to end");
        await register.AdoptAsync(raised.Reference.Value, D(2026, 11, 24), "Gemma Slaney", "Western Power Distribution");

        var log = await LogAsync(webhook);
        Assert.Equal(kinds, log.Select(d => d.EventKind).Distinct().Order(StringComparer.Ordinal));
        // Every event the register published is one of the kinds it delivers itself, and each became one delivery.
        var published = (await _suite.Get<ProposalsStore>().ReadAsync(c => c.QueryAsync<(string Id, string Type)>(
            "SELECT Id, MessageType FROM proposals.OutboxMessage"))).ToList();
        Assert.All(published, m => Assert.Contains(m.Type.Split('.')[^1], kinds));
        Assert.Equal(published.Select(m => m.Id).Order(), log.Select(d => d.MessageId).Order());
    }

    [Fact]
    public async Task The_fan_out_makes_another_contexts_events_deliveries_and_drops_a_register_event_an_older_broker_setup_routes_to_it()
    {
        var webhook = await SubscribeAsync(Subscriber.Unreachable(), "DraftProposalRaised", "ModificationApproved");
        var queue = new MassTransit.KebabCaseEndpointNameFormatter(null, includeNamespace: true).Consumer<Sec.Proposals.Messaging.WebhookFanOut>();
        var parked = new TaskCompletionSource<Guid>(TaskCreationOptions.RunContinuationsAsynchronously);
        var skipped = _suite.Harness.Bus.ConnectReceiveEndpoint(queue + "_skipped", e => e.Handler<Sec.Contracts.DraftProposalRaised>(c =>
        {
            parked.TrySetResult(c.Message.MessageId);
            return Task.CompletedTask;
        }));
        await skipped.Ready;
        var fanOut = await _suite.Harness.Bus.GetSendEndpoint(new Uri($"queue:{queue}"));

        // As a broker bound by an earlier version would route it: the register's event, to the fan-out's queue.
        var stale = new Sec.Contracts.DraftProposalRaised(Guid.NewGuid(), "DP900", new DateOnly(2026, 11, 20), "Stale", "Stale", "Graeme Liggett", "DCC",
            new DateOnly(2026, 11, 20), _suite.Clock.UtcNow, "Holly Burton (SECAS)");
        var approved = new Sec.Contracts.ModificationApproved(Guid.NewGuid(), "MP122", new DateOnly(2026, 11, 20), "Change Board");
        await fanOut.Send(stale);
        await fanOut.Send(approved);
        await Eventually.UntilAsync(async () => (await LogAsync(webhook)).Any(), "the approval's delivery");
        await _suite.Harness.InactivityTask;

        var delivery = Assert.Single(await LogAsync(webhook));
        Assert.Equal(("ModificationApproved", approved.MessageId.ToString("D")), (delivery.EventKind, delivery.MessageId));
        Assert.False(parked.Task.IsCompleted, "the register's event was parked in the fan-out's skipped queue");
    }

    [Fact]
    public async Task A_url_outside_the_allowed_hosts_or_not_http_or_an_unknown_event_is_refused_naming_the_field_and_writes_nothing()
    {
        await _suite.SettledAsync();
        var before = await _suite.EveryRowCountAsync();

        async Task RefusedAsync(RegisterWebhookRequest request, string field)
        {
            var refused = await Assert.ThrowsAsync<RpcException>(() => Operator.RegisterWebhookAsync(request).ResponseAsync);
            Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
            Assert.Contains(field, refused.ViolatedFields());
        }
        await RefusedAsync(new() { Url = "https://hooks.example.org/sec", EventKinds = { "ModificationApproved" }, Secret = Secret }, "url");
        await RefusedAsync(new() { Url = "ftp://127.0.0.1/sec", EventKinds = { "ModificationApproved" }, Secret = Secret }, "url");
        await RefusedAsync(new() { Url = "http://127.0.0.1/sec", EventKinds = { "ModificationExploded" }, Secret = Secret }, "event_kinds");
        await RefusedAsync(new() { Url = "http://127.0.0.1/sec", EventKinds = { "ModificationApproved" }, Secret = "short" }, "secret");
        var secas = await Assert.ThrowsAsync<RpcException>(() => new ProposalsService.ProposalsServiceClient(_suite.Channel(roles: [SecRoles.Secas])).RegisterWebhookAsync(
            new RegisterWebhookRequest { Url = "http://127.0.0.1/sec", EventKinds = { "ModificationApproved" }, Secret = Secret }).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, secas.StatusCode);

        Assert.Equal(before, await _suite.EveryRowCountAsync());
        // The list never shows a secret.
        var listed = await SubscribeAsync("http://127.0.0.1/sec", "ModificationApproved");
        Assert.DoesNotContain(Secret, (await Operator.ListWebhooksAsync(new ListWebhooksRequest())).ToString());
        Assert.Equal(listed.SubscriptionId, (await Operator.ListWebhooksAsync(new ListWebhooksRequest())).Webhooks.Single().SubscriptionId);
    }
}
