using AngleSharp.Dom;
using Bunit;
using MerchantPortal.Auditing;
using MerchantPortal.Catalog;
using MerchantPortal.Customers;
using MerchantPortal.Data;
using MerchantPortal.Identity;
using MerchantPortal.Merchants;
using MerchantPortal.Orders;
using MerchantPortal.Refunds;
using MerchantPortal.Testing;
using MerchantPortal.Web.Features.Support;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MerchantPortal.ComponentTests.Support;

/// <summary>The support queue page against the real service layer, with orders left undelivered, flagged, or waiting for approval.</summary>
public abstract class SupportQueueTest : CoreComponentTest
{
    /// <summary>Opens the support queue at <paramref name="address"/> as a support agent (or <paramref name="role"/>).</summary>
    protected IRenderedComponent<IComponent> OpenQueue(string address = "/support", string role = Roles.Support)
    {
        SignInAs(role, userId: PageUserId);
        Services.GetRequiredService<NavigationManager>().NavigateTo(address);
        return RenderWithProviders<SupportQueuePage>();
    }

    protected Task<MerchantSummary> MerchantAsync() => Core.Catalog.MerchantAsync(balance: 1000m);

    /// <summary>An order for <paramref name="units"/> keys of an item with one in stock: it ends partial, out of stock.</summary>
    protected async Task<(OrderDetails Order, CatalogItem Item)> PartialOrderAsync(Guid merchantId, int units = 3, string? customerName = null)
    {
        var item = await Core.Catalog.KeyItemAsync(unitPriceMinor: 500, codes: 1);
        var order = await new TestOrders(Core.Services).PlaceKeyOrderAsync(merchantId, item.Id, units, customerName: customerName);
        await Core.DrainJobsAsync();
        return (order, item);
    }

    /// <summary>A top-up whose provider call fails: the order ends failed with a provider error.</summary>
    protected async Task<OrderDetails> FailedTopUpAsync(Guid merchantId)
    {
        var item = await Core.Catalog.TopUpItemAsync(behaviour: FulfilmentBehaviour.Fail);
        var placed = await Core.Get<OrderPlacementService>().PlaceAsync(
            new PlaceOrder(merchantId, new CustomerRef(Email: $"c-{Guid.NewGuid():N}@test.example", Name: "Tom Topup"),
                [new PlaceOrderLine(item.Id, 10m, new Dictionary<string, string?> { ["phone_number"] = "+447700900123", ["network"] = "1" })],
                PaymentChoice.Balance, OrderSource.Dashboard),
            Actor.User("merchant-user", "merchant-user@test.example", merchantId, Roles.Merchant));
        Assert.True(placed.Succeeded, placed.Error?.Message);
        await Core.DrainJobsAsync();
        return placed.Value.Order;
    }

    /// <summary>Puts a flag on an order, as a failed refund or a late card payment would.</summary>
    protected async Task FlagAsync(Guid orderId, string code, string message)
    {
        await using var db = await Core.Get<IDbContextFactory<PortalDb>>().CreateDbContextAsync();
        await db.Orders.Where(o => o.Id == orderId)
            .ExecuteUpdateAsync(o => o.SetProperty(x => x.FlagCode, code).SetProperty(x => x.FlagMessage, message));
    }

    /// <summary>Makes every refund of the merchant's orders wait for a second agent.</summary>
    protected async Task RequireApprovalAsync(Guid merchantId)
    {
        var updated = await Core.Get<MerchantService>().UpdateRefundSettingsAsync(merchantId,
            MerchantRefundSettings.Default with { ApprovalThresholdMinor = 0 }, TestCatalog.Admin);
        Assert.True(updated.Succeeded, updated.Error?.Message);
    }

    /// <summary>A support agent asks to refund every unit the order has left.</summary>
    protected async Task<Refund> RequestRefundAsync(Guid orderId, string agentId)
    {
        var agent = Actor.User(agentId, $"{agentId}@test.example", null, Roles.Support);
        var requested = await Core.Get<RefundService>().RequestAsync(new RequestRefund(orderId, null, null, RefundReason.Undelivered), agent);
        Assert.True(requested.Succeeded, requested.Error?.Message);
        return requested.Value.Refund;
    }

    protected static List<string> References(IRenderedComponent<IComponent> page) =>
        [.. page.FindAll("[data-testid='queue-order-link']").Select(a => a.TextContent.Trim())];

    /// <summary>The queue row (its cells) of the order with this reference.</summary>
    protected static IElement Row(IRenderedComponent<IComponent> page, string reference) =>
        page.Find($"[data-testid='queue-row'][data-reference='{reference}']").ParentElement!;

    /// <summary>Opens a MudSelect by its test id and picks the option with this text.</summary>
    protected static void Choose(IRenderedComponent<IComponent> page, string testId, string option)
    {
        page.Find($"[data-testid='{testId}']").Closest(".mud-input-control")!.MouseDown();
        page.WaitForElements(".mud-list-item", Patience).First(i => i.TextContent.Trim() == option).Click();
    }

    protected static IElement Tab(IRenderedComponent<IComponent> page, string startsWith) =>
        page.FindAll(".mud-tab").First(t => t.TextContent.Trim().StartsWith(startsWith, StringComparison.Ordinal));

    protected static string Snackbar(IRenderedComponent<IComponent> page) =>
        string.Join(" | ", page.FindAll(".mud-snackbar").Select(s => s.TextContent.Trim()));

    protected string Uri => Services.GetRequiredService<NavigationManager>().Uri;
}
