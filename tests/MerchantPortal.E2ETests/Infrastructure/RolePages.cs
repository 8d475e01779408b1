using Microsoft.Playwright;
using MerchantPortal.Identity;

namespace MerchantPortal.E2ETests.Infrastructure;

/// <summary>Every page a signed-in role can open: its navigation entries, the detail pages behind them and the account pages.</summary>
public static class RolePages
{
    // The API reference is Scalar's own page, swept by ApiReferenceJourneys (it carries one known, harmless CSP report).
    private static readonly string[] OutsideTheSweep = ["/api/reference"];

    public static readonly string[] AccountPages =
    [
        "/Account/Manage", "/Account/Manage/ChangePassword", "/Account/Manage/TwoFactorAuthentication", "/Account/AccessDenied",
        "/no-such-page",
    ];

    public static readonly string[] SignedOutPages = ["/Account/Login", "/Account/ForgotPassword", "/Account/Lockout"];

    /// <summary>The paths of the signed-in page's navigation, then the role's detail pages, then the account pages.</summary>
    public static async Task<IReadOnlyList<string>> AllAsync(IPage page, JourneyData data, string role)
    {
        var details = await DetailPagesAsync(data, role);
        var navigation = await page.GetByTestId("nav").Locator("a[href]").EvaluateAllAsync<string[]>(
            "links => links.map(a => new URL(a.href).pathname)");
        return [.. navigation.Except(OutsideTheSweep).Concat(details).Concat(AccountPages).Distinct()];
    }

    /// <summary>The pages behind the list pages: one order, customer and catalog item of the demo merchant, and a page the role may not open.</summary>
    private static async Task<IReadOnlyList<string>> DetailPagesAsync(JourneyData data, string role)
    {
        var (item, _) = await data.KeyItemWithCodesAsync(unitPriceMinor: 300, codes: 1);
        await data.CreditDemoMerchantAsync(20m);
        var customer = await data.DemoCustomerAsync("Sweep Customer");
        var order = await data.PlaceDemoOrderAsync(customer, item, units: 2);
        var pages = new List<string> { $"/orders/{order.Id}", $"/customers/{customer.Id}", $"/catalog/{item.Id}" };
        pages.AddRange(role switch
        {
            Roles.Merchant => [$"/customers/{customer.Id}/cards/new", "/admin/users"],
            Roles.Admin => ["/catalog/new", $"/catalog/{item.Id}/edit"],
            _ => ["/orders/new"],
        });
        return pages;
    }
}
