using Sec.BuildingBlocks.Domain;
using Sec.Proposals.Domain;

namespace Sec.UnitTests.Domain;

public sealed class WebhookTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
    private static readonly WebhookRetryPolicy Policy = new(4, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30));
    private static readonly string[] Known = ["ModificationApproved", "ProposalStatusChanged"];

    private static WebhookDelivery Pending() =>
        new(1, "s", Guid.NewGuid(), "ModificationApproved", "MP122", "{}", DeliveryStatus.Pending, 0, Now, null, "not yet tried", null, Now);

    private static Changed<WebhookSubscription> Register(string url, string[]? kinds = null, string secret = "sixteen or more characters") =>
        WebhookSubscription.Register("s", url, kinds ?? ["ModificationApproved"], secret, "", ["hooks.example.org"], Known, Now, "Olu");

    [Fact]
    public void Every_event_kind_reaches_the_webhooks_one_way_from_the_register_step_that_publishes_it_or_through_the_fan_out()
    {
        var consumed = typeof(Sec.Proposals.Messaging.WebhookFanOut).GetInterfaces()
            .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(MassTransit.IConsumer<>))
            .Select(i => i.GetGenericArguments()[0].Name).ToHashSet(StringComparer.Ordinal);
        var own = ProposalEffects.Published.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);

        Assert.Empty(consumed.Intersect(own));
        Assert.Equal(Sec.Proposals.Application.WebhookUseCases.EventKinds.Order(StringComparer.Ordinal), consumed.Union(own).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Back_off_doubles_from_the_first_retry_up_to_its_cap() =>
        Assert.Equal([10, 20, 30, 30], new[] { 1, 2, 3, 4 }.Select(n => Policy.BackOff(n).TotalSeconds));

    [Fact]
    public void A_failed_attempt_waits_its_back_off_and_the_last_one_fails_for_good()
    {
        var first = Pending().After(503, "HTTP 503", Now, Policy);
        Assert.Equal((DeliveryStatus.Pending, 1, Now.AddSeconds(10)), (first.Status, first.Attempts, first.NextAttemptAt));
        var last = first with { Attempts = 3 };
        var failed = last.After(null, "refused", Now, Policy);
        Assert.Equal((DeliveryStatus.Failed, 4, (DateTimeOffset?)null), (failed.Status, failed.Attempts, failed.NextAttemptAt));
    }

    [Fact]
    public void A_2xx_answer_delivers_it()
    {
        var delivered = Pending().After(204, "HTTP 204", Now, Policy);
        Assert.Equal((DeliveryStatus.Delivered, (DateTimeOffset?)Now), (delivered.Status, delivered.DeliveredAt));
    }

    [Fact]
    public void The_signature_is_the_HMAC_SHA256_of_the_body_in_lower_case_hex() =>
        // RFC 4231 test case 2.
        Assert.Equal("sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843", WebhookSignature.Of("Jefe", "what do ya want for nothing?"));

    [Theory]
    [InlineData("https://elsewhere.example.org/hook", "url")]
    [InlineData("ftp://hooks.example.org/hook", "url")]
    [InlineData("https://me:pw@hooks.example.org/hook", "url")]
    [InlineData("hooks.example.org/hook", "url")]
    public void A_url_not_http_or_on_a_host_not_allowed_is_refused_naming_url(string url, string field)
    {
        var refused = Assert.Throws<InvalidFields>(() => Register(url));
        Assert.Contains(refused.Violations, v => v.Field == field);
    }

    [Fact]
    public void Unknown_kinds_and_a_short_secret_are_refused_naming_each_field()
    {
        var refused = Assert.Throws<InvalidFields>(() => Register("https://HOOKS.example.org/hook", ["ModificationExploded"], "short"));
        Assert.Equal(["event_kinds", "secret"], refused.Violations.Select(v => v.Field));
    }

    [Fact]
    public void An_allowed_host_in_any_case_is_registered_with_its_kinds_once() =>
        Assert.Equal(["ModificationApproved"], Register("https://HOOKS.example.org/hook", ["ModificationApproved", "ModificationApproved"]).State.EventKinds);
}
