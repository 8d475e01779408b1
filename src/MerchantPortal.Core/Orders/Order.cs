using MerchantPortal.Auditing;
using MerchantPortal.Common;
using MerchantPortal.Events;

namespace MerchantPortal.Orders;

/// <summary>
/// An order and its state machine (DESIGN §4). Three statuses move together: <see cref="Status"/>,
/// <see cref="PaymentStatus"/> and <see cref="FulfillmentStatus"/>; each change adds a timeline event.
/// Amounts are integer minor units of <see cref="Currency"/>. Transitions that other systems hear about raise
/// integration events, which the <see cref="IntegrationEventInterceptor"/> writes in the same save.
/// </summary>
public sealed class Order : IVersioned
{
    private readonly List<OrderLine> _lines = [];
    private readonly List<OrderEvent> _events = [];
    private readonly List<string> _raised = [];

    private Order()
    {
    }

    public Guid Id { get; private set; }

    /// <summary>The human order number; shown as <see cref="Reference"/> (MP-000123).</summary>
    public long Number { get; private set; }

    public Guid MerchantId { get; private set; }

    public Guid CustomerId { get; private set; }

    /// <summary>The merchant's own reference, unique per merchant; replays return this order.</summary>
    public string? MerchantOrderId { get; private set; }

    /// <summary>The merchant's free-text reference (not unique), searchable like the merchant order id.</summary>
    public string? ExternalReference { get; private set; }

    /// <summary>The <c>Idempotency-Key</c> the order was placed with, unique per merchant.</summary>
    public string? IdempotencyKey { get; private set; }

    /// <summary>Hash of the placing request, to tell a replay from a conflicting reuse of a key.</summary>
    public string RequestHash { get; private set; } = "";

    public OrderSource Source { get; private set; }

    public ActorKind CreatedByKind { get; private set; }

    public string CreatedById { get; private set; } = "";

    public string CreatedByName { get; private set; } = "";

    public string Currency { get; private set; } = "";

    public long SubtotalMinor { get; private set; }

    public long FeeMinor { get; private set; }

    public long TaxMinor { get; private set; }

    public long TotalMinor { get; private set; }

    /// <summary>Money that refunds have returned (succeeded refunds only), in minor units.</summary>
    public long RefundedMinor { get; private set; }

    public PaymentMethodKind PaymentMethod { get; private set; }

    /// <summary>What pays the order: "balance", or the Stripe PaymentIntent id.</summary>
    public string? PaymentReference { get; private set; }

    /// <summary>The saved card (Stripe PaymentMethod) chosen for a card payment.</summary>
    public string? PaymentMethodId { get; private set; }

    public string? CardBrand { get; private set; }

    public string? CardLast4 { get; private set; }

    /// <summary>Where the payer completes 3-D Secure, while the payment requires action.</summary>
    public string? PaymentActionUrl { get; private set; }

    public OrderStatus Status { get; private set; }

    public PaymentStatus PaymentStatus { get; private set; }

    public FulfillmentStatus FulfillmentStatus { get; private set; }

    public string? ErrorCode { get; private set; }

    public string? ErrorMessage { get; private set; }

    /// <summary>Why support should look at the order (e.g. <c>REFUND_FAILED</c>, <c>LATE_PAYMENT</c>); see <see cref="OrderFlags"/>.</summary>
    public string? FlagCode { get; private set; }

    public string? FlagMessage { get; private set; }

    public string? Notes { get; private set; }

    public List<string> Tags { get; private set; } = [];

    public Dictionary<string, string> Metadata { get; private set; } = [];

    public DateTime CreatedAt { get; private set; }

    public DateTime UpdatedAt { get; private set; }

    public DateTime? CompletedAt { get; private set; }

    public long Version { get; private set; }

    public IReadOnlyList<OrderLine> Lines => _lines;

    public IReadOnlyList<OrderEvent> Events => _events;

    public string Reference => FormatReference(Number);

