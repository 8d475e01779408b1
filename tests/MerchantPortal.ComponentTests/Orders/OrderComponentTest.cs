using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace MerchantPortal.ComponentTests.Orders;

/// <summary>
/// Order pages against the real service layer on a SQLite database, on the real clock (the order page polls
/// while an order is in progress), rendered with the providers the layout normally supplies; with <c>withStripe</c>,
/// card payments go to an offline Stripe sandbox.
/// </summary>
public abstract class OrderComponentTest(bool withStripe = false) : CoreComponentTest(realClock: true, withStripe: withStripe)
{
    /// <summary>
    /// Signs in with <paramref name="role"/> (of <paramref name="merchantId"/>) and renders the page inside the MudBlazor providers,
    /// at <paramref name="uri"/> when given (its query feeds <c>[SupplyParameterFromQuery]</c>).
    /// </summary>
    protected IRenderedComponent<IComponent> RenderPage<TPage>(string role, Guid? merchantId, IDictionary<string, object?>? parameters = null, string? uri = null)
        where TPage : IComponent
    {
        SignInAs(role, userId: PageUserId, merchantId: merchantId);
        if (uri is not null)
        {
            Services.GetRequiredService<NavigationManager>().NavigateTo(uri);
        }

        return RenderWithProviders<TPage>(parameters);
    }

    /// <summary>The helper or error line shown under the input with this test id.</summary>
    protected static string MessageFor(IRenderedComponent<IComponent> page, string testId)
    {
        var field = page.Find($"[data-testid='{testId}']").Closest(".mud-input-control")!;
        return field.QuerySelector(".mud-input-helper-text")?.TextContent.Trim() ?? "";
    }

    /// <summary>Searches New order's customer field and chooses the first customer found.</summary>
    protected static void ChooseCustomer(IRenderedComponent<IComponent> page, string search)
    {
        page.Find("[data-testid='customer-search']").Input(search);
        page.WaitForElement("[data-testid='customer-option']", Patience).Click();
    }

    protected static string TextOf(IRenderedComponent<IComponent> page, string testId) =>
        page.Find($"[data-testid='{testId}']").TextContent.Trim();
}
