using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using MerchantPortal.Identity;
using MerchantPortal.IntegrationTests.Webhooks;
using MerchantPortal.Testing;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.IntegrationTests.Api;

[Collection(ApiCollection.Name)]
public sealed class WebhookEndpointsApiTests(ApiApp app)
{
    private const string Path = "api/v1/webhook_endpoints";
    private static readonly string[] Completed = ["order.completed"];
    private static readonly string[] CompletedAndRefunded = ["order.completed", "order.refunded"];
    private static readonly string[] CreatedAndCompleted = ["order.created", "order.completed"];
    private static readonly string[] Unknown = ["order.shipped"];

    [Fact]
    public async Task An_endpoint_is_registered_with_its_secret_once_then_listed_changed_and_deleted()
    {
        var merchant = await app.MerchantAsync();

        using var created = await merchant.PostAsync(Path, new { url = "http://127.0.0.1:9/hooks", description = "ERP", enabled_events = Completed });
        var endpoint = await ApiJson.ReadAsync(created);
        var id = endpoint.Id();
        var fetched = await merchant.Http.GetFromJsonAsync<JsonElement>($"{Path}/{id}");
        var list = await merchant.Http.GetFromJsonAsync<JsonElement>(Path);
        using var changed = await merchant.Http.PatchAsync($"{Path}/{id}", Json(new { enabled_events = CompletedAndRefunded, enabled = false }));
        var changedBody = await ApiJson.ReadAsync(changed);
        using var deleted = await merchant.Http.DeleteAsync($"{Path}/{id}");
        using var gone = await merchant.Http.GetAsync($"{Path}/{id}");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal($"/api/v1/webhook_endpoints/{id}", created.Headers.Location?.OriginalString);
        Assert.StartsWith("whsec_", endpoint.GetProperty("secret").GetString(), StringComparison.Ordinal);
        Assert.Equal("active", endpoint.GetProperty("status").GetString());
        Assert.False(fetched.TryGetProperty("secret", out _));
        Assert.Equal("ERP", fetched.GetProperty("description").GetString());
        Assert.Equal(id, Assert.Single(list.GetProperty("data").EnumerateArray()).Id());
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.False(changedBody.GetProperty("enabled").GetBoolean());
        Assert.Equal(CompletedAndRefunded, changedBody.GetProperty("enabled_events").EnumerateArray().Select(e => e.GetString()));
        Assert.True((await ApiJson.ReadAsync(deleted)).GetProperty("deleted").GetBoolean());
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Equal("WEBHOOK_ENDPOINT_NOT_FOUND", (await ApiJson.ReadAsync(gone)).Code());
    }

    [Fact]
    public async Task A_registered_endpoint_receives_a_signed_event_for_an_order_placed_by_the_api()
    {
        var merchant = await app.MerchantAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        using var created = await merchant.PostAsync(Path, new { url = receiver.Url, enabled_events = CreatedAndCompleted });
        var secret = (await ApiJson.ReadAsync(created)).GetProperty("secret").GetString()!;

        var order = await merchant.OrderAsync(await app.Catalog.KeyItemAsync(codes: 1));
        await Eventually.HoldsAsync(() => receiver.Requests.Any(IsCompleted), "the order.completed webhook", TimeSpan.FromSeconds(30));
        var completed = receiver.Requests.First(IsCompleted);

        using var json = JsonDocument.Parse(completed.Body);
        Assert.True(SpecSignature.IsSignedWith(completed, secret));
        Assert.Equal(order.Id(), json.RootElement.GetProperty("data").GetProperty("id").GetGuid());
        Assert.Equal("completed", json.RootElement.GetProperty("data").GetProperty("status").GetString());
        Assert.Contains(receiver.Requests, r => r.Body.Contains("\"order.created\"", StringComparison.Ordinal) && SpecSignature.IsSignedWith(r, secret));
    }

