using System.Net;
using MerchantPortal.ApiKeys;
using MerchantPortal.Testing;

namespace MerchantPortal.IntegrationTests.Caching;

/// <summary>Two app instances on one database, each with its own key cache; only the change feed tells the other one.</summary>
public sealed class ApiKeyRevocationTests : ReferenceCacheTest
{
    private const string Path = "/api/v1/orders";

    [Fact]
    public async Task A_revoked_key_is_refused_at_once_on_its_instance_and_after_the_change_feed_poll_on_another()
    {
        await using var other = await SecondInstanceAsync();
        var merchant = await Host.Catalog.MerchantAsync();
        var key = await CreateKeyAsync(merchant.Id);
        var here = Host.Get<ApiKeyAuthenticator>();
        var there = other.Get<ApiKeyAuthenticator>();
        Assert.True((await here.AuthenticateAsync(key.Secret, IPAddress.Loopback, Path)).Succeeded);
        Assert.True((await there.AuthenticateAsync(key.Secret, IPAddress.Loopback, Path)).Succeeded);

        Assert.True((await Host.Get<ApiKeyService>().RevokeAsync(key.Key.Id, TestActors.Admin)).Succeeded);

        Assert.Equal(ApiKeyErrors.Revoked, (await here.AuthenticateAsync(key.Secret, IPAddress.Loopback, Path)).Error);
        // Until its poller reads the notice, the other instance still answers from its cache: the feed is what tells it.
        Assert.True((await there.AuthenticateAsync(key.Secret, IPAddress.Loopback, Path)).Succeeded);
        await AfterPollsAsync(other, async () => (await there.AuthenticateAsync(key.Secret, IPAddress.Loopback, Path)).Error == ApiKeyErrors.Revoked,
            "the other instance to refuse the revoked key");
    }

    [Fact]
    public async Task A_rolled_key_with_no_overlap_is_refused_at_once()
    {
        var merchant = await Host.Catalog.MerchantAsync();
        var key = await CreateKeyAsync(merchant.Id);
        var authenticator = Host.Get<ApiKeyAuthenticator>();
        Assert.True((await authenticator.AuthenticateAsync(key.Secret, IPAddress.Loopback, Path)).Succeeded);

        var rolled = await Host.Get<ApiKeyService>().RollAsync(key.Key.Id, TimeSpan.Zero, TestActors.Admin);

        Assert.Equal(ApiKeyErrors.Expired, (await authenticator.AuthenticateAsync(key.Secret, IPAddress.Loopback, Path)).Error);
        Assert.True((await authenticator.AuthenticateAsync(rolled.Value.Secret, IPAddress.Loopback, Path)).Succeeded);
    }
}
