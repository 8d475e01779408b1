using MerchantPortal.Identity;
using MerchantPortal.Idempotency;
using MerchantPortal.Orders;
using MerchantPortal.Web.Api;
using MerchantPortal.Web.Features.ApiKeys;

namespace MerchantPortal.Web.Features.Orders.Api;

/// <summary><c>/api/v1/orders</c>: place, poll, list and cancel orders (docs/api.md).</summary>
public static class OrdersApi
{
    public static RouteGroupBuilder MapOrdersApi(this RouteGroupBuilder api)
    {
        var orders = api.MapGroup("/orders").WithTags("Orders");

        orders.MapPost("", CreateAsync)
            .RequireScope(Scopes.OrdersWrite)
            .WithName("CreateOrder")
            .WithSummary("Place an order")
            .WithDescription("Places an order for one item (item_id, quantity, fields) or several (lines), paid from the balance or a saved card. "
                + "Answers 201 with status pending, or awaiting_payment with payment.next_action.redirect_url when 3-D Secure is needed. "
                + "Safe to retry with the same Idempotency-Key or merchant_order_id: a replay returns the order's current state with replayed: true.")
            .AcceptsJson<CreateOrderRequest>()
            .Produces<OrderObject>(StatusCodes.Status201Created)
            .ProducesProblems(404, 409, 422, 503);

        orders.MapGet("", ListAsync)
            .RequireScope(Scopes.OrdersRead)
            .WithName("ListOrders")
            .WithSummary("List orders")
            .WithDescription("The merchant's orders, newest first, filtered by status, payment_status, fulfillment_status, created[gte], created[lt], "
                + "item_id, merchant_order_id or external_reference; paged with limit (1–100, default 10), starting_after and ending_before.")
            .Produces<ListObject<OrderObject>>()
            .ProducesProblems(400, 422);

        orders.MapGet("/{id:guid}", GetAsync)
            .RequireScope(Scopes.OrdersRead)
            .WithName("GetOrder")
            .WithSummary("Retrieve an order")
            .WithDescription("The order's current state, for polling; delivered codes are included in plaintext (each key's first retrieval is audited).")
            .Produces<OrderObject>()
            .ProducesProblems(404);

        orders.MapPost("/{id:guid}/cancel", CancelAsync)
            .RequireScope(Scopes.OrdersWrite)
            .WithName("CancelOrder")
            .WithSummary("Cancel an order")
            .WithDescription("Cancels an order awaiting payment or pending; a paid order is refunded in full. Honours Idempotency-Key.")
            .AcceptsJson<CancelOrderRequest>(optional: true)
            .Produces<OrderObject>()
            .ProducesProblems(404, 409, 422);

        return orders;
    }

    private static async Task<IResult> CreateAsync(
        HttpContext http, OrderPlacementService placement, OrderApiReader reader, OrderReplays replays, CancellationToken ct)
    {
        var actor = ApiKeyClaims.ToActor(http.User);
        var read = await ApiBody.ReadAsync<CreateOrderRequest>(http);
        if (read.Refusal is { } refused)
        {
            return refused;
        }

        var body = read.Value!;
        var key = ApiIdempotency.KeyOf(http);
        if (key?.Length > IdempotencyErrors.MaxKeyLength)
        {
            return ApiResults.Problem(IdempotencyErrors.KeyTooLong);
        }

        var returnUrl = $"{http.Request.Scheme}://{http.Request.Host}/orders/{PaymentChoice.OrderIdToken}/payment-return";
        var request = CreateOrderMapping.ToPlaceOrder(body, actor.MerchantId!.Value, key, returnUrl);
        if (!request.Succeeded)
        {
            return ApiResults.Problem(request.Error!);
        }

        var placed = await placement.PlaceAsync(request.Value, actor, ct);
        if (!placed.Succeeded)
        {
            return ApiResults.Problem(CreateOrderMapping.ForSingleItemShape(placed.Error!, body));
        }

        var order = placed.Value.Order.Order;
        if (placed.Value.Replayed)
        {
            ApiIdempotency.MarkReplayed(http);
            await replays.RecordAsync(order.Id, "POST /api/v1/orders", key, CancellationToken.None);
        }
        else if (order is { Status: OrderStatus.Failed, ErrorCode: OrderErrorCodes.PaymentDeclined })
        {
            return new ApiProblemResult(StatusCodes.Status422UnprocessableEntity, OrderErrorCodes.PaymentDeclined,
                $"The card was declined: {order.ErrorMessage} Order {order.Reference} was recorded as failed; nothing was charged.")
            {
                Extra = new Dictionary<string, object?> { ["order_id"] = order.Id },
            };
        }

        return TypedResults.Created($"/api/v1/orders/{order.Id}", await reader.ToObjectAsync(placed.Value.Order, actor, placed.Value.Replayed, ct));
    }

