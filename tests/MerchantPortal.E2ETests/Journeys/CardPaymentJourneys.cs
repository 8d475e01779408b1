using System.Text.RegularExpressions;
using MerchantPortal.Auditing;
using MerchantPortal.E2ETests.Infrastructure;
using MerchantPortal.E2ETests.Pages;
using MerchantPortal.Identity;
using MerchantPortal.Ledger;
using MerchantPortal.Orders;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MerchantPortal.E2ETests.Journeys;

/// <summary>
/// Card payments end to end through the offline Stripe sandbox the app hosts in Development: the card is
/// typed into the sandbox's form (never the portal), orders are charged with PaymentIntents, 3-D Secure
/// runs on the sandbox's challenge page, and webhooks flow back to the app.
/// </summary>
public sealed partial class CardPaymentJourneys(E2EFixture fixture) : BrowserTest(fixture)
{
    private static readonly LocatorAssertionsToHaveTextOptions Delivery = new() { Timeout = 30_000 };

    private JourneyData Data => new(Fixture.App);

    [Fact]
    public Task A_card_saved_for_a_customer_pays_an_order_that_completes() =>
        InBrowserAsync(async page =>
        {
            var (item, _) = await Data.KeyItemWithCodesAsync(unitPriceMinor: 1500, codes: 2);
            var customer = await Data.DemoCustomerAsync("Carla Card");
            await SignInAsync(page);

            await SaveCardAsync(page, customer.Id, "4242 4242 4242 4242");
            await Expect(page.GetByTestId("card-4242")).ToBeVisibleAsync();
            await Expect(page.GetByTestId("default-card")).ToBeVisibleAsync();

            var order = await PlaceCardOrderAsync(page, customer.Email!, item.Sku);

            await Expect(order.Status).ToHaveTextAsync("Completed", Delivery);
            await Expect(page.GetByTestId("order-payment-card")).ToHaveTextAsync("Visa •••• 4242");
            await Expect(page.GetByTestId("order-payment-reference")).ToContainTextAsync("pi_");
            await Expect(order.Timeline).ToContainTextAsync("with Visa •••• 4242");
        });

    [Fact]
    public Task A_three_d_secure_card_is_approved_on_the_challenge_page_and_the_order_completes() =>
        InBrowserAsync(async page =>
        {
            var (item, _) = await Data.KeyItemWithCodesAsync(unitPriceMinor: 900, codes: 1);
            var customer = await Data.DemoCustomerAsync("Theo Secure");
            await SignInAsync(page);
            await SaveCardAsync(page, customer.Id, "4000 0025 0000 3155");

            await PlaceAsync(page, customer.Email!, item.Sku);
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Complete authentication" })).ToBeVisibleAsync();
            await new SandboxAuthenticationPage(page).CompleteAsync();

            await Expect(page).ToHaveURLAsync(OrderAddress());
            await Expect(new OrderPage(page).Status).ToHaveTextAsync("Completed", Delivery);
            await Expect(new OrderPage(page).Timeline).ToContainTextAsync("3-D Secure");
        });

    [Fact]
    public Task A_failed_three_d_secure_challenge_fails_the_order_and_delivers_nothing() =>
        InBrowserAsync(async page =>
        {
            var (item, _) = await Data.KeyItemWithCodesAsync(unitPriceMinor: 900, codes: 1);
            var customer = await Data.DemoCustomerAsync("Fay Fails");
            await SignInAsync(page);
            await SaveCardAsync(page, customer.Id, "4000 0025 0000 3155");

            await PlaceAsync(page, customer.Email!, item.Sku);
            await new SandboxAuthenticationPage(page).FailAsync();

            await Expect(page).ToHaveURLAsync(OrderAddress());
            var order = new OrderPage(page);
            await Expect(order.Status).ToHaveTextAsync("Failed");
            await Expect(page.GetByTestId("order-error")).ToContainTextAsync("The customer's bank did not confirm the payment");
            await Expect(order.MaskedCodes).ToHaveCountAsync(0);
        });

