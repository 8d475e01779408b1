using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using MerchantPortal.ApiKeys;
using MerchantPortal.E2ETests.Infrastructure;
using MerchantPortal.E2ETests.Pages;
using MerchantPortal.Identity;
using MerchantPortal.Testing;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace MerchantPortal.E2ETests.Journeys;

/// <summary>
/// An admin gives Northwind Games' web shop an API key, the shop orders with it over the public API, and the admin
/// revokes it. The journey orders its own new key item, paid from a balance it credits first, so the demo stock
/// other journeys count stays as it was.
/// </summary>
public sealed class ApiKeyJourneys(E2EFixture fixture) : BrowserTest(fixture)
{
    private JourneyData Data => new(Fixture.App);

    [Fact]
    public Task An_admin_creates_a_key_the_shop_orders_with_it_and_a_revoked_key_is_refused() =>
        InBrowserAsync(async page =>
        {
            var (item, _) = await Data.KeyItemWithCodesAsync(unitPriceMinor: 500, codes: 3);
            await Data.CreditDemoMerchantAsync(20m);
            var name = $"Web shop {Guid.NewGuid():N}"[..17];
            var admin = Fixture.App.DemoUser(Roles.Admin);
            await new LoginPage(page).SignInAsync(admin.Email, admin.Password);
            var keys = new ApiKeysPage(page);
            await keys.GotoAsync();
            await keys.ChooseMerchantAsync(JourneyData.DemoMerchant);

            await keys.CreateAsync(name, Scopes.OrdersWrite, Scopes.OrdersRead, Scopes.CatalogRead);

            var secret = await keys.Secret.InputValueAsync();
            Assert.StartsWith("mp_test_", secret);
            await page.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"]);
            await keys.CopyButton.ClickAsync();
            await Expect(page.Locator(".mud-snackbar", new() { HasText = "API key copied to the clipboard." })).ToBeVisibleAsync();
            Assert.Equal(secret, await page.EvaluateAsync<string>("() => navigator.clipboard.readText()"));
            await keys.CloseSecretAsync();

            // The secret is shown once: the list shows only its prefix.
            var row = keys.Row(name);
            await Expect(row.Status).ToHaveTextAsync("Active");
            var prefix = (await row.Prefix.TextContentAsync())!.Trim().TrimEnd('…');
            Assert.True(secret.StartsWith(prefix, StringComparison.Ordinal) && prefix.Length < secret.Length, prefix);
            await Expect(row.Scopes).ToHaveCountAsync(3);
            foreach (var scope in new[] { Scopes.OrdersWrite, Scopes.OrdersRead, Scopes.CatalogRead })
            {
                await Expect(row.Scopes.GetByText(scope, new() { Exact = true })).ToBeVisibleAsync();
            }

            await Expect(page.GetByTestId("api-keys-table")).Not.ToContainTextAsync(secret);
            await Expect(row.LastUsed).ToHaveTextAsync("Never");

            using var api = ApiClient(secret);
            var items = await api.GetFromJsonAsync<JsonElement>("api/v1/items?product_type=key&currency=USD&limit=100");
            var chosen = items.GetProperty("data").EnumerateArray().First(i =>
                i.GetProperty("active").GetBoolean() && i.GetProperty("stock").GetInt32() > 0 && i.GetProperty("sku").GetString() == item.Sku);
            using var placed = await api.PostAsJsonAsync("api/v1/orders", new
            {
                item_id = chosen.GetProperty("id").GetInt64(),
                quantity = 1,
                customer = new { email = $"web-shop-{Guid.NewGuid():N}@example.test" },
                payment = new { method = "balance" },
            });
            var order = await placed.Content.ReadFromJsonAsync<JsonElement>();
            Assert.True(placed.StatusCode == HttpStatusCode.Created, order.ToString());
            Assert.Equal($"/api/v1/orders/{order.GetProperty("id").GetString()}", placed.Headers.Location?.OriginalString);

            // Usage is counted in memory and written every ApiKeys:UsageFlushInterval (short here); the list shows it from then on.
            await Eventually.HoldsAsync(async () => (await UsageAsync(name)).Requests >= 2, "the key's usage to be written");
            await keys.GotoAsync();
            await keys.ChooseMerchantAsync(JourneyData.DemoMerchant);
            await Expect(row.Requests).ToHaveTextAsync("2");
            await Expect(row.Orders).ToHaveTextAsync("1");
            await Expect(row.LastUsed).ToContainTextAsync("from 127.0.0.1");

            await keys.RevokeAsync(name);

            using var refused = await api.GetAsync("api/v1/items");
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("UNAUTHORIZED", problem.GetProperty("code").GetString());
        });

    private HttpClient ApiClient(string secret)
    {
        var client = new HttpClient { BaseAddress = Fixture.RootUri };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return client;
    }

    private async Task<ApiKeyUsageCounts> UsageAsync(string name)
    {
        var listed = await Fixture.App.Services.GetRequiredService<ApiKeyService>().ListAsync((await Data.DemoMerchantAsync()).Id, Auditing.Actor.System);
        return listed.Value.Single(k => k.Name == name).Usage.Totals;
    }
}
