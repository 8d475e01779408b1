using MerchantPortal.Orders;
using MerchantPortal.Refunds;
using MerchantPortal.Testing;
using Microsoft.Data.Sqlite;
using Stripe;

namespace MerchantPortal.IntegrationTests.Payments;

/// <summary>
/// Stripe is never called while the portal holds SQLite's write lock, and answers that say "not yet" (a lost answer,
/// a 409 for a request still in progress) leave the order to be confirmed rather than failing it or charging again.
/// </summary>
public sealed class ChargeOutsideTransactionTests : CardServiceTest
{
    [Fact]
    public async Task No_stripe_call_of_a_placement_replay_cancellation_or_refund_is_made_while_the_write_lock_is_held()
    {
        await using (var db = await Host.Core.Get<Microsoft.EntityFrameworkCore.IDbContextFactory<MerchantPortal.Data.PortalDb>>().CreateDbContextAsync())
        await using (await db.Database.BeginTransactionAsync())
        {
            Assert.True(WriteLockIsHeld(), "The probe must see a transaction's lock.");
        }

        var calls = new List<string>();
        var heldDuring = new List<string>();
        Connection.BeforeEachRequest = request =>
        {
            calls.Add(request.Uri.AbsolutePath);
            if (WriteLockIsHeld())
            {
                heldDuring.Add($"{request.Method} {request.Uri.AbsolutePath}");
            }
        };
        var (customer, card) = await Host.CustomerWithCardAsync(Merchant.Id, "pm_card_visa");
        var request = CardOrder(customer, card) with { MerchantOrderId = "lock-1" };

        // A first try whose payment never reaches Stripe, then its replay, which charges the card after the look-up.
        Connection.Down = true;
        Assert.True((await Host.Core.Get<OrderPlacementService>().PlaceAsync(request, Auditing.Actor.System)).Value.PaymentUnconfirmed);
        Connection.Down = false;
        var replay = await Host.Core.Get<OrderPlacementService>().PlaceAsync(request, Auditing.Actor.System);
        Assert.Equal((true, PaymentStatus.Paid), (replay.Value.Replayed, replay.Value.Order.Order.PaymentStatus));
        await Host.Core.Get<OrderCancellationService>().CancelAsync(replay.Value.Order.Order.Id, null, TestActors.MerchantUser(Merchant.Id));

        Assert.Contains(calls, c => c.StartsWith("/v1/payment_intents", StringComparison.Ordinal));
        Assert.Contains(calls, c => c.StartsWith("/v1/refunds", StringComparison.Ordinal));
        Assert.Empty(heldDuring);
        Assert.Single((await new PaymentIntentService(Host.Stripe).ListAsync(new PaymentIntentListOptions { Customer = StripeCustomerOf(customer.Id) })).Data);
    }

    [Fact]
    public async Task A_stripe_409_for_a_payment_still_in_progress_leaves_the_order_being_confirmed_not_failed()
    {
        var (customer, card) = await Host.CustomerWithCardAsync(Merchant.Id, "pm_card_visa");
        Connection.StillProcessing = true;

        var placed = await PlaceAsync(customer, card);
        Connection.StillProcessing = false;

        Assert.True(placed.Succeeded);
        Assert.True(placed.Value.PaymentUnconfirmed);
        Assert.Equal((OrderStatus.AwaitingPayment, PaymentStatus.Unpaid), (placed.Value.Order.Order.Status, placed.Value.Order.Order.PaymentStatus));
        var refreshed = await Host.Core.Get<MerchantPortal.Payments.CardChargeService>().RefreshAsync(placed.Value.Order.Order.Id, Auditing.Actor.System);
        Assert.Equal(OrderStatus.AwaitingPayment, refreshed.Value.Order.Status);
    }

    [Fact]
    public async Task A_payment_whose_answer_was_lost_is_confirmed_from_the_order_page_without_charging_twice()
    {
        var (customer, card) = await Host.CustomerWithCardAsync(Merchant.Id, "pm_card_visa");
        Connection.LoseAnswers = true;
        var placed = await PlaceAsync(customer, card);
        Connection.LoseAnswers = false;
        Assert.True(placed.Value.PaymentUnconfirmed);

        var confirmed = await Host.Core.Get<MerchantPortal.Payments.CardChargeService>().RefreshAsync(placed.Value.Order.Order.Id, Auditing.Actor.System);

        Assert.Equal(PaymentStatus.Paid, confirmed.Value.Order.PaymentStatus);
        Assert.Single((await new PaymentIntentService(Host.Stripe).ListAsync(new PaymentIntentListOptions { Customer = StripeCustomerOf(customer.Id) })).Data);
    }

    [Fact]
    public async Task A_replay_from_another_address_after_a_lost_answer_reads_the_first_payment_instead_of_failing()
    {
        var (customer, card) = await Host.CustomerWithCardAsync(Merchant.Id, "pm_card_visa");
        var first = CardOrder(customer, card) with
        {
            MerchantOrderId = "moved-1",
            Payment = new PaymentChoice(PaymentMethodKind.Card, card, "http://instance-a.example/orders/{order_id}/payment-return"),
        };
        Connection.LoseAnswers = true;
        Assert.True((await Host.Core.Get<OrderPlacementService>().PlaceAsync(first, Auditing.Actor.System)).Value.PaymentUnconfirmed);
        Connection.LoseAnswers = false;

        // The retry reaches another instance (or the same one restarted on another port): Stripe refuses the order's
        // key with another return address, and the first request's PaymentIntent is read instead.
        var moved = first with { Payment = first.Payment with { ReturnUrl = "http://instance-b.example/orders/{order_id}/payment-return" } };
        var replay = await Host.Core.Get<OrderPlacementService>().PlaceAsync(moved, Auditing.Actor.System);

        Assert.True(replay.Succeeded);
        Assert.Equal((true, PaymentStatus.Paid, false), (replay.Value.Replayed, replay.Value.Order.Order.PaymentStatus, replay.Value.PaymentUnconfirmed));
        Assert.Single((await new PaymentIntentService(Host.Stripe).ListAsync(new PaymentIntentListOptions { Customer = StripeCustomerOf(customer.Id) })).Data);
    }

    /// <summary>True when another connection cannot take SQLite's write lock at once: the portal holds it.</summary>
    private bool WriteLockIsHeld()
    {
        using var probe = new SqliteConnection($"Data Source={Host.Core.DatabasePath};Pooling=False");
        probe.Open();
        using var begin = probe.CreateCommand();
        begin.CommandText = "BEGIN IMMEDIATE;";
        begin.CommandTimeout = 1;
        try
        {
            begin.ExecuteNonQuery();
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode is 5 or 6)
        {
            return true;
        }

        using var rollback = probe.CreateCommand();
        rollback.CommandText = "ROLLBACK;";
        rollback.ExecuteNonQuery();
        return false;
    }

    private string StripeCustomerOf(Guid customerId)
    {
        using var db = Host.Core.Get<Microsoft.EntityFrameworkCore.IDbContextFactory<MerchantPortal.Data.PortalDb>>().CreateDbContext();
        return db.Customers.Single(c => c.Id == customerId).StripeCustomerId!;
    }
}
