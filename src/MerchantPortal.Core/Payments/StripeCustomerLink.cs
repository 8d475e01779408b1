using MerchantPortal.Customers;
using MerchantPortal.Data;
using Microsoft.EntityFrameworkCore;
using Stripe;
using Customer = MerchantPortal.Customers.Customer;

namespace MerchantPortal.Payments;

/// <summary>Creates the Stripe Customer behind a portal customer the first time a card is saved for them.</summary>
public sealed class StripeCustomerLink(IDbContextFactory<PortalDb> dbs, StripeClientFactory stripe)
{
    public async Task<string> EnsureAsync(Customer customer, CancellationToken ct)
    {
        if (customer.StripeCustomerId is { } existing)
        {
            return existing;
        }

        // The idempotency key makes a retried or concurrent creation return the same Stripe customer.
        var created = await new Stripe.CustomerService(stripe.Client).CreateAsync(new CustomerCreateOptions
        {
            Email = customer.Email,
            Name = customer.Name,
            Phone = customer.Phone,
            Metadata = new Dictionary<string, string>
            {
                ["portal_customer_id"] = customer.Id.ToString(),
                ["merchant_id"] = customer.MerchantId.ToString(),
            },
        }, new RequestOptions { IdempotencyKey = $"customer:{customer.Id}" }, ct);

        await using var db = await dbs.CreateDbContextAsync(ct);
        await db.Customers.Where(c => c.Id == customer.Id && c.StripeCustomerId == null)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.StripeCustomerId, created.Id), ct);
        customer.LinkStripeCustomer(created.Id);
        return created.Id;
    }
}
