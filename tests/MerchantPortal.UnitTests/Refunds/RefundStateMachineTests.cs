using MerchantPortal.Auditing;
using MerchantPortal.Identity;
using MerchantPortal.Refunds;

namespace MerchantPortal.UnitTests.Refunds;

public sealed class RefundStateMachineTests
{
    private static readonly DateTime Now = new(2026, 12, 1, 12, 0, 0, DateTimeKind.Utc);
    private static readonly Actor Agent = Actor.User("s1", "Sam Support", null, Roles.Support);
    private static readonly Actor Second = Actor.User("s2", "Ada Admin", null, Roles.Admin);

    [Fact]
    public void A_card_refund_goes_from_pending_to_succeeded_and_may_still_fail_later()
    {
        var refund = NewRefund(RefundDestination.OriginalPaymentMethod, needsApproval: false);
        Assert.Equal(RefundStatus.Pending, refund.Status);

        refund.RecordStripeRefund("re_1", Now);
        refund.Succeed(Now);
        Assert.Equal((RefundStatus.Succeeded, "re_1"), (refund.Status, refund.StripeRefundId));
        Assert.Equal(Now.AddHours(1), refund.NextCheckAt);

        refund.Fail("the card has expired", Now.AddMinutes(5));
        Assert.Equal((RefundStatus.Failed, "the card has expired"), (refund.Status, refund.FailureReason));
        Assert.Null(refund.NextCheckAt);
        Assert.Throws<InvalidOperationException>(() => refund.Succeed(Now));
    }

    [Fact]
    public void A_refund_over_the_threshold_waits_for_approval_and_is_approved_or_rejected_once()
    {
        var approved = NewRefund(RefundDestination.Balance, needsApproval: true);
        var rejected = NewRefund(RefundDestination.Balance, needsApproval: true);
        Assert.Equal(RefundStatus.PendingApproval, approved.Status);
        Assert.Throws<InvalidOperationException>(() => approved.Succeed(Now));

        approved.Approve(Second, Now);
        rejected.Reject(Second, "Customer was already compensated", Now);

        Assert.Equal((RefundStatus.Pending, "Ada Admin"), (approved.Status, approved.DecidedByName));
        Assert.Equal(RefundStatus.Rejected, rejected.Status);
        Assert.Throws<InvalidOperationException>(() => approved.Approve(Second, Now));
        Assert.Throws<InvalidOperationException>(() => rejected.Approve(Second, Now));
        Assert.Throws<InvalidOperationException>(() => rejected.Fail("no", Now));
    }

    [Fact]
    public void A_succeeded_card_refund_is_watched_for_three_days_then_left_alone()
    {
        var refund = NewRefund(RefundDestination.OriginalPaymentMethod, needsApproval: false);
        refund.Succeed(Now);

        refund.CheckAgainAt(Now.AddDays(2));
        Assert.Equal(Now.AddDays(2), refund.NextCheckAt);
        refund.CheckAgainAt(Now.AddDays(4));
        Assert.Null(refund.NextCheckAt);
    }

    [Fact]
    public void Its_amount_is_the_sum_of_its_lines_and_it_reads_as_a_reference()
    {
        var refund = NewRefund(RefundDestination.Balance, needsApproval: false);

        Assert.Equal((4_430L, 4_000L, 100L, 330L), (refund.AmountMinor, refund.SubtotalMinor, refund.FeeMinor, refund.TaxMinor));
        Assert.Equal("RF-000007", refund.Reference);
    }

    private static Refund NewRefund(RefundDestination destination, bool needsApproval) => Refund.Create(
        new NewRefund(Guid.NewGuid(), 7, Guid.NewGuid(), Guid.NewGuid(), "USD", destination, RefundReason.Undelivered, null, RefundOrigin.Requested, Agent, null, null),
        [RefundLine.Create(1, 1, "Steam key", new RefundShare(UnitSlots.Parse("3-4"), 4_000, 100, 330))],
        needsApproval,
        Now);
}
