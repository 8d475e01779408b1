using MerchantPortal.ApiKeys;
using MerchantPortal.Approvals;
using MerchantPortal.Auditing;
using MerchantPortal.Catalog;
using MerchantPortal.Changes;
using MerchantPortal.Common;
using MerchantPortal.Customers;
using MerchantPortal.Events;
using MerchantPortal.Idempotency;
using MerchantPortal.Identity;
using MerchantPortal.Jobs;
using MerchantPortal.Ledger;
using MerchantPortal.Merchants;
using MerchantPortal.Orders;
using MerchantPortal.Payments;
using MerchantPortal.Refunds;
using MerchantPortal.Webhooks;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Data;

/// <summary>The portal's one database: identity, merchants, orders, money, audit and Data Protection keys.</summary>
public sealed class PortalDb(DbContextOptions<PortalDb> options)
    : IdentityDbContext<PortalUser>(options), IDataProtectionKeyContext
{
    public DbSet<Merchant> Merchants => Set<Merchant>();

    public DbSet<CatalogItem> CatalogItems => Set<CatalogItem>();

    public DbSet<KeyCode> KeyCodes => Set<KeyCode>();

    public DbSet<Customer> Customers => Set<Customer>();

    public DbSet<LedgerEntry> LedgerEntries => Set<LedgerEntry>();

    public DbSet<MerchantBalance> MerchantBalances => Set<MerchantBalance>();

    public DbSet<Order> Orders => Set<Order>();

    public DbSet<OrderLine> OrderLines => Set<OrderLine>();

    public DbSet<OrderEvent> OrderEvents => Set<OrderEvent>();

    public DbSet<CodeEmail> CodeEmails => Set<CodeEmail>();

    public DbSet<Refund> Refunds => Set<Refund>();

    public DbSet<RefundLine> RefundLines => Set<RefundLine>();

    public DbSet<Approval> Approvals => Set<Approval>();

    public DbSet<OutboxJob> OutboxJobs => Set<OutboxJob>();

    public DbSet<IntegrationEvent> IntegrationEvents => Set<IntegrationEvent>();

    public DbSet<ChangeFeedEntry> ChangeFeed => Set<ChangeFeedEntry>();

    public DbSet<WebhookEndpoint> WebhookEndpoints => Set<WebhookEndpoint>();

    public DbSet<WebhookDelivery> WebhookDeliveries => Set<WebhookDelivery>();

    public DbSet<WebhookAttempt> WebhookAttempts => Set<WebhookAttempt>();

    public DbSet<Counter> Counters => Set<Counter>();

    public DbSet<StripeEventReceipt> StripeEventReceipts => Set<StripeEventReceipt>();

    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();

    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();

    public DbSet<ApiKeyUsage> ApiKeyUsage => Set<ApiKeyUsage>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(PortalDb).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Timestamps are stored as UTC and read back as UTC on every provider.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        BumpVersions();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        BumpVersions();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    private void BumpVersions()
    {
        foreach (var entry in ChangeTracker.Entries<IVersioned>())
        {
            if (entry.State == EntityState.Modified)
            {
                var version = entry.Property(e => e.Version);
                version.CurrentValue = version.OriginalValue + 1;
            }
        }
    }
}
