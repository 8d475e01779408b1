namespace MerchantPortal.StripeSandbox.Webhooks;

/// <summary>Every webhook delivery attempt, in the order they were made.</summary>
internal sealed class DeliveryLog
{
    private readonly Lock _lock = new();
    private readonly List<WebhookDeliveryAttempt> _attempts = [];

    public void Add(WebhookDeliveryAttempt attempt)
    {
        lock (_lock)
        {
            _attempts.Add(attempt);
        }
    }

    public IReadOnlyList<WebhookDeliveryAttempt> Snapshot()
    {
        lock (_lock)
        {
            return [.. _attempts];
        }
    }
}
