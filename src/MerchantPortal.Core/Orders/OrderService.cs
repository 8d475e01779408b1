using MerchantPortal.Auditing;
using MerchantPortal.Common;
using MerchantPortal.Customers;
using MerchantPortal.Data;
using MerchantPortal.Jobs;
using MerchantPortal.Ledger;
using MerchantPortal.Monetary;
using MerchantPortal.Payments;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Orders;

/// <summary>
/// Places and cancels orders for the portal and the API alike. An order, its lines, its payment from
/// the balance, its fulfilment job and its audit entry are written in one transaction: either all of
/// it happens or none of it. Requests carrying a merchant order id or idempotency key are safe to resend.
/// </summary>
public sealed class OrderService(
    IDbContextFactory<PortalDb> dbs,
    CustomerService customers,
    LedgerService ledger,
    JobQueue jobs,
    JobSignal jobSignal,
    OrderQueries queries,
    AuditTrail audit,
    OrderChangeNotifier notifier,
    CardPayments cardPayments,
    PaymentSync paymentSync,
    TimeProvider clock)
{
    public async Task<Result<PlacedOrder>> PlaceAsync(PlaceOrder request, Actor actor, CancellationToken ct = default)
    {
        if (actor.MerchantId is { } own && own != request.MerchantId)
        {
            return OrderErrors.MerchantNotAllowed;
        }

        if (OrderValidation.ValidateShape(request) is { } invalid)
        {
            return invalid;
        }

        var fingerprint = RequestFingerprint.Of(request);
        try
        {
            return await TryPlaceAsync(request, actor, fingerprint, ct);
        }
        catch (DbUpdateException)
        {
            // A concurrent request won a unique key (same merchant order id or idempotency key, or the
            // same new customer). Looking again finds its order, or the customer it created.
            return await TryPlaceAsync(request, actor, fingerprint, ct);
        }
    }

    /// <summary>
    /// Cancels an order that is not being fulfilled yet. A balance payment is returned to the balance in
    /// the same transaction.
    /// </summary>
    public async Task<Result<OrderDetails>> CancelAsync(Guid orderId, string? reason, Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var order = await db.Orders.FirstOrDefaultAsync(o => o.Id == orderId && (actor.MerchantId == null || o.MerchantId == actor.MerchantId), ct);
        if (order is null)
        {
            return OrderErrors.NotFound;
        }

        if (!order.CanCancel)
        {
            return OrderErrors.NotCancellable(order.Status.ToString());
        }

        var now = clock.GetUtcNow().UtcDateTime;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var message = string.IsNullOrWhiteSpace(reason) ? $"Cancelled by {actor.Name}." : $"Cancelled by {actor.Name}: {reason.Trim()}";
        order.Cancel(message, now);
        if (order.PaymentStatus == PaymentStatus.Paid && order.PaymentMethod == PaymentMethodKind.Balance)
        {
            var total = new Money(order.TotalMinor, Currency.Of(order.Currency));
            var credit = await ledger.CreditAsync(db, order.MerchantId, total, LedgerEntryKind.Refund, $"order:{order.Id}:cancel",
                order.Id, $"Order {order.Reference} cancelled", actor, ct);
            if (!credit.Succeeded)
            {
                return credit.Error!;
            }

            order.RecordRefund(order.TotalMinor, $"Returned {total} to the merchant balance.", now);
        }

        audit.Record(db, actor, AuditActions.OrderCancelled, "order", order.Id.ToString(), $"Cancelled {order.Reference}", order.MerchantId);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Fulfilment started at the same moment; it wins.
            return OrderErrors.NotCancellable(OrderStatus.Processing.ToString());
        }

        await tx.CommitAsync(ct);
        notifier.Changed(order.Id);
        return (await queries.GetAsync(order.Id, actor, ct))!;
    }

    /// <summary>
    /// Reads a card order's PaymentIntent from Stripe and applies it (after 3-D Secure, or to check on a
    /// payment still processing). Orders not waiting for a card payment are returned as they are.
    /// </summary>
    public async Task<Result<OrderDetails>> RefreshCardPaymentAsync(Guid orderId, Actor actor, CancellationToken ct = default)
    {
        if (await queries.GetAsync(orderId, actor, ct) is not { } details)
        {
            return OrderErrors.NotFound;
        }

        if (details.Order is { Status: OrderStatus.AwaitingPayment, PaymentMethod: PaymentMethodKind.Card, PaymentReference: { } intentId })
        {
            try
            {
                var (intent, card) = await cardPayments.ReadAsync(intentId, ct);
                await paymentSync.ApplyAsync(orderId, intent, card, ct);
            }
            catch (Exception ex) when (StripeFailures.IsUnavailable(ex))
            {
                return PaymentErrors.StripeUnavailable;
            }
        }

        return (await queries.GetAsync(orderId, actor, ct))!;
    }

    private async Task<Result<PlacedOrder>> TryPlaceAsync(PlaceOrder request, Actor actor, string fingerprint, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var merchant = await db.Merchants.AsNoTracking().FirstOrDefaultAsync(m => m.Id == request.MerchantId, ct);
        if (merchant is null)
        {
            return OrderErrors.MerchantNotFound;
        }

        if (await FindEarlierAsync(db, request, fingerprint, actor, ct) is { } earlier)
        {
            return earlier;
        }

        var itemIds = request.Lines.Select(l => l.ItemId).Distinct().ToList();
        var items = await db.CatalogItems.AsNoTracking().Where(i => itemIds.Contains(i.Id)).ToDictionaryAsync(i => i.Id, ct);
        var priced = OrderValidation.PriceLines(request.Lines, items, merchant);
        if (!priced.Succeeded)
        {
            return priced.Error!;
        }

        if (request.Payment.Method == PaymentMethodKind.Card)
        {
            // The card must be saved for an existing customer before anything is written.
            var payer = await CustomerService.FindExistingAsync(db, merchant.Id, request.Customer, ct);
            if (await cardPayments.CheckCardAsync(payer?.StripeCustomerId, request.Payment.PaymentMethodId!, ct) is { } cardError)
            {
                return cardError;
            }
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (await FindEarlierAsync(db, request, fingerprint, actor, ct) is { } raced)
        {
            return raced;
        }

        var customer = await customers.ResolveAsync(db, merchant.Id, request.Customer, ct);
        if (!customer.Succeeded)
        {
            return customer.Error!;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var order = Order.Create(new NewOrder(
            Guid.NewGuid(),
            await Counter.NextAsync(db, Counter.OrderNumbers, ct),
            merchant.Id,
            customer.Value.Id,
            EmptyToNull(request.MerchantOrderId),
            EmptyToNull(request.IdempotencyKey),
            fingerprint,
            request.Source,
            actor,
            request.Payment.Method,
            EmptyToNull(request.Notes),
            [.. (request.Tags ?? []).Select(t => t.Trim())],
            request.Metadata ?? new Dictionary<string, string>()), priced.Value, now);
        db.Orders.Add(order);

        var total = new Money(order.TotalMinor, Currency.Of(order.Currency));
        var paid = await PayAsync(db, order, total, request.Payment, actor, now, ct);
        if (paid is not null)
        {
            return paid;
        }

        audit.Record(db, actor, AuditActions.OrderPlaced, "order", order.Id.ToString(),
            $"Placed {order.Reference} for {total} paid by {request.Payment.Method.ToString().ToLowerInvariant()}", merchant.Id);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        if (request.Payment.Method == PaymentMethodKind.Card)
        {
            return await ChargeCardAsync(order.Id, request.Payment, actor, replayed: false, ct);
        }

        jobSignal.Notify();
        return new PlacedOrder((await queries.GetAsync(order.Id, actor, ct))!, Replayed: false);
    }

    /// <summary>
    /// Charges a card order that is awaiting payment. Outside any transaction: the order already exists,
    /// so if Stripe cannot be reached the order simply stays unpaid and the same request can be sent again.
    /// </summary>
    private async Task<Result<PlacedOrder>> ChargeCardAsync(Guid orderId, PaymentChoice payment, Actor actor, bool replayed, CancellationToken ct)
    {
        Order order;
        string? stripeCustomerId;
        await using (var db = await dbs.CreateDbContextAsync(ct))
        {
            order = await db.Orders.AsNoTracking().SingleAsync(o => o.Id == orderId, ct);
            stripeCustomerId = await db.Customers.Where(c => c.Id == order.CustomerId).Select(c => c.StripeCustomerId).SingleAsync(ct);
        }

        var returnUrl = payment.ReturnUrl?.Replace(PaymentChoice.OrderIdToken, orderId.ToString(), StringComparison.Ordinal);
        var charged = await cardPayments.ChargeAsync(order, stripeCustomerId!, returnUrl, ct);
        if (!charged.Succeeded)
        {
            return charged.Error!;
        }

        await paymentSync.ApplyAsync(orderId, charged.Value.Intent, charged.Value.Card, ct);
        return new PlacedOrder((await queries.GetAsync(orderId, actor, ct))!, replayed);
    }

    /// <summary>Takes the payment inside the order's transaction and queues fulfilment; an error undoes everything.</summary>
    private async Task<Error?> PayAsync(
        PortalDb db, Order order, Money total, PaymentChoice payment, Actor actor, DateTime now, CancellationToken ct)
    {
        if (payment.Method == PaymentMethodKind.Card)
        {
            // Charged once the order is committed (see ChargeCardAsync): a network call never runs inside the transaction.
            order.ChooseCard(payment.PaymentMethodId!);
            return null;
        }

        var debit = await ledger.DebitAsync(db, order.MerchantId, total, LedgerEntryKind.OrderCharge, $"order:{order.Id}",
            order.Id, $"Order {order.Reference}", actor, ct);
        if (!debit.Succeeded)
        {
            return debit.Error;
        }

        order.MarkPaid("balance", $"Paid {total} from the merchant balance.", now);
        jobs.Enqueue(db, JobTypes.FulfilOrder, order.Id.ToString());
        return null;
    }

    /// <summary>
    /// An order placed earlier with the same merchant order id or idempotency key: the same request is
    /// a replay of it; a different request is a conflict.
    /// </summary>
    private async Task<Result<PlacedOrder>?> FindEarlierAsync(
        PortalDb db, PlaceOrder request, string fingerprint, Actor actor, CancellationToken ct)
    {
        var merchantOrderId = EmptyToNull(request.MerchantOrderId);
        var idempotencyKey = EmptyToNull(request.IdempotencyKey);
        if (merchantOrderId is null && idempotencyKey is null)
        {
            return null;
        }

        var earlier = await db.Orders.AsNoTracking()
            .Where(o => o.MerchantId == request.MerchantId
                && ((merchantOrderId != null && o.MerchantOrderId == merchantOrderId) || (idempotencyKey != null && o.IdempotencyKey == idempotencyKey)))
            .Select(o => new { o.Id, o.RequestHash, o.MerchantOrderId, o.PaymentMethod, o.Status, o.PaymentReference })
            .FirstOrDefaultAsync(ct);
        if (earlier is null)
        {
            return null;
        }

        if (earlier.RequestHash != fingerprint)
        {
            return merchantOrderId is not null && earlier.MerchantOrderId == merchantOrderId
                ? OrderErrors.DuplicateMerchantOrderId
                : OrderErrors.IdempotencyKeyConflict;
        }

        // A card order whose payment never reached Stripe is charged now, under the same idempotency key.
        if (earlier is { PaymentMethod: PaymentMethodKind.Card, Status: OrderStatus.AwaitingPayment, PaymentReference: null })
        {
            return await ChargeCardAsync(earlier.Id, request.Payment, actor, replayed: true, ct);
        }

        return new PlacedOrder((await queries.GetAsync(earlier.Id, actor, ct))!, Replayed: true);
    }

    private static string? EmptyToNull(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
