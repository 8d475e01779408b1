using MerchantPortal.Customers;
using MerchantPortal.Data;
using MerchantPortal.Jobs;
using MerchantPortal.Testing;
using Microsoft.EntityFrameworkCore;
using CustomerService = MerchantPortal.Customers.CustomerService;

namespace MerchantPortal.IntegrationTests.Payments;

/// <summary>A customer edited in the portal is edited at Stripe too, through the outbox, so an outage delays it and loses nothing.</summary>
public sealed class StripeCustomerSyncTests : CardServiceTest
{
    [Fact]
    public async Task Editing_a_customer_with_a_saved_card_updates_their_Stripe_customer()
    {
        var (customer, _) = await Host.CustomerWithCardAsync(Merchant.Id, "pm_card_visa");

        var edited = await Customers.UpdateAsync(customer.Id, new UpdateCustomer("Amara Haddad-Khan", "amara.khan@example.net", "+447700900123", null),
            TestCatalog.Admin);
        await Host.Core.DrainJobsAsync();

        Assert.True(edited.Succeeded, edited.Error?.Message);
        var atStripe = await new Stripe.CustomerService(Host.Stripe).GetAsync(await StripeIdAsync(customer.Id));
        Assert.Equal(("Amara Haddad-Khan", "amara.khan@example.net", "+447700900123"), (atStripe.Name, atStripe.Email, atStripe.Phone));
    }

    [Fact]
    public async Task While_Stripe_is_down_the_update_waits_and_goes_through_once_it_is_back()
    {
        var (customer, _) = await Host.CustomerWithCardAsync(Merchant.Id, "pm_card_visa");
        Connection.FailingPath = "/v1/customers";
        Connection.Down = true;

        var edited = await Customers.UpdateAsync(customer.Id, new UpdateCustomer("Kofi Mensah", "kofi.mensah@example.net", null, null), TestCatalog.Admin);
        await Host.Core.DrainJobsAsync();

        Assert.True(edited.Succeeded, edited.Error?.Message);
        Assert.Equal(JobStatus.Pending, (await SyncJobAsync(customer.Id)).Status);

        Connection.Down = false;
        await RetryNowAsync(customer.Id);
        await Host.Core.DrainJobsAsync();

        var atStripe = await new Stripe.CustomerService(Host.Stripe).GetAsync(await StripeIdAsync(customer.Id));
        Assert.Equal(("Kofi Mensah", "kofi.mensah@example.net"), (atStripe.Name, atStripe.Email));
        Assert.Equal(JobStatus.Done, (await SyncJobAsync(customer.Id)).Status);
    }

    [Fact]
    public async Task Editing_only_the_notes_or_a_customer_without_a_card_sends_nothing_to_Stripe()
    {
        var (withCard, _) = await Host.CustomerWithCardAsync(Merchant.Id, "pm_card_visa");
        var withoutCard = (await Customers.FindOrCreateAsync(Merchant.Id, new CustomerRef(Email: "no.card@example.net"), TestCatalog.Admin)).Value;
        await using var db = await Host.Core.Get<IDbContextFactory<PortalDb>>().CreateDbContextAsync();
        var current = await db.Customers.AsNoTracking().SingleAsync(c => c.Id == withCard.Id);
        var profile = await Customers.UpdateAsync(withCard.Id,
            new UpdateCustomer(current.Name, current.Email, current.Phone, "Prefers email"), TestCatalog.Admin);

        var other = await Customers.UpdateAsync(withoutCard.Id, new UpdateCustomer("No Card", "no.card@example.net", null, null), TestCatalog.Admin);

        Assert.True(profile.Succeeded && other.Succeeded);
        Assert.False(await db.OutboxJobs.AnyAsync(j => j.Type == JobTypes.SyncStripeCustomer));
    }

    private CustomerService Customers => Host.Core.Get<CustomerService>();

    private async Task<string> StripeIdAsync(Guid customerId)
    {
        await using var db = await Host.Core.Get<IDbContextFactory<PortalDb>>().CreateDbContextAsync();
        return await db.Customers.Where(c => c.Id == customerId).Select(c => c.StripeCustomerId!).SingleAsync();
    }

    private async Task<OutboxJob> SyncJobAsync(Guid customerId)
    {
        await using var db = await Host.Core.Get<IDbContextFactory<PortalDb>>().CreateDbContextAsync();
        return await db.OutboxJobs.AsNoTracking().SingleAsync(j => j.Type == JobTypes.SyncStripeCustomer && j.Payload == customerId.ToString());
    }

    /// <summary>The failed attempt's back-off, skipped.</summary>
    private async Task RetryNowAsync(Guid customerId)
    {
        await using var db = await Host.Core.Get<IDbContextFactory<PortalDb>>().CreateDbContextAsync();
        await db.OutboxJobs.Where(j => j.Type == JobTypes.SyncStripeCustomer && j.Payload == customerId.ToString())
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.AvailableAt, DateTime.UtcNow.AddSeconds(-1)));
    }
}
