namespace MerchantPortal.Webhooks;

/// <summary>One HTTP request of a delivery and what came back, kept for the delivery console.</summary>
public sealed class WebhookAttempt
{
    /// <summary>How much of the receiver's answer is kept.</summary>
    public const int MaxResponseExcerptLength = 500;

    public const int MaxErrorLength = 500;

    private WebhookAttempt()
    {
    }

    public long Id { get; private set; }

    public Guid DeliveryId { get; private set; }

    public DateTime At { get; private set; }

    /// <summary>The HTTP status, or null when no answer came (timeout, connection error, refused address).</summary>
    public int? StatusCode { get; private set; }

    public int DurationMs { get; private set; }

    public string? ResponseExcerpt { get; private set; }

    public string? Error { get; private set; }

    public static WebhookAttempt Record(Guid deliveryId, DateTime at, int? statusCode, TimeSpan duration, string? responseExcerpt, string? error) => new()
    {
        DeliveryId = deliveryId,
        At = at,
        StatusCode = statusCode,
        DurationMs = (int)Math.Min(int.MaxValue, duration.TotalMilliseconds),
        ResponseExcerpt = Truncate(responseExcerpt, MaxResponseExcerptLength),
        Error = Truncate(error, MaxErrorLength),
    };

    private static string? Truncate(string? text, int length) => text is { } t && t.Length > length ? t[..length] : text;
}