    /// <summary>The integration events (<see cref="IntegrationEventTypes"/>) raised since the order was last saved, in order.</summary>
    internal IReadOnlyList<string> PendingIntegrationEvents => _raised;

    /// <summary>Called once the pending integration events are in the unit of work.</summary>
    internal void ClearIntegrationEvents() => _raised.Clear();

    public static string FormatReference(long number) => $"MP-{number:D6}";

    internal static Order Create(NewOrder details, IReadOnlyList<PricedLine> lines, DateTime now)
    {
        var order = new Order
        {
            Id = details.Id,
            Number = details.Number,
            MerchantId = details.MerchantId,
            CustomerId = details.CustomerId,
            MerchantOrderId = details.MerchantOrderId,
            ExternalReference = details.ExternalReference,
            IdempotencyKey = details.IdempotencyKey,
            RequestHash = details.RequestHash,
            Source = details.Source,
            CreatedByKind = details.CreatedBy.Kind,
            CreatedById = details.CreatedBy.Id,
            CreatedByName = details.CreatedBy.Name,
            Currency = lines[0].Item.Currency,
            PaymentMethod = details.PaymentMethod,
            Notes = details.Notes,
            Tags = [.. details.Tags],
            Metadata = new Dictionary<string, string>(details.Metadata),
            Status = OrderStatus.AwaitingPayment,
            PaymentStatus = PaymentStatus.Unpaid,
            FulfillmentStatus = FulfillmentStatus.Unfulfilled,
            CreatedAt = now,
            UpdatedAt = now,
        };
        for (var i = 0; i < lines.Count; i++)
        {
            order._lines.Add(OrderLine.Create(i + 1, lines[i]));
        }

        order.SubtotalMinor = order._lines.Sum(l => l.SubtotalMinor);
        order.FeeMinor = order._lines.Sum(l => l.FeeMinor);
        order.TaxMinor = order._lines.Sum(l => l.TaxMinor);
        order.TotalMinor = order._lines.Sum(l => l.TotalMinor);
        order.AddEvent(OrderEventTypes.Created, $"Order placed by {details.CreatedBy.Name} ({details.Source.ToString().ToLowerInvariant()}).", now);
        order.Raise(IntegrationEventTypes.OrderCreated);
        return order;
    }

    /// <summary>Payment succeeded: the order waits for fulfilment.</summary>
    internal void MarkPaid(string paymentReference, string description, DateTime now)
    {
        Require(Status == OrderStatus.AwaitingPayment, "mark paid");
        Charge(paymentReference);
        Status = OrderStatus.Pending;
        AddEvent(OrderEventTypes.PaymentSucceeded, description, now);
    }

    /// <summary>
    /// A card payment succeeded although the order no longer waited for it (cancelled, or failed): the money
    /// was taken, so the order is paid — and flagged, while the caller refunds it in full.
    /// </summary>
    internal void RecordLatePayment(string paymentIntentId, string? paymentMethodId, string? brand, string? last4, string description, DateTime now)
    {
        Require(Status is OrderStatus.Cancelled or OrderStatus.Failed && !PaymentStatus.IsRefundable() && PaymentStatus != PaymentStatus.Refunded,
            "record a late payment");
        PaymentMethodId = paymentMethodId ?? PaymentMethodId;
        CardBrand = brand ?? CardBrand;
        CardLast4 = last4 ?? CardLast4;
        Charge(paymentIntentId);
        AddEvent(OrderEventTypes.PaymentSucceeded, description, now);
        Flag(OrderFlags.LatePayment, "The card payment succeeded after the order stopped waiting for it; it is refunded in full.", now);
    }

    /// <summary>The cancelled order's PaymentIntent was cancelled at Stripe: nothing can be charged any more.</summary>
    internal void VoidPayment(string description, DateTime now)
    {
        Require(Status == OrderStatus.Cancelled && PaymentStatus is PaymentStatus.Unpaid or PaymentStatus.RequiresAction, "void its payment");
        PaymentStatus = PaymentStatus.Voided;
        PaymentActionUrl = null;
        AddEvent(OrderEventTypes.PaymentVoided, description, now);
    }

