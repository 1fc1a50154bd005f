namespace Sec.Proposals;

/// <summary>Webhooks' settings (section <c>Proposals:Webhooks</c>): where subscribers may be, and how deliveries are retried.</summary>
public sealed class WebhookOptions
{
    /// <summary>The hosts a webhook URL may name (exact host names, any case); none by default, so nothing is registered until an operator allows a host.</summary>
    public List<string> AllowedHosts { get; set; } = [];

    /// <summary>Attempts before a delivery is given up as failed.</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>The wait before the first retry; each later one doubles it.</summary>
    public TimeSpan FirstRetry { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The longest wait between two attempts.</summary>
    public TimeSpan MaxRetry { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long one attempt may take before it counts as failed.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often the dispatcher looks for due deliveries.</summary>
    public TimeSpan Poll { get; set; } = TimeSpan.FromMilliseconds(500);

    public Domain.WebhookRetryPolicy RetryPolicy => new(MaxAttempts, FirstRetry, MaxRetry);
}
