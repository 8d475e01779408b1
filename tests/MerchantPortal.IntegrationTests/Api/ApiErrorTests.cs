using System.Net;
using System.Net.Http.Headers;
using System.Text;
using MerchantPortal.Data;
using MerchantPortal.Identity;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.IntegrationTests.Api;

[Collection(ApiCollection.Name)]
public sealed class ApiErrorTests(ApiApp app)
{
    [Theory]
    [InlineData("{\"item_id\": 1,", "INVALID_JSON")]
    [InlineData("{\"item_id\": \"one\"}", "INVALID_JSON")]
    [InlineData("[1, 2]", "INVALID_JSON")]
    [InlineData("null", "INVALID_JSON")]
    [InlineData("{\"item_id\": 1, \"colour\": \"red\"}", "UNKNOWN_FIELD")]
    [InlineData("{\"lines\": [{\"item_id\": 1, \"qty\": 2}]}", "UNKNOWN_FIELD")]
    public async Task Unreadable_bodies_are_400_problems_and_change_nothing(string json, string code)
    {
        var merchant = await app.MerchantAsync();
        var before = await OrderCountAsync();

        using var response = await merchant.PostAsync("api/v1/orders", json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = await ApiJson.ReadAsync(response);
        Assert.Equal(code, problem.Code());
        Assert.Equal("/api/v1/orders", problem.GetProperty("instance").GetString());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("request_id").GetString()));
        Assert.StartsWith("https://docs.merchantportal.example/errors/", problem.GetProperty("type").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await OrderCountAsync());
    }

    [Fact]
    public async Task An_unknown_field_is_named_with_its_position()
    {
        var merchant = await app.MerchantAsync();

        using var response = await merchant.PostAsync("api/v1/orders", "{\"item_id\": 1, \"colour\": \"red\"}");

        var detail = (await ApiJson.ReadAsync(response)).GetProperty("detail").GetString();
        Assert.Contains("\"colour\"", detail, StringComparison.Ordinal);
        Assert.Contains("position", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_over_64_kb_is_413_by_content_length_and_when_chunked()
    {
        var merchant = await app.MerchantAsync();
        var big = "{\"notes\": \"" + new string('x', 70 * 1024) + "\"}";

        using var sized = await merchant.PostAsync("api/v1/orders", big);
        using var chunked = await merchant.Http.SendAsync(new HttpRequestMessage(HttpMethod.Post, "api/v1/orders")
        {
            Content = new ChunkedJson(big),
        });

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, sized.StatusCode);
        Assert.Equal("PAYLOAD_TOO_LARGE", (await ApiJson.ReadAsync(sized)).Code());
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, chunked.StatusCode);
        Assert.Equal("PAYLOAD_TOO_LARGE", (await ApiJson.ReadAsync(chunked)).Code());
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_415()
    {
        var merchant = await app.MerchantAsync();

        using var response = await merchant.Http.PostAsync("api/v1/orders", new StringContent("item_id=1", Encoding.UTF8, "application/x-www-form-urlencoded"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("UNSUPPORTED_MEDIA_TYPE", (await ApiJson.ReadAsync(response)).Code());
    }

    [Fact]
    public async Task Unknown_api_routes_are_404_problems_and_wrong_methods_405_problems_not_portal_pages()
    {
        var merchant = await app.MerchantAsync();

        using var unknown = await merchant.Http.GetAsync("api/v1/no-such-thing");
        using var wrongMethod = await merchant.Http.DeleteAsync("api/v1/orders");

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType!.MediaType);
        Assert.Equal("NOT_FOUND", (await ApiJson.ReadAsync(unknown)).Code());
        Assert.Equal(HttpStatusCode.MethodNotAllowed, wrongMethod.StatusCode);
        Assert.Equal("METHOD_NOT_ALLOWED", (await ApiJson.ReadAsync(wrongMethod)).Code());
    }

    [Theory]
    [InlineData(null, "Send your API key")]
    [InlineData("Basic dXNlcjpwYXNz", "format")]
    [InlineData("Bearer not-a-key", "format")]
    public async Task Missing_malformed_and_mistyped_keys_are_401(string? authorization, string detail)
    {
        using var client = app.Client(null);
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/v1/orders");
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var problem = await ApiJson.ReadAsync(response);
        Assert.Equal("UNAUTHORIZED", problem.Code());
        Assert.Contains(detail, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_key_with_a_wrong_checksum_is_401_and_an_unknown_key_too()
    {
        var merchant = await app.MerchantAsync();
        var secret = merchant.Key.Secret;
        var typo = secret[..^1] + (secret[^1] == 'a' ? 'b' : 'a');

        using var mistyped = await app.Client(typo).GetAsync("api/v1/orders");

        Assert.Equal(HttpStatusCode.Unauthorized, mistyped.StatusCode);
        Assert.Contains("checksum", (await ApiJson.ReadAsync(mistyped)).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Revoked_and_expired_keys_are_401()
    {
        var merchant = await app.MerchantAsync();
        var expiring = await app.KeyAsync(merchant.Id, [Scopes.OrdersRead], DateTime.UtcNow.AddSeconds(1));
        await app.DbAsync(db => db.ApiKeys.Where(k => k.Id == merchant.Key.Key.Id)
            .ExecuteUpdateAsync(k => k.SetProperty(x => x.RevokedAt, DateTime.UtcNow).SetProperty(x => x.RevokedBy, "test")));
        await Task.Delay(1100);

        using var revoked = await merchant.Http.GetAsync("api/v1/orders");
        using var expired = await app.Client(expiring.Secret).GetAsync("api/v1/orders");

        Assert.Equal(HttpStatusCode.Unauthorized, revoked.StatusCode);
        Assert.Contains("revoked", (await ApiJson.ReadAsync(revoked)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
        Assert.Contains("expired", (await ApiJson.ReadAsync(expired)).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_key_without_the_scope_is_403_and_changes_nothing()
    {
        var merchant = await app.MerchantAsync(100m, Scopes.OrdersRead);
        var item = await app.Catalog.KeyItemAsync(codes: 1);
        var before = await OrderCountAsync();

        using var response = await merchant.PostAsync("api/v1/orders", new { item_id = item.Id, customer = new { email = "x@example.test" } });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var problem = await ApiJson.ReadAsync(response);
        Assert.Equal("FORBIDDEN", problem.Code());
        Assert.Contains("orders:write", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await OrderCountAsync());
    }

    [Fact]
    public async Task A_signed_in_portal_cookie_never_authenticates_the_api()
    {
        using var browser = app.CreateBrowserlikeClient();
        var admin = app.DemoUser(Roles.Admin);
        await MerchantPortal.Testing.SsrForm.SignInAsync(browser, admin.Email, admin.Password);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("orders")).StatusCode);

        using var response = await browser.GetAsync("api/v1/orders");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("UNAUTHORIZED", (await ApiJson.ReadAsync(response)).Code());
    }

    [Fact]
    public async Task An_api_key_never_opens_a_portal_page()
    {
        var merchant = await app.MerchantAsync();

        using var response = await merchant.Http.GetAsync("orders");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    private Task<int> OrderCountAsync() => app.DbAsync(db => db.Orders.CountAsync());

    /// <summary>JSON sent with Transfer-Encoding: chunked (no Content-Length).</summary>
    private sealed class ChunkedJson : HttpContent
    {
        private readonly byte[] _json;

        public ChunkedJson(string json)
        {
            _json = Encoding.UTF8.GetBytes(json);
            Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) =>
            stream.WriteAsync(_json).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = -1;
            return false;
        }
    }
}
