using MerchantPortal.StripeSandbox.Http;
using MerchantPortal.StripeSandbox.Objects;
using MerchantPortal.StripeSandbox.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace MerchantPortal.StripeSandbox.Endpoints;

/// <summary><c>/v1/events</c>, rendered in the request's <c>Stripe-Version</c>.</summary>
internal static class EventEndpoints
{
    public static void MapEventEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapGet("/v1/events", List).ReturnsListOf("event");
        api.MapGet("/v1/events/{id}", Retrieve).Returns("event");
    }

    private static IResult Retrieve(string id, HttpContext http, SandboxStore store)
    {
        var request = http.ApiRequest();
        request.Params.AllowOnly();
        return store.Read(context =>
        {
            var record = context.Data.Events.GetValueOrDefault(id) ?? throw ApiErrors.NoSuch("event", id, "id");
            return ApiResponses.Object(context, request, EventObject.Render(record, request.ApiVersion));
        });
    }

    /// <summary>Filters by <c>type</c>, which may end in <c>.*</c> (<c>payment_intent.*</c>) as on Stripe.</summary>
    private static IResult List(HttpContext http, SandboxStore store)
    {
        var request = http.ApiRequest();
        request.Params.AllowOnly([.. Pagination.Params, "type"]);
        var type = request.Params.Text("type");
        Func<string, bool> matches = type switch
        {
            null => _ => true,
            _ when type.EndsWith(".*", StringComparison.Ordinal) => t => t.StartsWith(type[..^1], StringComparison.Ordinal),
            _ => t => t == type,
        };
        return store.Read(context => ApiResponses.List(
            context,
            request,
            context.Data.Events.Values.Where(e => matches(e.Type)),
            e => e.Id,
            e => e.Sequence,
            e => EventObject.Render(e, request.ApiVersion),
            "event"));
    }
}
