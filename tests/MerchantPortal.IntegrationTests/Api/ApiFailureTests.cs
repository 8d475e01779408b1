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

        using var response = await merchant.PostAsync("api/v1/orders", new { item_id = item.Id, customer = new { email = "x@example.test" } });

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal("INTERNAL_ERROR", JsonDocument.Parse(text).RootElement.GetProperty("code").GetString());
        Assert.DoesNotContain("secret stack detail", text, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", text, StringComparison.Ordinal);
    }
}
