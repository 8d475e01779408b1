using System.Globalization;
using System.Text;
using System.Text.Json;
using MerchantPortal.Events;
using StandardWebhooks;

namespace MerchantPortal.Webhooks;

/// <summary>
/// The body and signature headers of one attempt, per the Standard Webhooks spec: the body is
/// <c>{"type","timestamp","data"}</c>, and each secret signs <c>{webhook-id}.{webhook-timestamp}.{body}</c>.
/// </summary>
public sealed record WebhookMessage(string Id, long Timestamp, string Body, string Signature)
{
    public const string IdHeader = "webhook-id";
    public const string TimestampHeader = "webhook-timestamp";
    public const string SignatureHeader = "webhook-signature";

    /// <summary>Builds the message for <paramref name="integrationEvent"/>, signed with every secret given (space-separated, as during a rotation).</summary>
    public static WebhookMessage Create(string messageId, IntegrationEvent integrationEvent, DateTimeOffset sentAt, IEnumerable<string> secrets)
    {
        var body = Serialize(integrationEvent);
        var signatures = secrets.Select(secret => new StandardWebhook(secret).Sign(messageId, sentAt, body));
        return new WebhookMessage(messageId, sentAt.ToUnixTimeSeconds(), body, string.Join(' ', signatures));
    }

    private static string Serialize(IntegrationEvent integrationEvent)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("type", integrationEvent.Type);
            json.WriteString("timestamp", integrationEvent.OccurredAt.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
            json.WritePropertyName("data");
            // The payload is already the API's JSON object; embedded as JSON, not as a string.
            json.WriteRawValue(integrationEvent.Payload);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
