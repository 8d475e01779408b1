using System.Diagnostics;
using System.Text.Json;
using MerchantPortal.StripeSandbox;
using MerchantPortal.Testing;
using Stripe;

namespace MerchantPortal.IntegrationTests.StripeSandbox;

/// <summary>
/// The refund test cards whose refunds change status some time after they were created, as on Stripe:
/// <c>pm_card_refundFail</c> (succeeded, then failed) and <c>pm_card_pendingRefund</c> (pending, then succeeded).
/// </summary>
public sealed class AsynchronousRefundTests : SandboxTestBase
{
    private static readonly TimeSpan SettleDelay = TimeSpan.FromMilliseconds(200);

    private readonly TempDirectory _directory = new();
    private LocalSite _receiver = default!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _receiver = await LocalSite.StartAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _receiver.DisposeAsync();
        _directory.Dispose();
    }

    protected override StripeSandboxOptions CreateOptions() => new() { RefundSettleDelay = SettleDelay };

    [Fact]
    public async Task A_refund_of_the_refund_failure_card_succeeds_first_then_fails_and_the_charge_is_unrefunded_again()
    {
        var endpoint = await WebhookEndpoints.CreateAsync(new WebhookEndpointCreateOptions
        {
            Url = _receiver.Url("/webhooks/stripe").ToString(), EnabledEvents = ["charge.refund.updated", "refund.updated", "refund.failed"],
        });
        var payment = await PaidAsync(Client, "pm_card_refundFail");

        var created = await Refunds.CreateAsync(new RefundCreateOptions { PaymentIntent = payment.Id, Amount = 250 });
        await EventuallyAsync(async () => (await Refunds.GetAsync(created.Id)).Status == "failed", "the refund to fail");

        Assert.Equal("succeeded", created.Status);
        Assert.Null(created.FailureReason);
        Assert.Equal("available", created.DestinationDetails.Card.ReferenceStatus);
        var refunded = (await EventsOfAsync(payment.LatestChargeId)).Single(e => e.Type == "charge.refunded");
        Assert.Equal(250, ((Charge)refunded.Data.Object).AmountRefunded);

        var failed = await Refunds.GetAsync(created.Id);
        Assert.Equal("expired_or_canceled_card", failed.FailureReason);
        Assert.StartsWith("txn_", failed.FailureBalanceTransactionId, StringComparison.Ordinal);
        Assert.Equal(("unavailable", null), (failed.DestinationDetails.Card.ReferenceStatus, failed.DestinationDetails.Card.Reference));
        var charge = await Charges.GetAsync(payment.LatestChargeId);
        Assert.Equal((0L, false), (charge.AmountRefunded, charge.Refunded));
        Assert.Equal("failed", charge.Refunds.Data.Single().Status);

        var types = (await EventsOfAsync(created.Id)).Select(e => e.Type).Order();
        Assert.Equal(["charge.refund.updated", "refund.created", "refund.failed", "refund.updated"], types);
        var previous = await PreviousAttributesAsync("charge.refund.updated");
        Assert.Equal("succeeded", previous.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, previous.GetProperty("failure_reason").ValueKind);

        var delivered = await DeliveredAsync(endpoint, 3);
        Assert.Equal(["charge.refund.updated", "refund.failed", "refund.updated"], delivered.Select(e => e.Type).Order());
        Assert.All(delivered, e => Assert.Equal((created.Id, "failed"), (((Refund)e.Data.Object).Id, ((Refund)e.Data.Object).Status)));
    }

    [Fact]
    public async Task A_refund_of_the_pending_refund_card_is_pending_first_then_succeeds()
    {
        var endpoint = await WebhookEndpoints.CreateAsync(new WebhookEndpointCreateOptions
        {
            Url = _receiver.Url("/webhooks/stripe").ToString(), EnabledEvents = ["charge.refund.updated", "refund.updated"],
        });
        var payment = await PaidAsync(Client, "pm_card_pendingRefund");

        var created = await Refunds.CreateAsync(new RefundCreateOptions { PaymentIntent = payment.Id });
        await EventuallyAsync(async () => (await Refunds.GetAsync(created.Id)).Status == "succeeded", "the refund to succeed");

        Assert.Equal(("pending", "processing"), (created.Status, created.PendingReason));
        Assert.Equal(("pending", null), (created.DestinationDetails.Card.ReferenceStatus, created.DestinationDetails.Card.Reference));
        var refunded = (await EventsOfAsync(payment.LatestChargeId)).Single(e => e.Type == "charge.refunded");
        Assert.Equal(1000, ((Charge)refunded.Data.Object).AmountRefunded);

        var succeeded = await Refunds.GetAsync(created.Id);
        Assert.Null(succeeded.PendingReason);
        Assert.Null(succeeded.FailureReason);
        Assert.Equal("available", succeeded.DestinationDetails.Card.ReferenceStatus);
        Assert.Matches("^[0-9]{23}$", succeeded.DestinationDetails.Card.Reference);
        var charge = await Charges.GetAsync(payment.LatestChargeId);
        Assert.Equal((1000L, true), (charge.AmountRefunded, charge.Refunded));

        var types = (await EventsOfAsync(created.Id)).Select(e => e.Type).Order();
        Assert.Equal(["charge.refund.updated", "refund.created", "refund.updated"], types);
        var previous = await PreviousAttributesAsync("refund.updated");
        Assert.Equal(("pending", "processing"), (previous.GetProperty("status").GetString(), previous.GetProperty("pending_reason").GetString()));

        var delivered = await DeliveredAsync(endpoint, 2);
        Assert.Equal(["charge.refund.updated", "refund.updated"], delivered.Select(e => e.Type).Order());
        Assert.All(delivered, e => Assert.Equal((created.Id, "succeeded"), (((Refund)e.Data.Object).Id, ((Refund)e.Data.Object).Status)));
    }

    [Fact]
    public async Task A_settlement_still_due_at_shutdown_is_applied_after_a_restart()
    {
        var options = new StripeSandboxOptions { DataFile = _directory.File("sandbox.json"), RefundSettleDelay = TimeSpan.FromSeconds(2) };
        string refundId;
        await using (var first = await StripeSandboxServer.StartAsync(options))
        {
            var client = ClientFor(first, first.SecretKey);
            var payment = await PaidAsync(client, "pm_card_pendingRefund");
            refundId = (await new RefundService(client).CreateAsync(new RefundCreateOptions { PaymentIntent = payment.Id })).Id;
        }

        Assert.Equal("pending", await SavedStatusAsync(options.DataFile, refundId));

        await using var second = await StripeSandboxServer.StartAsync(options);
        var restarted = ClientFor(second, second.SecretKey);
        await EventuallyAsync(async () => (await new RefundService(restarted).GetAsync(refundId)).Status == "succeeded", "the refund to succeed after the restart");

        var events = await new EventService(restarted).ListAsync(new EventListOptions { Type = "charge.refund.updated" });
        Assert.Equal(refundId, ((Refund)events.Data.Single().Data.Object).Id);
    }

    [Fact]
    public async Task Disposing_while_a_settlement_waits_stops_it_cleanly_and_the_next_start_applies_it_when_overdue()
    {
        var options = new StripeSandboxOptions { DataFile = _directory.File("sandbox.json"), RefundSettleDelay = TimeSpan.FromSeconds(1) };
        var sandbox = await StripeSandboxServer.StartAsync(options);
        var client = ClientFor(sandbox, sandbox.SecretKey);
        var payment = await PaidAsync(client, "pm_card_refundFail");
        var refund = await new RefundService(client).CreateAsync(new RefundCreateOptions { PaymentIntent = payment.Id });
        var overdue = Stopwatch.StartNew();

        await sandbox.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(5));
        var saved = await System.IO.File.ReadAllTextAsync(options.DataFile);
        // Only waiting past the due time shows that no timer outlived the sandbox to change the file.
        var untilOverdue = options.RefundSettleDelay + TimeSpan.FromMilliseconds(300) - overdue.Elapsed;
        if (untilOverdue > TimeSpan.Zero)
        {
            await Task.Delay(untilOverdue);
        }

        Assert.Equal(saved, await System.IO.File.ReadAllTextAsync(options.DataFile));
        Assert.Equal("succeeded", await SavedStatusAsync(options.DataFile, refund.Id));

        await using var restarted = await StripeSandboxServer.StartAsync(options);
        var restartedClient = ClientFor(restarted, restarted.SecretKey);
        await EventuallyAsync(async () => (await new RefundService(restartedClient).GetAsync(refund.Id)).Status == "failed", "the overdue refund to fail");
        Assert.Equal(0, (await new ChargeService(restartedClient).GetAsync(payment.LatestChargeId)).AmountRefunded);
    }

    [Fact]
    public async Task A_negative_refund_settle_delay_is_refused_at_start()
    {
        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() =>
            StripeSandboxServer.StartAsync(new StripeSandboxOptions { RefundSettleDelay = TimeSpan.FromSeconds(-1) }));

        Assert.Equal(nameof(StripeSandboxOptions.RefundSettleDelay), error.ParamName);
    }

    private static async Task<PaymentIntent> PaidAsync(StripeClient client, string testCard)
    {
        var customer = await new CustomerService(client).CreateAsync(new CustomerCreateOptions { Email = "jenny@example.com" });
        return await new PaymentIntentService(client).CreateAsync(new PaymentIntentCreateOptions
        {
            Amount = 1000, Currency = "usd", Customer = customer.Id, PaymentMethod = testCard, Confirm = true,
        });
    }

    private async Task<JsonElement> PreviousAttributesAsync(string type)
    {
        var (_, events, _) = await GetAsync($"/v1/events?type={type}");
        return events.GetProperty("data")[0].GetProperty("data").GetProperty("previous_attributes");
    }

    /// <summary>The events the receiver got, once it got <paramref name="count"/>, each checked against the endpoint's signature.</summary>
    private async Task<List<Event>> DeliveredAsync(WebhookEndpoint endpoint, int count)
    {
        var received = await _receiver.WaitForAsync(requests => requests.Count >= count);
        return [.. received.Select(r => EventUtility.ConstructEvent(r.Body, r.Signature, endpoint.Secret, 300))];
    }

    private static async Task<string?> SavedStatusAsync(string path, string refundId)
    {
        using var file = JsonDocument.Parse(await System.IO.File.ReadAllTextAsync(path));
        return file.RootElement.GetProperty("Refunds").GetProperty(refundId).GetProperty("Status").GetString();
    }
}
