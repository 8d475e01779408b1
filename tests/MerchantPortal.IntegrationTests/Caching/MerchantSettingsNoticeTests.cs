using MerchantPortal.Caching;
using MerchantPortal.Ledger;
using MerchantPortal.Merchants;
using MerchantPortal.Refunds;
using MerchantPortal.Testing;

namespace MerchantPortal.IntegrationTests.Caching;

/// <summary>
/// Every way of changing a merchant's settings drops the cached merchant: at once on the instance that made the
/// change, and on another instance after its change feed poll.
/// </summary>
public sealed class MerchantSettingsNoticeTests : ReferenceCacheTest
{
    private static readonly MerchantRefundSettings FourEyesAt50 =
        new(5_000, AutoRefundPolicy.FailedOrders, RefundDestination.Balance, RetryOnRestock: true);

    [Fact]
    public async Task A_low_balance_threshold_is_seen_at_once_here_and_after_the_poll_on_another_instance()
    {
        var merchant = await Host.Catalog.MerchantAsync();
        await using var other = await SecondInstanceAsync();
        await CacheBothAsync(other, merchant.Id);

        var set = await Host.Get<LedgerService>().SetLowBalanceThresholdAsync(new SetLowBalanceThreshold(merchant.Id, 25m), TestActors.Admin);

        Assert.True(set.Succeeded, set.Error?.Message);
        Assert.Equal(2_500, (await Cache.GetMerchantAsync(merchant.Id))!.LowBalanceThresholdMinor);
        await AfterPollsAsync(other, async () => (await other.Get<ReferenceCache>().GetMerchantAsync(merchant.Id))!.LowBalanceThresholdMinor == 2_500,
            "the other instance to see the threshold");
    }

    [Fact]
    public async Task Refund_settings_are_seen_at_once_here_and_after_the_poll_on_another_instance()
    {
        var merchant = await Host.Catalog.MerchantAsync();
        await using var other = await SecondInstanceAsync();
        await CacheBothAsync(other, merchant.Id);

        var set = await Host.Get<MerchantService>().UpdateRefundSettingsAsync(merchant.Id, FourEyesAt50, TestActors.Admin);

        Assert.True(set.Succeeded, set.Error?.Message);
        Assert.Equal(FourEyesAt50, (await Cache.GetMerchantAsync(merchant.Id))!.RefundSettings);
        await AfterPollsAsync(other, async () => (await other.Get<ReferenceCache>().GetMerchantAsync(merchant.Id))!.RefundSettings == FourEyesAt50,
            "the other instance to see the refund settings");
    }

    [Fact]
    public async Task Api_key_management_is_seen_at_once_here_and_after_the_poll_on_another_instance()
    {
        var merchant = await Host.Catalog.MerchantAsync();
        await using var other = await SecondInstanceAsync();
        var before = (await CacheBothAsync(other, merchant.Id)).MerchantUsersManageApiKeys;

        var set = await Host.Get<MerchantService>().SetApiKeyManagementAsync(merchant.Id, !before, TestActors.Admin);

        Assert.True(set.Succeeded, set.Error?.Message);
        Assert.Equal(!before, (await Cache.GetMerchantAsync(merchant.Id))!.MerchantUsersManageApiKeys);
        await AfterPollsAsync(other, async () => (await other.Get<ReferenceCache>().GetMerchantAsync(merchant.Id))!.MerchantUsersManageApiKeys != before,
            "the other instance to see the API-key management setting");
    }

    /// <summary>Puts the merchant in both instances' caches, so a stale copy would be what a look-up returns.</summary>
    private async Task<Merchant> CacheBothAsync(CoreTestHost other, Guid merchantId)
    {
        var cached = (await Cache.GetMerchantAsync(merchantId))!;
        Assert.NotNull(await other.Get<ReferenceCache>().GetMerchantAsync(merchantId));
        return cached;
    }
}
