using MerchantPortal.Auditing;
using MerchantPortal.Data;
using MerchantPortal.Events;
using MerchantPortal.Jobs;
using MerchantPortal.Merchants;
using MerchantPortal.Testing;
using MerchantPortal.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace MerchantPortal.IntegrationTests.Webhooks;

/// <summary>
/// Webhook service tests: the real service layer on SQLite with a clock the test moves, a receiver on 127.0.0.1
/// (private addresses allowed by the test host, as in development) and a retry schedule without waits.
/// </summary>
public abstract class WebhookTest : CoreServiceTest, IAsyncLifetime
{
    protected FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    protected WebhookReceiver Receiver { get; private set; } = default!;

    protected MerchantSummary Merchant { get; private set; } = default!;

    protected Actor MerchantUser => TestActors.MerchantUser(Merchant.Id);

    protected WebhookEndpointService Endpoints => Host.Get<WebhookEndpointService>();

    protected WebhookDeliveryService Deliveries => Host.Get<WebhookDeliveryService>();

    /// <summary>Settings on top of the defaults of this base.</summary>
    protected virtual IDictionary<string, string?> Settings => new Dictionary<string, string?>();

    async Task IAsyncLifetime.InitializeAsync()
    {
        await InitializeAsync();
        Receiver = await WebhookReceiver.StartAsync();
        Merchant = await Host.Catalog.MerchantAsync();
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await Receiver.DisposeAsync();
        await DisposeAsync();
    }

    protected override Task<CoreTestHost> StartHostAsync()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Webhooks:RetrySchedule:0"] = "00:00:00",
            ["Webhooks:RetrySchedule:1"] = "00:00:00",
            ["Webhooks:RetrySchedule:2"] = "00:00:00",
            ["Webhooks:Timeout"] = "00:00:05",
        };
        foreach (var (key, value) in Settings)
        {
            settings[key] = value;
        }

        return CoreTestHost.StartAsync(services => ConfigureServices(services), settings);
    }

    protected virtual void ConfigureServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(Clock);

    protected async Task<CreatedWebhookEndpoint> EndpointAsync(params string[] events)
    {
        var created = await Endpoints.CreateAsync(
            new CreateWebhookEndpoint(Merchant.Id, Receiver.Url, "Shop backend", events.Length > 0 ? events : [IntegrationEventTypes.OrderCompleted]),
            MerchantUser);
        Assert.True(created.Succeeded, created.Error?.Code);
        return created.Value;
    }

    protected async Task<PortalDb> OpenDbAsync() => await Host.Get<IDbContextFactory<PortalDb>>().CreateDbContextAsync();

    /// <summary>Writes an event and its dispatch job, as an order transition does.</summary>
    protected async Task<IntegrationEvent> PublishAsync(string type = IntegrationEventTypes.OrderCompleted, string? payload = null)
    {
        await using var db = await OpenDbAsync();
        var integrationEvent = IntegrationEvent.Create(type, Merchant.Id, Guid.NewGuid(),
            payload ?? """{"id":"9b0c","number":"MP-000123","status":"completed"}""", Clock.GetUtcNow().UtcDateTime);
        db.IntegrationEvents.Add(integrationEvent);
        Host.Get<JobQueue>().Enqueue(db, JobTypes.DispatchEvent, integrationEvent.Id.ToString());
        await db.SaveChangesAsync();
        return integrationEvent;
    }

    /// <summary>Queues the event's dispatch job once more, as a job that ran twice would.</summary>
    protected async Task DispatchAgainAsync(IntegrationEvent integrationEvent)
    {
        await using var db = await OpenDbAsync();
        Host.Get<JobQueue>().Enqueue(db, JobTypes.DispatchEvent, integrationEvent.Id.ToString());
        await db.SaveChangesAsync();
    }

    protected async Task<WebhookDeliveryView> DeliveryAsync(Guid endpointId) =>
        Assert.Single((await Deliveries.ListAsync(Merchant.Id, new WebhookDeliveryQuery(endpointId), MerchantUser)).Value.Items);

    protected async Task<WebhookEndpointView> ReloadAsync(Guid endpointId) => (await Endpoints.GetAsync(endpointId, MerchantUser)).Value;

    protected async Task<List<AuditEntry>> AuditAsync(string action)
    {
        await using var db = await OpenDbAsync();
        return await db.AuditEntries.Where(a => a.Action == action).ToListAsync();
    }
}
