using MerchantPortal.Auditing;
using MerchantPortal.Caching;
using MerchantPortal.Common;
using MerchantPortal.Customers;
using MerchantPortal.Data;
using MerchantPortal.Jobs;
using MerchantPortal.Merchants;
using MerchantPortal.Payments;
using MerchantPortal.Writing;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Orders;

/// <summary>
/// Places orders for the portal and the API alike. A request is validated and priced outside any lock, then
/// handed to the <see cref="WriteQueue"/>: the order, its lines, its payment from the balance, its fulfilment
/// job and its audit entry are written in one savepoint of the queue's batch transaction, so either all of it
/// happens or none of it. A card order is charged after that transaction commits (<see cref="CardChargeService"/>). Requests
/// carrying a merchant order id or idempotency key are safe to resend.
/// </summary>
public sealed class OrderPlacementService(
    IDbContextFactory<PortalDb> dbs,
    OrderWriter writer,
    ReferenceCache cache,
    JobSignal jobSignal,
    OrderQueries queries,
    CardPayments cardPayments,
    CardChargeService cardCharges)
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

        var (orderId, replayed, charge, written) = placed.Value;
        if (charge)
        {
            // Never inside the transaction: the order is committed, so whatever Stripe does, it can be settled.
            return await cardCharges.ChargeAsync(orderId, request.Payment.ReturnUrl, actor, replayed, ct);
        }

        if (!replayed)
        {
            jobSignal.Notify();
        }

        return new PlacedOrder(written ?? (await queries.GetAsync(orderId, actor, ct))!, replayed);
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
        var merchant = await cache.GetMerchantAsync(request.MerchantId, ct);
        if (merchant is null)
        {
            return OrderErrors.MerchantNotFound;
        }

        if (await EarlierOrders.FindAsync(db, request, RequestFingerprint.Of(request), ct) is { } earlier)
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
    private async Task<Result<IReadOnlyList<PricedLine>>> PriceAndCheckCustomerAsync(
        PortalDb db, PlaceOrder request, Merchant merchant, CancellationToken ct)
    {
        var itemIds = request.Lines.Select(l => l.ItemId).Distinct().ToList();
        var items = await cache.GetCatalogItemsAsync(itemIds, ct);
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
        var prepared = await PrepareAsync(request, actor, fingerprint, ct);
        if (!prepared.Succeeded)
        {
            return prepared.Error!;
        }

        // Checked and priced outside the lock: the write queue runs only what needs the transaction.
        return prepared.Value.Earlier ?? await writer.WriteAsync(prepared.Value.Order!, ct);
    }

    /// <summary>
    /// Everything a placement checks before it writes — the merchant, the lines and prices, the customer, a card at
    /// Stripe — with a connection of its own, closed before the write is queued. An earlier identical request wins
    /// over any of these problems; the writer looks for one in any case, so a valid balance order skips the look-up
    /// here, while a card order looks first so that a replay never asks Stripe again.
    /// </summary>
    private async Task<Result<(Placement? Earlier, PreparedOrder? Order)>> PrepareAsync(
        PlaceOrder request, Actor actor, string fingerprint, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var merchant = await cache.GetMerchantAsync(request.MerchantId, ct);
        if (merchant is null)
        {
            return OrderErrors.MerchantNotFound;
        }

        var card = request.Payment.Method == PaymentMethodKind.Card;
        if (card && await EarlierOrders.FindAsync(db, request, fingerprint, ct) is { } earlierCard)
        {
            return earlierCard.Succeeded ? (earlierCard.Value, null) : earlierCard.Error!;
        }

        var priced = merchant.IsActive ? await PriceAndCheckCustomerAsync(db, request, merchant, ct) : OrderErrors.MerchantDeactivated;
        if (!priced.Succeeded)
        {
            var earlier = card ? null : await EarlierOrders.FindAsync(db, request, fingerprint, ct);
            return earlier is null ? priced.Error! : earlier.Succeeded ? (earlier.Value, null) : earlier.Error!;
        }

        if (card)
        {
            // The card must be saved for an existing customer before anything is written.
            var payer = await CustomerService.FindExistingAsync(db, merchant.Id, request.Customer, ct);
            if (await cardPayments.CheckCardAsync(payer?.StripeCustomerId, request.Payment.PaymentMethodId!, ct) is { } cardError)
            {
                return cardError;
            }
        }

        return (null, new PreparedOrder(request, actor, fingerprint, merchant, priced.Value));
    }

    internal static string? EmptyToNull(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
