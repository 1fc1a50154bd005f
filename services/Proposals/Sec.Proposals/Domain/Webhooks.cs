using System.Security.Cryptography;
using System.Text;

namespace Sec.Proposals.Domain;

/// <summary>
/// A subscriber's webhook: an https (or, for a host the operator allows, http) URL on a host the
/// operator allows, the event kinds it wants, and the secret its deliveries are signed with.
/// </summary>
public sealed record WebhookSubscription(string Id, string Url, IReadOnlyList<string> EventKinds, string Secret, string Description,
    DateTimeOffset CreatedAt, string CreatedBy, DateTimeOffset? RemovedAt = null)
{
    public const int MaxUrlLength = 2_000;
    public const int MinSecretLength = 16;
    public const int MaxSecretLength = 256;
    public const int MaxDescriptionLength = 200;

    public bool Wants(string kind) => RemovedAt is null && EventKinds.Contains(kind, StringComparer.Ordinal);

    /// <summary>
    /// A new subscription, or every field at fault: a URL that is not absolute http(s), or whose host
    /// the operator has not allowed; no event kind, or one the suite does not publish; a secret too
    /// short to sign with.
    /// </summary>
    public static Changed<WebhookSubscription> Register(string id, string url, IReadOnlyList<string> kinds, string secret, string description,
        IReadOnlyCollection<string> allowedHosts, IReadOnlyCollection<string> knownKinds, DateTimeOffset now, string createdBy)
    {
        var checks = new FieldChecks();
        checks.RequiredText(url, "url", MaxUrlLength);
        if (!string.IsNullOrWhiteSpace(url) && url.Length <= MaxUrlLength)
        {
            if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http") || !string.IsNullOrEmpty(uri.UserInfo))
                checks.Add("url", $"\"{FieldChecks.Excerpt(url)}\" is not an absolute http or https URL without credentials");
            else if (!allowedHosts.Contains(uri.Host, StringComparer.OrdinalIgnoreCase))
                checks.Add("url", allowedHosts.Count == 0
                    ? $"{uri.Host} is not an allowed host: the operator has allowed none (Proposals:Webhooks:AllowedHosts)"
                    : $"{uri.Host} is not an allowed host; the operator allows {string.Join(", ", allowedHosts.Order(StringComparer.Ordinal))}");
        }
        checks.Check(kinds.Count > 0, "event_kinds", "must name at least one event kind");
        checks.Check(kinds.Count <= knownKinds.Count, "event_kinds", $"names {kinds.Count} kinds; there are {knownKinds.Count}");
        var unknown = kinds.Take(knownKinds.Count + 1).Where(k => !knownKinds.Contains(k)).Distinct().ToList();
        if (unknown.Count > 0)
            checks.Add("event_kinds", $"{string.Join(", ", unknown.Take(3).Select(k => $"\"{FieldChecks.Excerpt(k, 30)}\""))}{(unknown.Count > 3 ? $" and {unknown.Count - 3} more" : "")} "
                + $"{(unknown.Count == 1 ? "is not an event" : "are not events")} the suite publishes; choose from {string.Join(", ", knownKinds.Order(StringComparer.Ordinal))}");
        checks.RequiredText(secret, "secret", MaxSecretLength);
        checks.Check(secret is null || secret.Trim().Length >= MinSecretLength, "secret", $"must be at least {MinSecretLength} characters to sign with");
        checks.OptionalText(description, "description", MaxDescriptionLength);
        checks.ThrowIfAny();
        return Changed.To(new WebhookSubscription(id, url.Trim(), kinds.Distinct(StringComparer.Ordinal).ToList(), (secret ?? "").Trim(), description?.Trim() ?? "", now, createdBy));
    }

    /// <summary>Removed: no new deliveries are made for it; those already made keep their log.</summary>
    public Changed<WebhookSubscription> Remove(DateTimeOffset now) =>
        RemovedAt is not null ? throw new NotFound($"Webhook {Id} was removed already.") : Changed.To(this with { RemovedAt = now });
}

/// <summary>Where one delivery stands.</summary>
public enum DeliveryStatus
{
    Pending = 1,
    Delivered = 2,
    Failed = 3,
}

/// <summary>One event's delivery to one subscription, with its attempts.</summary>
public sealed record WebhookDelivery(long Id, string SubscriptionId, Guid MessageId, string EventKind, string Reference, string Body,
    DeliveryStatus Status, int Attempts, DateTimeOffset? NextAttemptAt, DateTimeOffset? LastAttemptAt, string LastOutcome, DateTimeOffset? DeliveredAt, DateTimeOffset CreatedAt)
{
    /// <summary>
    /// After an attempt: delivered on a 2xx answer; otherwise tried again after a back-off that
    /// doubles from the first retry up to its cap, and failed for good after the last attempt.
    /// </summary>
    public WebhookDelivery After(int? httpStatus, string outcome, DateTimeOffset now, WebhookRetryPolicy policy)
    {
        var attempts = Attempts + 1;
        if (httpStatus is >= 200 and < 300)
            return this with { Status = DeliveryStatus.Delivered, Attempts = attempts, LastAttemptAt = now, LastOutcome = outcome, DeliveredAt = now, NextAttemptAt = null };
        return attempts >= policy.MaxAttempts
            ? this with { Status = DeliveryStatus.Failed, Attempts = attempts, LastAttemptAt = now, LastOutcome = outcome, NextAttemptAt = null }
            : this with { Attempts = attempts, LastAttemptAt = now, LastOutcome = outcome, NextAttemptAt = now + policy.BackOff(attempts) };
    }
}

public static class WebhookDeliveries
{
    /// <summary>A delivery of a subscription removed before it went: given up, and logged so.</summary>
    public static WebhookDelivery Abandon(this WebhookDelivery d, DateTimeOffset now) =>
        d with { Status = DeliveryStatus.Failed, LastAttemptAt = now, NextAttemptAt = null, LastOutcome = "not sent: the webhook was removed" };
}

/// <summary>How often and how far apart a delivery is tried.</summary>
public sealed record WebhookRetryPolicy(int MaxAttempts, TimeSpan FirstRetry, TimeSpan MaxRetry)
{
    /// <summary>The wait after the <paramref name="attempts"/>th failed attempt: the first retry, doubled each time, at most the cap.</summary>
    public TimeSpan BackOff(int attempts) =>
        TimeSpan.FromTicks(Math.Min(MaxRetry.Ticks, FirstRetry.Ticks * (1L << Math.Min(attempts - 1, 30))));
}

/// <summary>The signature a subscriber checks: HMAC-SHA256 of the exact body with the subscription's secret, as <c>sha256=</c> and lower-case hex.</summary>
public static class WebhookSignature
{
    public const string Header = "X-Sec-Signature-256";

    public static string Of(string secret, string body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(body)));
}
