using System.Globalization;
using MerchantPortal.Catalog;
using MerchantPortal.Common;
using MerchantPortal.Identity;
using MerchantPortal.Web.Api;
using MerchantPortal.Web.Features.ApiKeys;
using MerchantPortal.Web.Features.Orders;

namespace MerchantPortal.Web.Features.Catalog.Api;

/// <summary><c>/api/v1/items</c>: the catalog export — what can be ordered, its bounds, fields and stock (docs/api.md).</summary>
public static class CatalogApi
{
    public const int MaxLimit = 100;

    public static RouteGroupBuilder MapCatalogApi(this RouteGroupBuilder api)
    {
        var items = api.MapGroup("/items").WithTags("Catalog");

        items.MapGet("", ListAsync)
            .RequireScope(Scopes.CatalogRead)
            .WithName("ListItems")
            .WithSummary("List catalog items")
            .WithDescription("The items the merchant can order, by name, optionally filtered by product_type and currency; limit 1–100 (default 100).")
            .Produces<ListObject<ItemObject>>()
            .ProducesProblems(422);

        items.MapGet("/{id:long}", GetAsync)
            .RequireScope(Scopes.CatalogRead)
            .WithName("GetItem")
            .WithSummary("Retrieve a catalog item")
            .WithDescription("One item with its type, quantity bounds, input fields (choices with their numeric ids) and, for keys, the stock of codes.")
            .Produces<ItemObject>()
            .ProducesProblems(404);

        return items;
    }

    private static async Task<IResult> ListAsync(HttpContext http, CatalogService catalog, CancellationToken ct)
    {
        var q = http.Request.Query;
        List<Error> errors = [];
        ProductType? type = null;
        if (q.TryGetValue("product_type", out var typeText))
        {
            type = WireNames.TryParse<ProductType>(typeText, out var parsed) ? parsed : null;
            if (type is null)
            {
                errors.Add(new Error("FILTER_INVALID", $"product_type is one of {WireNames.All<ProductType>()}.", "product_type"));
            }
        }

        var limit = MaxLimit;
        if (q.TryGetValue("limit", out var l) && (!int.TryParse(l, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > MaxLimit))
        {
            errors.Add(new Error("LIMIT_INVALID", $"limit is a whole number from 1 to {MaxLimit}.", "limit"));
        }

        if (Error.Combine(errors) is { } invalid)
        {
            return ApiResults.Problem(invalid);
        }

        var page = await catalog.ListAsync(new CatalogQuery(Type: type, Currency: q["currency"].ToString(), PageSize: limit), ApiKeyClaims.ToActor(http.User), ct);
        return TypedResults.Ok(new ListObject<ItemObject>("list", [.. page.Items.Select(ItemObject.From)], page.TotalCount > page.Items.Count, http.Request.Path));
    }

    private static async Task<IResult> GetAsync(long id, HttpContext http, CatalogService catalog, CancellationToken ct) =>
        await catalog.GetAsync(id, ApiKeyClaims.ToActor(http.User), ct) is { } item
            ? TypedResults.Ok(ItemObject.From(item))
            : ApiResults.Problem(CatalogErrors.NotFound);
}