    private void Charge(string paymentReference)
    {
        Require(_lines.Count > 0, "be charged without its lines");
        PaymentReference = paymentReference;
        PaymentStatus = PaymentStatus.Paid;
        PaymentActionUrl = null;
        foreach (var line in _lines)
        {
            line.MarkCharged();
        }
    }

    /// <summary>The saved card the order will be charged to.</summary>
    internal void ChooseCard(string paymentMethodId)
    {
        Require(Status == OrderStatus.AwaitingPayment && PaymentMethod == PaymentMethodKind.Card, "choose a card");
        PaymentMethodId = paymentMethodId;
    }

    /// <summary>A card payment was started with this PaymentIntent and card.</summary>
    internal void RecordCardPayment(string paymentIntentId, string paymentMethodId, string? brand, string? last4)
    {
        Require(Status == OrderStatus.AwaitingPayment, "record a card payment");
        PaymentReference = paymentIntentId;
        PaymentMethodId = paymentMethodId;
        CardBrand = brand ?? CardBrand;
        CardLast4 = last4 ?? CardLast4;
    }

    /// <summary>The card needs 3-D Secure: the payer must complete it at <paramref name="actionUrl"/>.</summary>
    internal void RequirePaymentAction(string? actionUrl, DateTime now)
    {
        Require(Status == OrderStatus.AwaitingPayment, "require payment action");
        if (PaymentStatus == PaymentStatus.RequiresAction && PaymentActionUrl == actionUrl)
        {
            return;
        }

        PaymentStatus = PaymentStatus.RequiresAction;
        PaymentActionUrl = actionUrl;
        AddEvent(OrderEventTypes.PaymentRequiresAction, "The card issuer asks for 3-D Secure authentication.", now);
    }

    /// <summary>
    /// The payment failed: the order ends failed and nothing is delivered. <paramref name="providerDetail"/> (Stripe's
    /// own codes) joins the timeline for support; the order's error keeps the message alone.
    /// </summary>
    internal void FailPayment(string code, string message, DateTime now, string? providerDetail = null)
    {
        Require(Status == OrderStatus.AwaitingPayment, "fail the payment");
        PaymentStatus = PaymentStatus.Failed;
        PaymentActionUrl = null;
        Status = OrderStatus.Failed;
        ErrorCode = code;
        ErrorMessage = message;
        CompletedAt = now;
        AddEvent(OrderEventTypes.PaymentFailed, providerDetail is null ? message : $"{message} ({providerDetail})", now);
        Raise(IntegrationEventTypes.OrderFailed);
    }

    /// <summary>Adds a Stripe event to the timeline, once per event id.</summary>
    /// <summary>Notes a Stripe event at the time Stripe created it, which may be before the order's last change.</summary>
    internal void RecordStripeEvent(string eventId, string eventType, DateTime createdAt)
    {
        var message = $"Stripe sent {eventType} ({eventId}).";
        if (_events.All(e => e.Message != message))
        {
            _events.Add(OrderEvent.Create(OrderEventTypes.StripeEvent, message, createdAt));
            UpdatedAt = createdAt > UpdatedAt ? createdAt : UpdatedAt;
        }
    }

    internal void StartFulfilment(DateTime now)
    {
        if (Status == OrderStatus.Processing)
        {
            return;
        }

        Require(Status == OrderStatus.Pending, "start fulfilment");
        Status = OrderStatus.Processing;
        FulfillmentStatus = FulfillmentStatus.InProgress;
        AddEvent(OrderEventTypes.FulfilmentStarted, "Fulfilment started.", now);
    }

