using MerchantPortal.Auditing;
using MerchantPortal.Catalog;
using MerchantPortal.Customers;
using MerchantPortal.Data;
using MerchantPortal.Ledger;
using MerchantPortal.Merchants;
using MerchantPortal.Orders;
using MerchantPortal.Payments;
using MerchantPortal.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Stripe;

namespace MerchantPortal.IntegrationTests.Payments;

/// <summary>Orders paid with saved cards, through Stripe.net against the offline sandbox.</summary>
public sealed class CardPaymentTests : CardServiceTest
{
    [Fact]
    public async Task A_card_payment_succeeds_charges_the_total_once_and_the_order_is_fulfilled()
    {
        var (customer, card) = await Host.CustomerWithCardAsync(Merchant.Id, "pm_card_visa");

        var placed = await PlacedAsync(customer, card);
        await Host.Core.DrainJobsAsync();

        var order = (await Orders.GetAsync(placed.Order.Order.Id, Actor.System))!.Order;
        Assert.Equal(OrderStatus.Completed, order.Status);
        Assert.Equal(PaymentStatus.Paid, order.PaymentStatus);
        Assert.Equal(("visa", "4242"), (order.CardBrand, order.CardLast4));
        var intent = await new PaymentIntentService(Host.Stripe).GetAsync(order.PaymentReference);
        Assert.Equal(("succeeded", 2500L, order.Id.ToString()), (intent.Status, intent.Amount, intent.Metadata["order_id"]));
        Assert.Equal(1000, (await Host.Core.Get<LedgerService>().GetBalanceAsync(Merchant.Id, Actor.System))!.Value.Minor);
    }

    [Fact]
    public async Task A_decline_fails_the_order_with_the_card_issuers_message_and_nothing_is_delivered()
    {
        var (customer, card) = await Host.CustomerWithCardAsync(Merchant.Id, "pm_card_chargeCustomerFail");

        var placed = await PlacedAsync(customer, card);
        await Host.Core.DrainJobsAsync();

        var order = (await Orders.GetAsync(placed.Order.Order.Id, Actor.System))!;
        Assert.Equal((OrderStatus.Failed, PaymentStatus.Failed), (order.Order.Status, order.Order.PaymentStatus));
        Assert.Equal(OrderErrorCodes.PaymentDeclined, order.Order.ErrorCode);
        Assert.Equal("Your card was declined.", order.Order.ErrorMessage);
        Assert.Empty(order.CodesByLine);
    }

    [Fact]
    public async Task A_three_d_secure_card_waits_for_authentication_then_completes()
    {
        var (customer, card) = await Host.CustomerWithCardAsync(Merchant.Id, "pm_card_authenticationRequired");

        var placed = await PlacedAsync(customer, card);

        var waiting = placed.Order.Order;
        Assert.Equal((OrderStatus.AwaitingPayment, PaymentStatus.RequiresAction), (waiting.Status, waiting.PaymentStatus));
        Assert.NotNull(waiting.PaymentActionUrl);
        var intent = await new PaymentIntentService(Host.Stripe).GetAsync(waiting.PaymentReference);
        await CardTestHost.AuthenticateAsync(waiting.PaymentActionUrl!, intent.ClientSecret, approve: true);

        var refreshed = await Host.Core.Get<CardChargeService>().RefreshAsync(waiting.Id, Actor.System);
        await Host.Core.DrainJobsAsync();

        Assert.Equal(PaymentStatus.Paid, refreshed.Value.Order.PaymentStatus);
        Assert.Equal(OrderStatus.Completed, (await Orders.GetAsync(waiting.Id, Actor.System))!.Order.Status);
    }

    [Fact]
    public async Task A_failed_authentication_fails_the_order_with_authentication_required()
    {
        var (customer, card) = await Host.CustomerWithCardAsync(Merchant.Id, "pm_card_authenticationRequired");
        var waiting = (await PlacedAsync(customer, card)).Order.Order;
        var intent = await new PaymentIntentService(Host.Stripe).GetAsync(waiting.PaymentReference);

        await CardTestHost.AuthenticateAsync(waiting.PaymentActionUrl!, intent.ClientSecret, approve: false);
        var refreshed = await Host.Core.Get<CardChargeService>().RefreshAsync(waiting.Id, Actor.System);

        Assert.Equal((OrderStatus.Failed, OrderErrorCodes.AuthenticationRequired), (refreshed.Value.Order.Status, refreshed.Value.Order.ErrorCode));
    }

