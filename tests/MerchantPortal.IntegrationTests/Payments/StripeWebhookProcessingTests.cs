using MerchantPortal.Auditing;
using MerchantPortal.Catalog;
using MerchantPortal.Customers;
using MerchantPortal.Data;
using MerchantPortal.Merchants;
using MerchantPortal.Orders;
using MerchantPortal.Payments;
using MerchantPortal.Testing;
using Microsoft.EntityFrameworkCore;
using Stripe;

namespace MerchantPortal.IntegrationTests.Payments;

/// <summary>
/// Events the sandbox really produced for real payments, signed as Stripe signs them and handed to the
/// portal's processor: each is handled once, and the order ends right whatever the arrival order.
/// </summary>
public sealed class StripeWebhookProcessingTests : CardServiceTest
{
    [Fact]
    public async Task The_same_event_delivered_twice_at_once_is_handled_once()
    {
        var order = await PlaceAuthenticatedOrderAsync();
        var succeeded = await EventJsonAsync(order.PaymentReference!, "payment_intent.succeeded");
        var processor = Host.Core.Get<StripeWebhookProcessor>();

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(() => processor.ProcessAsync(succeeded, Sign(succeeded), default))));

        Assert.All(outcomes, o => Assert.True(o.Succeeded));
        Assert.Equal([WebhookOutcome.Processed, WebhookOutcome.Duplicate], outcomes.Select(o => o.Value).Order());
        await using var db = await Db();
        Assert.Equal(1, await db.StripeEventReceipts.CountAsync());
        var paid = await db.Orders.SingleAsync(o => o.Id == order.Id);
        Assert.Equal(PaymentStatus.Paid, paid.PaymentStatus);
        Assert.Equal(1, await db.OutboxJobs.CountAsync(j => j.Payload == order.Id.ToString()));
        Assert.Equal(1, await db.OrderEvents.CountAsync(e => e.OrderId == order.Id && e.Type == OrderEventTypes.StripeEvent));
    }

    [Fact]
    public async Task Events_arriving_out_of_order_leave_the_order_paid()
    {
        var order = await PlaceAuthenticatedOrderAsync();
        var requiresAction = await EventJsonAsync(order.PaymentReference!, "payment_intent.requires_action");
        var succeeded = await EventJsonAsync(order.PaymentReference!, "payment_intent.succeeded");
        var processor = Host.Core.Get<StripeWebhookProcessor>();

        Assert.True((await processor.ProcessAsync(succeeded, Sign(succeeded), default)).Succeeded);
        Assert.True((await processor.ProcessAsync(requiresAction, Sign(requiresAction), default)).Succeeded);

        await using var db = await Db();
        var paid = await db.Orders.SingleAsync(o => o.Id == order.Id);
        Assert.Equal((OrderStatus.Pending, PaymentStatus.Paid), (paid.Status, paid.PaymentStatus));
        Assert.Null(paid.PaymentActionUrl);
    }

    [Theory]
    [InlineData("signature")]
    [InlineData("tampered")]
    [InlineData("expired")]
    public async Task An_event_that_fails_verification_is_refused_and_changes_nothing(string problem)
    {
        var order = await PlaceAuthenticatedOrderAsync();
        var succeeded = await EventJsonAsync(order.PaymentReference!, "payment_intent.succeeded");
        var (payload, header) = problem switch
        {
            "signature" => (succeeded, EventUtility.GenerateSignatureHeader(succeeded, "whsec_someone_else", null)),
            "tampered" => (succeeded.Replace("payment_intent.succeeded", "payment_intent.canceled", StringComparison.Ordinal), Sign(succeeded)),
            _ => (succeeded, EventUtility.GenerateSignatureHeader(succeeded, CardTestHost.WebhookSecret,
                DateTimeOffset.UtcNow.AddSeconds(-StripeWebhookProcessor.ToleranceSeconds - 60).ToUnixTimeSeconds())),
        };

        var outcome = await Host.Core.Get<StripeWebhookProcessor>().ProcessAsync(payload, header, default);

        Assert.Equal("WEBHOOK_SIGNATURE_INVALID", outcome.Error!.Code);
        await using var db = await Db();
        Assert.False(await db.StripeEventReceipts.AnyAsync());
        Assert.Equal(PaymentStatus.RequiresAction, (await db.Orders.SingleAsync(o => o.Id == order.Id)).PaymentStatus);
    }

    /// <summary>A 3-D Secure order whose customer completed the challenge; the portal has not heard back yet.</summary>
    private async Task<Order> PlaceAuthenticatedOrderAsync()
    {
        var (customer, card) = await Host.CustomerWithCardAsync(Merchant.Id, "pm_card_authenticationRequired");
        var placed = await PlaceAsync(customer, card);
        var order = placed.Value.Order.Order;
        var intent = await new PaymentIntentService(Host.Stripe).GetAsync(order.PaymentReference);
        await CardTestHost.AuthenticateAsync(order.PaymentActionUrl!, intent.ClientSecret, approve: true);
        return order;
    }

    private Task<string> EventJsonAsync(string paymentIntentId, string type) => Host.EventJsonAsync(paymentIntentId, type);

    private static string Sign(string payload) => CardTestHost.Sign(payload);

    private Task<PortalDb> Db() => Host.Core.Get<IDbContextFactory<PortalDb>>().CreateDbContextAsync();
}
