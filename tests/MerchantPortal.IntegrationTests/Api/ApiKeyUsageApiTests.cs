using System.Net;
using MerchantPortal.ApiKeys;
using MerchantPortal.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace MerchantPortal.IntegrationTests.Api;

/// <summary>The app with every database command counted, and key usage flushed only when a test says so.</summary>
public sealed class CountingApiApp : ApiApp
{
    public CountingApiApp() => Settings["ApiKeys:UsageFlushInterval"] = "01:00:00";

    public CommandCounter Commands { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<IInterceptor>(Commands));
    }
}

public sealed class ApiKeyUsageApiTests(CountingApiApp app) : IClassFixture<CountingApiApp>
{
    private const int Requests = 25;

    [Fact]
    public async Task Authenticated_requests_write_nothing_about_their_key_until_the_usage_flush_writes_them_all()
    {
        var merchant = await app.MerchantAsync();
        var keyId = merchant.Key.Key.Id;
        app.Commands.Reset();

        for (var i = 0; i < Requests; i++)
        {
            using var response = await merchant.Http.GetAsync("api/v1/balance");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        // Other background work (jobs, the change feed) may write meanwhile; nothing touches the key's rows.
        Assert.Empty(app.Commands.WritesTo("ApiKey"));
        Assert.Equal(0, await app.DbAsync(db => db.ApiKeyUsage.CountAsync(u => u.KeyId == keyId)));

        var writer = app.Get<ApiKeyUsageWriter>();
        // The middleware counts a request once its response is sent, so the last one may land just after the client has it.
        await Eventually.HoldsAsync(async () =>
        {
            await writer.FlushAsync();
            return await app.DbAsync(db => db.ApiKeyUsage.Where(u => u.KeyId == keyId).SumAsync(u => u.Requests)) == Requests;
        }, "the flush to write every request");
        Assert.NotEmpty(app.Commands.WritesTo("ApiKeyUsage"));
        Assert.NotNull(await app.DbAsync(db => db.ApiKeys.Where(k => k.Id == keyId).Select(k => k.LastUsedAt).SingleAsync()));
    }
}