    [Fact]
    public async Task A_failed_authentication_keeps_stripes_codes_on_the_timeline_and_only_its_message_as_the_error()
    {
        var (customer, card) = await Host.CustomerWithCardAsync(Merchant.Id, "pm_card_authenticationRequired");
        var waiting = (await PlacedAsync(customer, card)).Order.Order;
        var intent = await new PaymentIntentService(Host.Stripe).GetAsync(waiting.PaymentReference);

        await CardTestHost.AuthenticateAsync(waiting.PaymentActionUrl!, intent.ClientSecret, approve: false);
        var failed = (await Host.Core.Get<CardChargeService>().RefreshAsync(waiting.Id, Actor.System)).Value.Order;

        Assert.DoesNotContain("Stripe code", failed.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains(failed.Events, e => e.Type == OrderEventTypes.PaymentFailed
            && e.Message.EndsWith("(Stripe code payment_intent_authentication_failure)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_card_that_is_not_the_customers_is_refused_before_anything_is_written()
    {
        var (customer, _) = await Host.CustomerWithCardAsync(Merchant.Id, "pm_card_visa");
        var (_, othersCard) = await Host.CustomerWithCardAsync(Merchant.Id, "pm_card_visa");

        var result = await Host.Core.Get<OrderPlacementService>().PlaceAsync(CardOrder(customer, othersCard), Actor.System);

        Assert.Equal("CARD_NOT_FOUND", result.Error!.Code);
        await using var db = await Host.Core.Get<IDbContextFactory<PortalDb>>().CreateDbContextAsync();
        Assert.False(await db.Orders.AnyAsync());
    }

    [Fact]
    public async Task When_stripe_cannot_be_reached_the_order_is_shown_as_unconfirmed_and_the_same_request_later_charges_once()
    {
        var (customer, card) = await Host.CustomerWithCardAsync(Merchant.Id, "pm_card_visa");
        var request = CardOrder(customer, card) with { MerchantOrderId = "retry-1" };

        // Stripe goes away after the card was checked: the order exists, unpaid, and the caller is shown it — never "nothing was charged".
        var unreachable = await PlaceWhileStripeIsDownAsync(request);
        Assert.True(unreachable.Value.PaymentUnconfirmed);
        Assert.Equal(OrderStatus.AwaitingPayment, unreachable.Value.Order.Order.Status);
        await using (var db = await Host.Core.Get<IDbContextFactory<PortalDb>>().CreateDbContextAsync())
        {
            var pending = await db.Orders.SingleAsync();
            Assert.Equal((OrderStatus.AwaitingPayment, PaymentStatus.Unpaid), (pending.Status, pending.PaymentStatus));
        }

        var retried = await Host.Core.Get<OrderPlacementService>().PlaceAsync(request, Actor.System);
        var again = await Host.Core.Get<OrderPlacementService>().PlaceAsync(request, Actor.System);

        Assert.Equal(PaymentStatus.Paid, retried.Value.Order.Order.PaymentStatus);
        Assert.True(again.Value.Replayed);
        var intents = await new PaymentIntentService(Host.Stripe).ListAsync(new PaymentIntentListOptions { Customer = await StripeCustomerAsync(customer.Id) });
        Assert.Single(intents.Data);
    }

    private OrderQueries Orders => Host.Core.Get<OrderQueries>();

    private async Task<PlacedOrder> PlacedAsync(CustomerSummary customer, string card)
    {
        var placed = await PlaceAsync(customer, card);
        Assert.True(placed.Succeeded, placed.Error?.Message);
        return placed.Value;
    }

    /// <summary>Places the order while Stripe answers the card check but the payment call is lost.</summary>
    private async Task<Common.Result<PlacedOrder>> PlaceWhileStripeIsDownAsync(PlaceOrder request)
    {
        Connection.Down = true;
        try
        {
            return await Host.Core.Get<OrderPlacementService>().PlaceAsync(request, Actor.System);
        }
        finally
        {
            Connection.Down = false;
        }
    }

    private async Task<string> StripeCustomerAsync(Guid customerId)
    {
        await using var db = await Host.Core.Get<IDbContextFactory<PortalDb>>().CreateDbContextAsync();
        return (await db.Customers.SingleAsync(c => c.Id == customerId)).StripeCustomerId!;
    }
}
