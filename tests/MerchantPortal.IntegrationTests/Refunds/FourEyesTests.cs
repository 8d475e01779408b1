using MerchantPortal.Approvals;
using MerchantPortal.Auditing;
using MerchantPortal.Merchants;
using MerchantPortal.Refunds;
using MerchantPortal.Testing;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.IntegrationTests.Refunds;

public sealed class FourEyesTests : RefundTestBase
{
    private ApprovalService Approvals => Host.Get<ApprovalService>();

    [Fact]
    public async Task A_refund_over_the_threshold_waits_with_its_units_held_until_a_second_agent_approves_it()
    {
        var (merchant, order) = await PartialOrderAsync(merchant: await MerchantWithThresholdAsync(50_00));
        var before = await BalanceAsync(merchant.Id);

        var requested = await RefundAsync(order, 3);

        Assert.Equal(RefundStatus.PendingApproval, requested.Value.Refund.Status);
        Assert.Equal(before, await BalanceAsync(merchant.Id));
        Assert.Equal(3, (await OrderAsync(order.Id)).Lines[0].RefundedUnits);
        var approval = Assert.Single(await Approvals.ListPendingAsync(TestActors.SecondSupport));
        Assert.Equal(1, await Approvals.CountPendingAsync(TestActors.Admin));
        Assert.Contains("3 × Test game key = $66.45 to the merchant balance", approval.Summary, StringComparison.Ordinal);

        var own = await Approvals.ApproveAsync(approval.Id, TestActors.Support);
        var approved = await Approvals.ApproveAsync(approval.Id, TestActors.SecondSupport);
        var twice = await Approvals.ApproveAsync(approval.Id, TestActors.Admin);

        Assert.Equal("APPROVAL_OWN_REQUEST", own.Error!.Code);
        Assert.True(approved.Succeeded, approved.Error?.Message);
        Assert.Equal("APPROVAL_ALREADY_DECIDED", twice.Error!.Code);
        Assert.Equal(before + 6_645, await BalanceAsync(merchant.Id));
        await using var db = await Db();
        var refund = await db.Refunds.SingleAsync();
        Assert.Equal((RefundStatus.Succeeded, "Sue Second"), (refund.Status, refund.DecidedByName));
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == AuditActions.ApprovalApproved && a.ActorName == "Sue Second"));
        Assert.Equal(0, await Approvals.CountPendingAsync(TestActors.Admin));
    }

    [Fact]
    public async Task Splitting_a_refund_into_small_ones_does_not_get_round_the_threshold()
    {
        var (_, order) = await PartialOrderAsync(merchant: await MerchantWithThresholdAsync(50_00));

        var first = await RefundAsync(order, 1);
        var second = await RefundAsync(order, 1);
        var third = await RefundAsync(order, 1);

        Assert.Equal([RefundStatus.Succeeded, RefundStatus.Succeeded, RefundStatus.PendingApproval],
            new[] { first, second, third }.Select(r => r.Value.Refund.Status));
    }

    [Fact]
    public async Task Rejecting_gives_the_units_back_and_moves_no_money()
    {
        var (merchant, order) = await PartialOrderAsync(merchant: await MerchantWithThresholdAsync(10_00));
        var before = await BalanceAsync(merchant.Id);
        await RefundAsync(order, 3);
        var approval = Assert.Single(await Approvals.ListPendingAsync(TestActors.Admin));

        var rejected = await Approvals.RejectAsync(approval.Id, "Already compensated by phone", TestActors.Admin);

        Assert.True(rejected.Succeeded);
        var after = await OrderAsync(order.Id);
        Assert.Equal((0, 0L, 3), (after.Lines[0].RefundedUnits, after.Lines[0].RefundedMinor, after.Lines[0].RemainingUnits));
        Assert.Equal(before, await BalanceAsync(merchant.Id));
        await using var db = await Db();
        Assert.Equal(RefundStatus.Rejected, (await db.Refunds.SingleAsync()).Status);
    }

    [Fact]
    public async Task Two_agents_deciding_at_once_make_one_decision()
    {
        var (merchant, order) = await PartialOrderAsync(merchant: await MerchantWithThresholdAsync(10_00));
        var before = await BalanceAsync(merchant.Id);
        await RefundAsync(order, 3);
        var approval = Assert.Single(await Approvals.ListPendingAsync(TestActors.Admin));

        var decisions = await Task.WhenAll(
            Task.Run(() => Approvals.ApproveAsync(approval.Id, TestActors.SecondSupport)),
            Task.Run(() => Approvals.RejectAsync(approval.Id, null, TestActors.Admin)));

        var decided = Assert.Single(decisions, d => d.Succeeded);
        Assert.Equal("APPROVAL_ALREADY_DECIDED", Assert.Single(decisions, d => !d.Succeeded).Error!.Code);
        var credited = decided.Value.Status == ApprovalStatus.Approved ? 6_645 : 0;
        Assert.Equal(before + credited, await BalanceAsync(merchant.Id));
    }

    [Fact]
    public async Task Merchant_users_cannot_see_or_decide_approvals()
    {
        var (merchant, order) = await PartialOrderAsync(merchant: await MerchantWithThresholdAsync(10_00));
        await RefundAsync(order, 3);
        var approval = Assert.Single(await Approvals.ListPendingAsync(TestActors.Admin));

        Assert.Empty(await Approvals.ListPendingAsync(TestActors.MerchantUser(merchant.Id)));
        Assert.Equal("APPROVAL_NOT_ALLOWED", (await Approvals.ApproveAsync(approval.Id, TestActors.MerchantUser(merchant.Id))).Error!.Code);
    }

    [Fact]
    public async Task An_invalid_threshold_is_refused_at_its_field()
    {
        var merchant = await Host.Catalog.MerchantAsync();

        var refused = await Host.Get<MerchantService>().UpdateRefundSettingsAsync(merchant.Id,
            MerchantRefundSettings.Default with { ApprovalThresholdMinor = -1 }, TestActors.Admin);

        Assert.Equal(("REFUND_APPROVAL_THRESHOLD_INVALID", "refund_approval_threshold"), (refused.Error!.Code, refused.Error.Field));
    }

    [Fact]
    public async Task Only_admins_change_a_merchants_refund_settings()
    {
        var merchant = await Host.Catalog.MerchantAsync();

        var bySupport = await Host.Get<MerchantService>().UpdateRefundSettingsAsync(merchant.Id,
            MerchantRefundSettings.Default with { ApprovalThresholdMinor = 1 }, TestActors.Support);
        var byMerchant = await Host.Get<MerchantService>().UpdateRefundSettingsAsync(merchant.Id,
            MerchantRefundSettings.Default with { ApprovalThresholdMinor = null }, TestActors.MerchantUser(merchant.Id));

        Assert.Equal("MERCHANT_CHANGE_NOT_ALLOWED", bySupport.Error!.Code);
        Assert.Equal("MERCHANT_CHANGE_NOT_ALLOWED", byMerchant.Error!.Code);
        Assert.Null((await Host.Get<MerchantService>().FindAsync(merchant.Id))!.RefundSettings.ApprovalThresholdMinor);
    }

    private async Task<MerchantSummary> MerchantWithThresholdAsync(long thresholdMinor)
    {
        var merchant = await Host.Catalog.MerchantAsync(balance: 1_000m, feeBps: 250, taxBps: 825);
        var updated = await Host.Get<MerchantService>().UpdateRefundSettingsAsync(merchant.Id,
            MerchantRefundSettings.Default with { ApprovalThresholdMinor = thresholdMinor }, TestActors.Admin);
        return updated.Value;
    }
}
