using MerchantPortal.ApiKeys;
using MerchantPortal.Approvals;
using MerchantPortal.Auditing;
using MerchantPortal.Caching;
using MerchantPortal.Catalog;
using MerchantPortal.Changes;
using MerchantPortal.Customers;
using MerchantPortal.Dashboard;
using MerchantPortal.Data;
using MerchantPortal.Email;
using MerchantPortal.Events;
using MerchantPortal.Fulfilment;
using MerchantPortal.Idempotency;
using MerchantPortal.Identity;
using MerchantPortal.Jobs;
using MerchantPortal.Ledger;
using MerchantPortal.Merchants;
using MerchantPortal.Orders;
using MerchantPortal.Payments;
using MerchantPortal.Refunds;
using MerchantPortal.Support;
using MerchantPortal.Webhooks;
using MerchantPortal.Writing;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace MerchantPortal;

public static class CoreRegistration
{
    /// <summary>
    /// Registers the shared service layer: the database on the configured provider, identity stores,
    /// Data Protection keys in the database, and the domain services.
    /// </summary>
    public static IHostApplicationBuilder AddCore(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        var database = builder.Configuration.GetSection(DatabaseOptions.SectionName).Get<DatabaseOptions>() ?? new DatabaseOptions();
        var connectionString = PortalDbProvider.ResolveConnectionString(
            database.Provider,
            builder.Configuration.GetConnectionString("Portal")
                ?? throw new InvalidOperationException("ConnectionStrings:Portal is not configured."),
            builder.Environment.ContentRootPath);

        services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.SectionName)
            .Validate(o => o.StatisticsInterval > TimeSpan.Zero, "Database:StatisticsInterval must be a positive time span, e.g. 06:00:00.")
            .ValidateOnStart();
        // Interceptors registered in the container (tests use one to fail a commit on purpose) join every context.
        services.AddDbContextFactory<PortalDb>((provider, options) => options
            .UsePortalDatabase(database.Provider, connectionString)
            .AddInterceptors(provider.GetServices<IInterceptor>()));
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IInterceptor, IntegrationEventInterceptor>();

        services.AddEmail(builder.Configuration);
        services.AddPortalIdentity();
        services.AddDataProtection()
            .SetApplicationName("MerchantPortal")
            .PersistKeysToDbContext<PortalDb>();

        services.AddScoped<DatabaseInitializer>();
        services.AddSingleton<SqliteStatistics>();
        services.AddHostedService<SqliteStatisticsRefresher>();
        services.AddSingleton<AuditTrail>();
        services.AddSingleton<AuditQueries>();
        services.AddOptions<ReferenceCacheOptions>().BindConfiguration(ReferenceCacheOptions.SectionName)
            .Validate(o => o.MaxAge > TimeSpan.Zero, "ReferenceCache:MaxAge must be a positive time span, e.g. 00:00:30.")
            .ValidateOnStart();
        services.AddSingleton<ReferenceCache>();
        services.AddSingleton<MerchantService>();
        services.AddSingleton<UserAdminService>();
        services.AddSingleton<TeamService>();
        services.AddSingleton<CatalogService>();
        services.AddSingleton<KeyInventoryService>();
        services.AddSingleton<CustomerService>();
        services.AddOptions<ApiKeyOptions>().BindConfiguration(ApiKeyOptions.SectionName)
            .Validate(o => o.UsageFlushInterval > TimeSpan.Zero, "ApiKeys:UsageFlushInterval must be a positive time span, e.g. 00:00:05.")
            .ValidateOnStart();
        services.AddSingleton<ApiKeyService>();
        services.AddSingleton<ApiKeyAuthenticator>();
        services.AddOptions<IdempotencyOptions>().BindConfiguration(IdempotencyOptions.SectionName)
            .Validate(o => o.AbandonedAfter > TimeSpan.Zero, "Idempotency:AbandonedAfter must be a positive time span, e.g. 00:02:00.")
            .ValidateOnStart();
        services.AddSingleton<IdempotencyStore>();
        services.AddSingleton<OrderReplays>();
        services.AddSingleton<DeliveredCodeReader>();
        services.AddSingleton<CodeEmailService>();
        services.AddSingleton<ApiKeyRefusals>();
        services.AddSingleton<ApiKeyUsageRecorder>();
        services.AddSingleton<ApiKeyUsageWriter>();
        services.AddHostedService<ApiKeyUsageFlusher>();
        services.AddOptions<LedgerOptions>().BindConfiguration(LedgerOptions.SectionName)
            .Validate(o => o.IsValid(), "Ledger:ConfirmAboveMinor (and each Ledger:ConfirmAboveMinorByCurrency value) must be a positive number of minor units.")
            .ValidateOnStart();
        services.AddSingleton<LedgerService>();
        services.AddSingleton<OrderPlacementService>();
        services.AddSingleton<OrderWriter>();
        services.AddOptions<WriteQueueOptions>().BindConfiguration(WriteQueueOptions.SectionName);
        services.AddSingleton<WriteQueue>();
        services.AddSingleton<OrderCancellationService>();
        services.AddSingleton<OrderQueries>();
        services.AddSingleton<OrderChangeNotifier>();
        services.AddSingleton<DashboardService>();