    [Fact]
    public Task A_declined_card_shows_the_error_fails_the_order_and_leaves_the_balance_untouched() =>
        InBrowserAsync(async page =>
        {
            var (item, _) = await Data.KeyItemWithCodesAsync(unitPriceMinor: 700, codes: 1);
            var customer = await Data.DemoCustomerAsync("Dan Declined");
            var merchant = await Data.DemoMerchantAsync();
            var ledger = Fixture.App.Services.GetRequiredService<LedgerService>();
            var balanceBefore = await ledger.GetBalanceAsync(merchant.Id, Actor.System);
            await SignInAsync(page);
            // A card that can be saved but whose charges are declined.
            await SaveCardAsync(page, customer.Id, "4000 0000 0000 0341");

            await PlaceAsync(page, customer.Email!, item.Sku);

            await Expect(page.Locator("main")).ToContainTextAsync("Your card was declined.");
            await Expect(page.Locator("main")).ToContainTextAsync("failed and nothing was charged");
            var orders = await Fixture.App.Services.GetRequiredService<OrderQueries>()
                .SearchAsync(new OrderQuery { CustomerId = customer.Id }, Auditing.Actor.System);
            var failed = Assert.Single(orders.Items);
            Assert.Equal(OrderStatus.Failed, failed.Status);
            Assert.Equal(PaymentStatus.Failed, failed.PaymentStatus);
            Assert.Equal(0, failed.DeliveredUnits);
            Assert.Equal(balanceBefore, await ledger.GetBalanceAsync(merchant.Id, Actor.System));
        });

    private async Task SignInAsync(IPage page)
    {
        var merchant = Fixture.App.DemoUser(Roles.Merchant);
        await new LoginPage(page).SignInAsync(merchant.Email, merchant.Password);
    }

    /// <summary>
    /// Adds a card from the customer's page through the sandbox's card form — approving 3-D Secure when
    /// the card asks for it while being saved — and waits to be back.
    /// </summary>
    private static async Task SaveCardAsync(IPage page, Guid customerId, string number)
    {
        await page.GotoAsync($"customers/{customerId}");
        await new ShellPage(page).WaitUntilInteractiveAsync();
        await page.GetByTestId("add-card").ClickAsync();
        await page.Locator("#number").WaitForAsync();
        await new SandboxCardForm(page).SubmitCardAsync(number);
        var backHome = new Regex($"/customers/{customerId}$");
        var challenge = page.GetByRole(AriaRole.Button, new() { Name = "Complete authentication" });
        await Expect(challenge.Or(page.GetByTestId("saved-cards"))).ToBeVisibleAsync();
        if (await challenge.IsVisibleAsync())
        {
            await new SandboxAuthenticationPage(page).CompleteAsync();
        }

        await Expect(page).ToHaveURLAsync(backHome);
        await new ShellPage(page).WaitUntilInteractiveAsync();
    }

    private static async Task PlaceAsync(IPage page, string customerEmail, string sku)
    {
        var form = new NewOrderPage(page);
        await form.GotoAsync();
        await form.ChooseCustomerAsync(customerEmail);
        await form.AddItemAsync(sku, line: 0);
        await form.SetQuantityAsync(line: 0, quantity: 1);
        await form.PayByCardAsync();
        await form.PlaceOrderButton.ClickAsync();
    }

    private static async Task<OrderPage> PlaceCardOrderAsync(IPage page, string customerEmail, string sku)
    {
        await PlaceAsync(page, customerEmail, sku);
        await Expect(page).ToHaveURLAsync(OrderAddress());
        await new ShellPage(page).WaitUntilInteractiveAsync();
        return new OrderPage(page);
    }

    [GeneratedRegex(@"/orders/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")]
    private static partial Regex OrderAddress();
}
