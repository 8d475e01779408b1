namespace MerchantPortal.StripeSandbox.State;

/// <summary>
/// Where one event's delivery to one endpoint stands: the attempts made and when the next is due. Kept on the event
/// (and in the data file) until the endpoint took it or the retries ran out, so a restart resumes the retries.
/// </summary>
internal sealed class WebhookProgressRecord
{
    public int Attempts { get; set; }

    public DateTimeOffset NextAttemptAt { get; set; }
}
