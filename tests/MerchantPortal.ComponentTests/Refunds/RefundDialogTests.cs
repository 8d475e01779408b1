using Bunit;
using MerchantPortal.Auditing;
using MerchantPortal.ComponentTests.Shared;
using MerchantPortal.Data;
using MerchantPortal.Identity;
using MerchantPortal.Ledger;
using MerchantPortal.Monetary;
using MerchantPortal.Orders;
using MerchantPortal.Refunds;
using MerchantPortal.Web.Features.Refunds;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace MerchantPortal.ComponentTests.Refunds;

/// <summary>The refund dialog against the real refund service: bounds, the live quote, the confirmation, errors at their fields.</summary>
public sealed class RefundDialogTests : RefundComponentTest
{
    private const string Units = "[data-testid='refund-line-1-units']";

    [Fact]
    public async Task Only_lines_with_units_left_are_offered_each_bounded_by_what_is_left()
    {
        var merchant = await Core.Catalog.MerchantAsync(balance: 1_000m);
        var scarce = await Core.Catalog.KeyItemAsync(unitPriceMinor: 1_000, codes: 2);
        var stocked = await Core.Catalog.KeyItemAsync(unitPriceMinor: 1_000, codes: 2);
        var order = await PlaceAsync(merchant, [new PlaceOrderLine(scarce.Id, 5), new PlaceOrderLine(stocked.Id, 2)]);
        await Core.DrainJobsAsync();

        var (host, _) = Open(order.Id);

        var input = host.Find(Units);
        Assert.Equal("0", input.GetAttribute("min"));
        Assert.Equal("3", input.GetAttribute("max"));
        Assert.Equal("Up to 3", MessageFor(host, "refund-line-1-units"));
        Assert.Empty(host.FindAll("[data-testid='refund-line-2']"));
        Assert.Equal("Nothing selected", TextOf(host, "refund-total"));
        Assert.True(host.Find("[data-testid='refund-review']").HasAttribute("disabled"));
    }

    [Fact]
    public async Task A_typed_number_above_what_is_left_shows_the_services_error_at_the_line_and_refunds_nothing()
    {
        var (_, order) = await PartialOrderAsync(units: 5, codes: 2);
        var (host, _) = Open(order.Id);

        host.Find(Units).Input("4");

        host.WaitForAssertion(() => Assert.Equal(
            "Only 3 unit(s) of Test game key can be refunded, not 4: 2 delivered.", MessageFor(host, "refund-line-1-units")), Patience);
        host.Find("[data-testid='refund-review']").Click();
        host.WaitForAssertion(() => Assert.StartsWith("Only 3 unit(s)", MessageFor(host, "refund-line-1-units"), StringComparison.Ordinal), Patience);
        Assert.Empty(host.FindAll("[data-testid='refund-confirm']"));
        Assert.Equal(0, await RefundCountAsync());
    }

    [Fact]
    public async Task Units_another_agent_refunded_meanwhile_are_refused_at_the_line()
    {
        var (_, order) = await PartialOrderAsync(units: 5, codes: 2);
        var (host, _) = Open(order.Id);
        var line = order.Lines.Single();
        var other = await Core.Get<RefundService>().RequestAsync(
            new RequestRefund(order.Id, [new RefundLineRequest(line.Id, 2)], RefundDestination.Balance, RefundReason.Undelivered), Agent);
        Assert.True(other.Succeeded);

        host.Find(Units).Input("3");

        host.WaitForAssertion(() => Assert.Equal(
            "Only 1 unit(s) of Test game key can be refunded, not 3: 2 delivered and 2 already refunded.", MessageFor(host, "refund-line-1-units")),
            Patience);
        Assert.Equal(1, await RefundCountAsync());
    }

    [Fact]
    public async Task The_preview_shows_the_services_amount_for_the_units_chosen_and_nothing_when_none_are()
    {
        var (_, order) = await PartialOrderAsync(units: 5, codes: 2);
        var (host, _) = Open(order.Id);
        var quote = await QuoteAsync(order, units: 2);

        host.Find(Units).Input("2");

        var expected = Format(quote.AmountMinor);
        host.WaitForAssertion(() => Assert.Equal(expected, TextOf(host, "refund-total")), Patience);
        Assert.Equal(expected, TextOf(host, "refund-line-1-amount"));
        // 2 of 5 units of $20 with 2.5% fee and 20% tax: $40.00 + $1.00 fee + $8.00 tax.
        Assert.Equal("$49.00", expected);

        host.Find(Units).Input("0");

        host.WaitForAssertion(() => Assert.Equal("Nothing selected", TextOf(host, "refund-total")), Patience);
        Assert.Equal("—", TextOf(host, "refund-line-1-amount"));
    }

    [Fact]
    public async Task The_confirmation_states_exactly_what_the_refund_will_be_recorded_as()
    {
        var (_, order) = await PartialOrderAsync(units: 5, codes: 2);
        var (host, _) = Open(order.Id);
        var quote = await QuoteAsync(order, units: 3);

        host.Find("[data-testid='refund-select-all']").Click();
        host.WaitForAssertion(() => Assert.Equal(Format(quote.AmountMinor), TextOf(host, "refund-total")), Patience);
        host.Find("[data-testid='refund-review']").Click();

        var expected = RefundText.Describe([(3, "Test game key")], quote.AmountMinor, "USD", RefundDestination.Balance, order);
        host.WaitForAssertion(() => Assert.Equal(expected, TextOf(host, "refund-confirm-text")), Patience);
        Assert.Equal("3 × Test game key = $73.50 to the merchant balance", expected);
        Assert.Empty(host.FindAll("[data-testid='refund-confirm-approval']"));
    }

