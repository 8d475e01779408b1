using System.Net;

namespace MerchantPortal.IntegrationTests.Api;

public sealed class RateLimitedApiApp : ApiApp
{
    public RateLimitedApiApp()
    {
        Settings["Api:RateLimit:PermitsPerSecond"] = "1";
        Settings["Api:RateLimit:Burst"] = "3";
    }
}

public sealed class RateLimitTests(RateLimitedApiApp app) : IClassFixture<RateLimitedApiApp>
{
    [Fact]
    public async Task A_key_over_its_limit_gets_429_with_retry_after_while_another_key_is_unaffected()
    {
        var busy = await app.MerchantAsync();
        var quiet = await app.MerchantAsync();

        var responses = new List<HttpResponseMessage>();
        for (var i = 0; i < 6; i++)
        {
            responses.Add(await busy.Http.GetAsync("api/v1/balance"));
        }

        var limited = responses.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        Assert.NotEmpty(limited);
        Assert.True(int.Parse(limited[0].Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) >= 1);
        Assert.Equal("RATE_LIMITED", (await ApiJson.ReadAsync(limited[0])).Code());
        Assert.Equal(HttpStatusCode.OK, (await quiet.Http.GetAsync("api/v1/balance")).StatusCode);
    }
}