    internal void RecordDelivery(OrderLine line, int deliveredUnits, string? providerReference, DateTime now)
    {
        Require(Status == OrderStatus.Processing, "record a delivery");
        var newlyDelivered = deliveredUnits - line.DeliveredUnits;
        line.SetDelivered(deliveredUnits, providerReference);
        if (newlyDelivered > 0)
        {
            AddEvent(OrderEventTypes.LineDelivered, $"Line {line.LineNumber} ({line.Name}): delivered {newlyDelivered} of {line.Units}.", now);
        }
    }

    internal void RecordLineFailure(OrderLine line, string code, string message, DateTime now)
    {
        Require(Status == OrderStatus.Processing, "record a failure");
        line.Fail(code, message);
        AddEvent(OrderEventTypes.LineFailed, $"Line {line.LineNumber} ({line.Name}): {message}", now);
    }

    /// <summary>
    /// All lines are settled: the order ends completed (every unit not refunded was delivered, e.g. after a
    /// retry), partial (some delivered, some left undelivered) or failed (nothing delivered).
    /// </summary>
    internal void FinishFulfilment(DateTime now)
    {
        Require(Status == OrderStatus.Processing && _lines.All(l => l.IsSettled), "finish fulfilment");
        var delivered = _lines.Sum(l => l.DeliveredUnits);
        var deliverable = _lines.Sum(l => l.Units - l.RefundedUnits);
        var ordered = _lines.Sum(l => l.Units);
        CompletedAt = now;
        UpdatedAt = now;
        if (delivered > 0 && delivered == deliverable)
        {
            Status = OrderStatus.Completed;
            FulfillmentStatus = FulfillmentStatus.Fulfilled;
            AddEvent(OrderEventTypes.Completed, delivered == ordered ? "All units delivered." : $"All {delivered} units not refunded were delivered.", now);
            Raise(IntegrationEventTypes.OrderCompleted);
        }
        else if (delivered > 0)
        {
            Status = OrderStatus.Partial;
            FulfillmentStatus = FulfillmentStatus.Partial;
            AddEvent(OrderEventTypes.Partial, $"Delivered {delivered} of {ordered} units; {ordered - delivered} undelivered.", now);
            Raise(IntegrationEventTypes.OrderPartial);
        }
        else
        {
            var failed = _lines.FirstOrDefault(l => l.FailureCode is not null);
            Status = OrderStatus.Failed;
            FulfillmentStatus = FulfillmentStatus.Unfulfilled;
            ErrorCode = failed?.FailureCode ?? OrderErrorCodes.Refunded;
            ErrorMessage = failed?.FailureMessage ?? "Every unit was refunded before it could be delivered.";
            AddEvent(OrderEventTypes.Failed, $"Nothing could be delivered: {ErrorMessage}", now);
            Raise(IntegrationEventTypes.OrderFailed);
        }
    }

    /// <summary>Whether support may send the order back to fulfilment: it ended partial or failed, is paid, and has units left.</summary>
    public bool CanRetryFulfilment => Status is OrderStatus.Partial or OrderStatus.Failed
        && PaymentStatus.IsRefundable() && _lines.Any(l => l.RemainingUnits > 0);

    /// <summary>Support sends the units neither delivered nor refunded back to fulfilment (after a restock, say).</summary>
    internal void RetryFulfilment(string requestedBy, DateTime now)
    {
        Require(CanRetryFulfilment, "retry fulfilment");
        var remaining = _lines.Sum(l => l.RemainingUnits);
        foreach (var line in _lines.Where(l => l.RemainingUnits > 0))
        {
            line.Reopen();
        }

        Status = OrderStatus.Processing;
        FulfillmentStatus = FulfillmentStatus.InProgress;
        ErrorCode = null;
        ErrorMessage = null;
        CompletedAt = null;
        AddEvent(OrderEventTypes.FulfilmentRetried, $"{requestedBy} retried fulfilment of {remaining} undelivered unit(s).", now);
    }

    public bool CanCancel => Status is OrderStatus.AwaitingPayment or OrderStatus.Pending;