    private static async Task<IResult> GetAsync(Guid id, HttpContext http, OrderApiReader reader, CancellationToken ct) =>
        await reader.ReadAsync(id, ApiKeyClaims.ToActor(http.User), replayed: false, ct) is { } order
            ? TypedResults.Ok(order)
            : ApiResults.Problem(OrderErrors.NotFound);

    private static async Task<IResult> ListAsync(HttpContext http, OrderQueries queries, OrderApiReader reader, CancellationToken ct)
    {
        var actor = ApiKeyClaims.ToActor(http.User);
        var parsed = OrderListParameters.Parse(http.Request.Query);
        if (!parsed.Succeeded)
        {
            return ApiResults.Problem(parsed.Error!);
        }

        var page = await queries.ListAsync(parsed.Value.Query, parsed.Value.Cursor, actor, ct);
        if (!page.Succeeded)
        {
            return ApiResults.Problem(page.Error!);
        }

        // The list shows full order objects, as Stripe does, the same as GET /orders/{id} shows each one.
        var data = await reader.ReadManyAsync([.. page.Value.Items.Select(o => o.Id)], actor, replayed: false, ct);
        return TypedResults.Ok(new ListObject<OrderObject>("list", data, page.Value.HasMore, http.Request.Path));
    }

    private static async Task<IResult> CancelAsync(
        Guid id, HttpContext http, OrderCancellationService cancellation, OrderApiReader reader, OrderReplays replays, ApiIdempotency idempotency,
        CancellationToken ct)
    {
        var actor = ApiKeyClaims.ToActor(http.User);
        var read = await ApiBody.ReadAsync<CancelOrderRequest>(http, optional: true);
        if (read.Refusal is { } refused)
        {
            return refused;
        }

        var body = read.Value ?? new CancelOrderRequest();
        return await idempotency.RunAsync(http, actor, body,
            async () =>
            {
                var cancelled = await cancellation.CancelAsync(id, body.Reason, actor, ct);
                if (!cancelled.Succeeded)
                {
                    return IdempotentOutcome.Refused(ApiResults.Problem(cancelled.Error!));
                }

                var order = await reader.ToObjectAsync(cancelled.Value, actor, replayed: false, ct);
                return new IdempotentOutcome(TypedResults.Ok(order), StatusCodes.Status200OK, "order", id.ToString());
            },
            async earlier =>
            {
                await replays.RecordAsync(id, $"POST /api/v1/orders/{id}/cancel", ApiIdempotency.KeyOf(http), CancellationToken.None);
                var order = await reader.ReadAsync(id, actor, replayed: true, ct);
                return order is null ? ApiResults.Problem(OrderErrors.NotFound) : TypedResults.Json(order, statusCode: earlier.StatusCode);
            });
    }
}

/// <summary>The optional body of <c>POST /api/v1/orders/{id}/cancel</c>.</summary>
public sealed record CancelOrderRequest
{
    /// <summary>Why the order is cancelled, for its timeline.</summary>
    public string? Reason { get; init; }
}
