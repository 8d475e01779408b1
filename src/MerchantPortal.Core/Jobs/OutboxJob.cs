namespace MerchantPortal.Jobs;

/// <summary>
/// Follow-up work written in the same transaction as the change that needs it (the outbox), then run by
/// a background worker that holds a time-limited lease on it. A job whose worker died is taken over
/// when the lease expires, so handlers must be idempotent.
/// </summary>
public sealed class OutboxJob
{
    private OutboxJob()
    {
    }

    public long Id { get; private set; }

    /// <summary>Which handler runs it; see <see cref="JobTypes"/>.</summary>
    public string Type { get; private set; } = "";

    /// <summary>What the handler works on, e.g. an order id.</summary>
    public string Payload { get; private set; } = "";

    public JobStatus Status { get; private set; }

    public int Attempts { get; private set; }

    public DateTime AvailableAt { get; private set; }

    public string? LeaseOwner { get; private set; }

    public DateTime? LeaseExpiresAt { get; private set; }

    public string? LastError { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public DateTime? CompletedAt { get; private set; }

    internal static OutboxJob Create(string type, string payload, DateTime now, DateTime? availableAt = null) => new()
    {
        Type = type,
        Payload = payload,
        Status = JobStatus.Pending,
        AvailableAt = availableAt ?? now,
        CreatedAt = now,
    };
}

public enum JobStatus
{
    Pending,
    Running,
    Done,
    Failed,
}

public static class JobTypes
{
    public const string FulfilOrder = "fulfil_order";
    public const string SubmitRefund = "submit_refund";
    public const string AutoRefund = "auto_refund";
    public const string RetryRestocked = "retry_restocked";

    /// <summary>Fans an integration event out to the merchant's webhook endpoints; payload: the event id.</summary>
    public const string DispatchEvent = "dispatch_event";

    /// <summary>Sends one webhook delivery; payload: the delivery id.</summary>
    public const string DeliverWebhook = "deliver_webhook";

    /// <summary>Emails an order's delivered codes to its customer; payload: the order id and the request key (<see cref="Orders.CodeEmail"/>).</summary>
    public const string SendCodesEmail = "send_codes_email";

    /// <summary>Tells one merchant user that the balance fell below its low-balance threshold; payload: JSON.</summary>
    public const string LowBalanceEmail = "low_balance_email";

    /// <summary>Copies a customer's edited name, email and phone to their Stripe Customer; payload: the customer id.</summary>
    public const string SyncStripeCustomer = "sync_stripe_customer";
}
