using System.Net;
using System.Text.Json;
using MerchantPortal.Auditing;
using MerchantPortal.Catalog;
using MerchantPortal.Data;
using MerchantPortal.Orders;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MerchantPortal.IntegrationTests.Api;

/// <summary>The app with delivered codes unreadable (the database "fails" there), to see how the API answers a bug.</summary>
public sealed class BrokenCodesApiApp : ApiApp
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton(sp =>
            new DeliveredCodeReader(new FailingDbs(), sp.GetRequiredService<KeyInventoryService>(), sp.GetRequiredService<AuditTrail>())));
    }

    private sealed class FailingDbs : IDbContextFactory<PortalDb>
    {
        public PortalDb CreateDbContext() => throw new InvalidOperationException("Simulated bug: secret stack detail.");
    }
}

public sealed class ApiFailureTests(BrokenCodesApiApp app) : IClassFixture<BrokenCodesApiApp>
{
    [Fact]
    public async Task An_unexpected_exception_is_a_500_problem_without_a_stack_trace()
    {
        var merchant = await app.MerchantAsync();
        var item = await app.Catalog.KeyItemAsync(codes: 1);

        using var placed = await merchant.PostAsync("api/v1/orders", new { item_id = item.Id, customer = new { email = "x@example.test" } });
        var orderId = (await ApiJson.ReadAsync(placed)).Id();
        await CompletedAsync(orderId);

        // Reading the delivered code is what fails.
        using var response = await merchant.Http.GetAsync($"api/v1/orders/{orderId}");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal("INTERNAL_ERROR", JsonDocument.Parse(text).RootElement.GetProperty("code").GetString());
        Assert.DoesNotContain("secret stack detail", text, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", text, StringComparison.Ordinal);
    }

    private async Task CompletedAsync(Guid orderId)
    {
        var dbs = app.Get<IDbContextFactory<PortalDb>>();
        for (var i = 0; i < 100; i++)
        {
            await using var db = await dbs.CreateDbContextAsync();
            if (await db.Orders.AnyAsync(o => o.Id == orderId && o.Status == OrderStatus.Completed))
            {
                return;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"Order {orderId} was not fulfilled.");
    }
}
