using Bunit;
using MerchantPortal.Data;
using MerchantPortal.Events;
using MerchantPortal.Identity;
using MerchantPortal.Jobs;
using MerchantPortal.Merchants;
using MerchantPortal.Testing;
using MerchantPortal.Web.Features.Webhooks;
using MerchantPortal.Webhooks;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MerchantPortal.ComponentTests.Webhooks;

/// <summary>The webhooks console against the real services, delivering to a receiver on 127.0.0.1.</summary>
public sealed class WebhooksPageTests : CoreComponentTest
{
    [Fact]
    public async Task A_merchant_user_sees_its_endpoints_with_their_events_and_state()
    {
        var merchant = await Core.Catalog.MerchantAsync();
        var other = await Core.Catalog.MerchantAsync();
        await EndpointAsync(merchant, "https://127.0.0.1/orders", IntegrationEventTypes.OrderCompleted, IntegrationEventTypes.OrderFailed);
        await EndpointAsync(other, "https://127.0.0.1/other", IntegrationEventTypes.OrderCreated);

        var page = Open(merchant);

        page.WaitForAssertion(() => Assert.Equal(["https://127.0.0.1/orders"], Texts(page, "endpoint-url")), Patience);
        Assert.Equal(["order.completed, order.failed"], Texts(page, "endpoint-events"));
        Assert.Equal(["Active"], Texts(page, "endpoint-state"));
        Assert.Equal(["0"], Texts(page, "endpoint-failures"));
        Assert.Empty(page.FindAll("[data-testid='merchant-picker']"));
    }

