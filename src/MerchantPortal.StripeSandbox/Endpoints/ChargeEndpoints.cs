using MerchantPortal.StripeSandbox.Http;
using MerchantPortal.StripeSandbox.Objects;
using MerchantPortal.StripeSandbox.Operations;
using MerchantPortal.StripeSandbox.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace MerchantPortal.StripeSandbox.Endpoints;

/// <summary><c>/v1/charges</c>: read-only, charges are made by PaymentIntents.</summary>
internal static class ChargeEndpoints
{
    public static void MapChargeEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapGet("/v1/charges", List).ReturnsListOf("charge");
        api.MapGet("/v1/charges/{id}", Retrieve).Returns("charge");
        api.MapGet("/v1/charges/{id}/refunds", ListRefunds).ReturnsListOf("refund");
    }

    private static IResult Retrieve(string id, HttpContext http, SandboxStore store)
    {
        var request = http.ApiRequest();
        request.Params.AllowOnly();
        return store.Read(context => ApiResponses.Object(context, request, ChargeObject.Render(context, Charges.Find(context.Data, id))));
    }

    private static IResult List(HttpContext http, SandboxStore store)
    {
        var request = http.ApiRequest();
        request.Params.AllowOnly([.. Pagination.Params, "customer", "payment_intent"]);
        var customer = request.Params.Text("customer");
        var paymentIntent = request.Params.Text("payment_intent");
        return store.Read(context => ApiResponses.List(
            context,
            request,
            context.Data.Charges.Values.Where(c =>
                (customer is null || c.Customer == customer) && (paymentIntent is null || c.PaymentIntent == paymentIntent)),
            c => c.Id,
            c => c.Sequence,
            c => ChargeObject.Render(context, c),
            "charge"));
    }

    private static IResult ListRefunds(string id, HttpContext http, SandboxStore store)
    {
        var request = http.ApiRequest();
        request.Params.AllowOnly(Pagination.Params);
        return store.Read(context =>
        {
            var charge = Charges.Find(context.Data, id);
            return ApiResponses.List(
                context,
                request,
                context.Data.Refunds.Values.Where(r => r.Charge == charge.Id),
                r => r.Id,
                r => r.Sequence,
                RefundObject.Render,
                "refund");
        });
    }
}
