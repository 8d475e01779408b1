using MerchantPortal.StripeSandbox.Http;
using MerchantPortal.StripeSandbox.Objects;
using MerchantPortal.StripeSandbox.Operations;
using MerchantPortal.StripeSandbox.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace MerchantPortal.StripeSandbox.Endpoints;

/// <summary><c>/v1/refunds</c>.</summary>
internal static class RefundEndpoints
{
    public static void MapRefundEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapPost("/v1/refunds", Create).Returns("refund");
        api.MapGet("/v1/refunds", List).ReturnsListOf("refund");
        api.MapGet("/v1/refunds/{id}", Retrieve).Returns("refund");
    }

    private static IResult Create(HttpContext http, SandboxStore store, RefundSettings settings)
    {
        var request = http.ApiRequest();
        var parameters = request.Params;
        parameters.AllowOnly("amount", "charge", "metadata", "payment_intent", "reason");
        var amount = parameters.Long("amount");
        if (amount < 1)
        {
            throw ApiErrors.InvalidValue("amount", "This value must be greater than or equal to 1.");
        }

        var create = new CreateRefund(
            parameters.Text("payment_intent"),
            parameters.Text("charge"),
            amount,
            parameters.OneOf("reason", "duplicate", "fraudulent", "requested_by_customer"),
            parameters.Metadata());
        return store.Write(request.Origin, change =>
            ApiResponses.Object(change.Render, request, RefundObject.Render(Refunds.Create(change, create, settings))));
    }

    private static IResult Retrieve(string id, HttpContext http, SandboxStore store)
    {
        var request = http.ApiRequest();
        request.Params.AllowOnly();
        return store.Read(context => ApiResponses.Object(context, request, RefundObject.Render(Refunds.Find(context.Data, id))));
    }

    private static IResult List(HttpContext http, SandboxStore store)
    {
        var request = http.ApiRequest();
        request.Params.AllowOnly([.. Pagination.Params, "charge", "payment_intent"]);
        var charge = request.Params.Text("charge");
        var paymentIntent = request.Params.Text("payment_intent");
        return store.Read(context => ApiResponses.List(
            context,
            request,
            context.Data.Refunds.Values.Where(r =>
                (charge is null || r.Charge == charge) && (paymentIntent is null || r.PaymentIntent == paymentIntent)),
            r => r.Id,
            r => r.Sequence,
            RefundObject.Render,
            "refund"));
    }
}
