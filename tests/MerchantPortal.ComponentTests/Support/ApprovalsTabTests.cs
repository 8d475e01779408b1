using Bunit;
using MerchantPortal.Approvals;
using MerchantPortal.Auditing;
using MerchantPortal.Data;
using MerchantPortal.Identity;
using MerchantPortal.Orders;
using MerchantPortal.Refunds;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.ComponentTests.Support;

/// <summary>The support queue's "Approvals" tab: four eyes on refunds above a merchant's threshold.</summary>
public sealed class ApprovalsTabTests : SupportQueueTest
{
    private const string OtherAgent = "other-agent";

    [Fact]
    public async Task An_agent_cannot_approve_or_reject_their_own_request()
    {
        var order = await OrderWaitingForApprovalAsync(requestedBy: PageUserId);

        var page = OpenQueue("/support?tab=approvals");

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid='approval-row']")), Patience);
        Assert.Equal("Approvals (1)", Tab(page, "Approvals").TextContent.Trim());
        Assert.Contains(order.Reference, page.Find("[data-testid='approval-summary']").TextContent, StringComparison.Ordinal);
        Assert.True(page.Find("[data-testid='approval-approve']").HasAttribute("disabled"));
        Assert.True(page.Find("[data-testid='approval-reject']").HasAttribute("disabled"));
        Assert.Equal("You requested this — another agent must approve", page.Find("[data-testid='approval-own-request']").TextContent.Trim());
    }

    [Fact]
    public async Task Approving_another_agents_request_refunds_the_units_and_the_row_disappears()
    {
        var order = await OrderWaitingForApprovalAsync(requestedBy: OtherAgent);
        var page = OpenQueue("/support?tab=approvals");
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid='approval-row']")), Patience);
        Assert.Empty(page.FindAll("[data-testid='approval-own-request']"));
        Assert.Contains($"by {OtherAgent}@test.example", page.Find("[data-testid='approval-requested-by']").TextContent, StringComparison.Ordinal);
        Assert.Equal($"/orders/{order.Id}", page.Find("[data-testid='approval-order-link']").GetAttribute("href"));

        page.Find("[data-testid='approval-approve']").Click();
        page.WaitForElement("[data-testid='confirm-ok']", Patience).Click();

        page.WaitForAssertion(() => Assert.Contains("Approved:", Snackbar(page), StringComparison.Ordinal), Patience);
        page.WaitForElement("[data-testid='approvals-empty']", Patience);
        Assert.Equal("Approvals (0)", Tab(page, "Approvals").TextContent.Trim());
        var refund = await RefundOfAsync(order.Id);
        Assert.Equal(RefundStatus.Succeeded, refund.Status);
        Assert.Equal(PageUserId + "@test.example", refund.DecidedByName);
    }

    [Fact]
    public async Task Rejecting_asks_for_an_optional_note_and_the_row_disappears()
    {
        var order = await OrderWaitingForApprovalAsync(requestedBy: OtherAgent);
        var page = OpenQueue("/support?tab=approvals");
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid='approval-row']")), Patience);

        page.Find("[data-testid='approval-reject']").Click();
        page.WaitForElement("[data-testid='reject-note']", Patience).Input("The customer was sent replacement codes.");
        page.Find("[data-testid='reject-confirm']").Click();

        page.WaitForAssertion(() => Assert.Contains("Rejected:", Snackbar(page), StringComparison.Ordinal), Patience);
        page.WaitForElement("[data-testid='approvals-empty']", Patience);
        var refund = await RefundOfAsync(order.Id);
        Assert.Equal(RefundStatus.Rejected, refund.Status);
        Assert.Equal("The customer was sent replacement codes.", refund.FailureReason);
    }

    [Fact]
    public async Task Cancelling_the_rejection_keeps_the_approval_waiting()
    {
        var order = await OrderWaitingForApprovalAsync(requestedBy: OtherAgent);
        var page = OpenQueue("/support?tab=approvals");
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid='approval-row']")), Patience);

        page.Find("[data-testid='approval-reject']").Click();
        page.WaitForElement("[data-testid='reject-cancel']", Patience).Click();

        Assert.Single(page.FindAll("[data-testid='approval-row']"));
        Assert.Equal(RefundStatus.PendingApproval, (await RefundOfAsync(order.Id)).Status);
    }

    [Fact]
    public async Task A_request_decided_meanwhile_by_someone_else_is_reported_and_the_list_catches_up()
    {
        var order = await OrderWaitingForApprovalAsync(requestedBy: OtherAgent);
        var page = OpenQueue("/support?tab=approvals");
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid='approval-row']")), Patience);
        var approvals = Core.Get<ApprovalService>();
        var third = Actor.User("third-agent", "third-agent@test.example", null, Roles.Support);
        var approval = Assert.Single(await approvals.ListPendingAsync(third));
        Assert.True((await approvals.RejectAsync(approval.Id, null, third)).Succeeded);

        page.Find("[data-testid='approval-approve']").Click();
        page.WaitForElement("[data-testid='confirm-ok']", Patience).Click();

        page.WaitForAssertion(() => Assert.Contains("This was already rejected by third-agent@test.example.", Snackbar(page), StringComparison.Ordinal), Patience);
        page.WaitForElement("[data-testid='approvals-empty']", Patience);
        Assert.Equal(RefundStatus.Rejected, (await RefundOfAsync(order.Id)).Status);
    }

    [Fact]
    public async Task Choosing_the_tab_puts_it_in_the_address_and_lists_the_waiting_approvals()
    {
        await OrderWaitingForApprovalAsync(requestedBy: OtherAgent);
        var page = OpenQueue();
        page.WaitForAssertion(() => Assert.Equal("Approvals (1)", Tab(page, "Approvals").TextContent.Trim()), Patience);

        Tab(page, "Approvals").Click();

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid='approval-row']")), Patience);
        Assert.EndsWith("/support?tab=approvals", Uri, StringComparison.Ordinal);
    }

    [Fact]
    public void With_nothing_waiting_the_tab_says_so()
    {
        var page = OpenQueue("/support?tab=approvals");

        page.WaitForElement("[data-testid='approvals-empty']", Patience);
        Assert.Equal("Approvals (0)", Tab(page, "Approvals").TextContent.Trim());
    }

    /// <summary>A partial order of a merchant whose every refund needs approval, and a refund of its units requested by that agent.</summary>
    private async Task<Order> OrderWaitingForApprovalAsync(string requestedBy)
    {
        var merchant = await MerchantAsync();
        await RequireApprovalAsync(merchant.Id);
        var (partial, _) = await PartialOrderAsync(merchant.Id);
        var refund = await RequestRefundAsync(partial.Order.Id, requestedBy);
        Assert.Equal(RefundStatus.PendingApproval, refund.Status);
        return partial.Order;
    }

    private async Task<Refund> RefundOfAsync(Guid orderId)
    {
        await using var db = await Core.Get<IDbContextFactory<PortalDb>>().CreateDbContextAsync();
        return await db.Refunds.AsNoTracking().SingleAsync(r => r.OrderId == orderId);
    }
}
