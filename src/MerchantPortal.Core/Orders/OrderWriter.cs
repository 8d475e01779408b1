using MerchantPortal.Auditing;
using MerchantPortal.Common;
using MerchantPortal.Customers;
using MerchantPortal.Data;
using MerchantPortal.Jobs;
using MerchantPortal.Ledger;
using MerchantPortal.Monetary;
using MerchantPortal.Payments;
using MerchantPortal.Writing;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Orders;

/// <summary>
/// The part of a placement that needs the write lock, run by the <see cref="WriteQueue"/> in one savepoint of its
/// batch transaction: the order, its lines, its payment from the balance, its fulfilment job and its audit entry
/// are written together or not at all.
/// </summary>
public sealed class OrderWriter(
    CustomerService customers, LedgerService ledger, JobQueue jobs, AuditTrail audit, WriteQueue writes, TimeProvider clock)
{
    /// <summary>The order written (or the earlier one found), once its batch committed.</summary>
    internal Task<Result<Placement>> WriteAsync(PreparedOrder prepared, CancellationToken ct) =>
        writes.WriteAsync((db, batch, token) => WriteOneAsync(db, batch, prepared, token), written => written.Succeeded, ct);

    /// <summary>
    /// Writes one order inside the write queue's batch: looks once more for an earlier identical request (it may be
    /// in the same batch), resolves the customer, numbers, pays and audits. An error rolls back this order alone.
    /// </summary>
    private async Task<Result<Placement>> WriteOneAsync(PortalDb db, WriteBatch batch, PreparedOrder prepared, CancellationToken ct)
    {
        var (request, actor, fingerprint, merchant, lines) = prepared;
        if (await EarlierOrders.FindAsync(db, request, fingerprint, ct) is { } raced)
        {
            return raced;
        }

        var customer = await customers.ResolveAsync(db, merchant.Id, request.Customer, ct);
        if (!customer.Succeeded)
        {
            return customer.Error!;
        }

        var newCustomer = db.Entry(customer.Value).State == EntityState.Added;
        var now = clock.GetUtcNow().UtcDateTime;
        var order = Order.Create(new NewOrder(
            Guid.NewGuid(),
            await batch.NextAsync(Counter.OrderNumbers, ct),
            merchant.Id,
            customer.Value.Id,
            request.MerchantOrderId,
            request.IdempotencyKey,
            fingerprint,
            request.Source,
            actor,
            request.Payment.Method,
            OrderPlacementService.EmptyToNull(request.Notes),
            [.. (request.Tags ?? []).Select(t => t.Trim())],
            request.Metadata ?? new Dictionary<string, string>(),
            request.ExternalReference), lines, now);
        db.Orders.Add(order);

        var total = new Money(order.TotalMinor, Currency.Of(order.Currency));
        if (await PayAsync(db, order, total, request.Payment, actor, now, ct) is { } unpaid)
        {
            return unpaid;
        }

        audit.Record(db, actor, AuditActions.OrderPlaced, "order", order.Id.ToString(),
            $"Placed {order.Reference} for {total} paid by {request.Payment.Method.ToString().ToLowerInvariant()}", merchant.Id);
        await db.SaveChangesAsync(ct);
        if (request.Payment.Method == PaymentMethodKind.Card)
        {
            return new Placement(order.Id, Replayed: false, ChargeCard: true);
        }

        // The answer is built from what was just written, not read back.
        var orders = newCustomer ? 1 : await db.Orders.CountAsync(o => o.CustomerId == customer.Value.Id, ct);
        var payer = customer.Value;
        var summary = new CustomerSummary(payer.Id, payer.MerchantId, payer.DisplayName, payer.Email, payer.Phone, payer.CreatedAt, orders,
            payer.StripeCustomerId != null);
        return new Placement(order.Id, Replayed: false, ChargeCard: false,
            new OrderDetails(order, merchant.Name, summary, new Dictionary<long, IReadOnlyList<DeliveredCode>>(), []));
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

        var debit = await ledger.DebitNewOrderAsync(db, order.MerchantId, total, $"order:{order.Id}", order.Id, $"Order {order.Reference}", actor, ct);
        if (!debit.Succeeded)
        {
            return debit.Error;
        }

        order.MarkPaid("balance", $"Paid {total} from the merchant balance.", now);
        jobs.Enqueue(db, JobTypes.FulfilOrder, order.Id.ToString());
        return null;
    }
}
