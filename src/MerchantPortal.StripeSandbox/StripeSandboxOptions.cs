namespace MerchantPortal.StripeSandbox;

/// <summary>Settings of a <see cref="StripeSandboxServer"/>.</summary>
public sealed class StripeSandboxOptions
{
    /// <summary>
    /// Stripe retries a failed webhook delivery with exponential backoff over hours; these are the waits
    /// before the 2nd, 3rd, … attempt.
    /// </summary>
    public static IReadOnlyList<TimeSpan> DefaultWebhookRetryDelays { get; } =
    [
        TimeSpan.FromMinutes(1),
        TimeSpan.FromMinutes(5),
        TimeSpan.FromMinutes(30),
        TimeSpan.FromHours(2),
        TimeSpan.FromHours(5),
        TimeSpan.FromHours(10),
    ];

    /// <summary>The longest <see cref="RefundSettleDelay"/> accepted.</summary>
    public static TimeSpan MaximumRefundSettleDelay { get; } = TimeSpan.FromDays(30);

    /// <summary>The loopback port to listen on; 0 picks a free port.</summary>
    public int Port { get; set; }

    /// <summary>The only API key the sandbox accepts (<c>Authorization: Bearer …</c>).</summary>
    public string SecretKey { get; set; } = "sk_test_sandbox_merchantportal_local";

    /// <summary>The publishable key a browser page would use; API calls made with it are refused, as by Stripe.</summary>
    public string PublishableKey { get; set; } = "pk_test_sandbox_merchantportal_local";

    /// <summary>A JSON file that keeps the sandbox's objects across restarts; <c>null</c> keeps them in memory only.</summary>
    public string? DataFile { get; set; }

    /// <summary>Waits between webhook delivery attempts; one attempt is made per entry plus the first.</summary>
    public IReadOnlyList<TimeSpan> WebhookRetryDelays { get; set; } = DefaultWebhookRetryDelays;

    /// <summary>
    /// How long after its creation a refund of the refund-failure card (<c>pm_card_refundFail</c>) fails and one
    /// of the pending-refund card (<c>pm_card_pendingRefund</c>) succeeds; Stripe takes "some time". Not negative.
    /// </summary>
    public TimeSpan RefundSettleDelay { get; set; } = TimeSpan.FromSeconds(5);
}
