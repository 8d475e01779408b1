using MerchantPortal.Auditing;
using MerchantPortal.Common;
using MerchantPortal.Data;
using MerchantPortal.Orders;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace MerchantPortal.Payments;

/// <summary>
/// Charges a committed card order that awaits payment, and follows its PaymentIntent afterwards (the return
/// from 3-D Secure, a payment being confirmed). Outside any transaction, with the order's idempotency key,
/// so however often it runs the card is charged at most once. When Stripe's answer is lost the order is
/// returned as it is, its payment unconfirmed, and reconciliation finds out what happened.
/// </summary>
public sealed class CardChargeService(
    IDbContextFactory<PortalDb> dbs,
    CardPayments cardPayments,
    PaymentSync paymentSync,
    OrderQueries queries,
    ILogger<CardChargeService> logger)
{
    internal async Task<Result<PlacedOrder>> ChargeAsync(Guid orderId, string? returnUrl, Actor actor, bool replayed, CancellationToken ct)
    {
        Order order;
        string? stripeCustomerId;
        await using (var db = await dbs.CreateDbContextAsync(ct))
        {
            order = await db.Orders.AsNoTracking().SingleAsync(o => o.Id == orderId, ct);
            stripeCustomerId = await db.Customers.Where(c => c.Id == order.CustomerId).Select(c => c.StripeCustomerId).SingleAsync(ct);
        }

        if (order is { Status: OrderStatus.AwaitingPayment, PaymentReference: null } && stripeCustomerId is not null)
        {
            var charged = await cardPayments.ChargeAsync(order, stripeCustomerId, returnUrl?.Replace(PaymentChoice.OrderIdToken, orderId.ToString(), StringComparison.Ordinal), ct);
            if (charged.Error == PaymentErrors.PaymentAlreadyRequested && await RefreshAsync(orderId, actor, ct) is { Succeeded: true } found)
            {
                return new PlacedOrder(found.Value, replayed);
            }

            if (!charged.Succeeded)
            {
                logger.LogWarning("Order {Reference}: Stripe's answer to the card charge did not arrive; reconciliation will settle the payment.", order.Reference);
                return new PlacedOrder((await queries.GetAsync(orderId, actor, ct))!, replayed, PaymentUnconfirmed: true);
            }

            await paymentSync.ApplyAsync(orderId, charged.Value.Intent, charged.Value.Card, ct);
        }

        return new PlacedOrder((await queries.GetAsync(orderId, actor, ct))!, replayed);
    }

    /// <summary>
    /// Reads a card order's PaymentIntent from Stripe and applies it (after 3-D Secure, or to confirm a payment
    /// whose answer was lost: the PaymentIntent is then found by the order id in its metadata). Orders not
    /// waiting for a card payment are returned as they are.
    /// </summary>
    public async Task<Result<OrderDetails>> RefreshAsync(Guid orderId, Actor actor, CancellationToken ct = default)
    {
        if (await queries.GetAsync(orderId, actor, ct) is not { } details)
        {
            return OrderErrors.NotFound;
        }

        if (details.Order is { Status: OrderStatus.AwaitingPayment, PaymentMethod: PaymentMethodKind.Card } order)
        {
            try
            {
                var intentId = order.PaymentReference ?? (await FindIntentAsync(order, ct))?.Id;
                if (intentId is not null)
                {
                    var (intent, card) = await cardPayments.ReadAsync(intentId, ct);
                    await paymentSync.ApplyAsync(orderId, intent, card, ct);
                }
            }
            catch (Exception ex) when (StripeFailures.IsUnavailable(ex) || StripeFailures.IsInProgress(ex))
            {
                return PaymentErrors.StripeUnavailable;
            }
        }

        return (await queries.GetAsync(orderId, actor, ct))!;
    }

    private async Task<Stripe.PaymentIntent?> FindIntentAsync(Order order, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var stripeCustomerId = await db.Customers.Where(c => c.Id == order.CustomerId).Select(c => c.StripeCustomerId).SingleAsync(ct);
        return stripeCustomerId is null ? null : await cardPayments.FindForOrderAsync(stripeCustomerId, order.Id, ct);
    }
}
