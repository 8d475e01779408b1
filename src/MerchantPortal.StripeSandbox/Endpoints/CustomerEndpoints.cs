using MerchantPortal.StripeSandbox.Http;
using MerchantPortal.StripeSandbox.Objects;
using MerchantPortal.StripeSandbox.Operations;
using MerchantPortal.StripeSandbox.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace MerchantPortal.StripeSandbox.Endpoints;

/// <summary><c>/v1/customers</c>.</summary>
internal static class CustomerEndpoints
{
    public static void MapCustomerEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapPost("/v1/customers", Create).Returns("customer");
        api.MapGet("/v1/customers", List).ReturnsListOf("customer");
        api.MapGet("/v1/customers/{id}", Retrieve).Returns("customer");
        api.MapPost("/v1/customers/{id}", Update).Returns("customer");
        api.MapGet("/v1/customers/{id}/payment_methods", ListPaymentMethods).ReturnsListOf("payment_method");
    }

    private static IResult Create(HttpContext http, SandboxStore store)
    {
        var request = http.ApiRequest();
        var parameters = request.Params;
        parameters.AllowOnly("address", "description", "email", "invoice_settings", "metadata", "name", "payment_method", "phone");
        var changes = ReadChanges(parameters) with { PaymentMethod = parameters.Text("payment_method") };
        return store.Write(request.Origin, change =>
            ApiResponses.Object(change.Render, request, CustomerObject.Render(Customers.Create(change, changes))));
    }

    private static IResult Retrieve(string id, HttpContext http, SandboxStore store)
    {
        var request = http.ApiRequest();
        request.Params.AllowOnly();
        return store.Read(context => ApiResponses.Object(context, request, CustomerObject.Render(Customers.Find(context.Data, id))));
    }

    private static IResult Update(string id, HttpContext http, SandboxStore store)
    {
        var request = http.ApiRequest();
        request.Params.AllowOnly("address", "description", "email", "invoice_settings", "metadata", "name", "phone");
        var changes = ReadChanges(request.Params);
        return store.Write(request.Origin, change =>
        {
            var customer = Customers.Find(change.Data, id);
            Customers.Update(change, customer, changes);
            return ApiResponses.Object(change.Render, request, CustomerObject.Render(customer));
        });
    }

    private static IResult List(HttpContext http, SandboxStore store)
    {
        var request = http.ApiRequest();
        request.Params.AllowOnly([.. Pagination.Params, "email"]);
        var email = request.Params.Text("email");
        return store.Read(context => ApiResponses.List(
            context,
            request,
            context.Data.Customers.Values.Where(c => email is null || string.Equals(c.Email, email, StringComparison.OrdinalIgnoreCase)),
            c => c.Id,
            c => c.Sequence,
            CustomerObject.Render,
            "customer"));
    }

    private static IResult ListPaymentMethods(string id, HttpContext http, SandboxStore store)
    {
        var request = http.ApiRequest();
        request.Params.AllowOnly([.. Pagination.Params, "type"]);
        request.Params.OneOf("type", "card");
        return store.Read(context =>
        {
            var customer = Customers.Find(context.Data, id);
            return ApiResponses.List(
                context,
                request,
                context.Data.PaymentMethods.Values.Where(p => p.Customer == customer.Id),
                p => p.Id,
                p => p.Sequence,
                PaymentMethodObject.Render,
                "PaymentMethod");
        });
    }

    private static CustomerChanges ReadChanges(ApiParams parameters)
    {
        var invoiceSettings = parameters.Hash("invoice_settings");
        invoiceSettings?.AllowOnly("default_payment_method");
        return new CustomerChanges(
            parameters.String("email"),
            parameters.String("name"),
            parameters.String("phone"),
            parameters.String("description"),
            ParamReaders.Address(parameters),
            parameters.Metadata(),
            PaymentMethod: null,
            invoiceSettings?.String("default_payment_method"));
    }
}
