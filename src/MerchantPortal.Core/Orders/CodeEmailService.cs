using System.Globalization;
using MerchantPortal.Auditing;
using MerchantPortal.Catalog;
using MerchantPortal.Common;
using MerchantPortal.Data;
using MerchantPortal.Identity;
using MerchantPortal.Jobs;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Orders;

/// <summary>
/// Sends an order's delivered codes to its customer, and reads them for the printable view and the download.
/// A send is written, with its timeline entry, its audit entry and its outbox job, in one transaction; the job
/// (<see cref="SendCodesEmailJobHandler"/>) sends the email after the commit, so a crash before the commit sends
/// nothing and a crash after it still sends (docs/decisions/0019-customer-emails-through-the-outbox.md).
/// </summary>
public sealed class CodeEmailService(
    IDbContextFactory<PortalDb> dbs, KeyInventoryService inventory, AuditTrail audit, JobQueue jobs, JobSignal jobSignal,
    OrderChangeNotifier notifier, TimeProvider clock)
{
    /// <summary>
    /// Asks to email the order's delivered codes to the customer. The same <see cref="SendCodesToCustomer.RequestKey"/>
    /// asks once however often it arrives (a double click, two tabs): the replay answers the first request.
    /// </summary>
    public async Task<Result<CodeEmailSummary>> SendAsync(SendCodesToCustomer request, Actor actor, CancellationToken ct = default)
    {
        if (!actor.Can(Capability.SendCodesToCustomer))
        {
            return CodeEmailErrors.NotAllowed;
        }

        var key = request.RequestKey?.Trim() ?? "";
        if (key.Length == 0)
        {
            return CodeEmailErrors.RequestKeyRequired;
        }

        if (key.Length > CodeEmail.MaxRequestKeyLength)
        {
            return CodeEmailErrors.RequestKeyTooLong;
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        var order = await db.Orders.AsNoTracking()
            .Where(o => o.Id == request.OrderId)
            .Select(o => new { o.Id, o.MerchantId, o.Number, o.CustomerId })
            .FirstOrDefaultAsync(ct);
        if (order is null || !actor.MaySee(order.MerchantId))
        {
            return CodeEmailErrors.OrderNotFound;
        }

        if (await FindAsync(db, order.Id, key, ct) is { } earlier)
        {
            return earlier;
        }

        var email = await db.Customers.Where(c => c.Id == order.CustomerId).Select(c => c.Email).SingleAsync(ct);
        var codeCount = await DeliveredCodes(db, order.Id).CountAsync(ct);
        var errors = new List<Error>();
        if (string.IsNullOrWhiteSpace(email))
        {
            errors.Add(CodeEmailErrors.CustomerEmailMissing);
        }

        if (codeCount == 0)
        {
            errors.Add(CodeEmailErrors.NoDeliveredCodes);
        }

        if (Error.Combine(errors) is { } refused)
        {
            return refused;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var reference = Order.FormatReference(order.Number);
        var codeEmail = CodeEmail.Request(order.Id, order.MerchantId, key, email!, codeCount, actor.Name, now);
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            db.CodeEmails.Add(codeEmail);
            db.OrderEvents.Add(OrderEvent.ForOrder(order.Id, OrderEventTypes.CodesEmailRequested,
                string.Create(CultureInfo.InvariantCulture, $"{actor.Name} sent the {codeCount} delivered code(s) to {email} by email."), now));
            audit.Record(db, actor, AuditActions.OrderCodesEmailed, "order", order.Id.ToString(),
                string.Create(CultureInfo.InvariantCulture, $"Emailed the {codeCount} delivered code(s) of {reference} to the customer ({email})"),
                order.MerchantId);
            jobs.Enqueue(db, JobTypes.SendCodesEmail, SendCodesEmailJobHandler.Payload(order.Id, key));
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                // The same click intent arrived twice at once and the other one was saved first: answer it.
                await tx.RollbackAsync(ct);
                await using var fresh = await dbs.CreateDbContextAsync(ct);
                return await FindAsync(fresh, order.Id, key, ct) is { } winner ? winner : throw new InvalidOperationException("The send was neither saved nor found.");
            }

            await tx.CommitAsync(ct);
        }

        jobSignal.Notify();
        notifier.Changed(order.Id);
        return Summarize(codeEmail, replayed: false);
    }

    /// <summary>
    /// The order's delivered codes in plaintext, for printing or downloading; each read is audited with its purpose.
    /// Null when the order does not exist or is not the actor's; an error when the actor may not see codes.
    /// </summary>
    public async Task<Result<DeliveredCodeSheet>> ReadSheetAsync(Guid orderId, string purpose, Actor actor, CancellationToken ct = default)
    {
        if (!actor.Can(Capability.SendCodesToCustomer))
        {
            return CodeEmailErrors.NotAllowed;
        }

        // Staff see a merchant's codes only one at a time, each with a reason (KeyInventoryService.RevealAsync).
        if (actor.MerchantId is null)
        {
            return CodeEmailErrors.StaffExport;
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        var sheet = await ReadSheetAsync(db, inventory, orderId, ct);
        if (sheet is null || !actor.MaySee(sheet.Value.MerchantId))
        {
            return CodeEmailErrors.OrderNotFound;
        }

        audit.Record(db, actor, AuditActions.OrderCodesExported, "order", orderId.ToString(),
            string.Create(CultureInfo.InvariantCulture, $"{purpose} the {sheet.Value.Sheet.Codes.Count} delivered code(s) of {sheet.Value.Sheet.Reference}"),
            sheet.Value.MerchantId);
        await db.SaveChangesAsync(ct);
        return sheet.Value.Sheet;
    }

    /// <summary>The sends of an order, newest first.</summary>
    public async Task<IReadOnlyList<CodeEmailSummary>> ListAsync(Guid orderId, Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var emails = await db.CodeEmails.AsNoTracking().Where(e => e.OrderId == orderId).OrderByDescending(e => e.Id).ToListAsync(ct);
        return [.. emails.Where(e => actor.MaySee(e.MerchantId)).Select(e => Summarize(e, replayed: false))];
    }

    internal static async Task<(DeliveredCodeSheet Sheet, Guid MerchantId)?> ReadSheetAsync(
        PortalDb db, KeyInventoryService inventory, Guid orderId, CancellationToken ct)
    {
        var order = await db.Orders.AsNoTracking()
            .Where(o => o.Id == orderId)
            .Select(o => new { o.Id, o.MerchantId, o.Number, o.CreatedAt, Customer = db.Customers.Single(c => c.Id == o.CustomerId) })
            .FirstOrDefaultAsync(ct);
        if (order is null)
        {
            return null;
        }

        var codes = await (
                from code in DeliveredCodes(db, orderId)
                join line in db.OrderLines on code.OrderLineId equals line.Id
                orderby line.LineNumber, code.Id
                select new { line.LineNumber, line.Name, code.CodeCipher })
            .ToListAsync(ct);
        var customer = order.Customer;
        var sheet = new DeliveredCodeSheet(order.Id, Order.FormatReference(order.Number),
            customer.Name ?? customer.Email ?? customer.Phone ?? "Customer", customer.Email, order.CreatedAt,
            [.. codes.Select(c => new DeliveredCodeEntry(c.LineNumber, c.Name, inventory.Decrypt(c.CodeCipher)))]);
        return (sheet, order.MerchantId);
    }

    /// <summary>Only codes delivered to the order's lines: an available or voided code never belongs to an order.</summary>
    private static IQueryable<KeyCode> DeliveredCodes(PortalDb db, Guid orderId) =>
        db.KeyCodes.Where(c => c.Status == KeyCodeStatus.Delivered && db.OrderLines.Any(l => l.Id == c.OrderLineId && l.OrderId == orderId));

    private static async Task<CodeEmailSummary?> FindAsync(PortalDb db, Guid orderId, string key, CancellationToken ct) =>
        await db.CodeEmails.AsNoTracking().FirstOrDefaultAsync(e => e.OrderId == orderId && e.RequestKey == key, ct) is { } e
            ? Summarize(e, replayed: true)
            : null;

    private static CodeEmailSummary Summarize(CodeEmail e, bool replayed) => new(e.Id, e.ToAddress, e.CodeCount, e.Status, e.RequestedAt, replayed);
}
