using MerchantPortal.StripeSandbox.Cards;
using MerchantPortal.StripeSandbox.Http;
using MerchantPortal.StripeSandbox.Objects;
using MerchantPortal.StripeSandbox.Operations;
using MerchantPortal.StripeSandbox.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace MerchantPortal.StripeSandbox.Endpoints;

/// <summary><c>/v1/payment_methods</c>: card payment methods, attach and detach.</summary>
internal static class PaymentMethodEndpoints
{
    public static void MapPaymentMethodEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapPost("/v1/payment_methods", Create).Returns("payment_method");
        api.MapGet("/v1/payment_methods", List).ReturnsListOf("payment_method");
        api.MapGet("/v1/payment_methods/{id}", Retrieve).Returns("payment_method");
        api.MapPost("/v1/payment_methods/{id}/attach", Attach).Returns("payment_method");
        api.MapPost("/v1/payment_methods/{id}/detach", Detach).Returns("payment_method");
    }

    private static IResult Create(HttpContext http, SandboxStore store, TimeProvider clock)
    {
        var request = http.ApiRequest();
        var parameters = request.Params;
        parameters.AllowOnly("billing_details", "card", "metadata", "type");
        if (parameters.Text("type") is null)
        {
            throw ApiErrors.MissingParam("type");
        }

        parameters.OneOf("type", "card");
        var card = parameters.Hash("card") ?? throw ApiErrors.MissingParam("card");
        card.AllowOnly("cvc", "exp_month", "exp_year", "number");
        var cardRecord = CardValidation.Validate(
            card.RequiredText("number"),
            card.Long("exp_month") ?? throw ApiErrors.MissingParam("card[exp_month]"),
            card.Long("exp_year") ?? throw ApiErrors.MissingParam("card[exp_year]"),
            card.Text("cvc"),
            clock.GetUtcNow());
        var billingDetails = ParamReaders.BillingDetails(parameters);
        var metadata = MetadataUpdate.Create(parameters.Metadata());
        return store.Write(request.Origin, change =>
            ApiResponses.Object(change.Render, request, PaymentMethodObject.Render(PaymentMethods.Create(change, cardRecord, billingDetails, metadata))));
    }

    /// <summary>A test id (<c>pm_card_visa</c>) gives a new payment method, as on Stripe.</summary>
    private static IResult Retrieve(string id, HttpContext http, SandboxStore store)
    {
        var request = http.ApiRequest();
        request.Params.AllowOnly();
        return TestCards.ByPaymentMethodId(id) is null
            ? store.Read(context => ApiResponses.Object(context, request, PaymentMethodObject.Render(PaymentMethods.Find(context.Data, id))))
            : store.Write(request.Origin, change =>
                ApiResponses.Object(change.Render, request, PaymentMethodObject.Render(PaymentMethods.Resolve(change, id, "id"))));
    }

    private static IResult List(HttpContext http, SandboxStore store)
    {
        var request = http.ApiRequest();
        request.Params.AllowOnly([.. Pagination.Params, "customer", "type"]);
        request.Params.OneOf("type", "card");
        var customerId = request.Params.Text("customer");
        return store.Read(context =>
        {
            var customer = customerId is null ? null : Customers.Find(context.Data, customerId, "customer");
            return ApiResponses.List(
                context,
                request,
                context.Data.PaymentMethods.Values.Where(p => customer is null || p.Customer == customer.Id),
                p => p.Id,
                p => p.Sequence,
                PaymentMethodObject.Render,
                "PaymentMethod");
        });
    }

    private static IResult Attach(string id, HttpContext http, SandboxStore store)
    {
        var request = http.ApiRequest();
        request.Params.AllowOnly("customer");
        var customerId = request.Params.RequiredText("customer");
        return store.Write(request.Origin, change =>
        {
            var customer = Customers.Find(change.Data, customerId, "customer");
            var paymentMethod = PaymentMethods.Resolve(change, id, "payment_method");
            PaymentMethods.Attach(change, paymentMethod, customer, "payment_method");
            return ApiResponses.Object(change.Render, request, PaymentMethodObject.Render(paymentMethod));
        });
    }

    private static IResult Detach(string id, HttpContext http, SandboxStore store)
    {
        var request = http.ApiRequest();
        request.Params.AllowOnly();
        return store.Write(request.Origin, change =>
        {
            var paymentMethod = PaymentMethods.Find(change.Data, id);
            PaymentMethods.Detach(change, paymentMethod);
            return ApiResponses.Object(change.Render, request, PaymentMethodObject.Render(paymentMethod));
        });
    }
}
