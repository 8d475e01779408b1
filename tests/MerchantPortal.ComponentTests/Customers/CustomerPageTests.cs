using Bunit;
using MerchantPortal.Customers;
using MerchantPortal.Identity;
using MerchantPortal.Web.Features.Customers;
using Microsoft.AspNetCore.Components;

namespace MerchantPortal.ComponentTests.Customers;

/// <summary>The customer page against the real customer service: editing in place, and the way to a new order.</summary>
public sealed class CustomerPageTests : CoreComponentTest
{
    [Fact]
    public async Task Saving_invalid_details_shows_every_service_error_at_its_field()
    {
        var (merchant, customer) = await CustomerAsync();
        var page = RenderPage(Roles.Merchant, merchant, customer);

        page.WaitForElement("button[data-testid='customer-edit']", Patience).Click();
        page.Find("[data-testid='customer-edit-email']").Change("not-an-email");
        page.Find("[data-testid='customer-edit-phone']").Change("12");
        page.Find("button[data-testid='customer-edit-save']").Click();

        page.WaitForAssertion(() => Assert.Equal(CustomerErrors.EmailInvalid.Message, MessageFor(page, "customer-edit-email")), Patience);
        Assert.Equal(CustomerErrors.PhoneInvalid.Message, MessageFor(page, "customer-edit-phone"));
        Assert.Empty(page.FindAll("[data-testid='customer-form-error']"));
    }

    [Fact]
    public async Task Saved_details_and_notes_show_on_the_page()
    {
        var (merchant, customer) = await CustomerAsync();
        var page = RenderPage(Roles.Merchant, merchant, customer);

        page.WaitForElement("button[data-testid='customer-edit']", Patience).Click();
        page.Find("[data-testid='customer-edit-notes']").Input("Call before noon");
        page.Find("button[data-testid='customer-edit-save']").Click();

        page.WaitForAssertion(() => Assert.Equal("Call before noon", page.Find("[data-testid='customer-notes']").TextContent.Trim()), Patience);
    }

    [Fact]
    public async Task New_order_for_this_customer_opens_new_order_with_the_customer_chosen()
    {
        var (merchant, customer) = await CustomerAsync();
        var page = RenderPage(Roles.Merchant, merchant, customer);

        var link = page.WaitForElement("[data-testid='new-order-for-customer']", Patience);

        Assert.Equal($"/orders/new?customer={customer.Id}", link.GetAttribute("href"));
    }

    [Fact]
    public async Task Support_reads_the_customer_without_edit_or_new_order()
    {
        var (_, customer) = await CustomerAsync();
        var page = RenderPage(Roles.Support, null, customer);

        page.WaitForElement("[data-testid='customer-contact']", Patience);

        Assert.Empty(page.FindAll("[data-testid='customer-edit']"));
        Assert.Empty(page.FindAll("[data-testid='new-order-for-customer']"));
    }

    private async Task<(Guid Merchant, CustomerSummary Customer)> CustomerAsync()
    {
        var merchant = await Core.Catalog.MerchantAsync();
        var customer = await Core.Get<CustomerService>().FindOrCreateAsync(
            merchant.Id, new CustomerRef(Email: "amara@example.test", Name: "Amara Haddad"), Testing.TestCatalog.Admin);
        return (merchant.Id, customer.Value);
    }

    private IRenderedComponent<IComponent> RenderPage(string role, Guid? merchant, CustomerSummary customer)
    {
        SignInAs(role, userId: PageUserId, merchantId: merchant);
        return RenderWithProviders<CustomerPage>(new Dictionary<string, object?> { [nameof(CustomerPage.CustomerId)] = customer.Id });
    }

    private static string MessageFor(IRenderedComponent<IComponent> page, string testId)
    {
        var field = page.Find($"[data-testid='{testId}']").Closest(".mud-input-control")!;
        return field.QuerySelector(".mud-input-helper-text")?.TextContent.Trim() ?? "";
    }
}
