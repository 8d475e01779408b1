using MerchantPortal.Identity;
using MerchantPortal.Orders;
using MerchantPortal.Refunds;
using MerchantPortal.Web.Api;
using MerchantPortal.Web.Features.ApiKeys;

namespace MerchantPortal.Web.Features.Refunds.Api;

/// <summary><c>/api/v1/orders/{id}/refunds</c>: refund undelivered units, and list an order's refunds (docs/api.md).</summary>
public static class RefundsApi
{
    public static RouteGroupBuilder MapRefundsApi(this RouteGroupBuilder api)
    {
        var refunds = api.MapGroup("/orders/{id:guid}/refunds").WithTags("Refunds");

        refunds.MapPost("", CreateAsync)
            .RequireScope(Scopes.RefundsWrite)
            .WithName("CreateRefund")
            .WithSummary("Refund undelivered units")
            .WithDescription("Refunds the given units (lines with line_id and quantity) or, without lines, every unit neither delivered nor refunded, "
                + "to the original card or the balance. A refund above the merchant's threshold answers status pending_approval. "
                + "Retrying with the same Idempotency-Key replays the refund instead of refunding again.")
            .AcceptsJson<CreateRefundRequest>(optional: true)
            .Produces<RefundObject>(StatusCodes.Status201Created)
            .ProducesProblems(404, 409, 422);

        refunds.MapGet("", ListAsync)
            .RequireScope(Scopes.OrdersRead)
            .WithName("ListRefunds")
            .WithSummary("List an order's refunds")
            .WithDescription("Every refund of the order, oldest first, in its current state.")
            .Produces<ListObject<RefundObject>>()
            .ProducesProblems(404);

        return refunds;
    }

    private static async Task<IResult> CreateAsync(
        Guid id, HttpContext http, RefundService refundService, OrderQueries queries, OrderReplays replays, ApiIdempotency idempotency, CancellationToken ct)
    {
        var actor = ApiKeyClaims.ToActor(http.User);
        var read = await ApiBody.ReadAsync<CreateRefundRequest>(http, optional: true);
        if (read.Refusal is { } refused)
        {
            return refused;
        }

        var body = read.Value ?? new CreateRefundRequest();
        var key = ApiIdempotency.KeyOf(http);
        return await idempotency.RunAsync(http, actor, body,
            async () =>
            {
                var lines = body.Lines?.Select(l => new RefundLineRequest(l.LineId, l.Quantity)).ToList();
                // Core keeps the key on the refund too, so even without the store a resent refund is never booked twice.
                var requested = await refundService.RequestAsync(new RequestRefund(id, lines, body.Destination, body.Reason, body.Note, key), actor, ct);
                if (!requested.Succeeded)
                {
                    return IdempotentOutcome.Refused(ApiResults.Problem(requested.Error!));
                }

                var refund = requested.Value.Refund;
                if (requested.Value.Replayed)
                {
                    ApiIdempotency.MarkReplayed(http);
                    await replays.RecordAsync(id, $"POST /api/v1/orders/{id}/refunds", key, CancellationToken.None);
                }

                return new IdempotentOutcome(TypedResults.Created($"/api/v1/orders/{id}/refunds", RefundObject.From(refund, requested.Value.Replayed)),
                    StatusCodes.Status201Created, "refund", refund.Id.ToString());
            },
            async earlier =>
            {
                await replays.RecordAsync(id, $"POST /api/v1/orders/{id}/refunds", key, CancellationToken.None);
                var order = await queries.GetAsync(id, actor, ct);
                var refund = order?.Refunds.FirstOrDefault(r => r.Id.ToString() == earlier.ResourceId);
                return refund is null
                    ? ApiResults.Problem(RefundErrors.NotFound)
                    : TypedResults.Json(RefundObject.From(refund, replayed: true), statusCode: earlier.StatusCode);
            });
    }

    private static async Task<IResult> ListAsync(Guid id, HttpContext http, OrderQueries queries, CancellationToken ct)
    {
        var order = await queries.GetAsync(id, ApiKeyClaims.ToActor(http.User), ct);
        return order is null
            ? ApiResults.Problem(OrderErrors.NotFound)
            : TypedResults.Ok(new ListObject<RefundObject>("list", [.. order.Refunds.Select(r => RefundObject.From(r))], false, http.Request.Path));
    }
}
