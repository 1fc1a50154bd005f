using Dapper;
using Sec.BuildingBlocks.Storage;

namespace Sec.Proposals.Storage;

/// <summary>Webhook subscriptions and their deliveries, the webhooks' own outbox and log.</summary>
public sealed class WebhookRepository(ProposalsStore store)
{
    public Task InsertAsync(DbConnection connection, DbTransaction tx, WebhookSubscription s) =>
        connection.ExecuteAsync(InsertSubscriptionSql(store.Schema), SubscriptionRow.From(s), tx);

    public Task SaveAsync(DbConnection connection, DbTransaction tx, WebhookSubscription s) =>
        connection.ExecuteAsync(RemoveSubscriptionSql(store.Schema), new { s.Id, s.RemovedAt }, tx);

    public async Task<WebhookSubscription> LoadAsync(DbConnection connection, DbTransaction tx, string id) =>
        (await connection.QuerySingleOrDefaultAsync<SubscriptionRow>(SelectSubscriptionSql(store.Schema), new { Id = id }, tx))?.ToDomain()
        ?? throw new NotFound($"There is no webhook {id}.");

    /// <summary>Every subscription, removed ones too when asked, oldest first.</summary>
    public async Task<IReadOnlyList<WebhookSubscription>> ListAsync(bool withRemoved, CancellationToken ct)
    {
        await using var connection = await store.OpenAsync(ct);
        return (await connection.QueryAsync<SubscriptionRow>(new CommandDefinition(SelectSubscriptionsSql(store.Schema), new { WithRemoved = withRemoved ? 1 : 0 }, cancellationToken: ct)))
            .Select(r => r.ToDomain()).ToList();
    }

    public async Task<IReadOnlyList<WebhookSubscription>> ActiveAsync(DbConnection connection, DbTransaction? tx) =>
        (await connection.QueryAsync<SubscriptionRow>(SelectSubscriptionsSql(store.Schema), new { WithRemoved = 0 }, tx)).Select(r => r.ToDomain()).ToList();

    /// <summary>Adds the delivery unless this event was already taken for this subscription: a redelivered event makes no second one.</summary>
    public Task AddDeliveryAsync(DbConnection connection, DbTransaction tx, WebhookDelivery d) =>
        connection.ExecuteAsync(InsertDeliverySql(store.Schema), DeliveryRow.From(d), tx);

    /// <summary>Deliveries whose next attempt is due, oldest first; none of one subscription holds back another's.</summary>
    public async Task<IReadOnlyList<WebhookDelivery>> DueAsync(DateTimeOffset now, int limit, CancellationToken ct)
    {
        await using var connection = await store.OpenAsync(ct);
        return (await connection.QueryAsync<DeliveryRow>(new CommandDefinition(SelectDueSql(store.Schema) + "\n" + store.Dialect.Page,
            new { Now = now, Pending = (int)DeliveryStatus.Pending, Offset = 0, Limit = limit }, cancellationToken: ct))).Select(r => r.ToDomain()).ToList();
    }

