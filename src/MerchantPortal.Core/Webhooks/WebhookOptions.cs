namespace MerchantPortal.Webhooks;

/// <summary>The <c>Webhooks</c> configuration section: outbound delivery limits, retries and the circuit breaker.</summary>
public sealed class WebhookOptions
{
    public const string SectionName = "Webhooks";

    /// <summary>The retry delays after the first, second, … failed attempt: about three days in all.</summary>
    public static IReadOnlyList<TimeSpan> DefaultRetrySchedule { get; } =
    [
        TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2), TimeSpan.FromHours(5),
        TimeSpan.FromHours(10), TimeSpan.FromHours(10), TimeSpan.FromHours(14), TimeSpan.FromHours(20),
    ];

    /// <summary>
    /// Accept <c>http://</c> URLs and hosts on loopback, private, link-local and other internal addresses.
    /// For development and tests only: in production it would let an endpoint reach the portal's own network.
    /// </summary>
    public bool AllowPrivateAddresses { get; set; }

    /// <summary>How long one attempt may take, connection included.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Overrides <see cref="DefaultRetrySchedule"/> (each delay gets ±10 % jitter). Null when not configured: the
    /// configuration binder appends to a non-empty array instead of replacing it, so the default lives apart.
    /// </summary>
    public TimeSpan[]? RetrySchedule { get; set; }

    /// <summary>Failed attempts in a row after which an endpoint is paused.</summary>
    public int PauseAfterConsecutiveFailures { get; set; } = 10;

    public IReadOnlyList<TimeSpan> EffectiveRetrySchedule => RetrySchedule ?? DefaultRetrySchedule;
}
