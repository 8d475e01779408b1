using System.Net;
using Stripe;

namespace MerchantPortal.IntegrationTests.StripeSandbox;

public sealed class CustomerTests : SandboxTestBase
{
    [Fact]
    public async Task A_customer_is_created_retrieved_and_updated_with_metadata()
    {
        var created = await Customers.CreateAsync(new CustomerCreateOptions
        {
            Email = "jenny@example.com",
            Name = "Jenny Rosen",
            Phone = "+15555555555",
            Metadata = new Dictionary<string, string> { ["portal_customer_id"] = "c-17", ["tier"] = "gold" },
        });

        var updated = await Customers.UpdateAsync(created.Id, new CustomerUpdateOptions
        {
            Name = "Jenny R.",
            Metadata = new Dictionary<string, string> { ["tier"] = "" },
        });
        var fetched = await Customers.GetAsync(created.Id);

        Assert.StartsWith("cus_", created.Id, StringComparison.Ordinal);
        Assert.False(created.Livemode);
        Assert.InRange(created.Created, DateTime.UtcNow.AddMinutes(-1), DateTime.UtcNow.AddMinutes(1));
        Assert.Equal("Jenny R.", updated.Name);
        Assert.Equal("jenny@example.com", fetched.Email);
        Assert.Equal(new Dictionary<string, string> { ["portal_customer_id"] = "c-17" }, fetched.Metadata);
        var events = await EventsOfAsync(created.Id);
        Assert.Contains(events, e => e.Type == "customer.created");
        Assert.Contains(events, e => e.Type == "customer.updated" && e.Data.PreviousAttributes is not null);
    }

    [Fact]
    public async Task Customers_are_found_by_email()
    {
        var jenny = await NewCustomerAsync("jenny@example.com");
        await NewCustomerAsync("max@example.com");

        var found = await Customers.ListAsync(new CustomerListOptions { Email = "jenny@example.com" });

        Assert.Equal([jenny.Id], found.Data.Select(c => c.Id));
    }

    [Fact]
    public async Task The_default_payment_method_must_be_one_of_the_customer_s_cards_and_is_cleared_on_detach()
    {
        var customer = await NewCustomerAsync();
        var card = await SavedCardAsync(customer);
        var foreign = await CardAsync("4242424242424242");

        var updated = await Customers.UpdateAsync(customer.Id, new CustomerUpdateOptions
        {
            InvoiceSettings = new CustomerInvoiceSettingsOptions { DefaultPaymentMethod = card.Id },
        });
        var refused = await Assert.ThrowsAsync<StripeException>(() => Customers.UpdateAsync(customer.Id, new CustomerUpdateOptions
        {
            InvoiceSettings = new CustomerInvoiceSettingsOptions { DefaultPaymentMethod = foreign.Id },
        }));
        await PaymentMethods.DetachAsync(card.Id);
        var afterDetach = await Customers.GetAsync(customer.Id);

        Assert.Equal(card.Id, updated.InvoiceSettings.DefaultPaymentMethodId);
        Assert.Equal(HttpStatusCode.BadRequest, refused.HttpStatusCode);
        Assert.Equal("invoice_settings[default_payment_method]", refused.StripeError.Param);
        Assert.Null(afterDetach.InvoiceSettings.DefaultPaymentMethodId);
    }

    [Fact]
    public async Task A_customer_created_with_a_payment_method_has_it_attached_and_can_make_it_the_default()
    {
        var customer = await Customers.CreateAsync(new CustomerCreateOptions
        {
            Email = "jenny@example.com",
            PaymentMethod = "pm_card_mastercard",
            InvoiceSettings = new CustomerInvoiceSettingsOptions { DefaultPaymentMethod = "pm_card_mastercard" },
        });

        var cards = await CustomerPaymentMethods.ListAsync(customer.Id);

        var card = Assert.Single(cards.Data);
        Assert.Equal("mastercard", card.Card.Brand);
        Assert.Equal(card.Id, customer.InvoiceSettings.DefaultPaymentMethodId);
    }

    [Fact]
    public async Task Expanding_the_default_payment_method_embeds_it()
    {
        var customer = await NewCustomerAsync();
        var card = await SavedCardAsync(customer);
        await Customers.UpdateAsync(customer.Id, new CustomerUpdateOptions
        {
            InvoiceSettings = new CustomerInvoiceSettingsOptions { DefaultPaymentMethod = card.Id },
        });

        var fetched = await Customers.GetAsync(customer.Id, new CustomerGetOptions { Expand = ["invoice_settings.default_payment_method"] });

        Assert.Equal("4242", fetched.InvoiceSettings.DefaultPaymentMethod.Card.Last4);
    }
}