    [Fact]
    public async Task Adding_an_endpoint_shows_its_secret_once()
    {
        var merchant = await Core.Catalog.MerchantAsync();
        var page = Open(merchant);
        page.WaitForAssertion(() => page.Find("[data-testid='endpoints-empty']"), Patience);

        page.Find("[data-testid='add-endpoint']").Click();
        page.WaitForAssertion(() => page.Find("[data-testid='endpoint-url-input']").Input("ftp://hooks.example.test/in"), Patience);
        page.Find("[data-testid='endpoint-save']").Click();
        page.WaitForAssertion(() => Assert.Contains(WebhookErrors.UrlInvalid.Message, page.Markup, StringComparison.Ordinal), Patience);
        page.Find("[data-testid='endpoint-url-input']").Input("https://127.0.0.1/in");
        page.Find("[data-testid='endpoint-save']").Click();

        string secret = "";
        page.WaitForAssertion(() => secret = page.Find("[data-testid='webhook-secret']").GetAttribute("value")!, Patience);
        var stored = Assert.Single((await Core.Get<WebhookEndpointService>().ListAsync(merchant.Id, TestActors.Admin)).Value);
        Assert.StartsWith("whsec_", secret, StringComparison.Ordinal);
        Assert.Equal(IntegrationEventTypes.Subscribable, stored.EventTypes);

        page.Find("[data-testid='webhook-secret-done']").Click();

        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid='webhook-secret']")), Patience);
        Assert.DoesNotContain(secret, page.Markup, StringComparison.Ordinal);
        Assert.Equal(["https://127.0.0.1/in"], Texts(page, "endpoint-url"));
    }

    [Fact]
    public async Task Deliveries_open_to_list_every_attempt()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var merchant = await Core.Catalog.MerchantAsync();
        await EndpointAsync(merchant, receiver.Url, IntegrationEventTypes.OrderCompleted);
        receiver.Answer(500);
        var published = await PublishAsync(merchant);
        await Core.DrainJobsAsync();
        // The first retry is due about five seconds later.
        Clock.Advance(TimeSpan.FromSeconds(10));
        await Core.DrainJobsAsync();

        var page = Open(merchant);

        page.WaitForAssertion(() => Assert.Equal([$"msg_{published.Id:N}"], Texts(page, "delivery-message-id")), Patience);
        Assert.Equal(["Succeeded"], Texts(page, "delivery-status"));
        Assert.Equal(["2"], Texts(page, "delivery-attempts"));
        Assert.Empty(page.FindAll("[data-testid='delivery-attempt']"));

        page.Find("[data-testid='delivery-expand']").Click();

        page.WaitForAssertion(() => Assert.Equal(["500", "200"], Texts(page, "attempt-status")), Patience);
        Assert.Equal(["answered 500", "answered 200"], Texts(page, "attempt-response"));
    }

    [Fact]
    public async Task Resend_queues_another_attempt_with_the_same_webhook_id()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var merchant = await Core.Catalog.MerchantAsync();
        await EndpointAsync(merchant, receiver.Url, IntegrationEventTypes.OrderCompleted);
        await PublishAsync(merchant);
        await Core.DrainJobsAsync();
        var page = Open(merchant);
        page.WaitForAssertion(() => Assert.Equal(["1"], Texts(page, "delivery-attempts")), Patience);

        page.Find("[data-testid='delivery-resend']").Click();
        page.WaitForAssertion(() => Assert.Contains("queued to be sent again", page.Markup, StringComparison.Ordinal), Patience);
        await Core.DrainJobsAsync();
        page.Find("[data-testid='deliveries-refresh']").Click();

        page.WaitForAssertion(() => Assert.Equal(["2"], Texts(page, "delivery-attempts")), Patience);
        Assert.Equal(2, receiver.Requests.Count);
        Assert.Single(receiver.Requests.Select(r => r.Id).Distinct());
    }

    [Fact]
    public async Task Support_sees_the_endpoints_of_the_chosen_merchant_but_no_changes()
    {
        var merchant = await Core.Catalog.MerchantAsync();
        await EndpointAsync(merchant, "https://127.0.0.1/orders", IntegrationEventTypes.OrderCompleted);

        var page = Open(merchant, Roles.Support, $"/webhooks?merchant={merchant.Id}");

        page.WaitForAssertion(() => Assert.Single(Texts(page, "endpoint-url")), Patience);
        Assert.Empty(page.FindAll("[data-testid='add-endpoint']"));
        Assert.Empty(page.FindAll("[data-testid='endpoint-delete']"));
        Assert.NotEmpty(page.FindAll("[data-testid='merchant-picker']"));
    }

    private IRenderedComponent<IComponent> Open(MerchantSummary merchant, string role = Roles.Merchant, string address = "/webhooks")
    {
        SignInAs(role, userId: PageUserId, merchantId: role == Roles.Merchant ? merchant.Id : null);
        Services.GetRequiredService<NavigationManager>().NavigateTo(address);
        return RenderWithProviders<WebhooksPage>();
    }

    private async Task EndpointAsync(MerchantSummary merchant, string url, params string[] events)
    {
        var created = await Core.Get<WebhookEndpointService>().CreateAsync(new CreateWebhookEndpoint(merchant.Id, url, null, events), TestActors.Admin);
        Assert.True(created.Succeeded, created.Error?.Code);
    }

    private async Task<IntegrationEvent> PublishAsync(MerchantSummary merchant)
    {
        await using var db = await Core.Get<IDbContextFactory<PortalDb>>().CreateDbContextAsync();
        var published = IntegrationEvent.Create(IntegrationEventTypes.OrderCompleted, merchant.Id, null, """{"number":"MP-000001"}""", Clock.GetUtcNow().UtcDateTime);
        db.IntegrationEvents.Add(published);
        Core.Get<JobQueue>().Enqueue(db, JobTypes.DispatchEvent, published.Id.ToString());
        await db.SaveChangesAsync();
        return published;
    }

    private static List<string> Texts(IRenderedComponent<IComponent> page, string testId) =>
        [.. page.FindAll($"[data-testid='{testId}']").Select(e => e.TextContent.Trim())];
}