    /// <summary>Money returned to the payer; the payment status follows the refunded total.</summary>
    internal void RecordRefund(long amountMinor, string description, DateTime now)
    {
        Require(PaymentStatus.IsRefundable() && amountMinor >= 0 && RefundedMinor + amountMinor <= TotalMinor, "refund");
        RefundedMinor += amountMinor;
        PaymentStatus = RefundedMinor == 0 ? PaymentStatus.Paid
            : RefundedMinor == TotalMinor ? PaymentStatus.Refunded : PaymentStatus.PartiallyRefunded;
        AddEvent(OrderEventTypes.Refunded, description, now);
        Raise(IntegrationEventTypes.OrderRefunded);
    }

    /// <summary>A refund that had returned money failed after all (Stripe reported it later): the money is back with the merchant.</summary>
    internal void ReverseRefund(long amountMinor, string description, DateTime now)
    {
        Require(PaymentStatus is PaymentStatus.PartiallyRefunded or PaymentStatus.Refunded or PaymentStatus.Paid
            && amountMinor >= 0 && amountMinor <= RefundedMinor, "reverse a refund");
        RefundedMinor -= amountMinor;
        PaymentStatus = RefundedMinor == 0 ? PaymentStatus.Paid : PaymentStatus.PartiallyRefunded;
        AddEvent(OrderEventTypes.RefundReversed, description, now);
        Raise(IntegrationEventTypes.RefundFailed);
    }

    /// <summary>A refund failed before it had returned any money (Stripe refused it): its units can be refunded again.</summary>
    internal void RecordRefundFailure(string description, DateTime now)
    {
        AddEvent(OrderEventTypes.RefundFailed, description, now);
        Raise(IntegrationEventTypes.RefundFailed);
    }

    /// <summary>Adds a refund's step (requested, approved, rejected, failed…) to the timeline.</summary>
    internal void RecordRefundEvent(string type, string message, DateTime now) => AddEvent(type, message, now);

    /// <summary>Puts the order in front of support, with the reason; see <see cref="OrderFlags"/>.</summary>
    internal void Flag(string code, string message, DateTime now)
    {
        FlagCode = code;
        FlagMessage = message;
        UpdatedAt = now;
    }

    /// <summary>Support has dealt with what the flag said.</summary>
    internal void ClearFlag(string clearedBy, DateTime now)
    {
        if (FlagCode is null)
        {
            return;
        }

        AddEvent(OrderEventTypes.FlagCleared, $"{clearedBy} marked \"{FlagMessage}\" as dealt with.", now);
        FlagCode = null;
        FlagMessage = null;
    }

    internal void Cancel(string reason, DateTime now)
    {
        Require(CanCancel, "cancel");
        Status = OrderStatus.Cancelled;
        CompletedAt = now;
        AddEvent(OrderEventTypes.Cancelled, reason, now);
        Raise(IntegrationEventTypes.OrderCancelled);
    }

    private void AddEvent(string type, string message, DateTime now)
    {
        _events.Add(OrderEvent.Create(type, message, now));
        UpdatedAt = now;
    }

    private void Raise(string integrationEvent) => _raised.Add(integrationEvent);

    private void Require(bool allowed, string action)
    {
        if (!allowed)
        {
            throw new InvalidOperationException($"Order {Reference} cannot {action} while {Status}.");
        }
    }
}

/// <summary>What identifies a new order before its lines are added.</summary>
internal sealed record NewOrder(
    Guid Id,
    long Number,
    Guid MerchantId,
    Guid CustomerId,
    string? MerchantOrderId,
    string? IdempotencyKey,
    string RequestHash,
    OrderSource Source,
    Actor CreatedBy,
    PaymentMethodKind PaymentMethod,
    string? Notes,
    IReadOnlyList<string> Tags,
    IReadOnlyDictionary<string, string> Metadata,
    string? ExternalReference = null);
