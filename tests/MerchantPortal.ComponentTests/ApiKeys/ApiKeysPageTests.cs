using System.Text.RegularExpressions;
using AngleSharp.Dom;
using Bunit;
using MerchantPortal.ApiKeys;
using MerchantPortal.Identity;
using MerchantPortal.Merchants;
using MerchantPortal.Testing;
using MerchantPortal.Web.Features.ApiKeys;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace MerchantPortal.ComponentTests.ApiKeys;

/// <summary>The API keys page: the list, creating a key (secret shown once), revoking and rolling, and who may do what.</summary>
public sealed class ApiKeysPageTests : CoreComponentTest
{
    [Fact]
    public async Task An_admin_creates_a_key_and_sees_its_secret_once_with_a_copy_button()
    {
        var merchant = await Core.Catalog.MerchantAsync();
        var page = OpenAs(Roles.Admin, merchant.Id);
        page.WaitForElement("[data-testid='create-api-key']", Patience).Click();
        page.WaitForElement("[data-testid='create-api-key-dialog']", Patience);

        page.Find("[data-testid='api-key-name']").Input("Web shop");
        Input(page, $"api-key-scope-{Scopes.OrdersRead}").Change(true);
        Input(page, $"api-key-scope-{Scopes.OrdersWrite}").Change(true);
        page.Find("[data-testid='api-key-allowed-ips']").Change("203.0.113.7\n198.51.100.0/24\n");
        page.Find("[data-testid='api-key-create-submit']").Click();

        var secret = page.WaitForElement("[data-testid='api-key-secret']", Patience).GetAttribute("value")!;
        Assert.True(ApiKeySecret.IsWellFormed(secret), secret);
        Assert.Contains("will not be shown again", page.Find("[data-testid='api-key-secret-warning']").TextContent, StringComparison.Ordinal);
        Assert.Contains("act on the same orders, balance and catalog",
            Regex.Replace(page.Find("[data-testid='api-key-test-mode-note']").TextContent, @"\s+", " "), StringComparison.Ordinal);
        page.Find("[data-testid='copy-api-key']").Click();
        page.WaitForAssertion(() => Assert.Contains(JSInterop.Invocations, i => i.Identifier == "copyText" && Equals(i.Arguments[0], secret)), Patience);

        page.Find("[data-testid='api-key-secret-done']").Click();
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid='api-key-secret']")), Patience);
        var row = page.WaitForElement("[data-testid='api-key-row']", Patience);
        Assert.Contains(secret[..14] + "…", row.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, page.Markup, StringComparison.Ordinal);
        Assert.Equal([Scopes.OrdersRead, Scopes.OrdersWrite], row.QuerySelectorAll("[data-testid='api-key-scope']").Select(c => c.TextContent.Trim()));
        Assert.Equal("Active", row.QuerySelector("[data-testid='api-key-status']")!.TextContent.Trim());
        var stored = Assert.Single((await Core.Get<ApiKeyService>().ListAsync(merchant.Id, TestActors.Admin)).Value);
        Assert.Equal(["203.0.113.7", "198.51.100.0/24"], stored.AllowedIps);
    }

    [Fact]
    public async Task Every_field_error_shows_next_to_its_field_at_once()
    {
        var merchant = await Core.Catalog.MerchantAsync();
        var page = OpenAs(Roles.Admin, merchant.Id);
        page.WaitForElement("[data-testid='create-api-key']", Patience).Click();
        page.WaitForElement("[data-testid='create-api-key-dialog']", Patience);

        page.Find("[data-testid='api-key-expires']").Change("2020-01-01");
        page.Find("[data-testid='api-key-allowed-ips']").Change("10.0.0.1\nnot-an-address");
        page.Find("[data-testid='api-key-create-submit']").Click();

        page.WaitForAssertion(() => Assert.StartsWith(ApiKeyErrors.NameRequired.Message, HelperText(page, "api-key-name"), StringComparison.Ordinal), Patience);
        Assert.Equal(ApiKeyErrors.ScopesRequired.Message, page.Find("[data-testid='api-key-scopes-error']").TextContent.Trim());
        Assert.Equal(ApiKeyErrors.ExpiryInPast.Message, HelperText(page, "api-key-expires"));
        Assert.Contains("\"not-an-address\" is not an IP address", HelperText(page, "api-key-allowed-ips"), StringComparison.Ordinal);
        Assert.Empty((await Core.Get<ApiKeyService>().ListAsync(merchant.Id, TestActors.Admin)).Value);
    }

    [Fact]
    public async Task Revoking_asks_first_and_marks_the_key_revoked()
    {
        var merchant = await Core.Catalog.MerchantAsync();
        await CreateKeyAsync(merchant.Id);
        var page = OpenAs(Roles.Admin, merchant.Id);

        page.WaitForElement("[data-testid='revoke-api-key']", Patience).Click();
        page.WaitForElement("[data-testid='confirm-ok']", Patience).Click();

        page.WaitForAssertion(() => Assert.Equal("Revoked", page.Find("[data-testid='api-key-status']").TextContent.Trim()), Patience);
        Assert.Empty(page.FindAll("[data-testid='revoke-api-key']"));
        Assert.Equal(ApiKeyStatus.Revoked, Assert.Single((await Core.Get<ApiKeyService>().ListAsync(merchant.Id, TestActors.Admin)).Value).Status);
    }

    [Fact]
    public async Task Rolling_shows_the_new_secret_and_keeps_the_old_key_for_the_chosen_overlap()
    {
        var merchant = await Core.Catalog.MerchantAsync();
        var old = await CreateKeyAsync(merchant.Id);
        var page = OpenAs(Roles.Admin, merchant.Id);

        page.WaitForElement("[data-testid='roll-api-key']", Patience).Click();
        page.WaitForElement("[data-testid='roll-api-key-dialog']", Patience);
        Input(page, "roll-overlap-1h").Click();
        page.Find("[data-testid='roll-api-key-submit']").Click();

        var secret = page.WaitForElement("[data-testid='api-key-secret']", Patience).GetAttribute("value")!;
        Assert.NotEqual(old.Secret, secret);
        page.Find("[data-testid='api-key-secret-done']").Click();
        page.WaitForAssertion(() => Assert.Equal(["Active", "Expiring (rolled)"],
            page.FindAll("[data-testid='api-key-status']").Select(s => s.TextContent.Trim())), Patience);
        var keys = (await Core.Get<ApiKeyService>().ListAsync(merchant.Id, TestActors.Admin)).Value;
        Assert.Equal(Clock.GetUtcNow().UtcDateTime.AddHours(1), keys.Single(k => k.Id == old.Key.Id).ExpiresAt);
    }

    [Fact]
    public async Task The_list_shows_last_use_and_the_last_days_figures()
    {
        var merchant = await Core.Catalog.MerchantAsync();
        var key = await CreateKeyAsync(merchant.Id);
        var recorder = Core.Get<ApiKeyUsageRecorder>();
        recorder.Record(key.Key.Id, new ApiKeyUsageCounts(1, 0, 0, 1), "203.0.113.7");
        recorder.Record(key.Key.Id, new ApiKeyUsageCounts(1, 1, 0, 0), "203.0.113.7");
        recorder.Record(key.Key.Id, new ApiKeyUsageCounts(1, 0, 1, 0), "203.0.113.7");
        await Core.Get<ApiKeyUsageWriter>().FlushAsync();

        var page = OpenAs(Roles.Admin, merchant.Id);

        var row = page.WaitForElement("[data-testid='api-key-row']", Patience);
        Assert.Equal("3", Figure(row, "requests"));
        Assert.Equal("1", Figure(row, "errors"));
        Assert.Equal("1", Figure(row, "orders"));
        Assert.Equal("1", Figure(row, "replays"));
        Assert.Contains("from 203.0.113.7", row.QuerySelector("[data-testid='api-key-last-used']")!.TextContent, StringComparison.Ordinal);
        Assert.EndsWith(", 3", row.QuerySelector("[data-testid='api-key-sparkline']")!.GetAttribute("aria-label"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Support_sees_the_keys_but_cannot_create_revoke_or_roll()
    {
        var merchant = await Core.Catalog.MerchantAsync();
        await CreateKeyAsync(merchant.Id);

        var page = OpenAs(Roles.Support, merchant.Id);

        page.WaitForElement("[data-testid='api-key-row']", Patience);
        Assert.NotNull(page.Find("[data-testid='api-keys-read-only']"));
        Assert.Empty(page.FindAll("[data-testid='create-api-key']"));
        Assert.Empty(page.FindAll("[data-testid='revoke-api-key']"));
        Assert.Empty(page.FindAll("[data-testid='roll-api-key']"));
    }

    [Fact]
    public async Task A_merchant_user_whose_merchant_allows_it_manages_only_its_own_keys()
    {
        var own = await Core.Catalog.MerchantAsync();
        var other = await Core.Catalog.MerchantAsync();
        await Core.Get<MerchantService>().SetApiKeyManagementAsync(own.Id, true, TestActors.Admin);
        await CreateKeyAsync(own.Id);
        await CreateKeyAsync(other.Id);
        SignInAs(Roles.Merchant, userId: PageUserId, merchantId: own.Id);
        // The merchant in the address is ignored: merchant users always work on their own.
        Services.GetRequiredService<NavigationManager>().NavigateTo($"/api-keys?merchant={other.Id}");

        var page = RenderWithProviders<ApiKeysPage>();

        page.WaitForElement("[data-testid='api-key-row']", Patience);
        Assert.Single(page.FindAll("[data-testid='api-key-row']"));
        Assert.Empty(page.FindAll("[data-testid='merchant-picker']"));
        Assert.NotNull(page.Find("[data-testid='create-api-key']"));
        Assert.NotNull(page.Find("[data-testid='revoke-api-key']"));
    }

    private IRenderedComponent<IComponent> OpenAs(string role, Guid merchantId)
    {
        SignInAs(role, userId: PageUserId);
        Services.GetRequiredService<NavigationManager>().NavigateTo($"/api-keys?merchant={merchantId}");
        return RenderWithProviders<ApiKeysPage>();
    }

    private async Task<CreatedApiKey> CreateKeyAsync(Guid merchantId)
    {
        var created = await Core.Get<ApiKeyService>().CreateAsync(
            new CreateApiKey(merchantId, "ERP", [Scopes.OrdersRead]), TestActors.Admin);
        Assert.True(created.Succeeded, created.Error?.Message);
        return created.Value;
    }

    private static string Figure(IElement row, string figure) => row.QuerySelector($"[data-testid='api-key-{figure}']")!.TextContent.Trim();

    /// <summary>The input of the MudBlazor control with this test id.</summary>
    private static IElement Input(IRenderedComponent<IComponent> page, string testId)
    {
        var element = page.Find($"[data-testid='{testId}']");
        return element.TagName == "INPUT" ? element : element.QuerySelector("input")!;
    }

    private static string HelperText(IRenderedComponent<IComponent> page, string testId) =>
        page.Find($"[data-testid='{testId}']").Closest(".mud-input-control")!.QuerySelector(".mud-input-helper-text")?.TextContent.Trim() ?? "";
}
