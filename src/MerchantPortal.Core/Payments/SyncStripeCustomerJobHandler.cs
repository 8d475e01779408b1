using MerchantPortal.Data;
using MerchantPortal.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Stripe;

namespace MerchantPortal.Payments;

/// <summary>
/// Copies a customer's current name, email and phone to their Stripe Customer after an edit in the portal. It sends
/// the values as they are when it runs, so a rerun, or a later edit's job running first, leaves Stripe with the latest.
/// A Stripe outage fails the job, which the runner retries.
/// </summary>
internal sealed class SyncStripeCustomerJobHandler(
    IDbContextFactory<PortalDb> dbs, StripeClientFactory stripe, IOptionsMonitor<StripeOptions> options) : IJobHandler
{
    public string JobType => JobTypes.SyncStripeCustomer;

    public async Task HandleAsync(string payload, CancellationToken ct)
    {
        var customerId = Guid.Parse(payload);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var customer = await db.Customers.AsNoTracking().Where(c => c.Id == customerId)
            .Select(c => new { c.StripeCustomerId, c.Name, c.Email, c.Phone }).FirstOrDefaultAsync(ct);
        if (customer?.StripeCustomerId is not { } stripeCustomerId || !options.CurrentValue.IsConfigured)
        {
            return;
        }

        // Stripe clears a field sent as an empty string; the portal's null means "none" too.
        await new Stripe.CustomerService(stripe.Client).UpdateAsync(stripeCustomerId, new CustomerUpdateOptions
        {
            Name = customer.Name ?? "",
            Email = customer.Email ?? "",
            Phone = customer.Phone ?? "",
        }, cancellationToken: ct);
    }
}
