using System.Text.Encodings.Web;
using System.Text.Json;
using MerchantPortal.Data;
using MerchantPortal.Email;
using MerchantPortal.Jobs;
using MerchantPortal.Monetary;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Ledger;

/// <summary>
/// Emails one merchant user that the balance fell below the low-balance threshold. One job per user and crossing,
/// queued in the debit's transaction, so a crash loses none; a job that runs again may email that user twice, never
/// the other users.
/// </summary>
internal sealed class LowBalanceEmailJobHandler(IDbContextFactory<PortalDb> dbs, IEmailTransport transport) : IJobHandler
{
    public string JobType => JobTypes.LowBalanceEmail;

    public async Task HandleAsync(string payload, CancellationToken ct)
    {
        var alert = JsonSerializer.Deserialize<LowBalanceAlert>(payload) ?? throw new InvalidOperationException("Empty low-balance alert.");
        await using var db = await dbs.CreateDbContextAsync(ct);
        var email = await db.Users.Where(u => u.Id == alert.UserId && u.MerchantId == alert.MerchantId).Select(u => u.Email).FirstOrDefaultAsync(ct);
        var merchant = await db.Merchants.Where(m => m.Id == alert.MerchantId).Select(m => m.Name).FirstOrDefaultAsync(ct);
        if (email is null || merchant is null)
        {
            // The user left the merchant (or was deleted) since: nobody to tell.
            return;
        }

        var currency = Currency.Of(alert.Currency);
        var balance = new Money(alert.BalanceMinor, currency);
        var threshold = new Money(alert.ThresholdMinor, currency);
        var html = HtmlEncoder.Default;
        await transport.SendAsync(email, $"{merchant}: balance below {threshold}",
            $"<p>The prepaid balance of {html.Encode(merchant)} fell to {html.Encode(balance.ToString())}, below its alert of " +
            $"{html.Encode(threshold.ToString())}.</p><p>Orders paid from the balance are refused once it cannot cover them: " +
            "ask your Merchant Portal administrator to credit it.</p>", null);
    }
}