    /// <summary>
    /// Claims a due delivery for one attempt by moving its next attempt to the end of a lease: of
    /// two dispatchers (two replicas) that found it due, only one claims it. True for the one that did.
    /// </summary>
    public async Task<bool> ClaimAsync(WebhookDelivery d, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken ct)
    {
        await using var connection = await store.OpenAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition(ClaimDeliverySql(store.Schema),
            new { d.Id, d.Attempts, Now = now, LeaseUntil = leaseUntil, Pending = (int)DeliveryStatus.Pending }, cancellationToken: ct)) == 1;
    }

    public Task SaveAttemptAsync(DbConnection connection, DbTransaction tx, WebhookDelivery d) =>
        connection.ExecuteAsync(UpdateDeliverySql(store.Schema), DeliveryRow.From(d), tx);

    /// <summary>The delivery log: one subscription's or all, newest first.</summary>
    public async Task<IReadOnlyList<WebhookDelivery>> LogAsync(string? subscriptionId, int limit, CancellationToken ct)
    {
        await using var connection = await store.OpenAsync(ct);
        return (await connection.QueryAsync<DeliveryRow>(new CommandDefinition(SelectLogSql(store.Schema) + "\n" + store.Dialect.Page,
            new { SubscriptionId = subscriptionId, Offset = 0, Limit = limit }, cancellationToken: ct))).Select(r => r.ToDomain()).ToList();
    }

    [SqlText]
    public static string InsertSubscriptionSql(string schema) => $"""
        INSERT INTO {schema}.WebhookSubscription (Id, Url, EventKinds, Secret, Description, CreatedAt, CreatedBy, RemovedAt)
        VALUES (@Id, @Url, @EventKinds, @Secret, @Description, @CreatedAt, @CreatedBy, @RemovedAt)
        """;

    [SqlText]
    public static string RemoveSubscriptionSql(string schema) => $"UPDATE {schema}.WebhookSubscription SET RemovedAt = @RemovedAt WHERE Id = @Id";

    private const string SubscriptionColumns = "Id, Url, EventKinds, Secret, Description, CreatedAt, CreatedBy, RemovedAt";

    [SqlText]
    public static string SelectSubscriptionSql(string schema) => $"SELECT {SubscriptionColumns} FROM {schema}.WebhookSubscription WHERE Id = @Id";

    [SqlText]
    public static string SelectSubscriptionsSql(string schema) =>
        $"SELECT {SubscriptionColumns} FROM {schema}.WebhookSubscription WHERE (@WithRemoved = 1 OR RemovedAt IS NULL) ORDER BY CreatedAt, Id";

    [SqlText]
    public static string InsertDeliverySql(string schema) => $"""
        INSERT INTO {schema}.WebhookDelivery (SubscriptionId, MessageId, EventKind, Reference, Body, Status, Attempts, NextAttemptAt, LastAttemptAt, LastOutcome, DeliveredAt, CreatedAt)
        SELECT @SubscriptionId, @MessageId, @EventKind, @Reference, @Body, @Status, @Attempts, @NextAttemptAt, @LastAttemptAt, @LastOutcome, @DeliveredAt, @CreatedAt
        WHERE NOT EXISTS (SELECT 1 FROM {schema}.WebhookDelivery WHERE SubscriptionId = @SubscriptionId AND MessageId = @MessageId)
        """;

    private const string DeliveryColumns =
        "Id, SubscriptionId, MessageId, EventKind, Reference, Body, Status, Attempts, NextAttemptAt, LastAttemptAt, LastOutcome, DeliveredAt, CreatedAt";

    [SqlText]
    public static string SelectDueSql(string schema) =>
        $"SELECT {DeliveryColumns} FROM {schema}.WebhookDelivery WHERE Status = @Pending AND NextAttemptAt <= @Now ORDER BY NextAttemptAt, Id";

    [SqlText]
    public static string ClaimDeliverySql(string schema) =>
        $"UPDATE {schema}.WebhookDelivery SET NextAttemptAt = @LeaseUntil WHERE Id = @Id AND Status = @Pending AND Attempts = @Attempts AND NextAttemptAt <= @Now";

    [SqlText]
    public static string UpdateDeliverySql(string schema) => $"""
        UPDATE {schema}.WebhookDelivery SET Status = @Status, Attempts = @Attempts, NextAttemptAt = @NextAttemptAt, LastAttemptAt = @LastAttemptAt,
            LastOutcome = @LastOutcome, DeliveredAt = @DeliveredAt
        WHERE Id = @Id
        """;

    [SqlText]
    public static string SelectLogSql(string schema) =>
        $"SELECT {DeliveryColumns} FROM {schema}.WebhookDelivery WHERE (@SubscriptionId IS NULL OR SubscriptionId = @SubscriptionId) ORDER BY Id DESC";

    private sealed record SubscriptionRow
    {
        public string Id { get; init; } = "";
        public string Url { get; init; } = "";
        public string EventKinds { get; init; } = "";
        public string Secret { get; init; } = "";
        public string Description { get; init; } = "";
        public DateTimeOffset CreatedAt { get; init; }
        public string CreatedBy { get; init; } = "";
        public DateTimeOffset? RemovedAt { get; init; }

        public static SubscriptionRow From(WebhookSubscription s) => new()
        {
            Id = s.Id, Url = s.Url, EventKinds = string.Join(",", s.EventKinds), Secret = s.Secret, Description = s.Description,
            CreatedAt = s.CreatedAt, CreatedBy = s.CreatedBy, RemovedAt = s.RemovedAt,
        };

        public WebhookSubscription ToDomain() =>
            new(Id, Url, EventKinds.Split(',', StringSplitOptions.RemoveEmptyEntries), Secret, Description, CreatedAt, CreatedBy, RemovedAt);
    }

    private sealed record DeliveryRow
    {
        public long Id { get; init; }
        public string SubscriptionId { get; init; } = "";
        public string MessageId { get; init; } = "";
        public string EventKind { get; init; } = "";
        public string Reference { get; init; } = "";
        public string Body { get; init; } = "";
        public int Status { get; init; }
        public int Attempts { get; init; }
        public DateTimeOffset? NextAttemptAt { get; init; }
        public DateTimeOffset? LastAttemptAt { get; init; }
        public string LastOutcome { get; init; } = "";
        public DateTimeOffset? DeliveredAt { get; init; }
        public DateTimeOffset CreatedAt { get; init; }

        public static DeliveryRow From(WebhookDelivery d) => new()
        {
            Id = d.Id, SubscriptionId = d.SubscriptionId, MessageId = d.MessageId.ToString("D"), EventKind = d.EventKind, Reference = d.Reference, Body = d.Body,
            Status = (int)d.Status, Attempts = d.Attempts, NextAttemptAt = d.NextAttemptAt, LastAttemptAt = d.LastAttemptAt, LastOutcome = d.LastOutcome,
            DeliveredAt = d.DeliveredAt, CreatedAt = d.CreatedAt,
        };

        public WebhookDelivery ToDomain() => new(Id, SubscriptionId, Guid.Parse(MessageId), EventKind, Reference, Body, (DeliveryStatus)Status, Attempts,
            NextAttemptAt, LastAttemptAt, LastOutcome, DeliveredAt, CreatedAt);
    }
}
