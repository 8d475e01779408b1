using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using MerchantPortal.Catalog;
using MerchantPortal.Data;
using MerchantPortal.Email;
using MerchantPortal.Jobs;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Orders;

/// <summary>
/// Sends one <see cref="CodeEmail"/> after the request was committed, then marks it sent with a timeline entry.
/// A job that runs again after the mark (a lease taken over, a retry) finds it sent and sends nothing. The one
/// window left is a crash after the mail server accepted the email and before the mark is written: then the job
/// runs again and the customer gets the same email twice. Mail servers take no idempotency key, so the outbox
/// chooses "at least once" over "maybe never" (docs/decisions/0019-customer-emails-through-the-outbox.md).
/// </summary>
internal sealed class SendCodesEmailJobHandler(
    IDbContextFactory<PortalDb> dbs, KeyInventoryService inventory, IEmailTransport transport, OrderChangeNotifier notifier, TimeProvider clock)
    : IJobHandler
{
    public string JobType => JobTypes.SendCodesEmail;

    /// <summary>The order id (36 characters) then the request key.</summary>
    public static string Payload(Guid orderId, string requestKey) => orderId.ToString("D") + requestKey;

    public async Task HandleAsync(string payload, CancellationToken ct)
    {
        var orderId = Guid.ParseExact(payload[..36], "D");
        var key = payload[36..];
        await using var db = await dbs.CreateDbContextAsync(ct);
        var email = await db.CodeEmails.AsNoTracking().FirstOrDefaultAsync(e => e.OrderId == orderId && e.RequestKey == key, ct);
        if (email is null || email.Status == CodeEmailStatus.Sent)
        {
            return;
        }

        var read = await CodeEmailService.ReadSheetAsync(db, inventory, orderId, ct)
            ?? throw new InvalidOperationException($"Order {orderId} of code email {email.Id} does not exist.");
        var sheet = read.Sheet;
        var merchant = await db.Merchants.Where(m => m.Id == email.MerchantId).Select(m => m.Name).SingleAsync(ct);
        await transport.SendAsync(email.ToAddress, $"Your codes from {merchant} ({sheet.Reference})", Body(sheet, merchant), null);

        var now = clock.GetUtcNow().UtcDateTime;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var marked = await db.CodeEmails.Where(e => e.Id == email.Id && e.Status == CodeEmailStatus.Queued)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.Status, CodeEmailStatus.Sent).SetProperty(e => e.SentAt, now), ct);
        if (marked == 1)
        {
            db.OrderEvents.Add(OrderEvent.ForOrder(orderId, OrderEventTypes.CodesEmailed,
                string.Create(CultureInfo.InvariantCulture, $"Emailed {sheet.Codes.Count} delivered code(s) to {email.ToAddress}."), now));
            await db.SaveChangesAsync(ct);
        }

        await tx.CommitAsync(ct);
        notifier.Changed(orderId);
    }

    private static string Body(DeliveredCodeSheet sheet, string merchant)
    {
        var html = HtmlEncoder.Default;
        var body = new StringBuilder();
        body.Append(CultureInfo.InvariantCulture, $"<p>Hello {html.Encode(sheet.CustomerName)},</p>");
        body.Append(CultureInfo.InvariantCulture, $"<p>Here are the codes of your order {html.Encode(sheet.Reference)} from {html.Encode(merchant)}:</p><ul>");
        foreach (var code in sheet.Codes)
        {
            body.Append(CultureInfo.InvariantCulture, $"<li>{html.Encode(code.ItemName)}: <code>{html.Encode(code.Code)}</code></li>");
        }

        body.Append("</ul><p>Keep them safe: anyone who has a code can redeem it.</p>");
        return body.ToString();
    }
}