    [Fact]
    public async Task Every_invalid_field_is_reported_at_once_and_nothing_is_registered()
    {
        var merchant = await app.MerchantAsync();

        using var response = await merchant.PostAsync(Path, new { url = "ftp://example", enabled_events = Unknown });
        var problem = await ApiJson.ReadAsync(response);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("VALIDATION_FAILED", problem.Code());
        var fields = problem.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("field").GetString()).ToList();
        Assert.Contains("url", fields);
        Assert.Contains("enabled_events", fields);
        Assert.Equal(0, await app.DbAsync(db => db.WebhookEndpoints.CountAsync(e => e.MerchantId == merchant.Id)));
    }

    [Fact]
    public async Task A_retried_registration_replays_without_the_secret_and_a_different_body_conflicts()
    {
        var merchant = await app.MerchantAsync();
        var body = new { url = "http://127.0.0.1:9/replay", enabled_events = Completed };

        using var first = await merchant.PostAsync(Path, body, idempotencyKey: "register-1");
        using var again = await merchant.PostAsync(Path, body, idempotencyKey: "register-1");
        using var other = await merchant.PostAsync(Path, new { url = "http://127.0.0.1:9/other", enabled_events = Completed }, idempotencyKey: "register-1");
        var replay = await ApiJson.ReadAsync(again);

        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.Equal((await ApiJson.ReadAsync(first)).Id(), replay.Id());
        Assert.True(replay.GetProperty("replayed").GetBoolean());
        Assert.False(replay.TryGetProperty("secret", out _));
        Assert.Equal("true", again.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(HttpStatusCode.Conflict, other.StatusCode);
        Assert.Equal("IDEMPOTENCY_KEY_CONFLICT", (await ApiJson.ReadAsync(other)).Code());
        Assert.Equal(1, await app.DbAsync(db => db.WebhookEndpoints.CountAsync(e => e.MerchantId == merchant.Id)));
    }

    [Fact]
    public async Task Rotating_returns_a_new_secret_and_refuses_an_overlap_beyond_seven_days()
    {
        var merchant = await app.MerchantAsync();
        using var created = await merchant.PostAsync(Path, new { url = "http://127.0.0.1:9/rotate", enabled_events = Completed });
        var endpoint = await ApiJson.ReadAsync(created);

        using var rotated = await merchant.PostAsync($"{Path}/{endpoint.Id()}/rotate_secret", new { expires_in = 3600 });
        using var tooLong = await merchant.PostAsync($"{Path}/{endpoint.Id()}/rotate_secret", new { expires_in = long.MaxValue });
        var rotatedBody = await ApiJson.ReadAsync(rotated);

        Assert.Equal(HttpStatusCode.OK, rotated.StatusCode);
        Assert.NotEqual(endpoint.GetProperty("secret").GetString(), rotatedBody.GetProperty("secret").GetString());
        Assert.Equal(JsonValueKind.String, rotatedBody.GetProperty("previous_secret_expires_at").ValueKind);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, tooLong.StatusCode);
        Assert.Equal("expires_in", (await ApiJson.ReadAsync(tooLong)).GetProperty("errors")[0].GetProperty("field").GetString());
    }

    [Fact]
    public async Task A_key_without_webhooks_write_is_forbidden()
    {
        var merchant = await app.MerchantAsync(100m, Scopes.OrdersRead);

        using var list = await merchant.Http.GetAsync(Path);
        using var create = await merchant.PostAsync(Path, new { url = "http://127.0.0.1:9/x", enabled_events = Completed });

        Assert.Equal(HttpStatusCode.Forbidden, list.StatusCode);
        Assert.Equal("FORBIDDEN", (await ApiJson.ReadAsync(create)).Code());
    }

    [Fact]
    public async Task Another_merchants_endpoint_cannot_be_read_changed_rotated_or_deleted()
    {
        var owner = await app.MerchantAsync();
        var other = await app.MerchantAsync();
        using var created = await owner.PostAsync(Path, new { url = "http://127.0.0.1:9/mine", enabled_events = Completed });
        var id = (await ApiJson.ReadAsync(created)).Id();

        using var read = await other.Http.GetAsync($"{Path}/{id}");
        using var change = await other.Http.PatchAsync($"{Path}/{id}", Json(new { enabled = false }));
        using var rotate = await other.PostAsync($"{Path}/{id}/rotate_secret", null);
        using var delete = await other.Http.DeleteAsync($"{Path}/{id}");
        var list = await other.Http.GetFromJsonAsync<JsonElement>(Path);

        Assert.All([read, change, rotate, delete], r => Assert.Equal(HttpStatusCode.NotFound, r.StatusCode));
        Assert.Empty(list.GetProperty("data").EnumerateArray());
        var mine = await owner.Http.GetFromJsonAsync<JsonElement>($"{Path}/{id}");
        Assert.True(mine.GetProperty("enabled").GetBoolean());
    }

    private static bool IsCompleted(ReceivedWebhook webhook) => webhook.Body.Contains("\"order.completed\"", StringComparison.Ordinal);

    private static StringContent Json(object body) => new(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
}
