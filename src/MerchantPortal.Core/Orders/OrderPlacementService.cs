using MerchantPortal.Auditing;
using MerchantPortal.Common;
using MerchantPortal.Customers;
using MerchantPortal.Data;
using MerchantPortal.Jobs;
using MerchantPortal.Ledger;
using MerchantPortal.Merchants;
using MerchantPortal.Monetary;
using MerchantPortal.Payments;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Orders;

/// <summary>
/// Places orders for the portal and the API alike. An order, its lines, its payment from the balance, its
/// fulfilment job and its audit entry are written in one transaction: either all of it happens or none of
/// it. A card order is charged after that transaction commits (<see cref="CardChargeService"/>). Requests
/// carrying a merchant order id or idempotency key are safe to resend.
/// </summary>
public sealed class OrderPlacementService(
    IDbContextFactory<PortalDb> dbs,
    CustomerService customers,
    LedgerService ledger,
    JobQueue jobs,
    JobSignal jobSignal,
    OrderQueries queries,
    AuditTrail audit,
    CardPayments cardPayments,
    CardChargeService cardCharges,
    TimeProvider clock)
{
    public async Task<Result<PlacedOrder>> PlaceAsync(PlaceOrder request, Actor actor, CancellationToken ct = default)
    {
        if (actor.MerchantId is { } own && own != request.MerchantId)
        {
            return OrderErrors.MerchantNotAllowed;
        }

        request = Normalize(request);
        if (OrderValidation.ValidateShape(request) is { } invalid)
        {
            return invalid;
        }

        var fingerprint = RequestFingerprint.Of(request);
        Result<Placement> placed;
        try
        {
            placed = await TryPlaceAsync(request, actor, fingerprint, ct);
        }
        catch (DbUpdateException)
        {
            // A concurrent request won a unique key (same merchant order id or idempotency key, or the
            // same new customer). Looking again finds its order, or the customer it created.
            placed = await TryPlaceAsync(request, actor, fingerprint, ct);
        }

        if (!placed.Succeeded)
        {
            return placed.Error!;
        }

        var (orderId, replayed, charge) = placed.Value;
        if (charge)
        {
            // Never inside the transaction: the order is committed, so whatever Stripe does, it can be settled.
            return await cardCharges.ChargeAsync(orderId, request.Payment.ReturnUrl, actor, replayed, ct);
        }

        if (!replayed)
        {
            jobSignal.Notify();
        }

        return new PlacedOrder((await queries.GetAsync(orderId, actor, ct))!, replayed);
    }

    /// <summary>
    /// Every problem placing the request would run into that is known without placing it or asking Stripe — its
    /// own fields, the merchant order id, the lines against the catalog, the customer — all at once
    /// (<see cref="Error.Combine"/>), for a form to show before anything is sent. Null when placing it would go
    /// ahead, or would return the order an earlier identical request placed. A look-up only: nothing is written.
    /// </summary>
    public async Task<Error?> CheckAsync(PlaceOrder request, Actor actor, CancellationToken ct = default)
    {
        if (actor.MerchantId is { } own && own != request.MerchantId)
        {
            return OrderErrors.MerchantNotAllowed;
        }

        request = Normalize(request);
        var errors = new List<Error>();
        if (OrderValidation.ValidateShape(request) is { } shape)
        {
            errors.Add(shape);
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        var merchant = await db.Merchants.AsNoTracking().FirstOrDefaultAsync(m => m.Id == request.MerchantId, ct);
        if (merchant is null)
        {
            return OrderErrors.MerchantNotFound;
        }

        if (await FindEarlierAsync(db, request, RequestFingerprint.Of(request), ct) is { } earlier)
        {
            if (earlier.Succeeded)
            {
                // The same request again: placing it returns the earlier order, whatever changed since.
                return Error.Combine(errors);
            }

            errors.Add(earlier.Error!);
        }

        if (!merchant.IsActive)
        {
            errors.Add(OrderErrors.MerchantDeactivated);
        }

        if (request.Lines is { Count: > 0 and <= OrderErrors.MaxLines })
        {
            var priced = await PriceAndCheckCustomerAsync(db, request, merchant, ct);
            if (!priced.Succeeded)
            {
                errors.Add(priced.Error!);
            }
        }
        else if (await CustomerService.CheckAsync(db, merchant.Id, request.Customer, ct) is { } customerError)
        {
            errors.Add(customerError);
        }

        return Error.Combine(errors);
    }

    /// <summary>
    /// Prices the lines and checks the customer reference, every problem of both at once. Resolving the customer
    /// in the placement's transaction checks again, for a customer created meanwhile.
    /// </summary>
    private static async Task<Result<IReadOnlyList<PricedLine>>> PriceAndCheckCustomerAsync(
        PortalDb db, PlaceOrder request, Merchant merchant, CancellationToken ct)
    {
        var itemIds = request.Lines.Select(l => l.ItemId).Distinct().ToList();
        var items = await db.CatalogItems.AsNoTracking().Where(i => itemIds.Contains(i.Id)).ToDictionaryAsync(i => i.Id, ct);
        var priced = OrderValidation.PriceLines(request.Lines, items, merchant);
        var errors = new List<Error>();
        if (!priced.Succeeded)
        {
            errors.Add(priced.Error!);
        }

        if (await CustomerService.CheckAsync(db, merchant.Id, request.Customer, ct) is { } customerError)
        {
            errors.Add(customerError);
        }

        return Error.Combine(errors) is { } invalid ? invalid : priced;
    }

    /// <summary>One normalised form for the look-up and the fingerprint, so a resend with stray spaces is a replay.</summary>
    private static PlaceOrder Normalize(PlaceOrder request) => request with
    {
        MerchantOrderId = EmptyToNull(request.MerchantOrderId),
        IdempotencyKey = EmptyToNull(request.IdempotencyKey),
        ExternalReference = EmptyToNull(request.ExternalReference),
    };

    /// <summary>Writes the order (or finds the earlier one); says whether a card charge is due once committed.</summary>
    private async Task<Result<Placement>> TryPlaceAsync(PlaceOrder request, Actor actor, string fingerprint, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var merchant = await db.Merchants.AsNoTracking().FirstOrDefaultAsync(m => m.Id == request.MerchantId, ct);
        if (merchant is null)
        {
            return OrderErrors.MerchantNotFound;
        }

        if (await FindEarlierAsync(db, request, fingerprint, ct) is { } earlier)
        {
            return earlier;
        }

        if (!merchant.IsActive)
        {
            return OrderErrors.MerchantDeactivated;
        }

        var priced = await PriceAndCheckCustomerAsync(db, request, merchant, ct);
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
        if (await FindEarlierAsync(db, request, fingerprint, ct) is { } raced)
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
            request.MerchantOrderId,
            request.IdempotencyKey,
            fingerprint,
            request.Source,
            actor,
            request.Payment.Method,
            EmptyToNull(request.Notes),
            [.. (request.Tags ?? []).Select(t => t.Trim())],
            request.Metadata ?? new Dictionary<string, string>(),
            request.ExternalReference), priced.Value, now);
        db.Orders.Add(order);

        var total = new Money(order.TotalMinor, Currency.Of(order.Currency));
        if (await PayAsync(db, order, total, request.Payment, actor, now, ct) is { } unpaid)
        {
            return unpaid;
        }

        audit.Record(db, actor, AuditActions.OrderPlaced, "order", order.Id.ToString(),
            $"Placed {order.Reference} for {total} paid by {request.Payment.Method.ToString().ToLowerInvariant()}", merchant.Id);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new Placement(order.Id, Replayed: false, ChargeCard: request.Payment.Method == PaymentMethodKind.Card);
    }

    /// <summary>Takes a balance payment inside the order's transaction and queues fulfilment; an error undoes everything.</summary>
    private async Task<Error?> PayAsync(
        PortalDb db, Order order, Money total, PaymentChoice payment, Actor actor, DateTime now, CancellationToken ct)
    {
        if (payment.Method == PaymentMethodKind.Card)
        {
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
    /// An order placed earlier with the same merchant order id or idempotency key: the same request is a
    /// replay of it; a different request is a conflict. A look-up only: a replayed card order whose payment
    /// never reached Stripe is reported as such, and the caller charges it once the transaction is over.
    /// </summary>
    private static async Task<Result<Placement>?> FindEarlierAsync(PortalDb db, PlaceOrder request, string fingerprint, CancellationToken ct)
    {
        var (merchantOrderId, idempotencyKey) = (request.MerchantOrderId, request.IdempotencyKey);
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

        var unpaidCard = earlier is { PaymentMethod: PaymentMethodKind.Card, Status: OrderStatus.AwaitingPayment, PaymentReference: null };
        return new Placement(earlier.Id, Replayed: true, ChargeCard: unpaidCard);
    }

    private static string? EmptyToNull(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>The order written or found, and whether its card is still to be charged.</summary>
    private sealed record Placement(Guid OrderId, bool Replayed, bool ChargeCard);
}
