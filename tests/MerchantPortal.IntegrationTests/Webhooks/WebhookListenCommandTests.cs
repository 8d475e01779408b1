using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using MerchantPortal.Web.Features.Webhooks;

namespace MerchantPortal.IntegrationTests.Webhooks;

/// <summary>The <c>webhook-listen</c> receiver, started in-process on a free loopback port.</summary>
public sealed class WebhookListenCommandTests : IAsyncLifetime
{
    private const string Body = """{"type":"order.completed","timestamp":"2026-12-01T10:00:00.000Z","data":{"id":"9b0c","number":"MP-000123"}}""";

    private static readonly string Secret = "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    private readonly StringWriter _output = new();
    private readonly HttpClient _http = new();
    private WebhookListener _listener = default!;

    public async Task InitializeAsync() => _listener = await WebhookListener.StartAsync(0, Secret, _output);

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _listener.DisposeAsync();
    }

    [Fact]
    public async Task A_signed_message_is_verified_printed_and_answered_with_204()
    {
        var timestamp = Now();

        using var response = await PostAsync("/any/path", "msg_1", timestamp, SpecSignature.Compute(Secret, "msg_1", timestamp, Body));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var lines = _output.ToString().Split('\n');
        Assert.Equal("✔ verified  order.completed  msg_1  MP-000123", lines[0].TrimEnd('\r'));
        Assert.Contains("\"number\": \"MP-000123\"", _output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_badly_signed_message_is_refused_with_400()
    {
        var timestamp = Now();
        var otherSecret = "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

        using var response = await PostAsync("/", "msg_2", timestamp, SpecSignature.Compute(otherSecret, "msg_2", timestamp, Body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("✘ signature mismatch", _output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_message_older_than_five_minutes_is_refused_even_when_signed()
    {
        var timestamp = DateTimeOffset.UtcNow.AddMinutes(-6).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

        using var response = await PostAsync("/", "msg_3", timestamp, SpecSignature.Compute(Secret, "msg_3", timestamp, Body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("✘ timestamp outside the 5-minute tolerance", _output.ToString(), StringComparison.Ordinal);
    }

    private static string Now() => DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    private Task<HttpResponseMessage> PostAsync(string path, string id, string timestamp, string signature)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_listener.Address, path))
        {
            Content = new StringContent(Body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("webhook-id", id);
        request.Headers.Add("webhook-timestamp", timestamp);
        request.Headers.Add("webhook-signature", signature);
        return _http.SendAsync(request);
    }
}
