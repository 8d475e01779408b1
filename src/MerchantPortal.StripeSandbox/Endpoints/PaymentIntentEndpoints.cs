using MerchantPortal.StripeSandbox.Http;
using MerchantPortal.StripeSandbox.Objects;
using MerchantPortal.StripeSandbox.Operations;
using MerchantPortal.StripeSandbox.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace MerchantPortal.StripeSandbox.Endpoints;

/// <summary><c>/v1/payment_intents</c> (automatic capture).</summary>
internal static class PaymentIntentEndpoints
{
    private const long MaximumAmount = 99_999_999;

    public static void MapPaymentIntentEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapPost("/v1/payment_intents", Create).Returns("payment_intent");
        api.MapGet("/v1/payment_intents", List).ReturnsListOf("payment_intent");
        api.MapGet("/v1/payment_intents/{id}", Retrieve).Returns("payment_intent");
        api.MapPost("/v1/payment_intents/{id}/confirm", Confirm).Returns("payment_intent");
        api.MapPost("/v1/payment_intents/{id}/cancel", Cancel).Returns("payment_intent");
    }

    private static IResult Create(HttpContext http, SandboxStore store)
    {
        var request = http.ApiRequest();
        var parameters = request.Params;
        parameters.AllowOnly("allowed_payment_method_types", "amount", "automatic_payment_methods", "capture_method", "confirm", "currency", "customer", "description",
            "metadata", "off_session", "payment_method", "payment_method_types", "receipt_email", "return_url", "setup_future_usage",
            "statement_descriptor", "statement_descriptor_suffix");
        parameters.OneOf("capture_method", "automatic");
        var currency = Currency(parameters);
        var amount = Amount(parameters, currency);
        var types = ParamReaders.PaymentMethodTypes(parameters);
        var confirm = parameters.Bool("confirm") ?? false;
        var confirmation = ReadConfirmation(parameters);
        if (!confirm && (confirmation.OffSession || confirmation.ReturnUrl is not null))
        {
            throw ApiErrors.InvalidValue(confirmation.OffSession ? "off_session" : "return_url",
                $"You can only pass {(confirmation.OffSession ? "off_session" : "return_url")} when confirm=true.");
        }

        var create = new CreatePaymentIntent(
            amount,
            currency,
            parameters.Text("customer"),
            parameters.Text("payment_method"),
            types,
            ParamReaders.AutomaticPaymentMethods(parameters, types),
            parameters.Text("description"),
            parameters.Metadata(),
            parameters.Text("receipt_email"),
            parameters.OneOf("setup_future_usage", "off_session", "on_session"),
            Descriptor(parameters, "statement_descriptor"),
            Descriptor(parameters, "statement_descriptor_suffix"),
            confirm,
            confirmation with { PaymentMethod = null });
        return store.Write(request.Origin, change =>
        {
            var intent = PaymentIntents.Create(change, create);
            return ApiResponses.Object(change.Render, request, PaymentIntentObject.Render(change.Render, intent));
        });
    }

    private static IResult Retrieve(string id, HttpContext http, SandboxStore store)
    {
        var request = http.ApiRequest();
        request.Params.AllowOnly();
        return store.Read(context =>
            ApiResponses.Object(context, request, PaymentIntentObject.Render(context, PaymentIntents.Find(context.Data, id))));
    }

    private static IResult Confirm(string id, HttpContext http, SandboxStore store)
    {
        var request = http.ApiRequest();
        request.Params.AllowOnly("off_session", "payment_method", "return_url");
        var confirmation = ReadConfirmation(request.Params);
        return store.Write(request.Origin, change =>
        {
            var intent = PaymentIntents.Find(change.Data, id);
            PaymentIntents.Confirm(change, intent, confirmation);
            return ApiResponses.Object(change.Render, request, PaymentIntentObject.Render(change.Render, intent));
        });
    }

    private static IResult Cancel(string id, HttpContext http, SandboxStore store)
    {
        var request = http.ApiRequest();
        request.Params.AllowOnly("cancellation_reason");
        var reason = request.Params.OneOf("cancellation_reason", "abandoned", "duplicate", "fraudulent", "requested_by_customer");
        return store.Write(request.Origin, change =>
        {
            var intent = PaymentIntents.Find(change.Data, id);
            PaymentIntents.Cancel(change, intent, reason);
            return ApiResponses.Object(change.Render, request, PaymentIntentObject.Render(change.Render, intent));
        });
    }

    private static IResult List(HttpContext http, SandboxStore store)
    {
        var request = http.ApiRequest();
        request.Params.AllowOnly([.. Pagination.Params, "customer"]);
        var customer = request.Params.Text("customer");
        return store.Read(context => ApiResponses.List(
            context,
            request,
            context.Data.PaymentIntents.Values.Where(p => customer is null || p.Customer == customer),
            p => p.Id,
            p => p.Sequence,
            p => PaymentIntentObject.Render(context, p),
            "payment_intent"));
    }

    /// <summary><c>off_session</c> is a boolean, or <c>one_off</c> / <c>recurring</c> (both meaning true).</summary>
    private static ConfirmIntent ReadConfirmation(ApiParams parameters)
    {
        var offSession = parameters.Text("off_session") switch
        {
            null or "false" => false,
            "true" or "one_off" or "recurring" => true,
            var other => throw ApiErrors.InvalidValue("off_session", $"Invalid boolean: {other}"),
        };
        return new ConfirmIntent(parameters.Text("payment_method"), ParamReaders.Url(parameters, "return_url"), offSession);
    }

    private static string Currency(ApiParams parameters)
    {
        var currency = parameters.RequiredText("currency").ToLowerInvariant();
        return Currencies.IsSupported(currency)
            ? currency
            : throw ApiErrors.InvalidValue("currency", $"Invalid currency: {currency}. Stripe currently supports three-letter ISO currency codes such as usd or eur.");
    }

    private static long Amount(ApiParams parameters, string currency)
    {
        var amount = parameters.Long("amount") ?? throw ApiErrors.MissingParam("amount");
        if (amount < 1)
        {
            throw ApiErrors.InvalidValue("amount", "This value must be greater than or equal to 1.");
        }

        if (amount < Currencies.Minimum(currency))
        {
            throw ApiErrors.InvalidRequest($"Amount must be at least {Currencies.Format(Currencies.Minimum(currency), currency)}", "amount", "amount_too_small");
        }

        return amount <= MaximumAmount
            ? amount
            : throw ApiErrors.InvalidRequest($"Amount must be no more than {Currencies.Format(MaximumAmount, currency)}", "amount", "amount_too_large");
    }

    private static string? Descriptor(ApiParams parameters, string name)
    {
        var value = parameters.Text(name);
        return value is null or { Length: <= 22 }
            ? value
            : throw ApiErrors.InvalidValue(name, $"The {name} must be at most 22 characters.");
    }
}
