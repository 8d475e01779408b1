using MerchantPortal.StripeSandbox.Http;
using MerchantPortal.StripeSandbox.State;

namespace MerchantPortal.StripeSandbox.Endpoints;

/// <summary>Readers for parameter groups several endpoints share.</summary>
internal static class ParamReaders
{
    public static AddressRecord? Address(ApiParams parameters, string name = "address")
    {
        var address = parameters.Hash(name);
        if (address is null)
        {
            return null;
        }

        address.AllowOnly("city", "country", "line1", "line2", "postal_code", "state");
        return new AddressRecord(
            address.Text("city"), address.Text("country"), address.Text("line1"), address.Text("line2"), address.Text("postal_code"), address.Text("state"));
    }

    public static BillingDetailsRecord BillingDetails(ApiParams parameters)
    {
        var details = parameters.Hash("billing_details");
        if (details is null)
        {
            return BillingDetailsRecord.None;
        }

        details.AllowOnly("address", "email", "name", "phone");
        return new BillingDetailsRecord(Address(details), details.Text("email"), details.Text("name"), details.Text("phone"));
    }

    /// <summary>
    /// The payment method types an intent may use: <c>allowed_payment_method_types[]</c> (what current API
    /// versions send) or the older <c>payment_method_types[]</c>. The sandbox speaks only <c>card</c>.
    /// </summary>
    public static IReadOnlyList<string>? PaymentMethodTypes(ApiParams parameters)
    {
        if (parameters.Has("allowed_payment_method_types") && parameters.Has("payment_method_types"))
        {
            throw ApiErrors.InvalidRequest(
                "You may only specify one of these parameters: allowed_payment_method_types, payment_method_types.", "payment_method_types");
        }

        var name = parameters.Has("allowed_payment_method_types") ? "allowed_payment_method_types" : "payment_method_types";
        var types = parameters.List(name);
        for (var i = 0; i < (types?.Count ?? 0); i++)
        {
            if (types![i] != "card")
            {
                throw ApiErrors.InvalidValue($"{name}[{i}]",
                    $"The payment method type \"{types[i]}\" is invalid. The Stripe sandbox supports only \"card\".");
            }
        }

        return types is { Count: > 0 } ? types.Distinct(StringComparer.Ordinal).ToList() : null;
    }

    /// <summary>
    /// <c>automatic_payment_methods[enabled]</c>, which Stripe turns on by default when no
    /// <c>payment_method_types</c> are given.
    /// </summary>
    public static bool AutomaticPaymentMethods(ApiParams parameters, IReadOnlyList<string>? paymentMethodTypes)
    {
        var automatic = parameters.Hash("automatic_payment_methods");
        automatic?.AllowOnly("enabled", "allow_redirects");
        var enabled = automatic?.Bool("enabled");
        if (enabled == true && paymentMethodTypes is not null)
        {
            throw ApiErrors.InvalidRequest(
                "You may only specify one of these parameters: automatic_payment_methods, payment_method_types.", "automatic_payment_methods");
        }

        return enabled ?? paymentMethodTypes is null;
    }

    /// <summary>An absolute http(s) URL, such as <c>return_url</c>.</summary>
    public static string? Url(ApiParams parameters, string name)
    {
        var text = parameters.Text(name);
        if (text is null || (Uri.TryCreate(text, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps)))
        {
            return text;
        }

        throw ApiErrors.InvalidValue(parameters.NameOf(name), $"Invalid URL: {text}. URLs must be absolute and begin with http:// or https://.");
    }
}