    [Fact]
    public async Task The_reason_other_asks_for_a_note_at_the_note_field_before_the_confirmation()
    {
        var (_, order) = await PartialOrderAsync(units: 5, codes: 2);
        var (host, _) = Open(order.Id);
        host.Find(Units).Input("1");
        host.WaitForAssertion(() => Assert.Equal("$24.50", TextOf(host, "refund-total")), Patience);

        host.Find("[data-testid='refund-reason']").Closest(".mud-input-control")!.MouseDown();
        host.WaitForElements(".mud-list-item", Patience).First(i => i.TextContent.Trim() == "Other").Click();
        host.Find("[data-testid='refund-review']").Click();

        // The helper line also carries the counter ("0 / 500").
        host.WaitForAssertion(() => Assert.StartsWith(RefundErrors.NoteRequired.Message, MessageFor(host, "refund-note"), StringComparison.Ordinal), Patience);
        Assert.Empty(host.FindAll("[data-testid='refund-confirm']"));

        host.Find("[data-testid='refund-note']").Input("Customer bought the wrong region");
        host.Find("[data-testid='refund-review']").Click();

        host.WaitForElement("[data-testid='refund-confirm']", Patience);
        Assert.Equal("Other", TextOf(host, "refund-confirm-reason"));
    }

    [Fact]
    public async Task A_note_that_is_too_long_is_kept_shown_at_the_note_and_focused_before_any_confirmation()
    {
        var focus = JSInterop.SetupModule("./js/form-focus.js");
        var (_, order) = await PartialOrderAsync(units: 5, codes: 2);
        var (host, _) = Open(order.Id);
        host.Find(Units).Input("1");
        host.WaitForAssertion(() => Assert.Equal("$24.50", TextOf(host, "refund-total")), Patience);

        CountedInput.AssertTooLongIsShownNotCut(host, "refund-note", RefundErrors.MaxNoteLength, RefundErrors.NoteTooLong.Message);
        host.Find("[data-testid='refund-review']").Click();

        host.WaitForAssertion(() => focus.VerifyInvoke("focusFirstInvalid"), Patience);
        Assert.StartsWith(RefundErrors.NoteTooLong.Message, MessageFor(host, "refund-note"), StringComparison.Ordinal);
        Assert.Empty(host.FindAll("[data-testid='refund-confirm']"));
        Assert.Equal(0, await RefundCountAsync());
    }

    [Fact]
    public async Task A_confirmed_refund_to_the_balance_succeeds_and_the_dialog_closes_with_it()
    {
        var (merchant, order) = await PartialOrderAsync(units: 5, codes: 2);
        var balanceBefore = (await Core.Get<LedgerService>().GetBalanceAsync(merchant.Id, Actor.System))!.Value.Minor;
        var (host, outcome) = Open(order.Id);

        host.Find(Units).Input("2");
        host.WaitForAssertion(() => Assert.Equal("$49.00", TextOf(host, "refund-total")), Patience);
        host.Find("[data-testid='refund-review']").Click();
        host.WaitForElement("[data-testid='refund-confirm']", Patience).Click();

        var refund = (await outcome.WaitAsync(Patience))!.Refund;
        Assert.Equal(RefundStatus.Succeeded, refund.Status);
        Assert.Equal(RefundDestination.Balance, refund.Destination);
        Assert.Equal(4_900, refund.AmountMinor);
        host.WaitForAssertion(() => Assert.Empty(host.FindAll("[data-testid='refund-dialog']")), Patience);
        Assert.Equal(balanceBefore + 4_900, (await Core.Get<LedgerService>().GetBalanceAsync(merchant.Id, Actor.System))!.Value.Minor);
        Assert.Equal(1, await RefundCountAsync());
    }

    [Fact]
    public async Task A_refund_over_the_approval_threshold_says_a_second_agent_must_approve_it()
    {
        var (_, order) = await PartialOrderAsync(units: 5, codes: 2, approvalThresholdMinor: 5_000);
        var (host, outcome) = Open(order.Id);

        host.Find(Units).Input("1");
        host.WaitForAssertion(() => Assert.Equal("$24.50", TextOf(host, "refund-total")), Patience);
        Assert.Empty(host.FindAll("[data-testid='refund-approval-hint']"));

        host.Find(Units).Input("3");

        host.WaitForAssertion(() => Assert.Equal(
            "Over the merchant's approval threshold: a second agent must approve this refund", TextOf(host, "refund-approval-hint")), Patience);
        host.Find("[data-testid='refund-review']").Click();
        host.WaitForAssertion(() => Assert.Contains("needs a second person's approval", TextOf(host, "refund-confirm-approval"), StringComparison.Ordinal),
            Patience);
        host.Find("[data-testid='refund-confirm']").Click();

        Assert.Equal(RefundStatus.PendingApproval, (await outcome.WaitAsync(Patience))!.Refund.Status);
    }

    /// <summary>Opens the dialog the way pages do, as a support agent; the task completes when it closes.</summary>
    private (IRenderedComponent<IComponent> Host, Task<RequestedRefund?> Outcome) Open(Guid orderId)
    {
        var host = RenderPage<Blank>(Roles.Support, merchantId: null);
        var dialogs = Services.GetRequiredService<IDialogService>();
        var outcome = host.InvokeAsync(() => dialogs.ShowRefundDialogAsync(orderId));
        host.WaitForElement("[data-testid='refund-lines']", Patience);
        return (host, outcome);
    }

    private async Task<int> RefundCountAsync()
    {
        await using var db = await Core.Get<IDbContextFactory<PortalDb>>().CreateDbContextAsync();
        return await db.Refunds.CountAsync();
    }

    private static string Format(long minor) => new Money(minor, Currency.Of("USD")).ToString();

    /// <summary>A page with nothing on it, to host the dialog.</summary>
    private sealed class Blank : ComponentBase
    {
    }
}