        services.AddOptions<StripeOptions>().BindConfiguration(StripeOptions.SectionName);
        services.AddSingleton<StripeClientFactory>();
        services.AddSingleton<StripeCustomerLink>();
        services.AddSingleton<CardService>();
        services.AddSingleton<CardPayments>();
        services.AddSingleton<CardChargeService>();
        services.AddSingleton<PaymentSync>();
        services.AddSingleton<StripeRefunds>();
        services.AddSingleton<StripeWebhookProcessor>();
        services.AddSingleton<PaymentReconciliation>();

        services.AddSingleton<RefundBooking>();
        services.AddSingleton<RefundService>();
        services.AddSingleton<RefundSubmitter>();
        services.AddSingleton<RefundSync>();
        services.AddSingleton<RefundReconciliation>();
        services.AddSingleton<ApprovalService>();
        services.AddSingleton<IApprovalHandler, RefundApprovalHandler>();
        services.AddSingleton<SupportQueueQueries>();

        services.AddOptions<SimulatorOptions>().BindConfiguration(SimulatorOptions.SectionName);
        services.TryAddSingleton<IFulfilmentProvider, SimulatedFulfilmentProvider>();
        services.AddSingleton<FulfilmentService>();
        services.AddSingleton<FulfilmentRetryService>();
        services.AddWebhooks();
        services.AddBackgroundJobs(builder.Configuration);
        services.AddChangeFeed();
        return builder;
    }

    /// <summary>The change feed runs in every instance, web-only ones too: they cache what it invalidates.</summary>
    private static void AddChangeFeed(this IServiceCollection services)
    {
        services.AddOptions<ChangeFeedOptions>().BindConfiguration(ChangeFeedOptions.SectionName)
            .Validate(o => o.PollInterval > TimeSpan.Zero && o.Retention > TimeSpan.Zero,
                "ChangeFeed:PollInterval and ChangeFeed:Retention must be positive time spans, e.g. 00:00:00.500 and 01:00:00.")
            .ValidateOnStart();
        services.AddSingleton<ChangeFeed>();
        services.AddSingleton<IChangeFeed>(sp => sp.GetRequiredService<ChangeFeed>());
        services.AddSingleton<ChangeFeedPoller>();
        services.AddHostedService(sp => sp.GetRequiredService<ChangeFeedPoller>());
        services.AddSingleton<OrderChangeRelay>();
        services.AddHostedService(sp => sp.GetRequiredService<OrderChangeRelay>());
    }

    private static void AddBackgroundJobs(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<JobOptions>().BindConfiguration(JobOptions.SectionName);
        services.AddSingleton<JobQueue>();
        services.AddSingleton<JobSignal>();
        services.AddSingleton<JobClaims>();
        services.AddSingleton<JobRunner>();
        services.AddSingleton<IJobHandler, FulfilOrderJobHandler>();
        services.AddSingleton<IJobHandler, SubmitRefundJobHandler>();
        services.AddSingleton<IJobHandler, AutoRefunds>();
        services.AddSingleton<IJobHandler, RestockRetries>();
        services.AddSingleton<IJobHandler, SendCodesEmailJobHandler>();
        services.AddSingleton<IJobHandler, LowBalanceEmailJobHandler>();
        services.AddSingleton<IJobHandler, SyncStripeCustomerJobHandler>();
        if (configuration.GetSection(JobOptions.SectionName).Get<JobOptions>()?.RunWorker ?? true)
        {
            services.AddHostedService<JobWorker>();
            services.AddHostedService<PaymentReconciler>();
        }
    }
}
