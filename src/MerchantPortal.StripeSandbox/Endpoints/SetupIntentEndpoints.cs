using MerchantPortal.StripeSandbox.Http;
using MerchantPortal.StripeSandbox.Objects;
using MerchantPortal.StripeSandbox.Operations;
using MerchantPortal.StripeSandbox.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace MerchantPortal.StripeSandbox.Endpoints;

/// <summary><c>/v1/setup_intents</c>.</summary>
internal static class SetupIntentEndpoints
{
    public static void MapSetupIntentEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapPost("/v1/setup_intents", Create).Returns("setup_intent");
        api.MapGet("/v1/setup_intents", List).ReturnsListOf("setup_intent");
        api.MapGet("/v1/setup_intents/{id}", Retrieve).Returns("setup_intent");
        api.MapPost("/v1/setup_intents/{id}/confirm", Confirm).Returns("setup_intent");
    }

    private static IResult Create(HttpContext http, SandboxStore store)
    {
        var request = http.ApiRequest();
        var parameters = request.Params;
        parameters.AllowOnly("allowed_payment_method_types", "automatic_payment_methods", "confirm", "customer", "description", "metadata",
            "payment_method", "payment_method_types", "return_url", "usage");
        var types = ParamReaders.PaymentMethodTypes(parameters);
        var create = new CreateSetupIntent(
            parameters.Text("customer"),
            types,
            ParamReaders.AutomaticPaymentMethods(parameters, types),
            parameters.OneOf("usage", "off_session", "on_session"),
            parameters.Text("description"),
            parameters.Metadata(),
            parameters.Text("payment_method"),
            parameters.Bool("confirm") ?? false,
            ParamReaders.Url(parameters, "return_url"));
        if (create.ReturnUrl is not null && !create.Confirm)
        {
            throw ApiErrors.InvalidValue("return_url", "You can only pass return_url when confirm=true.");
        }

        return store.Write(request.Origin, change =>
        {
            var intent = SetupIntents.Create(change, create);
            return ApiResponses.Object(change.Render, request, SetupIntentObject.Render(change.Render, intent));
        });
    }

    private static IResult Retrieve(string id, HttpContext http, SandboxStore store)
    {
        var request = http.ApiRequest();
        request.Params.AllowOnly();
        return store.Read(context =>
            ApiResponses.Object(context, request, SetupIntentObject.Render(context, SetupIntents.Find(context.Data, id))));
    }

    private static IResult Confirm(string id, HttpContext http, SandboxStore store)
    {
        var request = http.ApiRequest();
        request.Params.AllowOnly("payment_method", "return_url");
        var paymentMethod = request.Params.Text("payment_method");
        var returnUrl = ParamReaders.Url(request.Params, "return_url");
        return store.Write(request.Origin, change =>
        {
            var intent = SetupIntents.Find(change.Data, id);
            SetupIntents.Confirm(change, intent, paymentMethod, returnUrl);
            return ApiResponses.Object(change.Render, request, SetupIntentObject.Render(change.Render, intent));
        });
    }

    private static IResult List(HttpContext http, SandboxStore store)
    {
        var request = http.ApiRequest();
        request.Params.AllowOnly([.. Pagination.Params, "customer", "payment_method"]);
        var customer = request.Params.Text("customer");
        var paymentMethod = request.Params.Text("payment_method");
        return store.Read(context => ApiResponses.List(
            context,
            request,
            context.Data.SetupIntents.Values.Where(s =>
                (customer is null || s.Customer == customer) && (paymentMethod is null || s.PaymentMethod == paymentMethod)),
            s => s.Id,
            s => s.Sequence,
            s => SetupIntentObject.Render(context, s),
            "setupintent"));
    }
}
