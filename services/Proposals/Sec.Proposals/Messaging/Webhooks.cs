using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MassTransit;
using Sec.Contracts;

namespace Sec.Proposals.Messaging;

/// <summary>
/// Hands the other contexts' integration events to the webhooks, which make a delivery for each
/// subscription that wants its kind. One consumer for all kinds, so the events take one queue. The
/// register's own events (<see cref="ProposalEffects.Published"/>) are not heard here: the step
/// that publishes one makes its deliveries in its own transaction.
/// </summary>
public sealed class WebhookFanOut(WebhookUseCases webhooks) :
    IConsumer<AssessmentAccepted>,
    IConsumer<AssessmentAcceptedAfresh>,
    IConsumer<AssessmentCancelled>,
    IConsumer<AssessmentClockRestarted>,
    IConsumer<AssessmentClockStopped>,
    IConsumer<AssessmentRequested>,
    IConsumer<AssessmentReturnForecast>,
    IConsumer<AssessmentReturned>,
    IConsumer<AssessmentWithdrawn>,
    IConsumer<AuthorityDecided>,
    IConsumer<ImpactAssessmentApprovalNeeded>,
    IConsumer<ImpactAssessmentRequestDecided>,
    IConsumer<ModificationApproved>,
    IConsumer<ModificationDecisionReopened>,
    IConsumer<ModificationImplemented>,
    IConsumer<ModificationRecommended>,
    IConsumer<ModificationReferred>,
    IConsumer<ModificationRejected>,
    IConsumer<ReferralDetermined>
{
    public Task Consume(ConsumeContext<AssessmentAccepted> context) => webhooks.RecordEventAsync(context.Message, context.CancellationToken);
    public Task Consume(ConsumeContext<AssessmentAcceptedAfresh> context) => webhooks.RecordEventAsync(context.Message, context.CancellationToken);
    public Task Consume(ConsumeContext<AssessmentCancelled> context) => webhooks.RecordEventAsync(context.Message, context.CancellationToken);
    public Task Consume(ConsumeContext<AssessmentClockRestarted> context) => webhooks.RecordEventAsync(context.Message, context.CancellationToken);
    public Task Consume(ConsumeContext<AssessmentClockStopped> context) => webhooks.RecordEventAsync(context.Message, context.CancellationToken);
    public Task Consume(ConsumeContext<AssessmentRequested> context) => webhooks.RecordEventAsync(context.Message, context.CancellationToken);
    public Task Consume(ConsumeContext<AssessmentReturnForecast> context) => webhooks.RecordEventAsync(context.Message, context.CancellationToken);
    public Task Consume(ConsumeContext<AssessmentReturned> context) => webhooks.RecordEventAsync(context.Message, context.CancellationToken);
    public Task Consume(ConsumeContext<AssessmentWithdrawn> context) => webhooks.RecordEventAsync(context.Message, context.CancellationToken);
    public Task Consume(ConsumeContext<AuthorityDecided> context) => webhooks.RecordEventAsync(context.Message, context.CancellationToken);
    public Task Consume(ConsumeContext<ImpactAssessmentApprovalNeeded> context) => webhooks.RecordEventAsync(context.Message, context.CancellationToken);
    public Task Consume(ConsumeContext<ImpactAssessmentRequestDecided> context) => webhooks.RecordEventAsync(context.Message, context.CancellationToken);
    public Task Consume(ConsumeContext<ModificationApproved> context) => webhooks.RecordEventAsync(context.Message, context.CancellationToken);
    public Task Consume(ConsumeContext<ModificationDecisionReopened> context) => webhooks.RecordEventAsync(context.Message, context.CancellationToken);
    public Task Consume(ConsumeContext<ModificationImplemented> context) => webhooks.RecordEventAsync(context.Message, context.CancellationToken);
    public Task Consume(ConsumeContext<ModificationRecommended> context) => webhooks.RecordEventAsync(context.Message, context.CancellationToken);
    public Task Consume(ConsumeContext<ModificationReferred> context) => webhooks.RecordEventAsync(context.Message, context.CancellationToken);
    public Task Consume(ConsumeContext<ModificationRejected> context) => webhooks.RecordEventAsync(context.Message, context.CancellationToken);
    public Task Consume(ConsumeContext<ReferralDetermined> context) => webhooks.RecordEventAsync(context.Message, context.CancellationToken);
}

/// <summary>
/// The fan-out's endpoint drops what it has no consumer for. Before the register's own events were
/// delivered from their steps, the fan-out consumed them, and a broker set up then still routes them
/// to its queue; their deliveries are made already, so they are dropped rather than parked.
/// </summary>
public sealed class WebhookFanOutDefinition : ConsumerDefinition<WebhookFanOut>
{
    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<WebhookFanOut> consumerConfigurator,
        IRegistrationContext context) => endpointConfigurator.DiscardSkippedMessages();
}

/// <summary>Posts a delivery as JSON with its kind, its id and its HMAC-SHA256 signature; a refusal, a timeout or an unreachable host is an answer, never an exception.</summary>
public sealed class WebhookSender(IOptions<WebhookOptions> options) : IWebhookSender, IDisposable
{
    // One client of its own, not the suite's gRPC clients' factory: subscribers are outside the suite.
    private readonly HttpClient _http = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2), AllowAutoRedirect = false })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };

    public async Task<DeliveryAnswer> SendAsync(WebhookSubscription subscription, WebhookDelivery delivery, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(options.Value.Timeout);
        using var request = new HttpRequestMessage(HttpMethod.Post, subscription.Url)
        {
            Content = new StringContent(delivery.Body, System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Sec-Event", delivery.EventKind);
        request.Headers.Add("X-Sec-Delivery", delivery.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add("X-Sec-Message-Id", delivery.MessageId.ToString("D"));
        request.Headers.Add(WebhookSignature.Header, WebhookSignature.Of(subscription.Secret, delivery.Body));
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var status = (int)response.StatusCode;
            return new DeliveryAnswer(status, $"HTTP {status} {response.ReasonPhrase}");
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new DeliveryAnswer(null, $"no answer within {options.Value.Timeout.TotalSeconds:0.#} s");
        }
        catch (HttpRequestException e)
        {
            return new DeliveryAnswer(null, FieldChecks.Excerpt(e.Message, 200));
        }
    }

    public void Dispose() => _http.Dispose();
}

/// <summary>Looks for due deliveries every <see cref="WebhookOptions.Poll"/> and tries them; an error in one round is logged and the next round goes on.</summary>
public sealed class WebhookDispatcher(IServiceScopeFactory scopes, IWebhookSender sender, IOptions<WebhookOptions> options, ILogger<WebhookDispatcher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.Poll);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<WebhookUseCases>().DeliverDueAsync(sender, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(e, "A round of webhook deliveries failed; the next round tries again");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
